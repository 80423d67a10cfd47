/**
 * Turns a firm's facts and a filing's statement lines into the risk core's capital inputs.
 * Shared by the filing form (the preview the member sees before submitting) and the server
 * (what is stored at filing time), so both compute the same figures with the same code.
 */
import type { BusinessCalendar } from "@/lib/risk/calendar";
import { assessCapital, filingDueDate, type CapitalAssessment, type CapitalSettings, type FinancialStatementLines } from "@/lib/risk/capital";
import { EXCHANGES, type Exchange, type MinimumCapitalInput } from "@/lib/risk/membership/minimum-capital";
import { RiskError } from "@/lib/risk/errors";
import type { FilingKindName } from "@/lib/validation/filing";

/** The firm facts minimum capital depends on (the `firm` row's columns). */
export interface FirmCapitalFacts {
  readonly isBank: boolean;
  readonly isFcm: boolean;
  readonly isBrokerDealer: boolean;
  readonly clearsOtc: boolean;
  readonly clearsIrs: boolean;
  readonly clearsCds: boolean;
  readonly clearsAgriculturalOtc: boolean;
  readonly clearsOtherBaseOtc: boolean;
  readonly guaranteesNymexFloorMembers: boolean;
  readonly hedgeFundRole: "NONE" | "FUND" | "INVESTMENT_MANAGER";
  readonly exchanges: readonly string[];
}

/** The firm row's hedge fund role and the application's (and the risk core's) name for it, both ways (002 "Hedge Funds"). */
export const HEDGE_FUND_ROLE = { NONE: "none", FUND: "fund", INVESTMENT_MANAGER: "investment-manager" } as const;
export const FIRM_HEDGE_FUND_ROLE = { none: "NONE", fund: "FUND", "investment-manager": "INVESTMENT_MANAGER" } as const;

/**
 * The requirement input of a firm, before the filed performance bond figures: its product scope
 * and hedge fund role as recorded from its approved application (002 Summary of Requirements:
 * agricultural OTC keeps a CBOT member at $5,000,000, other Base OTC raises it to $50,000,000;
 * "Hedge Funds": an investment manager's futures/options floor is $50,000,000; NYMEX Rule 992).
 */
export function requirementFacts(firm: FirmCapitalFacts): Omit<MinimumCapitalInput, "customerRiskMaintenancePerformanceBond" | "nonCustomerRiskMaintenancePerformanceBond" | "secRequirement" | "cdsIrsAccountsPerformanceBond"> {
  const exchanges = firm.exchanges.filter((e): e is Exchange => (EXCHANGES as readonly string[]).includes(e));
  return {
    isBank: firm.isBank,
    brokerDealer: firm.isBrokerDealer,
    hedgeFundRole: HEDGE_FUND_ROLE[firm.hedgeFundRole],
    exchanges,
    productScope: {
      futuresOptions: exchanges.length > 0,
      agriculturalOtc: firm.clearsAgriculturalOtc,
      otherBaseOtc: firm.clearsOtherBaseOtc,
      irs: firm.clearsIrs,
      cds: firm.clearsCds,
      guaranteesNymexFloorMembers: firm.guaranteesNymexFloorMembers && exchanges.includes("NYMEX"),
    },
  };
}

/** Kinds of report a firm files (002 Periodic Financial Reporting). */
export function kindsFor(firm: Pick<FirmCapitalFacts, "isBank" | "isBrokerDealer">): FilingKindName[] {
  if (firm.isBank) return ["BANK_QUARTERLY", "ANNUAL_CERTIFIED"];
  return [firm.isBrokerDealer ? "MONTHLY_FOCUS" : "MONTHLY_1FR", "ANNUAL_CERTIFIED"];
}

const given = (v: string | undefined): string | undefined => (v && v.trim() !== "" ? v.trim().replace(/,/g, "") : undefined);

/** Statement lines (code → amount text) as the risk core's statement. */
export function statementOf(lines: Readonly<Record<string, string>>): FinancialStatementLines {
  return {
    currentAssets: given(lines.current_assets),
    totalAssets: given(lines.total_assets),
    nonCurrentAssets: {
      prepaidExpenses: given(lines.prepaid_expenses),
      deferredCharges: given(lines.deferred_charges),
      unsecuredReceivablesCustomers: given(lines.unsecured_receivables_customers),
      unsecuredReceivablesNonCustomers: given(lines.unsecured_receivables_noncustomers),
      unsecuredReceivablesSubsidiariesAffiliates: given(lines.unsecured_receivables_affiliates),
      exchangeMemberships: given(lines.exchange_memberships),
      otherNonCurrent: given(lines.other_noncurrent_assets),
    },
    totalLiabilities: given(lines.total_liabilities) ?? "",
    subordinatedLiabilities: given(lines.subordinated_liabilities),
    capitalCharges: {
      speculativeProprietaryFuturesOptions: given(lines.charge_speculative_proprietary),
      proprietaryInventoriesCommitments: given(lines.charge_inventories_commitments),
      undermarginedCustomerAccounts: given(lines.charge_undermargined_customer),
      undermarginedNoncustomerAccounts: given(lines.charge_undermargined_noncustomer),
      undermarginedOmnibusAccounts: given(lines.charge_undermargined_omnibus),
      marketableSecurities: given(lines.charge_marketable_securities),
      other: given(lines.charge_other),
    },
  };
}

/** The risk core's field path → the statement line code it came from. */
const FIELD_TO_LINE: Record<string, string> = {
  "statement.currentAssets": "current_assets",
  "statement.totalAssets": "total_assets",
  "statement.nonCurrentAssets": "total_assets",
  "statement.nonCurrentAssets.prepaidExpenses": "prepaid_expenses",
  "statement.nonCurrentAssets.deferredCharges": "deferred_charges",
  "statement.nonCurrentAssets.unsecuredReceivablesCustomers": "unsecured_receivables_customers",
  "statement.nonCurrentAssets.unsecuredReceivablesNonCustomers": "unsecured_receivables_noncustomers",
  "statement.nonCurrentAssets.unsecuredReceivablesSubsidiariesAffiliates": "unsecured_receivables_affiliates",
  "statement.nonCurrentAssets.exchangeMemberships": "exchange_memberships",
  "statement.nonCurrentAssets.otherNonCurrent": "other_noncurrent_assets",
  "statement.totalLiabilities": "total_liabilities",
  "statement.subordinatedLiabilities": "subordinated_liabilities",
  "requirement.customerRiskMaintenancePerformanceBond": "customer_risk_maintenance_pb",
  "requirement.nonCustomerRiskMaintenancePerformanceBond": "noncustomer_risk_maintenance_pb",
  "requirement.secRequirement": "sec_requirement",
  "requirement.cdsIrsAccountsPerformanceBond": "cds_irs_accounts_pb",
};

/** The statement line a risk-core error is about, if any. */
export function lineOfRiskError(e: RiskError): string | null {
  if (FIELD_TO_LINE[e.field]) return FIELD_TO_LINE[e.field]!;
  const charge = /^statement\.capitalCharges\.(\w+)$/.exec(e.field)?.[1];
  if (charge) {
    const map: Record<string, string> = {
      speculativeProprietaryFuturesOptions: "charge_speculative_proprietary",
      proprietaryInventoriesCommitments: "charge_inventories_commitments",
      undermarginedCustomerAccounts: "charge_undermargined_customer",
      undermarginedNoncustomerAccounts: "charge_undermargined_noncustomer",
      undermarginedOmnibusAccounts: "charge_undermargined_omnibus",
      marketableSecurities: "charge_marketable_securities",
      other: "charge_other",
    };
    return map[charge] ?? null;
  }
  return null;
}

export interface AssessFilingInput {
  readonly firm: FirmCapitalFacts;
  readonly lines: Readonly<Record<string, string>>;
  readonly previousAdjustedNetCapital?: string | null;
  readonly dueDate?: string;
  readonly filedDate?: string;
  readonly settings: CapitalSettings;
}

/** ANC, minimum capital, early-warning level and flags of one statement for one firm. */
export function assessFiling(input: AssessFilingInput): CapitalAssessment {
  const facts = requirementFacts(input.firm);
  if (input.firm.isBrokerDealer && !given(input.lines.sec_requirement)) {
    throw new RiskError("REQUIRED", "requirement.secRequirement", "A broker-dealer states its SEC net capital requirement");
  }
  return assessCapital({
    statement: statementOf(input.lines),
    requirement: {
      ...facts,
      customerRiskMaintenancePerformanceBond: given(input.lines.customer_risk_maintenance_pb),
      nonCustomerRiskMaintenancePerformanceBond: given(input.lines.noncustomer_risk_maintenance_pb),
      secRequirement: facts.brokerDealer ? given(input.lines.sec_requirement) : undefined,
      cdsIrsAccountsPerformanceBond: given(input.lines.cds_irs_accounts_pb),
    },
    previousAdjustedNetCapital: input.previousAdjustedNetCapital ?? undefined,
    dueDate: input.dueDate,
    filedDate: input.filedDate,
    settings: input.settings,
  });
}

export interface DueDateSettings {
  readonly calendar: BusinessCalendar;
  readonly monthlyBusinessDays: number;
  readonly annualDays: number;
  readonly annualDaysBrokerDealer: number;
  readonly bankDaysAfterRegulatorFiling: number;
}

/** The due date of a report, or null for a bank report whose regulatory filing date is not known yet. */
export function dueDateOf(s: DueDateSettings, firm: Pick<FirmCapitalFacts, "isBank" | "isBrokerDealer">, kind: FilingKindName, periodEnd: string, regulatorFilingDate?: string | null): string | null {
  const settings = { monthlyBusinessDays: s.monthlyBusinessDays, annualDays: s.annualDays, annualDaysBrokerDealer: s.annualDaysBrokerDealer, bankDaysAfterRegulatorFiling: s.bankDaysAfterRegulatorFiling };
  if (firm.isBank) {
    if (!regulatorFilingDate) return null;
    return filingDueDate(s.calendar, { kind: kind === "ANNUAL_CERTIFIED" ? "bank-annual-certified" : "bank-periodic", regulatorFilingDate, settings }).dueDate;
  }
  if (kind === "ANNUAL_CERTIFIED") return filingDueDate(s.calendar, { kind: "annual-certified", periodEnd, brokerDealer: firm.isBrokerDealer, settings }).dueDate;
  return filingDueDate(s.calendar, { kind: "monthly", periodEnd, settings }).dueDate;
}
