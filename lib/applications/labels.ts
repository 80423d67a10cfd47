/** Labels of the application form's fields (the form, the review page, changes requested). */
import { STEP_TITLES, type StepId } from "@/lib/validation/application";

export const FIELD_LABELS: Record<string, string> = {
  "firm.legalName": "Legal name",
  "firm.legalForm": "Legal form",
  "firm.country": "Country of incorporation (ISO code)",
  "firm.qualifiedInIllinois": "Qualified to do business in Illinois",
  "firm.qualifiedInNewYork": "Qualified to do business in New York",
  "firm.agencyAgreement": "Agency agreement with an entity qualified in IL or NY",
  "firm.isBank": "The firm is a bank",
  "firm.fcmRegistered": "Registered with the CFTC as an FCM",
  "firm.clearsForCustomers": "Will clear for customers",
  "firm.brokerDealer": "Registered broker-dealer",
  "firm.hedgeFundRole": "Hedge fund status",
  "firm.regulatoryApprovalsReceived": "All necessary regulatory approvals received",
  "firm.goodStanding": "In good standing with every regulator",
  "scope.exchanges": "Exchanges applied for",
  "scope.futuresOptions": "Exchange-traded futures and options",
  "scope.agriculturalOtc": "Agricultural OTC",
  "scope.otherBaseOtc": "Other Base OTC (FX, energy, metals)",
  "scope.irs": "Interest rate swaps (IRS)",
  "scope.cds": "Credit default swaps (CDS)",
  "scope.guaranteesNymexFloorMembers": "Guarantees NYMEX floor members (Rule 992)",
  "capital.capital": "Capital: adjusted net capital (non-bank) or Tier 1 (bank)",
  "capital.customerRiskMaintenancePerformanceBond": "Customer risk maintenance performance bond",
  "capital.nonCustomerRiskMaintenancePerformanceBond": "Non-customer risk maintenance performance bond",
  "capital.secRequirement": "SEC net capital requirement (broker-dealers)",
  "capital.cdsIrsAccountsPerformanceBond": "Performance bond of accounts with CME-cleared CDS/IRS",
  "capital.membershipDeposit": "Membership deposit (OTC-only or bank members)",
  "capital.guarantyFundBaseDeposit": "Base guaranty fund deposit",
  "capital.guarantyFundIrsDeposit": "IRS guaranty fund deposit",
  "capital.guarantyFundCdsDeposit": "CDS guaranty fund deposit",
  "capital.affiliatedIrsArrangement": "Affiliated FCM/proprietary IRS arrangement",
  "capital.hedgeFundAssetsUnderManagement": "Hedge fund: assets under management",
  "capital.hedgeFundSeparateAccounts": "Hedge fund: separate clearing accounts per fund",
  "capital.hedgeFundLiquidityReporting": "Hedge fund: additional liquidity reporting",
  "ownership.owners": "Owners of 5% or more",
  "ownership.affiliates": "Affiliates",
  "memberships.memberships": "Memberships held or to be assigned",
  "memberships.settlementBank": "Settlement bank",
  "policies.gc2AdministratorsRegistered": "GC2 credit control administrators registered",
  "representative.name": "Representative's name",
  "representative.title": "Representative's title",
  "representative.role": "Representative's capacity",
  "representative.email": "Representative's e-mail",
  documents: "Documents",
};

/** Fields entered in US dollars: the form says so beside the label; messages name the field alone. */
export const DOLLAR_FIELDS: ReadonlySet<string> = new Set([
  "capital.capital",
  "capital.customerRiskMaintenancePerformanceBond",
  "capital.nonCustomerRiskMaintenancePerformanceBond",
  "capital.secRequirement",
  "capital.cdsIrsAccountsPerformanceBond",
  "capital.membershipDeposit",
  "capital.guarantyFundBaseDeposit",
  "capital.guarantyFundIrsDeposit",
  "capital.guarantyFundCdsDeposit",
  "capital.hedgeFundAssetsUnderManagement",
]);

export function fieldTitle(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  return STEP_TITLES[field as StepId] ? `${STEP_TITLES[field as StepId]} (whole section)` : field;
}
