/**
 * Adjusted net capital from a financial statement's lines (seed 001 §19; SPEC §3):
 *   ANC = current assets − adjusted liabilities − capital charges
 *   adjusted liabilities = total liabilities − liabilities subordinated to general creditors
 *   capital charges = haircuts on speculative proprietary futures/options, proprietary
 *     inventories and commitments, undermargined customer / noncustomer / omnibus accounts,
 *     marketable securities.
 * Prepaid expenses, deferred charges, unsecured receivables from customers, non-customers,
 * subsidiaries and affiliates, and exchange memberships are non-current: when the statement
 * gives total assets, current assets = total assets − the non-current lines.
 */
import { type Dec, ZERO, sum } from "../money";
import { RiskError } from "../errors";
import { money, optionalMoney } from "../calendar/checks";

type Amount = Dec | string;

export interface NonCurrentAssets {
  readonly prepaidExpenses?: Amount;
  readonly deferredCharges?: Amount;
  readonly unsecuredReceivablesCustomers?: Amount;
  readonly unsecuredReceivablesNonCustomers?: Amount;
  readonly unsecuredReceivablesSubsidiariesAffiliates?: Amount;
  readonly exchangeMemberships?: Amount;
  /** Fixed assets and any other non-current assets. */
  readonly otherNonCurrent?: Amount;
}

export interface CapitalCharges {
  readonly speculativeProprietaryFuturesOptions?: Amount;
  readonly proprietaryInventoriesCommitments?: Amount;
  readonly undermarginedCustomerAccounts?: Amount;
  readonly undermarginedNoncustomerAccounts?: Amount;
  readonly undermarginedOmnibusAccounts?: Amount;
  readonly marketableSecurities?: Amount;
  readonly other?: Amount;
}

export interface FinancialStatementLines {
  /** Current assets as reported (already excluding non-current items), or … */
  readonly currentAssets?: Amount;
  /** … total assets, from which the non-current lines are deducted. */
  readonly totalAssets?: Amount;
  readonly nonCurrentAssets?: NonCurrentAssets;
  readonly totalLiabilities: Amount;
  readonly subordinatedLiabilities?: Amount;
  readonly capitalCharges?: CapitalCharges;
}

export interface AncLine {
  readonly id: string;
  readonly label: string;
  readonly amount: Dec;
}

export interface AdjustedNetCapital {
  readonly currentAssets: Dec;
  /** How current assets were obtained. */
  readonly currentAssetsSource: "reported" | "derived from total assets";
  readonly totalAssets: Dec | null;
  readonly nonCurrentAssets: readonly AncLine[];
  readonly totalNonCurrentAssets: Dec;
  readonly totalLiabilities: Dec;
  readonly subordinatedLiabilities: Dec;
  readonly adjustedLiabilities: Dec;
  readonly capitalCharges: readonly AncLine[];
  readonly totalCapitalCharges: Dec;
  readonly adjustedNetCapital: Dec;
}

const NON_CURRENT: readonly [keyof NonCurrentAssets, string][] = [
  ["prepaidExpenses", "Prepaid expenses"],
  ["deferredCharges", "Deferred charges"],
  ["unsecuredReceivablesCustomers", "Unsecured receivables from customers"],
  ["unsecuredReceivablesNonCustomers", "Unsecured receivables from non-customers"],
  ["unsecuredReceivablesSubsidiariesAffiliates", "Unsecured receivables from subsidiaries and affiliates"],
  ["exchangeMemberships", "Exchange memberships"],
  ["otherNonCurrent", "Fixed and other non-current assets"],
];

const CHARGES: readonly [keyof CapitalCharges, string][] = [
  ["speculativeProprietaryFuturesOptions", "Haircuts on speculative proprietary futures and options positions"],
  ["proprietaryInventoriesCommitments", "Haircuts on proprietary inventories, fixed price commitments and forward contracts"],
  ["undermarginedCustomerAccounts", "Charges on undermargined customer accounts"],
  ["undermarginedNoncustomerAccounts", "Charges on undermargined noncustomer accounts"],
  ["undermarginedOmnibusAccounts", "Charges on undermargined omnibus accounts"],
  ["marketableSecurities", "Haircuts on marketable securities"],
  ["other", "Other capital charges"],
];

/** Compute ANC with every line shown (see module comment). */
export function computeAdjustedNetCapital(statement: FinancialStatementLines, field = "statement"): AdjustedNetCapital {
  if (!statement || typeof statement !== "object") throw new RiskError("REQUIRED", field, `${field} is required`);
  const nc = statement.nonCurrentAssets ?? {};
  const nonCurrentAssets = NON_CURRENT.map(([id, label]) => ({ id, label, amount: optionalMoney(nc[id], `${field}.nonCurrentAssets.${id}`, ZERO) }));
  const totalNonCurrentAssets = sum(nonCurrentAssets.map((l) => l.amount));
  const hasCurrent = statement.currentAssets !== undefined && statement.currentAssets !== null;
  const hasTotal = statement.totalAssets !== undefined && statement.totalAssets !== null;
  if (!hasCurrent && !hasTotal) throw new RiskError("REQUIRED", `${field}.currentAssets`, "give currentAssets or totalAssets");
  const totalAssets = hasTotal ? money(statement.totalAssets, `${field}.totalAssets`) : null;
  let currentAssets: Dec;
  if (hasCurrent) {
    currentAssets = money(statement.currentAssets, `${field}.currentAssets`);
    if (totalAssets && !currentAssets.plus(totalNonCurrentAssets).eq(totalAssets)) {
      throw new RiskError("INCONSISTENT", `${field}.totalAssets`, "current assets plus the non-current lines must equal total assets");
    }
  } else {
    currentAssets = totalAssets!.minus(totalNonCurrentAssets);
    if (currentAssets.isNegative()) throw new RiskError("INCONSISTENT", `${field}.nonCurrentAssets`, "the non-current lines exceed total assets");
  }
  const totalLiabilities = money(statement.totalLiabilities, `${field}.totalLiabilities`);
  const subordinatedLiabilities = optionalMoney(statement.subordinatedLiabilities, `${field}.subordinatedLiabilities`, ZERO);
  if (subordinatedLiabilities.greaterThan(totalLiabilities)) {
    throw new RiskError("INCONSISTENT", `${field}.subordinatedLiabilities`, "subordinated liabilities cannot exceed total liabilities");
  }
  const adjustedLiabilities = totalLiabilities.minus(subordinatedLiabilities);
  const cc = statement.capitalCharges ?? {};
  const capitalCharges = CHARGES.map(([id, label]) => ({ id, label, amount: optionalMoney(cc[id], `${field}.capitalCharges.${id}`, ZERO) }));
  const totalCapitalCharges = sum(capitalCharges.map((l) => l.amount));
  return {
    currentAssets,
    currentAssetsSource: hasCurrent ? "reported" : "derived from total assets",
    totalAssets,
    nonCurrentAssets,
    totalNonCurrentAssets,
    totalLiabilities,
    subordinatedLiabilities,
    adjustedLiabilities,
    capitalCharges,
    totalCapitalCharges,
    adjustedNetCapital: currentAssets.minus(adjustedLiabilities).minus(totalCapitalCharges),
  };
}
