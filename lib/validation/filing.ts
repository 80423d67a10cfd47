/**
 * Financial report filings (SPEC §3): the statement lines a filing carries, the filing form,
 * the template import's cell rules, reviews, surveillance cases, required notices and key
 * personnel contacts. Shared by the forms (browser) and the actions (server).
 */
import { z } from "zod";

export const FILING_KINDS = ["MONTHLY_1FR", "MONTHLY_FOCUS", "ANNUAL_CERTIFIED", "BANK_QUARTERLY"] as const;
export type FilingKindName = (typeof FILING_KINDS)[number];

export const FILING_KIND_LABELS: Record<FilingKindName, string> = {
  MONTHLY_1FR: "Monthly CFTC Form 1-FR",
  MONTHLY_FOCUS: "Monthly SEC FOCUS report",
  ANNUAL_CERTIFIED: "Annual certified statement",
  BANK_QUARTERLY: "Bank quarterly report",
};

export type LineGroup = "assets" | "non-current" | "liabilities" | "charges" | "requirement";

export interface StatementLine {
  /** the template's column name and the stored line code */
  readonly code: string;
  readonly label: string;
  readonly group: LineGroup;
  /** must be given on every filing */
  readonly required?: boolean;
}

/** Every line a statement may carry, in the template's column order. */
export const STATEMENT_LINES: readonly StatementLine[] = [
  { code: "current_assets", label: "Current assets (as reported)", group: "assets" },
  { code: "total_assets", label: "Total assets (current assets are derived when current assets is blank)", group: "assets" },
  { code: "prepaid_expenses", label: "Prepaid expenses", group: "non-current" },
  { code: "deferred_charges", label: "Deferred charges", group: "non-current" },
  { code: "unsecured_receivables_customers", label: "Unsecured receivables from customers", group: "non-current" },
  { code: "unsecured_receivables_noncustomers", label: "Unsecured receivables from non-customers", group: "non-current" },
  { code: "unsecured_receivables_affiliates", label: "Unsecured receivables from subsidiaries and affiliates", group: "non-current" },
  { code: "exchange_memberships", label: "Exchange memberships", group: "non-current" },
  { code: "other_noncurrent_assets", label: "Fixed and other non-current assets", group: "non-current" },
  { code: "total_liabilities", label: "Total liabilities", group: "liabilities", required: true },
  { code: "subordinated_liabilities", label: "Liabilities subordinated to general creditors", group: "liabilities" },
  { code: "charge_speculative_proprietary", label: "Haircuts on speculative proprietary futures and options", group: "charges" },
  { code: "charge_inventories_commitments", label: "Haircuts on proprietary inventories, fixed price commitments and forwards", group: "charges" },
  { code: "charge_undermargined_customer", label: "Charges on undermargined customer accounts", group: "charges" },
  { code: "charge_undermargined_noncustomer", label: "Charges on undermargined noncustomer accounts", group: "charges" },
  { code: "charge_undermargined_omnibus", label: "Charges on undermargined omnibus accounts", group: "charges" },
  { code: "charge_marketable_securities", label: "Haircuts on marketable securities", group: "charges" },
  { code: "charge_other", label: "Other capital charges", group: "charges" },
  { code: "customer_risk_maintenance_pb", label: "Customer risk maintenance performance bond", group: "requirement", required: true },
  { code: "noncustomer_risk_maintenance_pb", label: "Non-customer risk maintenance performance bond (excluding proprietary)", group: "requirement", required: true },
  { code: "sec_requirement", label: "SEC net capital requirement (broker-dealers)", group: "requirement" },
  { code: "cds_irs_accounts_pb", label: "Performance bond of accounts with CME-cleared CDS/IRS", group: "requirement" },
];

export const LINE_CODES: readonly string[] = STATEMENT_LINES.map((l) => l.code);
export const LINE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(STATEMENT_LINES.map((l) => [l.code, l.label]));

/** The template's columns: the statement date, then every line. */
export const TEMPLATE_COLUMNS: readonly string[] = ["period_end", ...LINE_CODES];

const AMOUNT = /^\d{1,22}(\.\d{1,2})?$/;

/**
 * Reads one amount as typed or imported: digits with up to two decimals, thousands separators
 * and surrounding spaces allowed, a blank is "not given". Answers the normalized text or an
 * error message for the user.
 */
export function parseAmount(raw: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const text = raw.trim().replace(/,/g, "");
  if (text === "") return { ok: true, value: null };
  if (text.startsWith("-")) return { ok: false, message: `'${raw.trim()}' is negative; statement lines are amounts of zero or more` };
  if (!AMOUNT.test(text)) return { ok: false, message: `'${raw.trim()}' is not an amount (digits with at most two decimals)` };
  return { ok: true, value: text };
}

const amountField = z.string().superRefine((v, ctx) => {
  const r = parseAmount(v);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
});

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Today's date in UTC (the portal's clock for "not in the future"). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isMonthEnd(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

export function isQuarterEnd(v: string): boolean {
  return isMonthEnd(v) && ["03", "06", "09", "12"].includes(v.slice(5, 7));
}

export const dateField = z.string().trim().refine(isCalendarDate, "Give a date as YYYY-MM-DD");

/** The statement lines of one filing: code → amount text ("" = not given). */
export const statementLinesSchema = z
  .object(Object.fromEntries(LINE_CODES.map((c) => [c, amountField.default("")])) as Record<string, z.ZodDefault<typeof amountField>>)
  .superRefine((lines, ctx) => {
    for (const l of STATEMENT_LINES) {
      if (l.required && !lines[l.code]?.trim()) ctx.addIssue({ code: "custom", path: [l.code], message: `${l.label} is required` });
    }
    if (!lines.current_assets?.trim() && !lines.total_assets?.trim()) {
      ctx.addIssue({ code: "custom", path: ["current_assets"], message: "Give current assets or total assets" });
    }
  });

export type StatementLinesInput = z.input<typeof statementLinesSchema>;

/** Period rules by kind, shared by the form and the template import. */
export function periodProblem(kind: FilingKindName, periodEnd: string, today: string): string | null {
  if (!isCalendarDate(periodEnd)) return `'${periodEnd}' is not a date (YYYY-MM-DD)`;
  if (periodEnd > today) return `${periodEnd} is in the future; a statement is filed after its date`;
  if (kind === "BANK_QUARTERLY" && !isQuarterEnd(periodEnd)) return `${periodEnd} is not a quarter end (31 March, 30 June, 30 September or 31 December)`;
  if (kind !== "BANK_QUARTERLY" && !isMonthEnd(periodEnd)) return `${periodEnd} is not the last day of a month`;
  return null;
}

export const filingSchema = z
  .object({
    kind: z.enum(FILING_KINDS, { message: "Choose the kind of report" }),
    periodEnd: dateField,
    regulatorFilingDate: z.string().trim().default(""),
    lines: statementLinesSchema,
    signedDocumentId: z.string().uuid("Upload the signed original (PDF) first"),
    amendsId: z.string().uuid().optional(),
    amendmentReason: z.string().trim().max(1000).default(""),
  })
  .superRefine((v, ctx) => {
    const today = todayUtc();
    const p = periodProblem(v.kind, v.periodEnd, today);
    if (p) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: p });
    if (v.regulatorFilingDate) {
      if (!isCalendarDate(v.regulatorFilingDate)) ctx.addIssue({ code: "custom", path: ["regulatorFilingDate"], message: "Give a date as YYYY-MM-DD" });
      else if (v.regulatorFilingDate > today) ctx.addIssue({ code: "custom", path: ["regulatorFilingDate"], message: "The regulatory filing date cannot be in the future" });
      else if (v.regulatorFilingDate < v.periodEnd) ctx.addIssue({ code: "custom", path: ["regulatorFilingDate"], message: "The regulatory filing date cannot be before the period end" });
    }
    if (v.amendsId && v.amendmentReason.length < 5) ctx.addIssue({ code: "custom", path: ["amendmentReason"], message: "Say what the amendment corrects (at least 5 characters)" });
  });

export type FilingInput = z.input<typeof filingSchema>;

export const reviewFilingSchema = z
  .object({
    filingId: z.string().uuid("Unknown filing"),
    decision: z.enum(["ACCEPT", "QUERY"], { message: "Accept or query" }),
    message: z.string().trim().max(2000).default(""),
  })
  .refine((v) => v.decision === "ACCEPT" || v.message.length >= 5, { path: ["message"], message: "A query needs a message for the member (at least 5 characters)" });

export const closeCaseSchema = z.object({
  caseId: z.string().uuid("Unknown case"),
  reason: z.string().trim().min(5, "Say why the case is closed (at least 5 characters)").max(2000),
});

// ---- Required notices (SPEC §3; 002 "Notification Requirements") ----

const text = (label: string, min = 3) => z.string().trim().min(min, `${label}: at least ${min} characters`).max(4000);
const money = (label: string) =>
  z.string().superRefine((v, ctx) => {
    const r = parseAmount(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
    else if (r.value === null) ctx.addIssue({ code: "custom", message: `${label} is required` });
  });
const pastDate = dateField.refine((v) => v <= todayUtc(), "This date cannot be in the future");
const percent = (label: string) =>
  z.string().trim().refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number(v) <= 100, `${label}: a percent from 0 to 100`);

export const NOTICE_KINDS = {
  MINIMUM_CAPITAL_FAILURE: "Failure to maintain minimum capital",
  EARLY_WARNING_FAILURE: "Failure to maintain early-warning capital",
  BOOKS_NOT_CURRENT: "Books and records not current",
  MATERIAL_INADEQUACY: "Material inadequacy",
  FISCAL_YEAR_CHANGE: "Change of fiscal year",
  ACCOUNTANT_CHANGE: "Change of public accountant",
  SUBSTANTIAL_REDUCTION: "Substantial reduction in capital (Rule 972)",
  SIGNIFICANT_TRANSACTION: "Significant business transaction or change in operations (Rule 901.H)",
  OWNERSHIP_CHANGE: "Ownership change (owners of 5% or more)",
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export const noticeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("MINIMUM_CAPITAL_FAILURE"), asOfDate: pastDate, adjustedNetCapital: money("Adjusted net capital"), minimumCapital: money("Minimum capital"), cause: text("Cause", 10), remediation: text("Remediation plan", 10) }),
  z.object({ kind: z.literal("EARLY_WARNING_FAILURE"), asOfDate: pastDate, adjustedNetCapital: money("Adjusted net capital"), earlyWarningLevel: money("Early-warning level"), cause: text("Cause", 10), remediation: text("Remediation plan", 10) }),
  z.object({ kind: z.literal("BOOKS_NOT_CURRENT"), since: pastDate, description: text("Description", 10), expectedCurrentBy: dateField }),
  z.object({ kind: z.literal("MATERIAL_INADEQUACY"), discoveredOn: pastDate, description: text("Description", 10), correctiveAction: text("Corrective action", 10) }),
  z.object({ kind: z.literal("FISCAL_YEAR_CHANGE"), currentFiscalYearEnd: dateField, newFiscalYearEnd: dateField, effectiveDate: dateField, reason: text("Reason", 5) }),
  z.object({ kind: z.literal("ACCOUNTANT_CHANGE"), previousAccountant: text("Previous accountant"), newAccountant: text("New accountant"), effectiveDate: dateField, reason: text("Reason", 5) }),
  z.object({ kind: z.literal("SUBSTANTIAL_REDUCTION"), asOfDate: pastDate, previousAdjustedNetCapital: money("Previous ANC"), currentAdjustedNetCapital: money("Current ANC"), cause: text("Cause", 10) }),
  z.object({
    kind: z.literal("SIGNIFICANT_TRANSACTION"),
    expectedDate: dateField.refine((v) => v > todayUtc(), "Notice is due before the transaction: the expected date must be in the future"),
    description: text("Description", 10),
    counterparties: text("Counterparties"),
    expectedCapitalImpact: text("Expected effect on capital", 3),
  }),
  z.object({ kind: z.literal("OWNERSHIP_CHANGE"), ownerName: text("Owner"), previousPercent: percent("Previous holding"), newPercent: percent("New holding"), effectiveDate: dateField }).refine(
    (v) => Number(v.previousPercent) >= 5 || Number(v.newPercent) >= 5,
    { path: ["newPercent"], message: "Ownership notices concern owners of 5% or more: the previous or the new holding must be at least 5%" },
  ),
]);
export type NoticeInput = z.input<typeof noticeSchema>;

/** The fields of each notice kind, for the form (name, label, input type). */
export const NOTICE_FIELDS: Record<NoticeKind, readonly { name: string; label: string; type: "date" | "money" | "text" | "textarea" | "percent" }[]> = {
  MINIMUM_CAPITAL_FAILURE: [
    { name: "asOfDate", label: "As of", type: "date" },
    { name: "adjustedNetCapital", label: "Adjusted net capital", type: "money" },
    { name: "minimumCapital", label: "Minimum capital requirement", type: "money" },
    { name: "cause", label: "Cause", type: "textarea" },
    { name: "remediation", label: "Remediation plan", type: "textarea" },
  ],
  EARLY_WARNING_FAILURE: [
    { name: "asOfDate", label: "As of", type: "date" },
    { name: "adjustedNetCapital", label: "Adjusted net capital", type: "money" },
    { name: "earlyWarningLevel", label: "Early-warning level", type: "money" },
    { name: "cause", label: "Cause", type: "textarea" },
    { name: "remediation", label: "Remediation plan", type: "textarea" },
  ],
  BOOKS_NOT_CURRENT: [
    { name: "since", label: "Not current since", type: "date" },
    { name: "description", label: "What is not current", type: "textarea" },
    { name: "expectedCurrentBy", label: "Expected current by", type: "date" },
  ],
  MATERIAL_INADEQUACY: [
    { name: "discoveredOn", label: "Discovered on", type: "date" },
    { name: "description", label: "The inadequacy", type: "textarea" },
    { name: "correctiveAction", label: "Corrective action", type: "textarea" },
  ],
  FISCAL_YEAR_CHANGE: [
    { name: "currentFiscalYearEnd", label: "Current fiscal year end", type: "date" },
    { name: "newFiscalYearEnd", label: "New fiscal year end", type: "date" },
    { name: "effectiveDate", label: "Effective", type: "date" },
    { name: "reason", label: "Reason", type: "textarea" },
  ],
  ACCOUNTANT_CHANGE: [
    { name: "previousAccountant", label: "Previous public accountant", type: "text" },
    { name: "newAccountant", label: "New public accountant", type: "text" },
    { name: "effectiveDate", label: "Effective", type: "date" },
    { name: "reason", label: "Reason", type: "textarea" },
  ],
  SUBSTANTIAL_REDUCTION: [
    { name: "asOfDate", label: "As of", type: "date" },
    { name: "previousAdjustedNetCapital", label: "ANC in the last filed report", type: "money" },
    { name: "currentAdjustedNetCapital", label: "Current ANC", type: "money" },
    { name: "cause", label: "Cause", type: "textarea" },
  ],
  SIGNIFICANT_TRANSACTION: [
    { name: "expectedDate", label: "Expected date (notice comes before)", type: "date" },
    { name: "description", label: "The transaction or change", type: "textarea" },
    { name: "counterparties", label: "Counterparties", type: "text" },
    { name: "expectedCapitalImpact", label: "Expected effect on capital", type: "text" },
  ],
  OWNERSHIP_CHANGE: [
    { name: "ownerName", label: "Owner", type: "text" },
    { name: "previousPercent", label: "Previous holding (%)", type: "percent" },
    { name: "newPercent", label: "New holding (%)", type: "percent" },
    { name: "effectiveDate", label: "Effective", type: "date" },
  ],
};

// ---- Key personnel contacts (002 "Firm Contact Listings", Rule 983.B) ----

export const KEY_FUNCTIONS = ["Chief executive", "Chief financial officer", "Chief compliance officer", "Chief risk officer", "Operations", "Treasury / settlements", "Emergency contact"] as const;

export const keyContactSchema = z.object({
  function: z.enum(KEY_FUNCTIONS, { message: "Choose the function" }),
  name: z.string().trim().min(2, "Name: at least 2 characters").max(200),
  title: z.string().trim().min(2, "Title: at least 2 characters").max(200),
  email: z.string().trim().email("Give an e-mail address"),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{7,25}$/, "Give a phone number (digits, spaces, + ( ) -)"),
});

export const removeKeyContactSchema = z.object({ contactId: z.string().uuid("Unknown contact"), reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500) });

export const signOffContactsSchema = z.object({ confirm: z.literal(true, { message: "Confirm that every contact is current and accurate" }) });

/** Semi-annual: a sign-off is due six months after the last one. */
export function nextSignOffDue(last: Date | null, now: Date = new Date()): { due: Date; overdue: boolean } {
  if (!last) return { due: now, overdue: true };
  const due = new Date(last);
  due.setUTCMonth(due.getUTCMonth() + 6);
  return { due, overdue: due.getTime() <= now.getTime() };
}
