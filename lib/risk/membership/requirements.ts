/**
 * The membership requirements checklist (SPEC §2; seed 002 "Summary of Requirements for
 * Clearing Membership", Rules 901, 970, 981-983, 816; seed 001 §§18-20). Each line is
 * `met`, `not-met` or `needs-review`, with the rule behind it, the figure required, the
 * figure given, and whether it is a hard requirement (an admin cannot approve while a hard
 * line is not met unless an exemption is recorded).
 */
import { D, type Dec, ZERO, max, formatUsd } from "../money";
import { RiskError } from "../errors";
import { baseFundMemberType } from "../guaranty-fund/requirement";
import { bounded, flag, list, money, optionalMoney, text, triState, unique, wholeCount } from "../calendar/checks";
import { computeMinimumCapital, anyOtc, EXCHANGES, type Exchange, type MinimumCapitalResult } from "./minimum-capital";
import {
  DEFAULT_APPROVED_SETTLEMENT_BANKS,
  LEGAL_FORMS,
  MEMBERSHIP_KINDS,
  type MembershipApplication,
  type MembershipKind,
  type MembershipSettings,
} from "./application";

export type RequirementStatus = "met" | "not-met" | "needs-review";

export interface RequirementLine {
  readonly id: string;
  readonly requirement: string;
  readonly status: RequirementStatus;
  /** The rule or source document behind the line. */
  readonly rule: string;
  readonly required: string;
  readonly given: string;
  readonly hard: boolean;
  readonly requiredAmount?: Dec;
  readonly givenAmount?: Dec;
}

export interface RequirementsChecklist {
  readonly lines: readonly RequirementLine[];
  readonly minimumCapital: MinimumCapitalResult;
  readonly summary: {
    readonly met: number;
    readonly notMet: number;
    readonly needsReview: number;
    /** Ids of hard lines not met. */
    readonly hardNotMet: readonly string[];
    /** Ids of hard lines still needing review. */
    readonly hardNeedsReview: readonly string[];
    /** True when every hard line is met. */
    readonly hardRequirementsMet: boolean;
  };
}

const USD = (d: Dec): string => formatUsd(d);
const M = (s: string): Dec => new D(s);
const PARENT_GUARANTEE_EXEMPT_CAPITAL = M("300000000");
const HEDGE_FUND_AUM = M("1000000000");
const MEMBERSHIP_DEPOSIT = M("5000000");
const GF_MIN_FUTURES = M("500000");
const GF_MIN_BASE_OTC = M("2500000");
const GF_MIN_IRS_CDS = M("50000000");
const GF_MIN_AFFILIATED_IRS = M("25000000");

function status(ok: boolean | null): RequirementStatus {
  return ok === null ? "needs-review" : ok ? "met" : "not-met";
}
const yesNo = (b: boolean | null): string => (b === null ? "not stated" : b ? "yes" : "no");

function normalizeBank(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Memberships required on one exchange (seed 002 "Membership Requirements"). */
function membershipsRequired(exchange: Exchange, fcm: boolean): { kind: MembershipKind; count: number; firmOwned: number }[] {
  switch (exchange) {
    case "CME":
      return [
        { kind: "CME", count: 2, firmOwned: 1 },
        { kind: "IMM", count: 2, firmOwned: 1 },
        { kind: "IOM", count: 2, firmOwned: 1 },
        { kind: "GEM", count: 1, firmOwned: 1 },
      ];
    case "CBOT":
      return [{ kind: "full", count: fcm ? 2 : 1, firmOwned: 1 }];
    case "NYMEX":
    case "COMEX":
      return [{ kind: "full", count: 2, firmOwned: 1 }];
  }
}

function validate(app: MembershipApplication): void {
  if (!app || typeof app !== "object") throw new RiskError("INVALID_INPUT", "application", "application must be an object");
  const f = app.firm;
  if (!f || typeof f !== "object") throw new RiskError("REQUIRED", "firm", "firm is required");
  text(f.legalName, "firm.legalName");
  if (!LEGAL_FORMS.includes(f.legalForm)) throw new RiskError("INVALID_INPUT", "firm.legalForm", `firm.legalForm must be one of ${LEGAL_FORMS.join(", ")}`);
  if (typeof f.country !== "string" || !/^[A-Z]{2}$/.test(f.country)) throw new RiskError("INVALID_INPUT", "firm.country", "firm.country must be a two-letter ISO country code");
  for (const k of ["qualifiedInIllinois", "qualifiedInNewYork", "agencyAgreementApproved", "isBank", "fcmRegistered", "clearsForCustomers", "brokerDealer"] as const) flag(f[k], `firm.${k}`);
  triState(f.insolvencyRegimeAcceptable, "firm.insolvencyRegimeAcceptable");
  triState(f.regulatoryApprovalsReceived, "firm.regulatoryApprovalsReceived");
  triState(f.goodStanding, "firm.goodStanding");
  list(app.owners, "owners").forEach((o, i) => {
    text(o.name, `owners[${i}].name`);
    bounded(o.percent, `owners[${i}].percent`, ZERO, M("100"));
    flag(o.guaranteeOnFile, `owners[${i}].guaranteeOnFile`);
    if (o.guaranteePercent !== undefined) bounded(o.guaranteePercent, `owners[${i}].guaranteePercent`, ZERO, M("100"));
  });
  list(app.affiliates, "affiliates").forEach((a, i) => {
    text(a.name, `affiliates[${i}].name`);
    bounded(a.commonOwnershipPercent, `affiliates[${i}].commonOwnershipPercent`, ZERO, M("100"));
    for (const k of ["isClearingMember", "crossGuaranteeOnFile", "clearsIrsHouse", "clearsCdsHouse"] as const) flag(a[k], `affiliates[${i}].${k}`);
  });
  list(app.membershipsHeld, "membershipsHeld").forEach((m, i) => {
    if (!EXCHANGES.includes(m.exchange)) throw new RiskError("INVALID_INPUT", `membershipsHeld[${i}].exchange`, `membershipsHeld[${i}].exchange must be one of ${EXCHANGES.join(", ")}`);
    if (!MEMBERSHIP_KINDS.includes(m.kind)) throw new RiskError("INVALID_INPUT", `membershipsHeld[${i}].kind`, `membershipsHeld[${i}].kind must be one of ${MEMBERSHIP_KINDS.join(", ")}`);
    if ((m.exchange === "CME") === (m.kind === "full")) throw new RiskError("INVALID_INPUT", `membershipsHeld[${i}].kind`, "CME memberships are CME, IMM, IOM or GEM; CBOT, NYMEX and COMEX memberships are full");
    wholeCount(m.count, `membershipsHeld[${i}].count`, 1);
    flag(m.firmOwned, `membershipsHeld[${i}].firmOwned`);
  });
  if (!app.guarantyFund) throw new RiskError("REQUIRED", "guarantyFund", "guarantyFund is required");
  if (!app.policies) throw new RiskError("REQUIRED", "policies", "policies is required");
  for (const k of ["amlSanctions", "riskManagement", "businessContinuity", "otcSettlementProcedures", "otcDefaultManagementProcedures", "gc2AdministratorsRegistered"] as const) flag(app.policies[k], `policies.${k}`);
  if (app.settlementBank !== null && app.settlementBank !== undefined) text(app.settlementBank, "settlementBank");
  if (app.authorizedRepresentative) {
    text(app.authorizedRepresentative.name, "authorizedRepresentative.name");
    if (!["officer", "principal", "partner", "other"].includes(app.authorizedRepresentative.role)) {
      throw new RiskError("INVALID_INPUT", "authorizedRepresentative.role", "authorizedRepresentative.role must be officer, principal, partner or other");
    }
  }
  if (!app.capital) throw new RiskError("REQUIRED", "capital", "capital is required");
}

/**
 * Evaluate an application into the requirements checklist. Pure: the settings (approved
 * settlement banks) are an input.
 */
export function evaluateMembershipRequirements(
  app: MembershipApplication,
  settings: MembershipSettings = { approvedSettlementBanks: DEFAULT_APPROVED_SETTLEMENT_BANKS },
): RequirementsChecklist {
  validate(app);
  const f = app.firm;
  const scope = app.productScope;
  const lines: RequirementLine[] = [];
  const add = (l: RequirementLine): void => {
    lines.push(l);
  };
  const capital = money(app.capital.capital, "capital.capital", { negative: true });
  const exchanges = [...new Set(list(app.exchanges, "exchanges"))];

  // General requirements (002 General Requirements 1-3, 5, 10; Rule 901).
  add({
    id: "legal-form",
    requirement: "Legal form: corporation (C, S, LLC), partnership (LP, GP) or cooperative",
    status: f.legalForm === "other" ? "not-met" : "met",
    rule: "002 General Requirements 1; Rule 901",
    required: "corporation, partnership or cooperative",
    given: f.legalForm,
    hard: true,
  });
  const qualified = f.qualifiedInIllinois || f.qualifiedInNewYork || f.agencyAgreementApproved;
  add({
    id: "qualified-il-ny",
    requirement: "Qualified to do business in Illinois or New York, or an approved agency agreement",
    status: status(qualified),
    rule: "002 General Requirements 2; Rule 901",
    required: "qualified in IL or NY, or agency agreement in Exchange-approved format",
    given: [f.qualifiedInIllinois && "Illinois", f.qualifiedInNewYork && "New York", f.agencyAgreementApproved && "agency agreement"].filter(Boolean).join(", ") || "none",
    hard: true,
  });
  if (f.country !== "US") {
    const regime = triState(f.insolvencyRegimeAcceptable, "firm.insolvencyRegimeAcceptable");
    add({
      id: "non-us-insolvency-regime",
      requirement: "Non-US firm: legal and insolvency regime acceptable to the clearing house",
      status: status(regime),
      rule: "002 Clearing Members in Non-U.S. Jurisdictions",
      required: "acceptable regime",
      given: `${f.country}: ${regime === null ? "not assessed" : regime ? "acceptable" : "not acceptable"}`,
      hard: true,
    });
  }
  const rep = app.authorizedRepresentative;
  add({
    id: "authorized-representative",
    requirement: "Authorized representative (officer, principal or partner) satisfactory to the Clearing House Risk Committee",
    status: rep === null || rep === undefined ? "not-met" : rep.role === "other" ? "needs-review" : "met",
    rule: "002 General Requirements 3",
    required: "officer, principal or partner",
    given: rep ? `${rep.name} (${rep.role})` : "none",
    hard: true,
  });
  const approvals = triState(f.regulatoryApprovalsReceived, "firm.regulatoryApprovalsReceived");
  add({
    id: "regulatory-approvals",
    requirement: "All necessary approvals from regulatory authorities received",
    status: status(approvals),
    rule: "002 General Requirements 5",
    required: "approvals received",
    given: yesNo(approvals),
    hard: true,
  });
  const standing = triState(f.goodStanding, "firm.goodStanding");
  add({
    id: "good-standing",
    requirement: "Good standing under each applicable regulatory regime",
    status: status(standing),
    rule: "002 General Requirements 10",
    required: "good standing",
    given: yesNo(standing),
    hard: true,
  });
  if (f.clearsForCustomers) {
    add({
      id: "fcm-registration",
      requirement: "Registered with the CFTC as an FCM to clear for customers",
      status: status(f.fcmRegistered),
      rule: "002 Other Clearing Membership Requirements 1 (Customer Activity)",
      required: "FCM registration",
      given: f.fcmRegistered ? "registered" : "not registered",
      hard: true,
    });
  }

  // Minimum capital (002 Capital Requirements; 001 §§18-19).
  const minimumCapital = computeMinimumCapital({
    isBank: f.isBank,
    brokerDealer: f.brokerDealer,
    hedgeFundRole: f.hedgeFundRole,
    exchanges,
    productScope: scope,
    customerRiskMaintenancePerformanceBond: app.capital.customerRiskMaintenancePerformanceBond,
    nonCustomerRiskMaintenancePerformanceBond: app.capital.nonCustomerRiskMaintenancePerformanceBond,
    secRequirement: app.capital.secRequirement,
    cdsIrsAccountsPerformanceBond: app.capital.cdsIrsAccountsPerformanceBond,
  });
  add({
    id: "minimum-capital",
    requirement: `Minimum capital (${minimumCapital.capitalMeasure}): greatest of CFTC, SEC and exchange minimums`,
    status: status(capital.greaterThanOrEqualTo(minimumCapital.requirement)),
    rule: `${minimumCapital.binding.source} (binding: ${minimumCapital.binding.description})`,
    required: USD(minimumCapital.requirement),
    given: USD(capital),
    hard: true,
    requiredAmount: minimumCapital.requirement,
    givenAmount: capital,
  });

  // Hedge funds (002 "Hedge Funds").
  if (f.hedgeFundRole === "fund") {
    const hf = app.hedgeFund;
    const aum = hf ? money(hf.assetsUnderManagement, "hedgeFund.assetsUnderManagement") : null;
    add({
      id: "hedge-fund-aum",
      requirement: "Hedge fund member: assets under management of $1 billion",
      status: aum === null ? "needs-review" : status(aum.greaterThanOrEqualTo(HEDGE_FUND_AUM)),
      rule: "002 Hedge Funds (iii)",
      required: USD(HEDGE_FUND_AUM),
      given: aum === null ? "not stated" : USD(aum),
      hard: true,
      requiredAmount: HEDGE_FUND_AUM,
      ...(aum ? { givenAmount: aum } : {}),
    });
    const sep = hf ? flag(hf.separateClearingAccountsPerFund, "hedgeFund.separateClearingAccountsPerFund") : null;
    add({ id: "hedge-fund-separate-accounts", requirement: "Hedge fund member: separate clearing accounts for each fund", status: status(sep), rule: "002 Hedge Funds (i)", required: "yes", given: yesNo(sep), hard: true });
    const liq = hf ? flag(hf.liquidityReporting, "hedgeFund.liquidityReporting") : null;
    add({ id: "hedge-fund-liquidity-reporting", requirement: "Hedge fund member: additional reporting of risk exposures and liquidity resources", status: status(liq), rule: "002 Hedge Funds (ii)", required: "yes", given: yesNo(liq), hard: true });
  }

  // Memberships or the membership deposit (002 Membership Requirements; 001 §20).
  const deposit = optionalMoney(app.membershipDeposit, "membershipDeposit", ZERO);
  if (exchanges.length === 0 || f.isBank) {
    add({
      id: "membership-deposit",
      requirement: f.isBank ? "Bank member: $5,000,000 membership deposit in lieu of exchange memberships" : "OTC Derivatives Clearing Member: $5,000,000 membership deposit",
      status: status(deposit.greaterThanOrEqualTo(MEMBERSHIP_DEPOSIT)),
      rule: f.isBank ? "001 §20" : "002 Membership Requirements (OTC Derivatives)",
      required: USD(MEMBERSHIP_DEPOSIT),
      given: USD(deposit),
      hard: true,
      requiredAmount: MEMBERSHIP_DEPOSIT,
      givenAmount: deposit,
    });
  } else {
    for (const ex of exchanges) {
      for (const req of membershipsRequired(ex, f.fcmRegistered)) {
        const held = app.membershipsHeld.filter((m) => m.exchange === ex && m.kind === req.kind);
        const count = held.reduce((s, m) => s + m.count, 0);
        const owned = held.filter((m) => m.firmOwned).reduce((s, m) => s + m.count, 0);
        const label = ex === "CME" ? `${req.kind} division` : `full ${ex}`;
        add({
          id: `memberships-${ex.toLowerCase()}${ex === "CME" ? `-${req.kind.toLowerCase()}` : ""}`,
          requirement: `${ex}: ${req.count} ${label} membership${req.count > 1 ? "s" : ""}, ${req.firmOwned} firm-owned`,
          status: status(count >= req.count && owned >= req.firmOwned),
          rule: `002 Membership Requirements (${ex}${ex === "CBOT" ? (f.fcmRegistered ? ": FCM needs 2" : ": non-FCM needs 1") : ""})`,
          required: `${req.count} (${req.firmOwned} firm-owned)`,
          given: `${count} (${owned} firm-owned)`,
          hard: true,
        });
      }
    }
  }

  // Guaranty fund minimum deposits (002 Guaranty Fund Requirements; Rule 816).
  const gf = app.guarantyFund;
  const baseProducts = scope.futuresOptions || scope.agriculturalOtc || scope.otherBaseOtc;
  if (baseProducts) {
    const baseOtc = baseFundMemberType({ clearsAgriculturalOtc: scope.agriculturalOtc, clearsOtherBaseOtc: scope.otherBaseOtc }) === "base-otc";
    const minimum = baseOtc ? GF_MIN_BASE_OTC : GF_MIN_FUTURES;
    const share = optionalMoney(gf.baseProportionateShare, "guarantyFund.baseProportionateShare", ZERO);
    const required = max(minimum, share);
    const given = money(gf.baseDeposit, "guarantyFund.baseDeposit");
    add({
      id: "guaranty-fund-base",
      requirement: `Base guaranty fund deposit: greater of ${USD(minimum)} (${baseOtc ? "futures/options and Base OTC" : "futures/options"}) and the proportionate share`,
      status: status(given.greaterThanOrEqualTo(required)),
      rule: "Rule 816; 002 Guaranty Fund Requirements",
      required: USD(required),
      given: USD(given),
      hard: true,
      requiredAmount: required,
      givenAmount: given,
    });
  }
  const affiliatedIrs = gf.affiliatedIrsArrangement === undefined ? false : flag(gf.affiliatedIrsArrangement, "guarantyFund.affiliatedIrsArrangement");
  for (const fund of ["irs", "cds"] as const) {
    if (!scope[fund]) continue;
    const minimum = fund === "irs" && affiliatedIrs ? GF_MIN_AFFILIATED_IRS : GF_MIN_IRS_CDS;
    const share = optionalMoney(gf[`${fund}ProportionateShare`], `guarantyFund.${fund}ProportionateShare`, ZERO);
    const required = max(minimum, share);
    const given = optionalMoney(gf[`${fund}Deposit`], `guarantyFund.${fund}Deposit`, ZERO);
    add({
      id: `guaranty-fund-${fund}`,
      requirement: `${fund.toUpperCase()} guaranty fund deposit: greater of ${USD(minimum)}${minimum === GF_MIN_AFFILIATED_IRS ? " (each of two affiliated IRS members)" : ""} and the proportionate share`,
      status: status(given.greaterThanOrEqualTo(required)),
      rule: fund === "irs" ? "CME Rule 8G07; 002 Guaranty Fund Requirements" : "CME Rule 8H07; 002 Guaranty Fund Requirements",
      required: USD(required),
      given: USD(given),
      hard: true,
      requiredAmount: required,
      givenAmount: given,
    });
  }

  // Parent guarantees (002 Other Requirements 5; 001 §20).
  if (capital.greaterThanOrEqualTo(PARENT_GUARANTEE_EXEMPT_CAPITAL)) {
    add({
      id: "parent-guarantee",
      requirement: "Parent guarantees from owners of 5% or more: exempt with capital of at least $300,000,000",
      status: "met",
      rule: "002 Other Clearing Membership Requirements 5",
      required: `capital ≥ ${USD(PARENT_GUARANTEE_EXEMPT_CAPITAL)} (exemption)`,
      given: USD(capital),
      hard: true,
    });
  } else {
    app.owners.forEach((o, i) => {
      const pct = money(o.percent, `owners[${i}].percent`);
      if (pct.lessThan(5)) return;
      const requiredPct = pct.greaterThanOrEqualTo(50) ? M("100") : pct;
      const givenPct = o.guaranteeOnFile ? optionalMoney(o.guaranteePercent, `owners[${i}].guaranteePercent`, ZERO) : ZERO;
      add({
        id: `parent-guarantee-${i}`,
        requirement: `Parent guarantee of house obligations from ${o.name} (owns ${pct.toString()}%)`,
        status: status(givenPct.greaterThanOrEqualTo(requiredPct)),
        rule: "002 Other Clearing Membership Requirements 5; 001 §20 (5%+ pro rata, 50%+ 100%)",
        required: `${requiredPct.toString()}% of house obligations`,
        given: o.guaranteeOnFile ? `${givenPct.toString()}%` : "no guarantee on file",
        hard: true,
      });
    });
  }

  // Cross guarantees (002 Other Requirements 6; Rule 901.G).
  const crossAffiliates = app.affiliates.filter((a) => a.isClearingMember && money(a.commonOwnershipPercent, "affiliates.commonOwnershipPercent").greaterThanOrEqualTo(10));
  crossAffiliates.forEach((a) => {
    add({
      id: `cross-guarantee-${app.affiliates.indexOf(a)}`,
      requirement: `Cross guarantee with ${a.name} (common ownership ${money(a.commonOwnershipPercent, "affiliates.commonOwnershipPercent").toString()}%)`,
      status: status(a.crossGuaranteeOnFile),
      rule: "002 Other Clearing Membership Requirements 6; Rule 901.G",
      required: "written cross guarantee",
      given: a.crossGuaranteeOnFile ? "on file" : "not on file",
      hard: true,
    });
  });
  for (const cls of ["irs", "cds"] as const) {
    if (!scope[cls]) continue;
    const clash = crossAffiliates.filter((a) => (cls === "irs" ? a.clearsIrsHouse : a.clearsCdsHouse));
    if (clash.length === 0) continue;
    const arrangement = cls === "irs" && affiliatedIrs;
    add({
      id: `cross-guarantee-one-${cls}-clearer`,
      requirement: `Cross-guaranteed affiliates: only one may clear ${cls.toUpperCase()} in the house origin`,
      status: arrangement ? "needs-review" : "not-met",
      rule: "002 Other Clearing Membership Requirements 6 (Note)",
      required: `no other cross-guaranteed affiliate clearing ${cls.toUpperCase()} in house origin (absent an exemption)`,
      given: `${clash.map((a) => a.name).join(", ")} clear${clash.length === 1 ? "s" : ""} ${cls.toUpperCase()} house${arrangement ? " (affiliated FCM/proprietary IRS arrangement declared)" : ""}`,
      hard: true,
    });
  }

  // Settlement bank (002 Settlement and Performance Bond Banks; non-US firms must use them).
  const approved = list(settings.approvedSettlementBanks, "settings.approvedSettlementBanks");
  const bank = app.settlementBank ?? null;
  const onList = bank !== null && approved.some((b) => normalizeBank(b) === normalizeBank(bank));
  add({
    id: "settlement-bank",
    requirement: "Settlement, performance bond and guaranty fund accounts at an approved clearing house bank",
    status: status(onList),
    rule: "002 Settlement and Performance Bond Banks; Clearing Members in Non-U.S. Jurisdictions",
    required: "a bank on the approved list",
    given: bank ?? "none",
    hard: true,
  });

  // Policies on file (Rules 981-983, 8F010; General Requirements 9).
  const p = app.policies;
  const policy = (id: string, requirement: string, rule: string, ok: boolean): void =>
    add({ id, requirement, status: status(ok), rule, required: "on file", given: ok ? "on file" : "not on file", hard: true });
  policy("policy-aml", "Written AML and economic sanctions compliance program approved by senior management", "Rule 981", p.amlSanctions);
  policy("policy-risk-management", "Written risk management policies and procedures", "Rule 982", p.riskManagement);
  policy("policy-bcp-dr", "Written disaster recovery and business continuity policies and procedures", "Rule 983", p.businessContinuity);
  if (anyOtc(scope)) {
    policy("policy-otc-settlement", "OTC: settlement procedures", "Rule 982; CME Rule 8F010", p.otcSettlementProcedures);
    policy("policy-otc-default-management", "OTC: default management procedures", "Rule 982; CME Rule 8F010", p.otcDefaultManagementProcedures);
  }
  policy("gc2-administrators", "GC2 credit control administrators registered", "002 General Requirements 9", p.gc2AdministratorsRegistered);

  unique(lines, (l) => l.id, (i) => `lines[${i}].id`);
  const hardNotMet = lines.filter((l) => l.hard && l.status === "not-met").map((l) => l.id);
  const hardNeedsReview = lines.filter((l) => l.hard && l.status === "needs-review").map((l) => l.id);
  return {
    lines,
    minimumCapital,
    summary: {
      met: lines.filter((l) => l.status === "met").length,
      notMet: lines.filter((l) => l.status === "not-met").length,
      needsReview: lines.filter((l) => l.status === "needs-review").length,
      hardNotMet,
      hardNeedsReview,
      hardRequirementsMet: hardNotMet.length === 0 && hardNeedsReview.length === 0,
    },
  };
}
