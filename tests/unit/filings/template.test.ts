import { strToU8, unzipSync, strFromU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkTemplatePeriods, parseTemplate, readCsv, templateCsv, templateXlsx, TemplateRefused, type TemplateStatement } from "@/lib/server/filings/template";
import { LINE_CODES, TEMPLATE_COLUMNS } from "@/lib/validation/filing";

const TODAY = "2026-11-23";

function csvRow(values: Record<string, string>): string {
  return TEMPLATE_COLUMNS.map((c) => values[c] ?? "").map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
}

const GOOD = { period_end: "2026-09-30", current_assets: "95,000,000.00", total_liabilities: "80000000", subordinated_liabilities: "10000000", charge_speculative_proprietary: "1000000", customer_risk_maintenance_pb: "200000000", noncustomer_risk_maintenance_pb: "50000000" };

function refusal(fn: () => unknown): TemplateRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateRefused) return e;
    throw e;
  }
  throw new Error("expected the template to be refused");
}

/** An XLSX workbook as Excel writes it: shared strings for text, numbers as numeric cells, one inline string. */
function workbook(rows: (string | number | null)[][], { inlineHeader = false } = {}): Uint8Array {
  const shared: string[] = [];
  const letters = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells
      .map((v, c) => {
        const ref = `${letters(c)}${r + 1}`;
        if (v === null) return "";
        if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
        if (inlineHeader && r === 0) return `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
        shared.push(v);
        return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
      })
      .join("")}</row>`)
    .join("");
  return zipSync({
    "[Content_Types].xml": strToU8("<Types/>"),
    "xl/workbook.xml": strToU8("<workbook/>"),
    "xl/sharedStrings.xml": strToU8(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared.map((s) => `<si><r><t>${s.slice(0, 3)}</t></r><r><t xml:space="preserve">${s.slice(3)}</t></r></si>`).join("")}</sst>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`),
  });
}

describe("financial statement template", () => {
  it("offers a CSV and an XLSX template whose header row names every column, and both read back", () => {
    expect(templateCsv().trim().split(",")).toEqual([...TEMPLATE_COLUMNS]);
    const files = unzipSync(templateXlsx());
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]));
    expect(strFromU8(files["xl/sharedStrings.xml"]!)).toContain("<t>total_liabilities</t>");
    // The downloaded templates are valid, but empty: importing them asks for a statement row.
    expect(refusal(() => parseTemplate(strToU8(templateCsv()), "t.csv")).message).toBe("row 2: the template has no statement rows under the header");
    expect(refusal(() => parseTemplate(templateXlsx(), "t.xlsx")).message).toBe("row 2: the template has no statement rows under the header");
  });

  it("reads a valid CSV with quoted fields, thousands separators and blank optional lines", () => {
    const csv = `\uFEFF${TEMPLATE_COLUMNS.join(",")}\r\n${csvRow(GOOD)}\r\n\r\n${csvRow({ ...GOOD, period_end: "2026-10-31", current_assets: "", total_assets: "1234.5" })}\n`;
    const rows = parseTemplate(strToU8(csv), "september.csv");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 2, periodEnd: "2026-09-30", lines: { current_assets: "95000000.00", total_liabilities: "80000000", prepaid_expenses: "" } });
    expect(rows[1]).toMatchObject({ row: 4, periodEnd: "2026-10-31", lines: { current_assets: "", total_assets: "1234.5" } });
    expect(Object.keys(rows[0]!.lines).sort()).toEqual([...LINE_CODES].sort());
  });

  it("reads quoted fields with commas, doubled quotes and newlines as one field", () => {
    const grid = readCsv('a,"b, ""c""\nd",e\r\n1,2,3');
    expect(grid.get(1)).toEqual(new Map([[0, "a"], [1, 'b, "c"\nd'], [2, "e"]]));
    expect(grid.get(2)).toEqual(new Map([[0, "1"], [1, "2"], [2, "3"]]));
  });

  it("reads a valid XLSX: shared strings (rich text runs), inline strings, numeric cells with float noise, a date serial", () => {
    const header = [...TEMPLATE_COLUMNS];
    const values = header.map((c) => {
      if (c === "period_end") return 46295; // 2026-09-30 as an Excel date serial
      if (c === "current_assets") return 95000000.10000001;
      if (c === "total_liabilities") return "80,000,000.00";
      if (c === "customer_risk_maintenance_pb") return 200000000;
      if (c === "noncustomer_risk_maintenance_pb") return 0;
      return null;
    });
    for (const inlineHeader of [false, true]) {
      const rows = parseTemplate(workbook([header, values], { inlineHeader }), "s.xlsx");
      expect(rows).toEqual([expect.objectContaining({ row: 2, periodEnd: "2026-09-30" })]);
      expect(rows[0]!.lines).toMatchObject({ current_assets: "95000000.1", total_liabilities: "80000000.00", customer_risk_maintenance_pb: "200000000", noncustomer_risk_maintenance_pb: "0", prepaid_expenses: "" });
    }
  });

  it("refuses a template with a missing column, naming the column", () => {
    const cols = TEMPLATE_COLUMNS.filter((c) => c !== "total_liabilities");
    const csv = `${cols.join(",")}\n${cols.map((c) => (GOOD as Record<string, string>)[c] ?? "").join(",")}\n`;
    expect(refusal(() => parseTemplate(strToU8(csv), "x.csv")).message).toBe("row 1, column total_liabilities: the column is missing from the header row");
    const xlsx = workbook([cols, cols.map(() => null)]);
    expect(refusal(() => parseTemplate(xlsx, "x.xlsx")).problems).toEqual([{ row: 1, column: "total_liabilities", message: "the column is missing from the header row" }]);
  });

  it("refuses a non-numeric amount, naming the row and the column", () => {
    const csv = `${TEMPLATE_COLUMNS.join(",")}\n${csvRow(GOOD)}\n${csvRow({ ...GOOD, period_end: "2026-10-31" })}\n${csvRow({ ...GOOD, period_end: "2026-08-31", total_liabilities: "abc" })}\n`;
    expect(refusal(() => parseTemplate(strToU8(csv), "x.csv")).message).toBe("row 4, column total_liabilities: 'abc' is not an amount (digits with at most two decimals)");
    const negative = `${TEMPLATE_COLUMNS.join(",")}\n${csvRow({ ...GOOD, charge_other: "-5" })}\n`;
    expect(refusal(() => parseTemplate(strToU8(negative), "x.csv")).message).toMatch(/^row 2, column charge_other: '-5' is negative/);
  });

  it("refuses a statement date in the future, or not a month end, naming the row", () => {
    const rows: TemplateStatement[] = [
      { row: 2, periodEnd: "2026-09-30", lines: {} },
      { row: 3, periodEnd: "2026-11-30", lines: {} },
      { row: 4, periodEnd: "2026-08-15", lines: {} },
    ];
    const e = refusal(() => checkTemplatePeriods(rows, "MONTHLY_1FR", TODAY, new Set()));
    expect(e.problems).toEqual([
      { row: 3, column: "period_end", message: "2026-11-30 is in the future; a statement is filed after its date" },
      { row: 4, column: "period_end", message: "2026-08-15 is not the last day of a month" },
    ]);
    expect(() => checkTemplatePeriods(rows.slice(0, 1), "MONTHLY_1FR", TODAY, new Set())).not.toThrow();
    expect(refusal(() => checkTemplatePeriods([{ row: 2, periodEnd: "2026-08-31", lines: {} }], "BANK_QUARTERLY", TODAY, new Set())).message).toMatch(/not a quarter end/);
  });

  it("refuses a duplicate period, in the file or already filed, naming the row", () => {
    const rows: TemplateStatement[] = [
      { row: 2, periodEnd: "2026-09-30", lines: {} },
      { row: 3, periodEnd: "2026-09-30", lines: {} },
      { row: 4, periodEnd: "2026-07-31", lines: {} },
    ];
    const e = refusal(() => checkTemplatePeriods(rows, "MONTHLY_1FR", TODAY, new Set(["2026-07-31"])));
    expect(e.message).toBe("row 3, column period_end: 2026-09-30 is already on row 2 of this file; row 4, column period_end: a report for 2026-07-31 is already filed; file an amendment of it instead");
  });

  it("refuses unknown columns, a file that is not a workbook, and a wrong extension", () => {
    const csv = `${TEMPLATE_COLUMNS.join(",")},notes\n${csvRow(GOOD)}\n`;
    expect(refusal(() => parseTemplate(strToU8(csv), "x.csv")).message).toMatch(/^row 1, column notes: 'notes' is not a template column/);
    expect(refusal(() => parseTemplate(strToU8("hello"), "x.xlsx")).message).toMatch(/^row 1: the file is named .xlsx but is not an Excel workbook/);
    expect(refusal(() => parseTemplate(strToU8(csv), "x.txt")).message).toMatch(/import a .csv or .xlsx template/);
  });
});
