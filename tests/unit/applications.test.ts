/** The application form's schemas and its mapping onto the risk core's checklist. */
import { DOLLAR_FIELDS, fieldTitle } from "@/lib/applications/labels";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockingLines, evaluateApplication, parseBankList } from "@/lib/applications/checklist";
import { canMove } from "@/lib/applications/status";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { checkSubmission, membershipSchema, PASSWORD_MIN, registerSchema, REQUESTABLE_FIELDS, scopeStepSchema } from "@/lib/validation/application";
import { completeApplication, REQUIRED_DOCUMENTS } from "../support/applications";

const BANKS = parseBankList("Bank of America,Citibank,JPMorgan Chase Bank");

describe("application checklist", () => {
  it("a complete application with its documents meets every hard requirement", () => {
    const r = evaluateApplication(completeApplication(), REQUIRED_DOCUMENTS, BANKS);
    expect(r.ok && r.checklist.summary).toMatchObject({ hardNotMet: [], hardNeedsReview: [], hardRequirementsMet: true });
  });

  it("policies count only once their documents are uploaded (Rules 981-983)", () => {
    const r = evaluateApplication(completeApplication(), [], BANKS);
    expect(r.ok && r.checklist.summary.hardNotMet).toEqual(["policy-aml", "policy-risk-management", "policy-bcp-dr"]);
  });

  it("capital short of the $5,000,000 CME minimum is not met, with the figures required and given; an exemption unblocks it", () => {
    const r = evaluateApplication(completeApplication({ capital: "4999999.99" }), REQUIRED_DOCUMENTS, BANKS);
    if (!r.ok) throw new Error(r.message);
    const line = r.checklist.lines.find((l) => l.id === "minimum-capital")!;
    expect(line).toMatchObject({ status: "not-met", required: "$5,000,000.00", given: "$4,999,999.99", hard: true });
    expect(blockingLines(r.checklist, []).map((l) => l.id)).toEqual(["minimum-capital"]);
    expect(blockingLines(r.checklist, ["minimum-capital"])).toEqual([]);
  });

  it("facts not stated yet read 'needs review' and block approval like a requirement not met", () => {
    const data = completeApplication();
    const r = evaluateApplication({ ...data, firm: { ...data.firm, goodStanding: "unknown", country: "GB" } }, REQUIRED_DOCUMENTS, BANKS);
    if (!r.ok) throw new Error(r.message);
    expect([...r.checklist.summary.hardNeedsReview].sort()).toEqual(["good-standing", "non-us-insolvency-regime"]);
    expect(blockingLines(r.checklist, []).map((l) => l.id).sort()).toEqual(["good-standing", "non-us-insolvency-regime"]);
  });

  it("an unapproved settlement bank is not met", () => {
    const data = completeApplication();
    const r = evaluateApplication({ ...data, memberships: { ...data.memberships, settlementBank: "Corner Savings" } }, REQUIRED_DOCUMENTS, BANKS);
    expect(r.ok && r.checklist.lines.find((l) => l.id === "settlement-bank")?.status).toBe("not-met");
  });

  it("never throws on whatever the form holds while it is typed (property)", () => {
    const junk = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.array(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean()))));
    const step = fc.dictionary(fc.constantFrom("legalName", "legalForm", "country", "capital", "exchanges", "owners", "memberships", "hedgeFundRole", "settlementBank", "name", "role", "futuresOptions", "brokerDealer"), junk);
    fc.assert(
      fc.property(fc.record({ firm: step, scope: step, capital: step, ownership: step, memberships: step, policies: step, representative: step }, { requiredKeys: [] }), fc.array(fc.string()), (values, docs) => {
        const r = evaluateApplication(values, docs, BANKS);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

describe("application schemas", () => {
  it("refuses futures/options with no exchange, IRS without CME, floor guarantees without NYMEX", () => {
    const base = { exchanges: [], futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false, guaranteesNymexFloorMembers: false };
    expect(scopeStepSchema.safeParse(base).error?.issues.map((i) => i.path.join("."))).toEqual(["exchanges"]);
    expect(scopeStepSchema.safeParse({ ...base, exchanges: ["CBOT"], irs: true }).error?.issues.map((i) => i.path.join("."))).toEqual(["irs"]);
    expect(scopeStepSchema.safeParse({ ...base, exchanges: ["CME"], guaranteesNymexFloorMembers: true }).error?.issues.map((i) => i.path.join("."))).toEqual(["guaranteesNymexFloorMembers"]);
    expect(scopeStepSchema.safeParse({ ...base, exchanges: [], futuresOptions: false, irs: true }).success).toBe(true);
  });

  it("CME memberships are divisions; the others full", () => {
    expect(membershipSchema.safeParse({ exchange: "CBOT", kind: "IMM", count: "1", firmOwned: true }).error?.issues[0]?.path).toEqual(["kind"]);
    expect(membershipSchema.safeParse({ exchange: "CBOT", kind: "full", count: "2", firmOwned: true }).success).toBe(true);
    expect(membershipSchema.safeParse({ exchange: "CME", kind: "CME", count: "0", firmOwned: true }).error?.issues[0]?.path).toEqual(["count"]);
  });

  it("submission needs every step and the cross-step facts (SEC requirement of a broker-dealer)", () => {
    const data = completeApplication();
    expect(checkSubmission(data).ok).toBe(true);
    const bd = checkSubmission({ ...data, firm: { ...data.firm, brokerDealer: true } });
    expect(!bd.ok && bd.fieldErrors).toEqual({ "capital.secRequirement": ["A broker-dealer must state its SEC net capital requirement"] });
    const { representative: _omit, ...partial } = data;
    void _omit;
    expect(!checkSubmission(partial).ok && Object.keys((checkSubmission(partial) as { fieldErrors: object }).fieldErrors)).toEqual(["representative"]);
  });

  it("registration passwords follow the sign-in rule", () => {
    expect(PASSWORD_MIN).toBe(PASSWORD_MIN_LENGTH);
    expect(registerSchema.safeParse({ name: "A", email: "a@b.example", password: "abcdefghijk1", confirm: "abcdefghijk1" }).success).toBe(true);
    expect(registerSchema.safeParse({ name: "A", email: "a@b.example", password: "abcdefghijkl", confirm: "abcdefghijkl" }).success).toBe(false);
    expect(registerSchema.safeParse({ name: "A", email: "a@b.example", password: "abcdefghijk1", confirm: "abcdefghijk2" }).error?.issues[0]?.path).toEqual(["confirm"]);
  });

  it("the workflow moves only along SPEC §2, and change requests name real fields", () => {
    expect(canMove("DRAFT", "SUBMITTED")).toBe(true);
    expect(canMove("SUBMITTED", "APPROVED")).toBe(false);
    expect(canMove("UNDER_REVIEW", "APPROVED")).toBe(true);
    expect(canMove("CHANGES_REQUESTED", "SUBMITTED")).toBe(true);
    expect(canMove("APPROVED", "REJECTED")).toBe(false);
    expect(REQUESTABLE_FIELDS).toContain("capital.capital");
    expect(REQUESTABLE_FIELDS).toContain("scope.exchanges");
  });
});

describe("application field names in messages", () => {
  it("a change request or an error names a dollar field without its unit (the form shows 'US dollars' beside the label)", () => {
    expect(fieldTitle("capital.customerRiskMaintenancePerformanceBond")).toBe("Customer risk maintenance performance bond");
    expect(fieldTitle("capital.guarantyFundBaseDeposit")).toBe("Base guaranty fund deposit");
    for (const key of DOLLAR_FIELDS) expect(fieldTitle(key)).not.toMatch(/\$/);
  });
});
