/**
 * Each member's Base guaranty fund requirement (Rule 816, seed 002; seed 001 §23; SPEC §6):
 *   requirement = max(minimum for the member type, proportionate share)
 *   proportionate share = w1 × aggregate × (member's share of the average aggregate risk
 *       performance bond requirement over the preceding three months, cross-margin accounts and
 *       short option value included)
 *     + w2 × aggregate × (member's share of risk-weighted contracts executed over the
 *       preceding three months)
 *     + w3 × aggregate × (member's share of foreign-currency settlements over the preceding
 *       three months)
 * with w1 = 95%, w2 = 5%, w3 = 0% by default (settings; Rule 816 leaves them to the Clearing
 * House Risk Committee). Minimums: $500,000 futures/options, $2,500,000 with Base OTC (002
 * "Guaranty Fund Requirements").
 *
 * Rounding: the aggregate (whole cents) is first split over the three terms by their weights,
 * then each term over the members by their measure, each split by the largest remainder to
 * the cent (allocateProRata). The members' proportionate shares therefore sum to the
 * aggregate exactly. Minimums are applied afterwards, member by member, so the sum of the
 * requirements is the aggregate plus the minimum top-ups (shown as `totalMinimumTopUp`); the
 * shares are not scaled down to make room for them (Rule 816 takes the greater of the two).
 */
import { D, type Dec, ZERO, ONE, allocateProRata, max, plus, sumExact, centsFromBigInts, centsToDec, toCentsList } from "../money";
import { RiskError } from "../errors";
import { bounded, list, money, optionalMoney, text, unique } from "../calendar/checks";

type Amount = Dec | string;

export type GuarantyFundMemberType = "futures-options" | "base-otc";

export interface GuarantyFundMemberInput {
  readonly id: string;
  /** Sets the minimum: futures-options $500,000, base-otc $2,500,000 (unless `minimum` is given). */
  readonly memberType?: GuarantyFundMemberType;
  /** An explicit minimum (e.g. one prescribed by the Clearing House Risk Committee). */
  readonly minimum?: Amount;
  /**
   * Daily aggregate risk performance bond requirement over the preceding three months (one
   * value per day, the same days for every member; zero on days without positions).
   */
  readonly performanceBondHistory?: readonly Amount[];
  /**
   * Or the same history in whole cents, as the database can supply it without decimal parsing
   * (e.g. `round(requirement * 100)::bigint`). Exact; same result as `performanceBondHistory`.
   */
  readonly performanceBondHistoryCents?: BigInt64Array | readonly bigint[];
  /** Or the member's average over the three months, computed by the caller. */
  readonly averagePerformanceBond?: Amount;
  /** Risk-weighted contracts executed over the preceding three months (already weighted), or … */
  readonly riskWeightedContracts?: Amount;
  /** … the contracts by product with their risk weight (default 1). */
  readonly contractVolumes?: readonly { readonly contracts: Amount; readonly riskWeight?: Amount }[];
  /** Foreign-currency settlements over the preceding three months (third term). */
  readonly foreignCurrencySettlements?: Amount;
}

export interface GuarantyFundWeights {
  readonly performanceBond?: Amount;
  readonly volume?: Amount;
  readonly foreignCurrency?: Amount;
}

export interface GuarantyFundRequirementInput {
  /** The Aggregate Guaranty Fund Deposit, whole cents (e.g. from cover-2 sizing). */
  readonly aggregate: Amount;
  readonly members: readonly GuarantyFundMemberInput[];
  readonly weights?: GuarantyFundWeights;
  readonly minimums?: { readonly futuresOptions?: Amount; readonly baseOtc?: Amount };
}

export interface GuarantyFundMemberRequirement {
  readonly id: string;
  readonly averagePerformanceBond: Dec;
  readonly performanceBondShare: Dec;
  readonly riskWeightedContracts: Dec;
  readonly volumeShare: Dec;
  readonly foreignCurrencySettlements: Dec;
  readonly foreignCurrencyShare: Dec;
  readonly performanceBondTerm: Dec;
  readonly volumeTerm: Dec;
  readonly foreignCurrencyTerm: Dec;
  readonly proportionateShare: Dec;
  readonly minimum: Dec;
  readonly minimumApplied: boolean;
  readonly requirement: Dec;
}

export interface GuarantyFundRequirements {
  readonly aggregate: Dec;
  readonly weights: { readonly performanceBond: Dec; readonly volume: Dec; readonly foreignCurrency: Dec };
  /** The aggregate split over the three terms (sums to the aggregate). */
  readonly termTotals: { readonly performanceBond: Dec; readonly volume: Dec; readonly foreignCurrency: Dec };
  /** Average aggregate risk performance bond requirement (sum of the members' averages). */
  readonly averageAggregatePerformanceBond: Dec;
  readonly totalRiskWeightedContracts: Dec;
  readonly totalForeignCurrencySettlements: Dec;
  readonly members: readonly GuarantyFundMemberRequirement[];
  /** Equals the aggregate exactly. */
  readonly totalProportionateShares: Dec;
  readonly totalMinimumTopUp: Dec;
  readonly totalRequirements: Dec;
}

export const DEFAULT_GF_WEIGHTS = { performanceBond: new D("0.95"), volume: new D("0.05"), foreignCurrency: ZERO } as const;
export const DEFAULT_GF_MINIMUMS = { futuresOptions: new D("500000"), baseOtc: new D("2500000") } as const;

/**
 * Σ of a performance bond history, exactly: in whole cents held in safe integers when every
 * value is a whole number of cents (non-negative terms, so a total within 2^53 - 1 means every
 * partial sum was exact); otherwise in decimals, which also reports an invalid value.
 */
function historyTotal(h: readonly Amount[], field: string): Dec {
  const values = toCentsList(h);
  if (values !== null) {
    let cents = 0;
    for (let d = 0; d < values.length; d++) {
      const c = values[d]!;
      if (c < 0) {
        cents = -1;
        break;
      }
      cents += c;
    }
    if (cents >= 0 && cents <= Number.MAX_SAFE_INTEGER) return centsToDec(cents);
  }
  let total = ZERO;
  for (let k = 0; k < h.length; k++) total = total.plus(money(h[k], `${field}[${k}]`));
  return total;
}

function historyCentsTotal(h: unknown, field: string): { total: Dec; days: number } {
  if (!(h instanceof BigInt64Array) && !Array.isArray(h)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list of whole cents (bigint)`);
  const values = h as BigInt64Array | readonly bigint[];
  if (values.length < 1) throw new RiskError("OUT_OF_RANGE", field, `${field} must have at least 1 entry`);
  const safe = centsFromBigInts(values, field);
  if (safe !== null) {
    let cents = 0;
    for (let d = 0; d < safe.length; d++) {
      const c = safe[d]!;
      if (c < 0) throw new RiskError("OUT_OF_RANGE", `${field}[${d}]`, `${field}[${d}] must not be negative`);
      cents += c;
    }
    if (cents <= Number.MAX_SAFE_INTEGER) return { total: centsToDec(cents), days: values.length };
  }
  let big = 0n;
  for (let d = 0; d < values.length; d++) {
    const c = values[d]!;
    if (typeof c !== "bigint") throw new RiskError("INVALID_NUMBER", `${field}[${d}]`, `${field}[${d}] must be whole cents as a bigint`);
    if (c < 0n) throw new RiskError("OUT_OF_RANGE", `${field}[${d}]`, `${field}[${d}] must not be negative`);
    big += c;
  }
  return { total: centsToDec(big), days: values.length };
}

function share(part: Dec, total: Dec): Dec {
  return total.isZero() ? ZERO : part.div(total);
}

/** Compute every member's Base guaranty fund requirement with its calculation (see module comment). */
export function computeGuarantyFundRequirements(input: GuarantyFundRequirementInput): GuarantyFundRequirements {
  const aggregate = money(input.aggregate, "aggregate", { cents: true });
  const members = list(input.members, "members", 1);
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  const w = input.weights ?? {};
  const weights = {
    performanceBond: w.performanceBond === undefined ? DEFAULT_GF_WEIGHTS.performanceBond : bounded(w.performanceBond, "weights.performanceBond", ZERO, ONE),
    volume: w.volume === undefined ? DEFAULT_GF_WEIGHTS.volume : bounded(w.volume, "weights.volume", ZERO, ONE),
    foreignCurrency: w.foreignCurrency === undefined ? DEFAULT_GF_WEIGHTS.foreignCurrency : bounded(w.foreignCurrency, "weights.foreignCurrency", ZERO, ONE),
  };
  if (!weights.performanceBond.plus(weights.volume).plus(weights.foreignCurrency).eq(ONE)) {
    throw new RiskError("INCONSISTENT", "weights", "the three guaranty fund weights must sum to 1");
  }
  const minFo = optionalMoney(input.minimums?.futuresOptions, "minimums.futuresOptions", DEFAULT_GF_MINIMUMS.futuresOptions, { cents: true });
  const minOtc = optionalMoney(input.minimums?.baseOtc, "minimums.baseOtc", DEFAULT_GF_MINIMUMS.baseOtc, { cents: true });

  let historyLength = -1;
  let firstMode: "history" | "average" | null = null;
  const measures = members.map((m, i) => {
    const f = `members[${i}]`;
    text(m.id, `${f}.id`);
    let pbTotal: Dec;
    let days = 1;
    const hasHistory = m.performanceBondHistory !== undefined || m.performanceBondHistoryCents !== undefined;
    const mode = hasHistory ? "history" : m.averagePerformanceBond !== undefined ? "average" : null;
    if (mode === null) throw new RiskError("REQUIRED", `${f}.performanceBondHistory`, `${f} needs performanceBondHistory or averagePerformanceBond`);
    if (hasHistory && m.averagePerformanceBond !== undefined) {
      throw new RiskError("INCONSISTENT", `${f}.averagePerformanceBond`, "give performanceBondHistory or averagePerformanceBond, not both");
    }
    if (m.performanceBondHistory !== undefined && m.performanceBondHistoryCents !== undefined) {
      throw new RiskError("INCONSISTENT", `${f}.performanceBondHistoryCents`, "give performanceBondHistory or performanceBondHistoryCents, not both");
    }
    if (firstMode === null) firstMode = mode;
    else if (mode !== firstMode) throw new RiskError("INCONSISTENT", `${f}.${mode === "history" ? "performanceBondHistory" : "averagePerformanceBond"}`, "give every member a history, or every member an average");
    if (mode === "history") {
      const field = m.performanceBondHistory !== undefined ? `${f}.performanceBondHistory` : `${f}.performanceBondHistoryCents`;
      let length: number;
      if (m.performanceBondHistory !== undefined) {
        const h = list(m.performanceBondHistory, field, 1);
        length = h.length;
        if (historyLength !== -1 && length !== historyLength) throw new RiskError("INCONSISTENT", field, `every member's history must cover the same ${historyLength} days`);
        pbTotal = historyTotal(h, field);
      } else {
        const h = historyCentsTotal(m.performanceBondHistoryCents, field);
        length = h.days;
        if (historyLength !== -1 && length !== historyLength) throw new RiskError("INCONSISTENT", field, `every member's history must cover the same ${historyLength} days`);
        pbTotal = h.total;
      }
      if (historyLength === -1) historyLength = length;
      days = length;
    } else {
      pbTotal = money(m.averagePerformanceBond, `${f}.averagePerformanceBond`);
    }
    let volume: Dec;
    if (m.contractVolumes !== undefined) {
      if (m.riskWeightedContracts !== undefined) throw new RiskError("INCONSISTENT", `${f}.riskWeightedContracts`, "give riskWeightedContracts or contractVolumes, not both");
      volume = ZERO;
      list(m.contractVolumes, `${f}.contractVolumes`).forEach((v, j) => {
        volume = volume.plus(money(v.contracts, `${f}.contractVolumes[${j}].contracts`).times(optionalMoney(v.riskWeight, `${f}.contractVolumes[${j}].riskWeight`, ONE)));
      });
    } else {
      volume = optionalMoney(m.riskWeightedContracts, `${f}.riskWeightedContracts`, ZERO);
    }
    const fx = optionalMoney(m.foreignCurrencySettlements, `${f}.foreignCurrencySettlements`, ZERO);
    let minimum: Dec;
    if (m.minimum !== undefined) minimum = money(m.minimum, `${f}.minimum`, { cents: true });
    else if (m.memberType === "futures-options") minimum = minFo;
    else if (m.memberType === "base-otc") minimum = minOtc;
    else throw new RiskError("REQUIRED", `${f}.memberType`, `${f} needs memberType (futures-options or base-otc) or minimum`);
    return { id: m.id, pbTotal, average: pbTotal.div(days), volume, fx, minimum };
  });

  const [pbTotalTerm, volTerm, fxTerm] = allocateProRata(aggregate, [
    { key: "pb", weight: weights.performanceBond },
    { key: "vol", weight: weights.volume },
    { key: "fx", weight: weights.foreignCurrency },
  ]).map((s) => s.amount) as [Dec, Dec, Dec];

  const split = (total: Dec, key: "pbTotal" | "volume" | "fx", label: string): { total: Dec; shares: Dec[] } => {
    const weightsOf = measures.map((m, i) => ({ key: i, weight: m[key] }));
    const measureTotal = sumExact(weightsOf.map((x) => x.weight));
    if (measureTotal.isZero() && !total.isZero()) {
      throw new RiskError("INCONSISTENT", "members", `the ${label} term has weight but every member's ${label} is zero`);
    }
    return { total: measureTotal, shares: allocateProRata(total, weightsOf).map((s) => s.amount) };
  };
  const pb = split(pbTotalTerm, "pbTotal", "performance bond");
  const vol = split(volTerm, "volume", "risk-weighted volume");
  const fx = split(fxTerm, "fx", "foreign-currency settlement");

  const topUps: Dec[] = [];
  const out = measures.map((m, i) => {
    const proportionateShare = plus(plus(pb.shares[i]!, vol.shares[i]!), fx.shares[i]!);
    const requirement = max(m.minimum, proportionateShare);
    const minimumApplied = m.minimum.greaterThan(proportionateShare);
    if (requirement !== proportionateShare) topUps.push(requirement.minus(proportionateShare));
    return {
      id: m.id,
      averagePerformanceBond: m.average,
      performanceBondShare: share(m.pbTotal, pb.total),
      riskWeightedContracts: m.volume,
      volumeShare: share(m.volume, vol.total),
      foreignCurrencySettlements: m.fx,
      foreignCurrencyShare: share(m.fx, fx.total),
      performanceBondTerm: pb.shares[i]!,
      volumeTerm: vol.shares[i]!,
      foreignCurrencyTerm: fx.shares[i]!,
      proportionateShare,
      minimum: m.minimum,
      minimumApplied,
      requirement,
    };
  });
  const days = historyLength > 0 ? historyLength : 1;
  return {
    aggregate,
    weights,
    termTotals: { performanceBond: pbTotalTerm, volume: volTerm, foreignCurrency: fxTerm },
    averageAggregatePerformanceBond: pb.total.div(days),
    totalRiskWeightedContracts: vol.total,
    totalForeignCurrencySettlements: fx.total,
    members: out,
    totalProportionateShares: aggregate,
    totalMinimumTopUp: sumExact(topUps),
    totalRequirements: sumExact(out.map((m) => m.requirement)),
  };
}
