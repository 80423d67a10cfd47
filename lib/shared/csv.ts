import { fieldRefusal, type DomainError } from "@/lib/shared/errors";

/**
 * A small CSV reader for the uploads (settlement prices, positions, trades, guaranty fund figures): a header row, comma
 * separated, fields optionally in double quotes ("" inside quotes is a quote). Rows are
 * numbered as the user sees them in a spreadsheet (the header is row 1).
 */
export interface CsvRow {
  /** 1-based line number in the file (header = 1). */
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
}

/** A file that is not such CSV (code "csv"): the message names the row, the field the column when one is at fault. */
function csvError(message: string, field: string | null): DomainError {
  return fieldRefusal("csv", message, field, 400);
}

function splitLine(line: string, row: number): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === "") quoted = true;
    else if (c === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  if (quoted) throw csvError(`row ${row}: a quoted field is not closed`, null);
  out.push(cur.trim());
  return out;
}

/** Parses CSV text with the given required columns (case-insensitive header names). */
export function parseCsv(text: string, required: readonly string[], optional: readonly string[] = []): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerLine = lines[0]?.trim() ?? "";
  if (headerLine === "") throw csvError(`the file is empty: expected a header row with ${required.join(", ")}`, null);
  const header = splitLine(headerLine, 1).map((h) => h.toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) throw csvError(`row 1: the header has no "${col}" column (expected ${required.join(", ")})`, col);
  }
  const known = new Set([...required, ...optional]);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) throw csvError(`row 1: unknown column "${unknown[0]}" (expected ${[...required, ...optional].join(", ")})`, unknown[0]!);
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const cells = splitLine(line, i + 1);
    if (cells.length !== header.length) throw csvError(`row ${i + 1}: ${cells.length} fields where the header has ${header.length}`, null);
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = cells[j]!));
    rows.push({ row: i + 1, values });
  }
  if (rows.length === 0) throw csvError("the file has a header but no rows", null);
  return rows;
}
