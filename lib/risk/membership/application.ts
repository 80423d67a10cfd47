/**
 * The membership application as the risk core reads it (SPEC §2). The onboarding form maps
 * onto this type; facts not yet established are `null` (the checklist line is then
 * "needs-review"), amounts are decimal strings or Dec.
 */
import type { Dec } from "../money";
import type { Exchange, HedgeFundRole, ProductScope } from "./minimum-capital";

export type Amount = Dec | string;

export const LEGAL_FORMS = ["c-corporation", "s-corporation", "llc", "limited-partnership", "general-partnership", "cooperative", "other"] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** CME divisions; CBOT, NYMEX and COMEX memberships are "full". */
export const MEMBERSHIP_KINDS = ["CME", "IMM", "IOM", "GEM", "full"] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export interface FirmFacts {
  readonly legalName: string;
  readonly legalForm: LegalForm;
  /** ISO 3166 country of incorporation/domicile, e.g. "US", "GB". */
  readonly country: string;
  readonly qualifiedInIllinois: boolean;
  readonly qualifiedInNewYork: boolean;
  /** An agency agreement, in Exchange-approved format, with an entity qualified in IL or NY. */
  readonly agencyAgreementApproved: boolean;
  /** Non-US firms: legal and insolvency regime acceptable to the clearing house (null = not assessed). */
  readonly insolvencyRegimeAcceptable?: boolean | null;
  readonly isBank: boolean;
  readonly fcmRegistered: boolean;
  readonly clearsForCustomers: boolean;
  readonly brokerDealer: boolean;
  readonly hedgeFundRole: HedgeFundRole;
  /** Regulatory approvals (e.g. Federal Reserve, foreign banking regulators) received (null = not shown). */
  readonly regulatoryApprovalsReceived: boolean | null;
  /** Good standing under each applicable regulatory regime (null = not shown). */
  readonly goodStanding: boolean | null;
}

export interface CapitalFigures {
  /** Adjusted net capital (non-bank) or Tier 1 capital (bank). */
  readonly capital: Amount;
  readonly customerRiskMaintenancePerformanceBond?: Amount;
  readonly nonCustomerRiskMaintenancePerformanceBond?: Amount;
  readonly secRequirement?: Amount;
  readonly cdsIrsAccountsPerformanceBond?: Amount;
}

export interface HedgeFundFacts {
  readonly assetsUnderManagement: Amount;
  readonly separateClearingAccountsPerFund: boolean;
  readonly liquidityReporting: boolean;
}

export interface Owner {
  readonly name: string;
  /** Percent of equity securities owned, 0-100. */
  readonly percent: Amount;
  /** A parent guarantee from this owner is on file. */
  readonly guaranteeOnFile: boolean;
  /** Percent of house obligations the guarantee on file covers (0-100); absent = none. */
  readonly guaranteePercent?: Amount;
}

export interface Affiliate {
  readonly name: string;
  /** The affiliate is (or is applying to be) a clearing member. */
  readonly isClearingMember: boolean;
  /** Common ownership shared with the applicant, percent. */
  readonly commonOwnershipPercent: Amount;
  readonly crossGuaranteeOnFile: boolean;
  /** The affiliate clears IRS / CDS in its house origin. */
  readonly clearsIrsHouse: boolean;
  readonly clearsCdsHouse: boolean;
}

export interface MembershipHeld {
  readonly exchange: Exchange;
  readonly kind: MembershipKind;
  readonly count: number;
  /** Owned by the member or an owner with a proprietary interest of at least $500,000. */
  readonly firmOwned: boolean;
}

export interface GuarantyFundCommitment {
  /** Base guaranty fund deposit the firm will post. */
  readonly baseDeposit: Amount;
  /** Its proportionate share of the Base aggregate, if already computed (Rule 816). */
  readonly baseProportionateShare?: Amount;
  readonly irsDeposit?: Amount;
  readonly irsProportionateShare?: Amount;
  readonly cdsDeposit?: Amount;
  readonly cdsProportionateShare?: Amount;
  /** Two affiliated IRS members: one FCM for customers, one proprietary only ($25M each). */
  readonly affiliatedIrsArrangement?: boolean;
}

export interface PoliciesOnFile {
  readonly amlSanctions: boolean;
  readonly riskManagement: boolean;
  readonly businessContinuity: boolean;
  readonly otcSettlementProcedures: boolean;
  readonly otcDefaultManagementProcedures: boolean;
  readonly gc2AdministratorsRegistered: boolean;
}

export interface AuthorizedRepresentative {
  readonly name: string;
  readonly role: "officer" | "principal" | "partner" | "other";
}

export interface MembershipApplication {
  readonly firm: FirmFacts;
  /** Exchanges applied for; empty = OTC Derivatives Clearing Member only. */
  readonly exchanges: readonly Exchange[];
  readonly productScope: ProductScope;
  readonly capital: CapitalFigures;
  readonly hedgeFund?: HedgeFundFacts;
  /** Owners of 5% or more (smaller owners may be listed; they need no guarantee). */
  readonly owners: readonly Owner[];
  readonly affiliates: readonly Affiliate[];
  readonly membershipsHeld: readonly MembershipHeld[];
  /** $5,000,000 membership deposit posted (OTC-only or bank members). */
  readonly membershipDeposit?: Amount;
  readonly guarantyFund: GuarantyFundCommitment;
  /** Name of the settlement / performance bond bank, or null. */
  readonly settlementBank: string | null;
  readonly policies: PoliciesOnFile;
  readonly authorizedRepresentative: AuthorizedRepresentative | null;
}

export interface MembershipSettings {
  /** Approved settlement, performance bond and guaranty fund banks (setting; default list in 002). */
  readonly approvedSettlementBanks: readonly string[];
}

/** The approved banks listed in seed 002 (September 2013). */
export const DEFAULT_APPROVED_SETTLEMENT_BANKS: readonly string[] = [
  "Bank of America, N.A.",
  "Bank of China Ltd., NY Branch",
  "BMO Harris, N.A.",
  "Brown Brothers Harriman & Co.",
  "Citibank, N.A.",
  "Fifth Third Bank",
  "Lakeside Bank",
  "J.P. Morgan Chase Bank, NA",
  "The Bank of New York Mellon",
];
