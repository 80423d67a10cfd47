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

export class CsvError extends Error {
  constructor(message: string, readonly row: number | null, readonly field: string | null) {
    super(message);
    this.name = "CsvError";
  }
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
  if (quoted) throw new CsvError(`row ${row}: a quoted field is not closed`, row, null);
  out.push(cur.trim());
  return out;
}

/** Parses CSV text with the given required columns (case-insensitive header names). */
export function parseCsv(text: string, required: readonly string[], optional: readonly string[] = []): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerLine = lines[0]?.trim() ?? "";
  if (headerLine === "") throw new CsvError(`the file is empty: expected a header row with ${required.join(", ")}`, 1, null);
  const header = splitLine(headerLine, 1).map((h) => h.toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) throw new CsvError(`row 1: the header has no "${col}" column (expected ${required.join(", ")})`, 1, col);
  }
  const known = new Set([...required, ...optional]);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) throw new CsvError(`row 1: unknown column "${unknown[0]}" (expected ${[...required, ...optional].join(", ")})`, 1, unknown[0]!);
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const cells = splitLine(line, i + 1);
    if (cells.length !== header.length) throw new CsvError(`row ${i + 1}: ${cells.length} fields where the header has ${header.length}`, i + 1, null);
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = cells[j]!));
    rows.push({ row: i + 1, values });
  }
  if (rows.length === 0) throw new CsvError("the file has a header but no rows", null, null);
  return rows;
}
