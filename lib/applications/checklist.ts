/**
 * From the application form to the risk core's requirements checklist (SPEC §2). Pure and
 * browser-safe: the form runs it on every change (the live checklist) and the server runs it
 * on the stored application (review, approval). Facts the applicant cannot assert (a non-US
 * firm's insolvency regime) or has not stated yet are `null`, so the line reads "needs review".
 * Values typed but not (yet) valid are left out rather than guessed.
 */
import {
  evaluateMembershipRequirements,
  LEGAL_FORMS,
  type Affiliate,
  type LegalForm,
  type MembershipApplication,
  type MembershipHeld,
  type Owner,
  type RequirementLine,
  type RequirementsChecklist,
} from "@/lib/risk/membership";
import { RiskError } from "@/lib/risk/errors";
import type { ApplicationData } from "@/lib/validation/application";

/** Any part of the form, as typed (possibly incomplete). */
export type DraftValues = { [K in keyof ApplicationData]?: Partial<Record<string, unknown>> };

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

function str(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}
function amountOr(v: unknown, fallback?: string): string | undefined {
  const s = str(v);
  return AMOUNT.test(s) ? s : fallback;
}
function percentOr(v: unknown): string | undefined {
  const s = str(v);
  return PERCENT.test(s) && Number(s) <= 100 ? s : undefined;
}
const bool = (v: unknown): boolean => v === true;
function tri(v: unknown): boolean | null {
  return v === "yes" ? true : v === "no" ? false : null;
}
function rows(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null) : [];
}

/** The form's values and the kinds of documents uploaded, as the risk core's input. */
export function toMembershipApplication(values: DraftValues, documentKinds: readonly string[]): MembershipApplication {
  const f = values.firm ?? {};
  const s = values.scope ?? {};
  const c = values.capital ?? {};
  const o = values.ownership ?? {};
  const m = values.memberships ?? {};
  const p = values.policies ?? {};
  const r = values.representative ?? {};
  const docs = new Set(documentKinds);
  const country = str(f.country).toUpperCase();
  const legalForm = LEGAL_FORMS.includes(f.legalForm as LegalForm) ? (f.legalForm as LegalForm) : "other";
  const hedgeFundRole = f.hedgeFundRole === "fund" || f.hedgeFundRole === "investment-manager" ? f.hedgeFundRole : "none";
  const exchanges = Array.isArray(s.exchanges) ? (s.exchanges as string[]).filter((e): e is "CME" | "CBOT" | "NYMEX" | "COMEX" => ["CME", "CBOT", "NYMEX", "COMEX"].includes(e)) : [];

  const owners: Owner[] = rows(o.owners).flatMap((row) => {
    const percent = percentOr(row.percent);
    const guaranteePercent = percentOr(row.guaranteePercent);
    if (!str(row.name) || percent === undefined) return [];
    return [{ name: str(row.name), percent, guaranteeOnFile: bool(row.guaranteeOnFile), ...(guaranteePercent !== undefined ? { guaranteePercent } : {}) }];
  });
  const affiliates: Affiliate[] = rows(o.affiliates).flatMap((row) => {
    const common = percentOr(row.commonOwnershipPercent);
    if (!str(row.name) || common === undefined) return [];
    return [
      {
        name: str(row.name),
        isClearingMember: bool(row.isClearingMember),
        commonOwnershipPercent: common,
        crossGuaranteeOnFile: bool(row.crossGuaranteeOnFile),
        clearsIrsHouse: bool(row.clearsIrsHouse),
        clearsCdsHouse: bool(row.clearsCdsHouse),
      },
    ];
  });
  const membershipsHeld: MembershipHeld[] = rows(m.memberships).flatMap((row) => {
    const exchange = row.exchange as MembershipHeld["exchange"];
    const kind = row.kind as MembershipHeld["kind"];
    const count = /^[1-9]\d{0,2}$/.test(str(row.count)) ? Number(str(row.count)) : 0;
    const consistent = ["CME", "CBOT", "NYMEX", "COMEX"].includes(exchange) && ["CME", "IMM", "IOM", "GEM", "full"].includes(kind) && (exchange === "CME") !== (kind === "full");
    return consistent && count > 0 ? [{ exchange, kind, count, firmOwned: bool(row.firmOwned) }] : [];
  });

  const irsDeposit = amountOr(c.guarantyFundIrsDeposit);
  const cdsDeposit = amountOr(c.guarantyFundCdsDeposit);
  const membershipDeposit = amountOr(c.membershipDeposit);
  const optional = (key: string, v: string | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    firm: {
      legalName: str(f.legalName) || "(legal name not given)",
      legalForm,
      country: /^[A-Z]{2}$/.test(country) ? country : "XX",
      qualifiedInIllinois: bool(f.qualifiedInIllinois),
      qualifiedInNewYork: bool(f.qualifiedInNewYork),
      // The agreement counts once it is uploaded; its format is judged by the reviewer.
      agencyAgreementApproved: bool(f.agencyAgreement) && docs.has("agency-agreement"),
      insolvencyRegimeAcceptable: null,
      isBank: bool(f.isBank),
      fcmRegistered: bool(f.fcmRegistered),
      clearsForCustomers: bool(f.clearsForCustomers),
      brokerDealer: bool(f.brokerDealer),
      hedgeFundRole,
      regulatoryApprovalsReceived: tri(f.regulatoryApprovalsReceived),
      goodStanding: tri(f.goodStanding),
    },
    exchanges,
    productScope: {
      futuresOptions: bool(s.futuresOptions),
      agriculturalOtc: bool(s.agriculturalOtc),
      otherBaseOtc: bool(s.otherBaseOtc),
      irs: bool(s.irs),
      cds: bool(s.cds),
      guaranteesNymexFloorMembers: bool(s.guaranteesNymexFloorMembers),
    },
    capital: {
      capital: amountOr(c.capital, "0")!,
      ...optional("customerRiskMaintenancePerformanceBond", amountOr(c.customerRiskMaintenancePerformanceBond)),
      ...optional("nonCustomerRiskMaintenancePerformanceBond", amountOr(c.nonCustomerRiskMaintenancePerformanceBond)),
      // A broker-dealer that has not stated it yet is shown as $0 (submitting requires it).
      ...optional("secRequirement", amountOr(c.secRequirement, bool(f.brokerDealer) ? "0" : undefined)),
      ...optional("cdsIrsAccountsPerformanceBond", amountOr(c.cdsIrsAccountsPerformanceBond)),
    },
    ...(hedgeFundRole === "fund"
      ? { hedgeFund: { assetsUnderManagement: amountOr(c.hedgeFundAssetsUnderManagement, "0")!, separateClearingAccountsPerFund: bool(c.hedgeFundSeparateAccounts), liquidityReporting: bool(c.hedgeFundLiquidityReporting) } }
      : {}),
    owners,
    affiliates,
    membershipsHeld,
    ...(membershipDeposit !== undefined ? { membershipDeposit } : {}),
    guarantyFund: {
      baseDeposit: amountOr(c.guarantyFundBaseDeposit, "0")!,
      ...optional("irsDeposit", irsDeposit),
      ...optional("cdsDeposit", cdsDeposit),
      affiliatedIrsArrangement: bool(c.affiliatedIrsArrangement),
    },
    settlementBank: str(m.settlementBank) || null,
    policies: {
      amlSanctions: docs.has("aml"),
      riskManagement: docs.has("risk-management"),
      businessContinuity: docs.has("bcp-dr"),
      otcSettlementProcedures: docs.has("otc-settlement"),
      otcDefaultManagementProcedures: docs.has("otc-default-management"),
      gc2AdministratorsRegistered: bool(p.gc2AdministratorsRegistered),
    },
    authorizedRepresentative: str(r.name) ? { name: str(r.name), role: (["officer", "principal", "partner"] as const).find((x) => x === r.role) ?? "other" } : null,
  };
}

export type ChecklistOutcome = { ok: true; checklist: RequirementsChecklist } | { ok: false; message: string };

/** The checklist of the form as it stands, or why it cannot be computed yet. */
export function evaluateApplication(values: DraftValues, documentKinds: readonly string[], approvedSettlementBanks: readonly string[]): ChecklistOutcome {
  try {
    return { ok: true, checklist: evaluateMembershipRequirements(toMembershipApplication(values, documentKinds), { approvedSettlementBanks }) };
  } catch (e) {
    if (e instanceof RiskError) return { ok: false, message: e.message };
    throw e;
  }
}

/** Hard lines not met (or still needing review) that no exemption covers: these block approval. */
export function blockingLines(checklist: RequirementsChecklist, exemptedIds: readonly string[]): RequirementLine[] {
  const exempt = new Set(exemptedIds);
  return checklist.lines.filter((l) => l.hard && l.status !== "met" && !exempt.has(l.id));
}

/** The approved settlement banks setting (comma-separated) as a list. */
export function parseBankList(setting: string): string[] {
  return setting
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
}
