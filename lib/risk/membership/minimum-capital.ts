/**
 * Minimum capital of a clearing member (seed 002 "Summary of Requirements: Capital
 * Requirements"; seed 001 §§18-19; SPEC §2): the greatest of
 *   - the CFTC requirement: 8% of the customer and non-customer (excluding proprietary) risk
 *     maintenance performance bond requirement;
 *   - the SEC requirement, if a broker-dealer (an input);
 *   - each exchange's minimum for the exchanges applied for (table below), including for CME
 *     the 20% term on the performance bond of accounts with CME-cleared CDS/IRS.
 * Adjusted net capital for non-banks, Tier 1 capital for banks.
 */
import { D, type Dec, ZERO, max } from "../money";
import { RiskError } from "../errors";
import { flag, list, optionalMoney } from "../calendar/checks";

export const EXCHANGES = ["CME", "CBOT", "NYMEX", "COMEX"] as const;
export type Exchange = (typeof EXCHANGES)[number];

/** What the firm will clear (SPEC §2 "product scope"). */
export interface ProductScope {
  /** Exchange-traded futures and options. */
  readonly futuresOptions: boolean;
  /** Agricultural OTC (CBOT ethanol/grain swaps). */
  readonly agriculturalOtc: boolean;
  /** Other Base OTC products (FX, energy, metals OTC …). */
  readonly otherBaseOtc: boolean;
  readonly irs: boolean;
  readonly cds: boolean;
  /** Guarantees NYMEX floor members (NYMEX Rule 992). */
  readonly guaranteesNymexFloorMembers: boolean;
}

export type HedgeFundRole = "none" | "fund" | "investment-manager";

export interface MinimumCapitalInput {
  readonly isBank: boolean;
  readonly brokerDealer: boolean;
  readonly hedgeFundRole?: HedgeFundRole;
  /** Exchanges applied for / held; empty = OTC Derivatives Clearing Member only. */
  readonly exchanges: readonly Exchange[];
  readonly productScope: ProductScope;
  /** Customer (all origins) risk maintenance performance bond requirement. */
  readonly customerRiskMaintenancePerformanceBond?: Dec | string;
  /** Non-customer (excluding proprietary) risk maintenance performance bond requirement. */
  readonly nonCustomerRiskMaintenancePerformanceBond?: Dec | string;
  /** The SEC net capital requirement, if a broker-dealer. */
  readonly secRequirement?: Dec | string;
  /**
   * Aggregate performance bond of the accounts containing CME-cleared CDS/IRS positions:
   * customer and house accounts for a non-bank, proprietary and affiliate accounts for a bank.
   */
  readonly cdsIrsAccountsPerformanceBond?: Dec | string;
}

export interface CapitalTerm {
  readonly id: string;
  readonly source: string;
  readonly description: string;
  readonly amount: Dec;
}

export interface MinimumCapitalResult {
  /** The greatest of the terms. */
  readonly requirement: Dec;
  /** The term that sets the requirement. */
  readonly binding: CapitalTerm;
  readonly terms: readonly CapitalTerm[];
  readonly capitalMeasure: "adjusted net capital" | "Tier 1 capital";
}

const M = (n: string): Dec => new D(n);
const FIVE_M = M("5000000");
const TWENTY_M = M("20000000");
const FIFTY_M = M("50000000");
const FIVE_BN = M("5000000000");
export const CFTC_RATE = M("0.08");
export const CDS_IRS_RATE = M("0.20");

function checkScope(scope: ProductScope, field: string): void {
  if (!scope || typeof scope !== "object") throw new RiskError("REQUIRED", field, `${field} is required`);
  for (const k of ["futuresOptions", "agriculturalOtc", "otherBaseOtc", "irs", "cds", "guaranteesNymexFloorMembers"] as const) flag(scope[k], `${field}.${k}`);
}

export function anyOtc(scope: ProductScope): boolean {
  return scope.agriculturalOtc || scope.otherBaseOtc || scope.irs || scope.cds;
}

/** The exchange minimum for one exchange (or the OTC Derivatives Clearing Member if null). */
function exchangeTerm(exchange: Exchange | null, input: MinimumCapitalInput): CapitalTerm {
  const s = input.productScope;
  const source = `002 Summary of Requirements: ${exchange ?? "OTC Derivatives"} Clearing Member capital`;
  const id = `exchange-minimum-${(exchange ?? "OTC").toLowerCase()}`;
  if (input.isBank) {
    if (s.futuresOptions && exchange) return { id, source, description: `${exchange} bank clearing exchange-traded futures/options`, amount: FIVE_BN };
    return { id, source, description: `${exchange ?? "OTC"} bank clearing only OTC derivatives`, amount: FIFTY_M };
  }
  const investmentManager = input.hedgeFundRole === "investment-manager";
  // Futures/options floor: $5M, or $50M for a hedge fund's investment manager (002 "Hedge Funds").
  const etFloor = investmentManager ? FIFTY_M : FIVE_M;
  const etNote = investmentManager ? " (hedge fund investment manager: $50,000,000 instead of $5,000,000)" : "";
  let otc: boolean;
  switch (exchange) {
    case "CBOT":
      otc = s.otherBaseOtc || s.irs || s.cds; // agricultural OTC stays at the $5M level
      break;
    default:
      otc = anyOtc(s);
  }
  if (exchange === null || otc) return { id, source, description: `${exchange ?? "OTC-only"} non-bank clearing OTC derivatives`, amount: FIFTY_M };
  if (exchange === "NYMEX" && s.guaranteesNymexFloorMembers) {
    return { id, source, description: `NYMEX non-bank guaranteeing NYMEX floor members (Rule 992)${etNote}`, amount: max(TWENTY_M, etFloor) };
  }
  return { id, source, description: `${exchange} non-bank clearing only exchange-traded futures/options${exchange === "CBOT" && s.agriculturalOtc ? " or agricultural OTC" : ""}${etNote}`, amount: etFloor };
}

/** Minimum capital (see module comment); every term is shown, the greatest binds. */
export function computeMinimumCapital(input: MinimumCapitalInput, field = "capital"): MinimumCapitalResult {
  flag(input.isBank, "isBank");
  flag(input.brokerDealer, "brokerDealer");
  checkScope(input.productScope, "productScope");
  const exchanges = list(input.exchanges, "exchanges");
  exchanges.forEach((e, i) => {
    if (!EXCHANGES.includes(e)) throw new RiskError("INVALID_INPUT", `exchanges[${i}]`, `exchanges[${i}] must be one of ${EXCHANGES.join(", ")}`);
  });
  const role = input.hedgeFundRole ?? "none";
  if (!["none", "fund", "investment-manager"].includes(role)) throw new RiskError("INVALID_INPUT", "hedgeFundRole", "hedgeFundRole must be none, fund or investment-manager");
  const customer = optionalMoney(input.customerRiskMaintenancePerformanceBond, `${field}.customerRiskMaintenancePerformanceBond`, ZERO);
  const nonCustomer = optionalMoney(input.nonCustomerRiskMaintenancePerformanceBond, `${field}.nonCustomerRiskMaintenancePerformanceBond`, ZERO);
  const terms: CapitalTerm[] = [
    {
      id: "cftc",
      source: "CFTC Regulation 1.17; 001 §18",
      description: "8% of customer and non-customer (excluding proprietary) risk maintenance performance bond",
      amount: customer.plus(nonCustomer).times(CFTC_RATE),
    },
  ];
  if (input.brokerDealer) {
    if (input.secRequirement === undefined || input.secRequirement === null) throw new RiskError("REQUIRED", `${field}.secRequirement`, "a broker-dealer must state its SEC capital requirement");
    terms.push({ id: "sec", source: "SEC Rule 15c3-1; 002 Summary of Requirements", description: "SEC net capital requirement (broker-dealer)", amount: optionalMoney(input.secRequirement, `${field}.secRequirement`, ZERO) });
  }
  const venues: (Exchange | null)[] = exchanges.length ? [...new Set(exchanges)] : [null];
  for (const v of venues) terms.push(exchangeTerm(v, input));
  const clearsCdsIrsAtCme = (input.productScope.irs || input.productScope.cds) && (exchanges.length === 0 || exchanges.includes("CME"));
  if (clearsCdsIrsAtCme) {
    const pb = optionalMoney(input.cdsIrsAccountsPerformanceBond, `${field}.cdsIrsAccountsPerformanceBond`, ZERO);
    terms.push({
      id: "cds-irs-20pct",
      source: "002 Summary of Requirements: CME Clearing Member capital",
      description: input.isBank
        ? "20% of aggregate performance bond of proprietary and affiliate accounts with CME-cleared CDS/IRS"
        : "20% of aggregate performance bond of customer and house accounts with CME-cleared CDS/IRS",
      amount: pb.times(CDS_IRS_RATE),
    });
  }
  let binding = terms[0]!;
  for (const t of terms) if (t.amount.greaterThan(binding.amount)) binding = t;
  return { requirement: binding.amount, binding, terms, capitalMeasure: input.isBank ? "Tier 1 capital" : "adjusted net capital" };
}
