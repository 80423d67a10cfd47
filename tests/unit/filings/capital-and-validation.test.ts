import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessFiling, dueDateOf, kindsFor, requirementFacts } from "@/lib/filings/capital";
import { createBusinessCalendar } from "@/lib/risk/calendar";
import { RiskError } from "@/lib/risk/errors";
import { filingSchema, nextSignOffDue, noticeSchema, parseAmount, periodProblem } from "@/lib/validation/filing";
import { formatMoney } from "@/components/filings/format";

const NO_EXTRA = { clearsAgriculturalOtc: false, clearsOtherBaseOtc: false, guaranteesNymexFloorMembers: false, hedgeFundRole: "NONE" } as const;
const ACME = { isBank: false, isFcm: true, isBrokerDealer: false, clearsOtc: false, clearsIrs: false, clearsCds: false, ...NO_EXTRA, exchanges: ["CME", "CBOT"] };
const DLTA = { isBank: false, isFcm: true, isBrokerDealer: true, clearsOtc: true, clearsIrs: false, clearsCds: true, ...NO_EXTRA, exchanges: ["CME", "CBOT", "NYMEX", "COMEX"] };
const BLUE = { isBank: true, isFcm: true, isBrokerDealer: false, clearsOtc: true, clearsIrs: true, clearsCds: false, ...NO_EXTRA, exchanges: ["CME"] };
/** A CBOT cooperative clearing agricultural OTC (the demo's EVGR) and a hedge fund's investment manager at CME (FOXH). */
const EVGR = { isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: true, clearsIrs: false, clearsCds: false, ...NO_EXTRA, clearsAgriculturalOtc: true, exchanges: ["CBOT"] };
const FOXH = { isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, clearsIrs: false, clearsCds: false, ...NO_EXTRA, hedgeFundRole: "INVESTMENT_MANAGER", exchanges: ["CME"] } as const;
const QUIET = { current_assets: "80000000", total_liabilities: "20000000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" };
const SETTINGS = { calendar: createBusinessCalendar({ holidays: ["2026-11-11", "2026-11-26", "2026-12-25", "2027-01-01"] }), monthlyBusinessDays: 17, annualDays: 90, annualDaysBrokerDealer: 60, bankDaysAfterRegulatorFiling: 5 };

describe("a firm's filings and minimum capital from its facts (SPEC §§2-3)", () => {
  it("non-banks file monthly 1-FR (FOCUS if a broker-dealer) and annual certified; banks quarterly and annual", () => {
    expect(kindsFor(ACME)).toEqual(["MONTHLY_1FR", "ANNUAL_CERTIFIED"]);
    expect(kindsFor(DLTA)).toEqual(["MONTHLY_FOCUS", "ANNUAL_CERTIFIED"]);
    expect(kindsFor(BLUE)).toEqual(["BANK_QUARTERLY", "ANNUAL_CERTIFIED"]);
  });

  it("maps the firm row's product scope and hedge fund role onto the requirement input", () => {
    expect(requirementFacts(ACME).productScope).toMatchObject({ futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false });
    expect(requirementFacts(DLTA).productScope).toMatchObject({ otherBaseOtc: false, cds: true });
    expect(requirementFacts({ ...ACME, clearsOtc: true, clearsOtherBaseOtc: true }).productScope.otherBaseOtc).toBe(true);
    expect(requirementFacts(EVGR).productScope).toMatchObject({ agriculturalOtc: true, otherBaseOtc: false });
    expect(requirementFacts(FOXH).hedgeFundRole).toBe("investment-manager");
    expect(requirementFacts({ ...ACME, exchanges: ["CME", "LME"] }).exchanges).toEqual(["CME"]);
    // Rule 992 guarantees are a NYMEX clearing member's: without NYMEX the flag does not count
    expect(requirementFacts({ ...ACME, guaranteesNymexFloorMembers: true }).productScope.guaranteesNymexFloorMembers).toBe(false);
  });

  it("002 Summary of Requirements: agricultural OTC keeps a CBOT non-bank at $5,000,000; other Base OTC raises it to $50,000,000", () => {
    expect(assessFiling({ firm: EVGR, lines: QUIET, settings: {} }).minimumCapital.requirement.toFixed(2)).toBe("5000000.00");
    const otherOtc = assessFiling({ firm: { ...EVGR, clearsAgriculturalOtc: false, clearsOtherBaseOtc: true }, lines: QUIET, settings: {} });
    expect(otherOtc.minimumCapital.requirement.toFixed(2)).toBe("50000000.00");
  });

  it("002 Hedge Funds: a hedge fund's investment manager holds $50,000,000, not the $5,000,000 CME futures minimum", () => {
    const a = assessFiling({ firm: FOXH, lines: QUIET, settings: {} });
    expect(a.minimumCapital.requirement.toFixed(2)).toBe("50000000.00");
    expect(a.minimumCapital.binding.description).toMatch(/hedge fund investment manager/);
    expect(assessFiling({ firm: { ...FOXH, hedgeFundRole: "NONE" }, lines: QUIET, settings: {} }).minimumCapital.requirement.toFixed(2)).toBe("5000000.00");
  });

  it("NYMEX Rule 992: a NYMEX non-bank guaranteeing floor members holds $20,000,000", () => {
    const nymex = { ...ACME, exchanges: ["NYMEX"], guaranteesNymexFloorMembers: true };
    expect(assessFiling({ firm: nymex, lines: QUIET, settings: {} }).minimumCapital.requirement.toFixed(2)).toBe("20000000.00");
  });

  it("the CFTC 8% term binds when the filed performance bond is large: 8% × (150m + 25m) = 14m > 5m CME minimum", () => {
    const lines = { current_assets: "60000000", total_liabilities: "30000000", customer_risk_maintenance_pb: "150000000", noncustomer_risk_maintenance_pb: "25000000" };
    const a = assessFiling({ firm: ACME, lines, settings: {} });
    expect(a.adjustedNetCapital.adjustedNetCapital.toFixed(2)).toBe("30000000.00");
    expect(a.minimumCapital.requirement.toFixed(2)).toBe("14000000.00");
    expect(a.minimumCapital.binding.id).toBe("cftc");
    expect(a.earlyWarningLevel.toFixed(2)).toBe("15400000.00");
  });

  it("a broker-dealer must state its SEC requirement; CDS clearing adds the 20% term", () => {
    const lines = { current_assets: "200000000", total_liabilities: "100000000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0", cds_irs_accounts_pb: "300000000" };
    expect(() => assessFiling({ firm: DLTA, lines, settings: {} })).toThrow(RiskError);
    const a = assessFiling({ firm: DLTA, lines: { ...lines, sec_requirement: "10000000" }, settings: {} });
    expect(a.minimumCapital.requirement.toFixed(2)).toBe("60000000.00");
    expect(a.minimumCapital.binding.id).toBe("cds-irs-20pct");
  });

  it("due dates: 17 business days after month end, Veterans Day skipped; 60 days for a broker-dealer's annual; banks 5 days after the regulator", () => {
    expect(dueDateOf(SETTINGS, ACME, "MONTHLY_1FR", "2026-10-31")).toBe("2026-11-25");
    expect(dueDateOf(SETTINGS, DLTA, "ANNUAL_CERTIFIED", "2026-12-31")).toBe("2027-03-01");
    expect(dueDateOf(SETTINGS, ACME, "ANNUAL_CERTIFIED", "2026-12-31")).toBe("2027-03-31");
    expect(dueDateOf(SETTINGS, BLUE, "BANK_QUARTERLY", "2026-09-30", null)).toBeNull();
    expect(dueDateOf(SETTINGS, BLUE, "BANK_QUARTERLY", "2026-09-30", "2026-10-30")).toBe("2026-11-04");
  });
});

describe("filing validation", () => {
  it("periods: month ends for monthly and annual, quarter ends for banks, never in the future", () => {
    expect(periodProblem("MONTHLY_1FR", "2026-02-28", "2026-11-22")).toBeNull();
    expect(periodProblem("MONTHLY_1FR", "2026-02-27", "2026-11-22")).toBe("2026-02-27 is not the last day of a month");
    expect(periodProblem("BANK_QUARTERLY", "2026-05-31", "2026-11-22")).toMatch(/not a quarter end/);
    expect(periodProblem("ANNUAL_CERTIFIED", "2026-11-30", "2026-11-22")).toMatch(/in the future/);
    expect(periodProblem("MONTHLY_1FR", "2026-02-30", "2026-11-22")).toMatch(/is not a date/);
  });

  it("amounts: digits with up to two decimals and thousands separators; blank is not given; never negative or text", () => {
    expect(parseAmount(" 1,234,567.8 ")).toEqual({ ok: true, value: "1234567.8" });
    expect(parseAmount("")).toEqual({ ok: true, value: null });
    expect(parseAmount("1.234")).toMatchObject({ ok: false });
    expect(parseAmount("-1")).toMatchObject({ ok: false, message: expect.stringMatching(/negative/) });
    expect(parseAmount("1e6")).toMatchObject({ ok: false });
  });

  it("property: any amount in cents, shown with thousands separators, reads back exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (cents) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
        const shown = formatMoney(text).slice(1);
        const back = parseAmount(shown);
        return back.ok && back.value === text;
      }),
    );
  });

  it("the filing schema requires the signed original and, for an amendment, a reason", () => {
    const base = { kind: "MONTHLY_1FR", periodEnd: "2026-01-31", lines: { current_assets: "1", total_liabilities: "0", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" } };
    expect(filingSchema.safeParse(base).success).toBe(false);
    expect(filingSchema.safeParse({ ...base, signedDocumentId: "8b6f1e1e-1b7a-4c43-9a55-2d86f8f6f0a1" }).success).toBe(true);
    const amend = filingSchema.safeParse({ ...base, signedDocumentId: "8b6f1e1e-1b7a-4c43-9a55-2d86f8f6f0a1", amendsId: "8b6f1e1e-1b7a-4c43-9a55-2d86f8f6f0a2" });
    expect(amend.success).toBe(false);
  });

  it("notices are a discriminated union: each kind has its own required fields", () => {
    expect(noticeSchema.safeParse({ kind: "FISCAL_YEAR_CHANGE", currentFiscalYearEnd: "2026-12-31", newFiscalYearEnd: "2027-06-30", effectiveDate: "2027-01-01", reason: "Align with parent" }).success).toBe(true);
    const wrong = noticeSchema.safeParse({ kind: "FISCAL_YEAR_CHANGE", previousAccountant: "A", newAccountant: "B" });
    expect(wrong.success).toBe(false);
    expect(noticeSchema.safeParse({ kind: "SOMETHING_ELSE" }).success).toBe(false);
  });

  it("the key personnel sign-off is due six months after the last one", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(nextSignOffDue(null, now).overdue).toBe(true);
    expect(nextSignOffDue(new Date("2026-06-01T00:00:00Z"), now)).toEqual({ due: new Date("2026-12-01T00:00:00Z"), overdue: false });
    expect(nextSignOffDue(new Date("2026-05-01T00:00:00Z"), now).overdue).toBe(true);
  });
});
