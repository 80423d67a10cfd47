/** A complete application (every hard requirement met once the AML, risk and BCP documents are on file), to vary per test. */
import type { ApplicationData } from "@/lib/validation/application";

export function completeApplication(overrides: { legalName?: string; capital?: string; repEmail?: string } = {}): Required<ApplicationData> {
  return {
    firm: {
      legalName: overrides.legalName ?? "Harborview Futures LLC",
      legalForm: "llc",
      country: "US",
      qualifiedInIllinois: true,
      qualifiedInNewYork: false,
      agencyAgreement: false,
      isBank: false,
      fcmRegistered: false,
      clearsForCustomers: false,
      brokerDealer: false,
      hedgeFundRole: "none",
      regulatoryApprovalsReceived: "yes",
      goodStanding: "yes",
    },
    scope: { exchanges: ["CME"], futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false, guaranteesNymexFloorMembers: false },
    capital: {
      capital: overrides.capital ?? "6000000",
      customerRiskMaintenancePerformanceBond: "",
      nonCustomerRiskMaintenancePerformanceBond: "",
      secRequirement: "",
      cdsIrsAccountsPerformanceBond: "",
      membershipDeposit: "",
      guarantyFundBaseDeposit: "500000",
      guarantyFundIrsDeposit: "",
      guarantyFundCdsDeposit: "",
      affiliatedIrsArrangement: false,
      hedgeFundAssetsUnderManagement: "",
      hedgeFundSeparateAccounts: false,
      hedgeFundLiquidityReporting: false,
    },
    ownership: { owners: [{ name: "Harbor Holdings Inc.", percent: "100", guaranteeOnFile: true, guaranteePercent: "100" }], affiliates: [] },
    memberships: {
      memberships: (["CME", "IMM", "IOM", "GEM"] as const).map((kind) => ({ exchange: "CME" as const, kind, count: kind === "GEM" ? "1" : "2", firmOwned: true })),
      settlementBank: "Citibank",
    },
    policies: { gc2AdministratorsRegistered: true },
    representative: { name: "Rhea Presley", title: "Chief Executive Officer", role: "officer", email: overrides.repEmail ?? "rhea@harborview-futures.example" },
  };
}

export const REQUIRED_DOCUMENTS = ["aml", "risk-management", "bcp-dr"] as const;
