/**
 * The financial statement template a member downloads, fills and imports: one header row of
 * column names (`period_end`, then every statement line code of lib/validation/filing.ts),
 * then one statement per row. Offered as CSV and as XLSX (a minimal SpreadsheetML package we
 * write ourselves). Import reads CSV (RFC 4180 quoting) and XLSX (shared strings, inline
 * strings, numeric cells, date serials) and refuses the whole file with every problem named by
 * row and column; nothing is stored from a refused file.
 */
import "server-only";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser } from "saxes";
import Decimal from "decimal.js";
import { sniff } from "@/lib/files/sniff";
import { LINE_CODES, STATEMENT_LINES, TEMPLATE_COLUMNS, parseAmount, periodProblem, type FilingKindName } from "@/lib/validation/filing";

export interface TemplateProblem {
  /** 1-based row of the sheet / CSV record (the header is row 1) */
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

export function describeProblem(p: TemplateProblem): string {
  return `row ${p.row}${p.column ? `, column ${p.column}` : ""}: ${p.message}`;
}

export class TemplateRefused extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.slice(0, 20).map(describeProblem).join("; ") + (problems.length > 20 ? `; and ${problems.length - 20} more` : ""));
    this.name = "TemplateRefused";
  }
}

export interface TemplateStatement {
  readonly row: number;
  readonly periodEnd: string;
  /** line code → amount text ("" = not given) */
  readonly lines: Readonly<Record<string, string>>;
}

/** Largest number of statement rows one import takes. */
export const MAX_TEMPLATE_ROWS = 240;

// ---------------------------------------------------------------- download

export function templateCsv(): string {
  return `${TEMPLATE_COLUMNS.join(",")}\r\n`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The XLSX template: sheet 1 holds the header row (shared strings), sheet 2 describes each column. */
export function templateXlsx(): Uint8Array {
  const cols = TEMPLATE_COLUMNS;
  const shared = cols.map((c) => `<si><t>${escapeXml(c)}</t></si>`).join("");
  const cells = cols.map((_, i) => `<c r="${columnLetters(i)}1" t="s"><v>${i}</v></c>`).join("");
  const labels = ["Statement date YYYY-MM-DD", ...STATEMENT_LINES.map((l) => l.label)];
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Statement" sheetId="1" r:id="rId1"/><sheet name="Lines" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/sharedStrings.xml": strToU8(`${XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cols.length}" uniqueCount="${cols.length}">${shared}</sst>`),
    "xl/worksheets/sheet1.xml": strToU8(
      `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    ),
    // A second sheet explains each column (inline strings); the import reads sheet 1 only.
    "xl/worksheets/sheet2.xml": strToU8(
      `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cols
        .map((c, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${escapeXml(c)}</t></is></c><c r="B${i + 1}" t="inlineStr"><is><t>${escapeXml(labels[i]!)}</t></is></c></row>`)
        .join("")}</sheetData></worksheet>`,
    ),
  };
  return zipSync(files, { level: 6 });
}

// ---------------------------------------------------------------- reading

/** A sheet as rows of cells: rowNumber → (column index → text). */
type Grid = Map<number, Map<number, string>>;

/** RFC 4180 CSV: commas, double-quoted fields with "" escapes and embedded newlines, CRLF or LF. */
export function readCsv(text: string): Grid {
  const grid: Grid = new Map();
  let s = text.replace(/^\uFEFF/, "");
  if (!s.endsWith("\n")) s += "\n";
  let record = 1;
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== "")) grid.set(record, new Map(fields.map((f, k) => [k, f])));
    record++;
    fields = [];
    field = "";
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\r" && s[i + 1] === "\n") {
      endRecord();
      i++;
    } else if (ch === "\n") endRecord();
    else field += ch;
    i++;
  }
  if (quoted) throw new TemplateRefused([{ row: record, column: null, message: "a quoted field is not closed (a \" is missing)" }]);
  return grid;
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? "";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseXml(xml: string, handlers: { open?: (name: string, attrs: Record<string, string>) => void; close?: (name: string) => void; text?: (t: string) => void }): void {
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => handlers.open?.(tag.name.replace(/^.*:/, ""), tag.attributes as Record<string, string>));
  parser.on("closetag", (tag) => handlers.close?.(tag.name.replace(/^.*:/, "")));
  parser.on("text", (t) => handlers.text?.(t));
  parser.on("cdata", (t) => handlers.text?.(t));
  parser.write(xml).close();
}

function readSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let depthRph = 0;
  parseXml(xml, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") depthRph++;
      else if (name === "t" && depthRph === 0) inT = true;
    },
    close(name) {
      if (name === "si") {
        out.push(current ?? "");
        current = null;
      } else if (name === "rPh") depthRph--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (inT && current !== null) current += t;
    },
  });
  return out;
}

/** Excel stores dates as days since 1899-12-30 (the 1900 system as Excel computes it). */
function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Reads sheet 1 of an XLSX workbook into a grid; numeric cells keep their text, date serials in period_end are converted later. */
export function readXlsx(bytes: Uint8Array): { grid: Grid; numeric: Set<string> } {
  const check = sniff(bytes, "xlsx");
  if (!check.ok) throw new TemplateRefused([{ row: 1, column: null, message: check.reason }]);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === "xl/sharedStrings.xml" || f.name === "xl/worksheets/sheet1.xml" });
  } catch (e) {
    throw new TemplateRefused([{ row: 1, column: null, message: `the workbook cannot be unpacked: ${(e as Error).message}` }]);
  }
  const sheet = files["xl/worksheets/sheet1.xml"];
  if (!sheet) throw new TemplateRefused([{ row: 1, column: null, message: "the workbook has no first worksheet (xl/worksheets/sheet1.xml)" }]);
  const shared = readSharedStrings(files["xl/sharedStrings.xml"] ? strFromU8(files["xl/sharedStrings.xml"]) : undefined);
  const grid: Grid = new Map();
  const numeric = new Set<string>();
  let rowNumber = 0;
  let cell: { ref: string; type: string; col: number } | null = null;
  let value = "";
  let inValue = false;
  let nextCol = 0;
  try {
    parseXml(strFromU8(sheet), {
      open(name, attrs) {
        if (name === "row") {
          rowNumber = attrs.r ? Number.parseInt(attrs.r, 10) : rowNumber + 1;
          nextCol = 0;
        } else if (name === "c") {
          const col = attrs.r ? columnIndex(attrs.r) : nextCol;
          cell = { ref: attrs.r ?? "", type: attrs.t ?? "n", col };
          nextCol = col + 1;
          value = "";
        } else if (cell && (name === "v" || name === "t")) inValue = true;
      },
      close(name) {
        if (name === "v" || name === "t") inValue = false;
        else if (name === "c" && cell) {
          let text = value;
          if (cell.type === "s") text = shared[Number.parseInt(value, 10)] ?? "";
          else if (cell.type === "b") text = value === "1" ? "TRUE" : "FALSE";
          if (text.trim() !== "") {
            if (!grid.has(rowNumber)) grid.set(rowNumber, new Map());
            grid.get(rowNumber)!.set(cell.col, text);
            if (cell.type === "n") numeric.add(`${rowNumber}:${cell.col}`);
          }
          cell = null;
        }
      },
      text(t) {
        if (inValue && cell) value += t;
      },
    });
  } catch (e) {
    if (e instanceof TemplateRefused) throw e;
    throw new TemplateRefused([{ row: rowNumber || 1, column: null, message: `the worksheet is not valid XML: ${(e as Error).message}` }]);
  }
  return { grid, numeric };
}

/** A numeric cell's text as an amount: float noise beyond the cent (1234.5600000000002) is rounded away. */
function numericAmountText(text: string): string {
  try {
    const d = new Decimal(text);
    const cents = d.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    if (d.minus(cents).abs().lessThan("0.000001")) return cents.toFixed();
  } catch {
    /* not a number: let parseAmount say so */
  }
  return text;
}

// ---------------------------------------------------------------- grid → statements

function statementsFromGrid(grid: Grid, numeric: Set<string> | null): TemplateStatement[] {
  const problems: TemplateProblem[] = [];
  const rowNumbers = [...grid.keys()].sort((a, b) => a - b);
  const headerRow = rowNumbers[0];
  if (headerRow === undefined) throw new TemplateRefused([{ row: 1, column: null, message: "the file is empty: the first row must name the columns" }]);
  const header = grid.get(headerRow)!;
  const colOf = new Map<string, number>();
  for (const [idx, raw] of [...header.entries()].sort((a, b) => a[0] - b[0])) {
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    if (!TEMPLATE_COLUMNS.includes(name)) problems.push({ row: headerRow, column: name, message: `'${raw.trim()}' is not a template column (download the template for the column names)` });
    else if (colOf.has(name)) problems.push({ row: headerRow, column: name, message: "the column appears twice" });
    else colOf.set(name, idx);
  }
  for (const c of TEMPLATE_COLUMNS) if (!colOf.has(c)) problems.push({ row: headerRow, column: c, message: "the column is missing from the header row" });
  if (problems.length) throw new TemplateRefused(problems);

  const dataRows = rowNumbers.slice(1);
  if (dataRows.length === 0) throw new TemplateRefused([{ row: headerRow + 1, column: null, message: "the template has no statement rows under the header" }]);
  if (dataRows.length > MAX_TEMPLATE_ROWS) throw new TemplateRefused([{ row: dataRows[MAX_TEMPLATE_ROWS]!, column: null, message: `at most ${MAX_TEMPLATE_ROWS} statement rows per file` }]);
  const known = new Set(colOf.values());
  const out: TemplateStatement[] = [];
  for (const r of dataRows) {
    const cells = grid.get(r)!;
    for (const [idx, v] of cells) {
      if (!known.has(idx) && v.trim() !== "") problems.push({ row: r, column: columnLetters(idx), message: `'${v.trim()}' is in a column without a name in the header` });
    }
    const pcol = colOf.get("period_end")!;
    let periodEnd = (cells.get(pcol) ?? "").trim();
    if (numeric?.has(`${r}:${pcol}`) && /^\d+(\.0+)?$/.test(periodEnd)) periodEnd = excelSerialToIso(Number(periodEnd));
    if (periodEnd === "") problems.push({ row: r, column: "period_end", message: "the statement date is missing" });
    const lines: Record<string, string> = {};
    for (const code of LINE_CODES) {
      const idx = colOf.get(code)!;
      let raw = cells.get(idx) ?? "";
      if (numeric?.has(`${r}:${idx}`)) raw = numericAmountText(raw.trim());
      const parsed = parseAmount(raw);
      if (!parsed.ok) problems.push({ row: r, column: code, message: parsed.message });
      else lines[code] = parsed.value ?? "";
    }
    for (const l of STATEMENT_LINES) {
      if (l.required && lines[l.code] === "") problems.push({ row: r, column: l.code, message: `${l.label} is required` });
    }
    if (lines.current_assets === "" && lines.total_assets === "") problems.push({ row: r, column: "current_assets", message: "give current assets or total assets" });
    out.push({ row: r, periodEnd, lines });
  }
  if (problems.length) throw new TemplateRefused(problems);
  return out;
}

/** Reads a template file (by its name's extension) into statements; throws TemplateRefused naming every problem. */
export function parseTemplate(bytes: Uint8Array, fileName: string): TemplateStatement[] {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "csv") {
    const check = sniff(bytes, "csv");
    if (!check.ok) throw new TemplateRefused([{ row: 1, column: null, message: check.reason }]);
    return statementsFromGrid(readCsv(new TextDecoder().decode(bytes)), null);
  }
  if (ext === "xlsx") {
    const { grid, numeric } = readXlsx(bytes);
    return statementsFromGrid(grid, numeric);
  }
  throw new TemplateRefused([{ row: 1, column: null, message: `"${fileName}": import a .csv or .xlsx template` }]);
}

/**
 * Checks imported statements for one kind of report: each statement date a valid period end
 * not in the future, no period twice in the file, none already filed (`filedPeriods`: the
 * firm's original filings of that kind, as YYYY-MM-DD).
 */
export function checkTemplatePeriods(statements: readonly TemplateStatement[], kind: FilingKindName, today: string, filedPeriods: ReadonlySet<string>): void {
  const problems: TemplateProblem[] = [];
  const seen = new Map<string, number>();
  for (const s of statements) {
    if (s.periodEnd === "") continue;
    const p = periodProblem(kind, s.periodEnd, today);
    if (p) {
      problems.push({ row: s.row, column: "period_end", message: p });
      continue;
    }
    const first = seen.get(s.periodEnd);
    if (first !== undefined) problems.push({ row: s.row, column: "period_end", message: `${s.periodEnd} is already on row ${first} of this file` });
    else seen.set(s.periodEnd, s.row);
    if (filedPeriods.has(s.periodEnd)) problems.push({ row: s.row, column: "period_end", message: `a report for ${s.periodEnd} is already filed; file an amendment of it instead` });
  }
  if (problems.length) throw new TemplateRefused(problems);
}
