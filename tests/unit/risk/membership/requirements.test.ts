import { describe, expect, it } from "vitest";
import { baseFundMemberType, computeMinimumCapital, evaluateMembershipRequirements, RiskError, type MembershipApplication, type ProductScope } from "@/lib/risk";

const futuresOnly: ProductScope = { futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false, guaranteesNymexFloorMembers: false };

function app(over: Partial<MembershipApplication> = {}): MembershipApplication {
  return {
    firm: {
      legalName: "Acme Futures LLC",
      legalForm: "llc",
      country: "US",
      qualifiedInIllinois: true,
      qualifiedInNewYork: false,
      agencyAgreementApproved: false,
      isBank: false,
      fcmRegistered: true,
      clearsForCustomers: true,
      brokerDealer: false,
      hedgeFundRole: "none",
      regulatoryApprovalsReceived: true,
      goodStanding: true,
    },
    exchanges: ["CBOT"],
    productScope: futuresOnly,
    capital: { capital: "12000000", customerRiskMaintenancePerformanceBond: "100000000", nonCustomerRiskMaintenancePerformanceBond: "25000000" },
    owners: [
      { name: "Parent Holdings", percent: "60", guaranteeOnFile: true, guaranteePercent: "100" },
      { name: "Minor Partner", percent: "10", guaranteeOnFile: false },
      { name: "Tiny", percent: "3", guaranteeOnFile: false },
    ],
    affiliates: [],
    membershipsHeld: [
      { exchange: "CBOT", kind: "full", count: 1, firmOwned: true },
      { exchange: "CBOT", kind: "full", count: 1, firmOwned: false },
    ],
    guarantyFund: { baseDeposit: "500000" },
    settlementBank: "Citibank, N.A.",
    policies: { amlSanctions: true, riskManagement: true, businessContinuity: true, otcSettlementProcedures: false, otcDefaultManagementProcedures: false, gc2AdministratorsRegistered: true },
    authorizedRepresentative: { name: "J. Smith", role: "officer" },
    ...over,
  };
}

const line = (r: ReturnType<typeof evaluateMembershipRequirements>, id: string) => r.lines.find((l) => l.id === id)!;

describe("minimum capital (002 Capital Requirements)", () => {
  it("CFTC 8% of customer and non-customer risk maintenance performance bond binds over the $5M exchange minimum", () => {
    const r = computeMinimumCapital({ isBank: false, brokerDealer: false, exchanges: ["CME"], productScope: futuresOnly, customerRiskMaintenancePerformanceBond: "100000000", nonCustomerRiskMaintenancePerformanceBond: "25000000" });
    expect(r.requirement.toString()).toBe("10000000");
    expect(r.binding.id).toBe("cftc");
  });

  it("CME non-bank with IRS: the 20% CDS/IRS term and $50M OTC floor", () => {
    const r = computeMinimumCapital({ isBank: false, brokerDealer: false, exchanges: ["CME"], productScope: { ...futuresOnly, irs: true }, cdsIrsAccountsPerformanceBond: "400000000" });
    expect(r.terms.find((t) => t.id === "exchange-minimum-cme")!.amount.toString()).toBe("50000000");
    expect(r.requirement.toString()).toBe("80000000");
  });

  it("NYMEX $20M floor-guarantee case; investment manager $50M; bank $5bn; SEC term", () => {
    const nymex = computeMinimumCapital({ isBank: false, brokerDealer: false, exchanges: ["NYMEX"], productScope: { ...futuresOnly, guaranteesNymexFloorMembers: true } });
    expect(nymex.requirement.toString()).toBe("20000000");
    const im = computeMinimumCapital({ isBank: false, brokerDealer: false, hedgeFundRole: "investment-manager", exchanges: ["COMEX"], productScope: futuresOnly });
    expect(im.requirement.toString()).toBe("50000000");
    const bank = computeMinimumCapital({ isBank: true, brokerDealer: false, exchanges: ["CME", "CBOT"], productScope: futuresOnly });
    expect(bank.requirement.toString()).toBe("5000000000");
    const bd = computeMinimumCapital({ isBank: false, brokerDealer: true, secRequirement: "7500000", exchanges: ["CBOT"], productScope: { ...futuresOnly, agriculturalOtc: true } });
    expect(bd.requirement.toString()).toBe("7500000");
    expect(bd.terms.find((t) => t.id === "exchange-minimum-cbot")!.amount.toString()).toBe("5000000");
  });

  it("a broker-dealer must state its SEC requirement", () => {
    expect(() => computeMinimumCapital({ isBank: false, brokerDealer: true, exchanges: ["CME"], productScope: futuresOnly })).toThrow(/SEC/);
  });
});

describe("membership requirements checklist (002 Summary of Requirements)", () => {
  it("a complete CBOT FCM application meets every hard requirement", () => {
    const r = evaluateMembershipRequirements(app({ owners: [{ name: "Parent Holdings", percent: "60", guaranteeOnFile: true, guaranteePercent: "100" }] }));
    expect(r.summary.hardNotMet).toEqual([]);
    expect(r.summary.hardRequirementsMet).toBe(true);
    expect(line(r, "minimum-capital")).toMatchObject({ status: "met", required: "$10,000,000.00", given: "$12,000,000.00" });
    expect(line(r, "memberships-cbot")).toMatchObject({ status: "met", required: "2 (1 firm-owned)" });
  });

  it("parent guarantee: 5%+ owners guarantee pro rata, 50%+ guarantee 100%; smaller owners need none", () => {
    const r = evaluateMembershipRequirements(app());
    expect(line(r, "parent-guarantee-0")).toMatchObject({ status: "met", required: "100% of house obligations" });
    expect(line(r, "parent-guarantee-1")).toMatchObject({ status: "not-met", required: "10% of house obligations" });
    expect(r.lines.some((l) => l.id === "parent-guarantee-2")).toBe(false);
  });

  it("parent guarantee: exempt with capital of at least $300,000,000", () => {
    const r = evaluateMembershipRequirements(app({ capital: { capital: "300000000" } }));
    expect(line(r, "parent-guarantee")).toMatchObject({ status: "met" });
  });

  it("CBOT: a non-FCM needs one firm-owned full membership; CME needs 7 with four firm-owned", () => {
    const firm = { ...app().firm, fcmRegistered: false, clearsForCustomers: false };
    const r = evaluateMembershipRequirements(app({ firm, exchanges: ["CBOT", "CME"], membershipsHeld: [{ exchange: "CBOT", kind: "full", count: 1, firmOwned: true }, { exchange: "CME", kind: "CME", count: 2, firmOwned: false }] }));
    expect(line(r, "memberships-cbot").status).toBe("met");
    expect(line(r, "memberships-cme-cme")).toMatchObject({ status: "not-met", given: "2 (0 firm-owned)" });
    expect(line(r, "memberships-cme-gem")).toMatchObject({ status: "not-met", given: "0 (0 firm-owned)" });
  });

  it("OTC-only and bank members post a $5,000,000 membership deposit instead of memberships", () => {
    const r = evaluateMembershipRequirements(app({ exchanges: [], productScope: { ...futuresOnly, futuresOptions: false, otherBaseOtc: true }, membershipDeposit: "5000000", capital: { capital: "60000000" } }));
    expect(line(r, "membership-deposit").status).toBe("met");
    expect(r.lines.some((l) => l.id.startsWith("memberships-"))).toBe(false);
    expect(line(r, "guaranty-fund-base")).toMatchObject({ status: "not-met", required: "$2,500,000.00" });
  });

  it("guaranty fund: IRS greater of $50M and share; $25M for two affiliated IRS members", () => {
    const scope = { ...futuresOnly, irs: true };
    const gf = { baseDeposit: "2500000", irsDeposit: "50000000", irsProportionateShare: "62000000" };
    const r = evaluateMembershipRequirements(app({ exchanges: ["CME"], productScope: scope, guarantyFund: gf }));
    expect(line(r, "guaranty-fund-irs")).toMatchObject({ status: "not-met", required: "$62,000,000.00" });
    const r2 = evaluateMembershipRequirements(app({ exchanges: ["CME"], productScope: scope, guarantyFund: { baseDeposit: "2500000", irsDeposit: "25000000", affiliatedIrsArrangement: true } }));
    expect(line(r2, "guaranty-fund-irs")).toMatchObject({ status: "met", required: "$25,000,000.00" });
  });

  it("guaranty fund: IRS and CDS clearers keep the $500,000 Base minimum; $2,500,000 is for Base OTC excluding CDS and IRS (seed 002)", () => {
    for (const extra of [{ irs: true }, { cds: true }, { irs: true, cds: true }]) {
      const r = evaluateMembershipRequirements(app({ exchanges: ["CME"], productScope: { ...futuresOnly, ...extra }, guarantyFund: { baseDeposit: "500000", irsDeposit: "50000000", cdsDeposit: "50000000" } }));
      expect(line(r, "guaranty-fund-base"), JSON.stringify(extra)).toMatchObject({ status: "met", required: "$500,000.00" });
    }
    expect(baseFundMemberType({ clearsAgriculturalOtc: false, clearsOtherBaseOtc: false })).toBe("futures-options");
    expect(baseFundMemberType({ clearsAgriculturalOtc: true, clearsOtherBaseOtc: false })).toBe("base-otc");
    expect(baseFundMemberType({ clearsAgriculturalOtc: false, clearsOtherBaseOtc: true })).toBe("base-otc");
  });

  it("cross guarantee at 10%+ common ownership; then only one may clear IRS in the house origin", () => {
    const affiliates = [{ name: "Sister Clearing", isClearingMember: true, commonOwnershipPercent: "40", crossGuaranteeOnFile: true, clearsIrsHouse: true, clearsCdsHouse: false }];
    const r = evaluateMembershipRequirements(app({ exchanges: ["CME"], productScope: { ...futuresOnly, irs: true }, affiliates }));
    expect(line(r, "cross-guarantee-0").status).toBe("met");
    expect(line(r, "cross-guarantee-one-irs-clearer").status).toBe("not-met");
    expect(r.lines.some((l) => l.id === "cross-guarantee-one-cds-clearer")).toBe(false);
  });

  it("non-US firm: regime not yet assessed needs review; settlement bank must be on the approved list", () => {
    const firm = { ...app().firm, country: "GB", insolvencyRegimeAcceptable: null };
    const r = evaluateMembershipRequirements(app({ firm, settlementBank: "Some Other Bank" }));
    expect(line(r, "non-us-insolvency-regime").status).toBe("needs-review");
    expect(line(r, "settlement-bank").status).toBe("not-met");
    expect(r.summary.hardNeedsReview).toContain("non-us-insolvency-regime");
    const r2 = evaluateMembershipRequirements(app({ settlementBank: "Some Other Bank" }), { approvedSettlementBanks: ["Some Other Bank"] });
    expect(line(r2, "settlement-bank").status).toBe("met");
  });

  it("hedge fund member: $1bn AUM, separate accounts, liquidity reporting", () => {
    const firm = { ...app().firm, hedgeFundRole: "fund" as const };
    const r = evaluateMembershipRequirements(app({ firm, hedgeFund: { assetsUnderManagement: "900000000", separateClearingAccountsPerFund: true, liquidityReporting: true } }));
    expect(line(r, "hedge-fund-aum").status).toBe("not-met");
    expect(line(r, "hedge-fund-separate-accounts").status).toBe("met");
  });

  it("policies: AML (981), risk (982), BCP/DR (983), OTC procedures only when clearing OTC, GC2 admins", () => {
    const policies = { ...app().policies, businessContinuity: false };
    const r = evaluateMembershipRequirements(app({ policies }));
    expect(line(r, "policy-bcp-dr")).toMatchObject({ status: "not-met", rule: "Rule 983" });
    expect(r.lines.some((l) => l.id === "policy-otc-settlement")).toBe(false);
  });

  it("bad input names the field", () => {
    const owners = [{ name: "X", percent: "120", guaranteeOnFile: true }];
    expect(() => evaluateMembershipRequirements(app({ owners }))).toThrow(RiskError);
    try {
      evaluateMembershipRequirements(app({ owners }));
    } catch (e) {
      expect((e as RiskError).field).toBe("owners[0].percent");
    }
  });
});
