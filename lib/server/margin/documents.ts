/**
 * A margin statement as a printable PDF (pdf-lib, standard fonts, A4 landscape-free portrait
 * layout with page breaks) and as CSV. The PDF's Subject and Keywords carry the key totals too,
 * so a reader without text extraction can check them.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { dec, formatAmount, formatPercent } from "@/lib/risk/money";
import { ORIGIN_LABELS, type StatementBreakdown } from "./statement";
import type { StatementExplain } from "./explain";

export interface StatementDocumentInput {
  readonly firmName: string;
  readonly firmCode: string;
  readonly cycleLabel: string;
  readonly breakdown: StatementBreakdown;
  readonly generatedAt: Date;
  /** Why margin changed since the previous cycle (absent: not shown). */
  readonly explain?: StatementExplain;
  readonly previousCycleLabel?: string | null;
}

const EXPLAIN_PARTS = [
  ["previous", "previous"],
  ["positions", "positions (trades, expiries)"],
  ["prices", "prices and risk arrays"],
  ["parameters", "parameters (scan ranges, spread and short option minimum rates)"],
  ["addOns", "add-ons (Rule 824, concentration)"],
  ["change", "change"],
  ["current", "now"],
] as const;

/** Money in the statement (exact: lib/risk/money.ts formatAmount). */
export const money = formatAmount;

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 40;

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(readonly doc: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont, readonly footer: string) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.y = A4.h - MARGIN;
    const n = this.doc.getPageCount();
    this.page.drawText(`${this.footer} - page ${n}`, { x: MARGIN, y: 20, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }
  text(s: string, opts: { size?: number; bold?: boolean; x?: number } = {}): void {
    const size = opts.size ?? 9;
    this.ensure(size + 4);
    this.page.drawText(s, { x: opts.x ?? MARGIN, y: this.y - size, size, font: opts.bold ? this.bold : this.font });
    this.y -= size + 4;
  }
  gap(h = 6): void {
    this.y -= h;
  }
  /** A table: columns with widths and alignment; the header in bold, a rule under it. */
  table(columns: readonly { label: string; width: number; right?: boolean }[], rows: readonly (readonly string[])[]): void {
    const size = 8;
    const drawRow = (cells: readonly string[], font: PDFFont) => {
      this.ensure(size + 4);
      let x = MARGIN;
      columns.forEach((c, i) => {
        const t = cells[i] ?? "";
        const w = font.widthOfTextAtSize(t, size);
        this.page.drawText(t, { x: c.right ? x + c.width - w - 4 : x, y: this.y - size, size, font });
        x += c.width;
      });
      this.y -= size + 4;
    };
    drawRow(columns.map((c) => c.label), this.bold);
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: A4.w - MARGIN, y: this.y + 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    for (const r of rows) drawRow(r, this.font);
  }
}

export async function statementPdf(input: StatementDocumentInput): Promise<Uint8Array> {
  const b = input.breakdown;
  const doc = await PDFDocument.create();
  const totals = `maintenance ${money(b.span.maintenance)}; initial ${money(b.span.initial)}; collateral ${money(b.collateral.value)}; ${b.result.status} ${money(b.result.excess)}; call ${money(b.result.call)}; settlement variation ${money(b.variation)}`;
  doc.setTitle(`Margin statement ${b.accountNumber} ${input.cycleLabel}`);
  doc.setSubject(`Margin statement totals (${b.span.currency}): ${totals}`);
  doc.setKeywords(["margin statement", b.accountNumber, input.cycleLabel, `maintenance ${b.span.maintenance}`, `initial ${b.span.initial}`, `call ${b.result.call}`]);
  doc.setAuthor("Clearing Member Portal");
  doc.setCreationDate(input.generatedAt);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), `Margin statement ${b.accountNumber}, ${input.cycleLabel}`);
  w.text("Margin statement", { size: 16, bold: true });
  w.text(`${input.firmName} (${input.firmCode})`, { size: 11 });
  w.text(`Account ${b.accountNumber} - ${ORIGIN_LABELS[b.origin]}${b.customerAccountId ? `, customer ${b.customerAccountId}` : ""}`);
  w.text(`Settlement ${input.cycleLabel} - amounts in ${b.span.currency} - generated ${input.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  w.gap();
  w.text("Summary", { size: 12, bold: true });
  w.table(
    [{ label: "", width: 260 }, { label: b.span.currency, width: 120, right: true }],
    [
      ["Settlement variation (Rule 814)", money(b.variation)],
      ["Maintenance requirement", money(b.span.maintenance)],
      [`Initial requirement (maintenance + ${formatPercent(b.span.initialBuffer)}%)`, money(b.span.initial)],
      ["Collateral value after haircuts (Rule 820)", money(b.collateral.value)],
      [b.result.status === "deficit" ? "Deficit against maintenance" : "Excess over maintenance", money(b.result.excess)],
      [`Performance bond call${b.result.callTo ? ` (to ${b.result.callTo})` : ""}`, money(b.result.call)],
    ],
  );
  w.gap();
  w.text("Positions and settlement variation", { size: 12, bold: true });
  w.table(
    [{ label: "Contract", width: 150 }, { label: "Quantity", width: 55, right: true }, { label: "Previous", width: 70, right: true }, { label: "Trades", width: 95 }, { label: "Settlement", width: 70, right: true }, { label: "Variation", width: 75, right: true }],
    b.positions.map((p) => [p.contract, String(p.quantity), p.previousPrice ?? "-", p.trades.map((t) => `${t.quantity}@${t.price}`).join(" ") || "-", p.settlementPrice, p.variation === null ? "premium" : money(p.variation)]),
  );
  w.text(`Total settlement variation: ${money(b.variation)}`, { bold: true });
  w.gap();
  w.text("SPAN requirement by combined commodity", { size: 12, bold: true });
  w.table(
    [{ label: "Combined commodity", width: 105 }, { label: "Scan risk", width: 62, right: true }, { label: "Scenario", width: 45, right: true }, { label: "Intra", width: 52, right: true }, { label: "Spot", width: 48, right: true }, { label: "Inter credit", width: 58, right: true }, { label: "SOM", width: 48, right: true }, { label: "Requirement", width: 97, right: true }],
    b.span.combinedCommodities.map((c) => [`${c.code} ${c.name}`.slice(0, 24), money(c.scanRisk), c.worstScenario === null ? "-" : String(c.worstScenario), money(c.intraSpreadCharge), money(c.spotCharge), money(c.interSpreadCredit), `${money(c.shortOptionMinimum)}${c.shortOptionMinimumApplies ? "*" : ""}`, money(c.riskRequirement)]),
  );
  // the footnote explains the asterisk, so it is printed only where a line carries one
  const somApplies = b.span.combinedCommodities.some((c) => c.shortOptionMinimumApplies);
  w.text(`SPAN requirement: ${money(b.span.spanRequirement)}${somApplies ? "  (* short option minimum applies)" : ""}`);
  for (const a of b.span.additionalPerformanceBonds) w.text(`${a.label}: ${money(a.amount)}${a.reason ? ` - ${a.reason}` : ""}`.slice(0, 150));
  if (!dec(b.span.concentrationCharge).isZero()) w.text(`Concentration charge: ${money(b.span.concentrationCharge)}`);
  w.text(`Maintenance: ${money(b.span.maintenance)}   Initial: ${money(b.span.initial)}`, { bold: true });
  w.gap();
  w.text("Collateral (Rule 820)", { size: 12, bold: true });
  w.table(
    [{ label: "Type", width: 130 }, { label: "Market value", width: 95, right: true }, { label: "Haircut rate", width: 70, right: true }, { label: "Haircut", width: 85, right: true }, { label: "Value", width: 95, right: true }, { label: "Counts", width: 40 }],
    b.collateral.lines.map((l) => [l.type, money(l.marketValue), `${formatPercent(l.haircutRate, 1)}%`, money(l.haircut), money(l.value), l.eligible ? "yes" : "no"]),
  );
  w.text(`Collateral value after haircuts: ${money(b.collateral.value)}`, { bold: true });
  const e = input.explain;
  if (e) {
    w.gap();
    w.text(e.status === "first" ? "Why margin changed" : `Why margin changed since ${input.previousCycleLabel ?? "the previous cycle"}`, { size: 12, bold: true });
    if (e.status === "first") w.text("This is the account's first statement: there is no previous cycle to compare with.");
    else if (e.status === "unavailable") w.text(`The change cannot be explained: ${e.reason}.`.slice(0, 150));
    else {
      w.table(
        [{ label: "Combined commodity", width: 95 }, { label: "Previous", width: 62, right: true }, { label: "Positions", width: 62, right: true }, { label: "Prices/arrays", width: 62, right: true }, { label: "Parameters", width: 62, right: true }, { label: "Add-ons", width: 55, right: true }, { label: "Change", width: 62, right: true }, { label: "Now", width: 55, right: true }],
        [...e.lines, e.total].map((l) => [`${l.code} ${l.name}`.trim().slice(0, 22), money(l.previous), money(l.positions), money(l.prices), money(l.parameters), money(l.addOns), money(l.change), money(l.current)]),
      );
      w.text("Symmetric split (Shapley value over positions, prices and risk arrays, parameters); add-ons are their own change. Parts sum exactly to the change.", { size: 7 });
    }
  }
  w.gap();
  w.text(b.result.status === "deficit" ? `Deficit ${money(b.result.excess)}: performance bond call ${money(b.result.call)} (restores the ${b.result.callTo} level).` : `Excess ${money(b.result.excess)}: no call.`, { size: 11, bold: true });
  return doc.save({ useObjectStreams: false });
}

function csvCell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statementCsv(input: StatementDocumentInput): string {
  const b = input.breakdown;
  const rows: (string | number | null)[][] = [
    ["section", "item", "detail", "quantity", "previous_price", "settlement_price", "amount"],
    ["account", b.accountNumber, ORIGIN_LABELS[b.origin], null, null, null, null],
    ["cycle", input.cycleLabel, b.span.currency, null, null, null, null],
    ...b.positions.map((p) => ["position", p.contract, p.trades.map((t) => `${t.quantity}@${t.price}`).join(" "), p.quantity, p.previousPrice, p.settlementPrice, p.variation]),
    ["total", "settlement variation", null, null, null, null, b.variation],
    ...b.span.combinedCommodities.flatMap((c) => [
      ["span", c.code, "scan risk", null, null, null, c.scanRisk],
      ["span", c.code, `worst scenario ${c.worstScenario ?? "-"}`, null, null, null, null],
      ["span", c.code, "intracommodity spread charge", null, null, null, c.intraSpreadCharge],
      ["span", c.code, "spot charge", null, null, null, c.spotCharge],
      ["span", c.code, "intercommodity spread credit", null, null, null, c.interSpreadCredit],
      ["span", c.code, `short option minimum${c.shortOptionMinimumApplies ? " (applies)" : ""}`, null, null, null, c.shortOptionMinimum],
      ["span", c.code, "risk requirement", null, null, null, c.riskRequirement],
    ]),
    ...b.span.additionalPerformanceBonds.map((a) => ["add-on", a.label, a.reason ?? null, null, null, null, a.amount]),
    ["total", "maintenance", null, null, null, null, b.span.maintenance],
    ["total", "initial", null, null, null, null, b.span.initial],
    ...b.collateral.lines.map((l) => ["collateral", l.type, `haircut ${l.haircutRate}: ${l.haircut}; market ${l.marketValue}`, null, null, null, l.value]),
    ["total", "collateral value", null, null, null, null, b.collateral.value],
    ["total", b.result.status === "deficit" ? "deficit" : "excess", null, null, null, null, b.result.excess],
    ["total", "call", b.result.callTo, null, null, null, b.result.call],
    ...explainRows(input.explain, input.previousCycleLabel ?? null),
  ];
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** CSV rows of the margin explain: one row per combined commodity and part (section "explain"). */
function explainRows(e: StatementExplain | undefined, previousLabel: string | null): (string | number | null)[][] {
  if (!e) return [];
  if (e.status === "first") return [["explain", "first statement", "no previous cycle", null, null, null, null]];
  if (e.status === "unavailable") return [["explain", "unavailable", e.reason, null, null, null, null]];
  return [
    ["explain", `since ${previousLabel ?? "the previous cycle"}`, "shapley", null, null, null, null],
    ...[...e.lines, e.total].flatMap((l) => EXPLAIN_PARTS.map(([key, label]) => ["explain", l.code, label, null, null, null, l[key]])),
  ];
}
