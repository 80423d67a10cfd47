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
 *
 * Computed in whole cents (requirementsInCents) when the amounts allow, which is far faster
 * than Dec arithmetic over thousands of members and gives the same result, Dec for Dec;
 * otherwise in decimals (computeGuarantyFundRequirementsDecimal, also the reference the cents
 * path is tested against).
 */
import { D, type Dec, ZERO, ONE, MAX_EXACT_DIVISOR, allocateProRata, divideExact, largestRemainderUnits, max, plus, scaledAmounts, scaledToDec, sumExact, centsFromBigInts, centsToDec, toCentsBigInt, toCentsList, wholeCents } from "../money";
import { RiskError } from "../errors";
import { bounded, list, money, optionalMoney, text, unique } from "../calendar/checks";

type Amount = Dec | string;

export type GuarantyFundMemberType = "futures-options" | "base-otc";

/** What a member clears, as far as its Base guaranty fund minimum depends on it. */
export interface BaseFundScope {
  /** Agricultural OTC products (Base OTC). */
  readonly clearsAgriculturalOtc: boolean;
  /** Other Base OTC products (OTC other than IRS and CDS). */
  readonly clearsOtherBaseOtc: boolean;
}

/**
 * The member type that sets a member's Base guaranty fund minimum (seed 002 "Guaranty Fund
 * Requirements"; SPEC §2, §6): $2,500,000 ("base-otc") only for a member clearing OTC products
 * *excluding CDS and IRS*, otherwise $500,000 ("futures-options"). IRS and CDS have their own,
 * separate guaranty funds (Rules 8G07, 8H07): clearing them never raises the Base minimum.
 */
export function baseFundMemberType(scope: BaseFundScope): GuarantyFundMemberType {
  return scope.clearsAgriculturalOtc || scope.clearsOtherBaseOtc ? "base-otc" : "futures-options";
}

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
 * Σ of a performance bond history: in whole cents when that is a safe integer (the Dec then
 * made only if asked for: the cents path does not need it), else as a Dec.
 */
interface HistoryTotal {
  readonly total: Dec | null;
  readonly cents: number | null;
}

/**
 * Σ of a performance bond history, exactly: in whole cents held in safe integers when every
 * value is a whole number of cents (non-negative terms, so a total within 2^53 - 1 means every
 * partial sum was exact); otherwise in decimals, which also reports an invalid value.
 */
function historyTotal(h: readonly Amount[], field: string, scratch: Float64Array): HistoryTotal {
  const values = toCentsList(h, scratch);
  if (values !== null) {
    let cents = 0;
    for (let d = 0; d < h.length; d++) {
      const c = values[d]!;
      if (c < 0) {
        cents = -1;
        break;
      }
      cents += c;
    }
    if (cents >= 0 && cents <= Number.MAX_SAFE_INTEGER) return { total: null, cents };
  }
  let total = ZERO;
  for (let k = 0; k < h.length; k++) total = total.plus(money(h[k], `${field}[${k}]`));
  return { total, cents: null };
}

function historyCentsTotal(h: unknown, field: string, scratch: Float64Array): HistoryTotal & { days: number } {
  if (!(h instanceof BigInt64Array) && !Array.isArray(h)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list of whole cents (bigint)`);
  const values = h as BigInt64Array | readonly bigint[];
  if (values.length < 1) throw new RiskError("OUT_OF_RANGE", field, `${field} must have at least 1 entry`);
  const safe = centsFromBigInts(values, field, scratch.length >= values.length ? scratch : undefined);
  if (safe !== null) {
    let cents = 0;
    for (let d = 0; d < values.length; d++) {
      const c = safe[d]!;
      if (c < 0) throw new RiskError("OUT_OF_RANGE", `${field}[${d}]`, `${field}[${d}] must not be negative`);
      cents += c;
    }
    if (cents <= Number.MAX_SAFE_INTEGER) return { total: null, cents, days: values.length };
  }
  let big = 0n;
  for (let d = 0; d < values.length; d++) {
    const c = values[d]!;
    if (typeof c !== "bigint") throw new RiskError("INVALID_NUMBER", `${field}[${d}]`, `${field}[${d}] must be whole cents as a bigint`);
    if (c < 0n) throw new RiskError("OUT_OF_RANGE", `${field}[${d}]`, `${field}[${d}] must not be negative`);
    big += c;
  }
  return { total: centsToDec(big), cents: null, days: values.length };
}

function share(part: Dec, total: Dec): Dec {
  return total.isZero() ? ZERO : part.div(total);
}

/** One member's Rule 816 measures, validated. */
class MemberMeasures {
  #pbTotal: Dec | null;
  constructor(
    readonly id: string,
    /** Σ of the performance bond history (or the given average) in whole cents when that is a safe integer, else null. */
    readonly pbCents: number | null,
    pbTotal: Dec | null,
    readonly volume: Dec,
    readonly fx: Dec,
    readonly minimum: Dec,
  ) {
    this.#pbTotal = pbTotal;
  }

  /** Σ of the performance bond history (or the given average). */
  get pbTotal(): Dec {
    return (this.#pbTotal ??= centsToDec(this.pbCents!));
  }
}

interface ValidatedInput {
  readonly aggregate: Dec;
  readonly weights: GuarantyFundRequirements["weights"];
  readonly members: readonly MemberMeasures[];
  /** Days of history (1 when averages are given). */
  readonly days: number;
}

/** Checks the input (RiskError naming the field) and gathers each member's measures. */
function validate(input: GuarantyFundRequirementInput): ValidatedInput {
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
  let scratch = new Float64Array(0); // one history in cents at a time
  let firstMode: "history" | "average" | null = null;
  const measures = members.map((m, i): MemberMeasures => {
    const f = `members[${i}]`;
    text(m.id, `${f}.id`);
    let pb: HistoryTotal;
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
        if (scratch.length < length) scratch = new Float64Array(length);
        pb = historyTotal(h, field, scratch);
      } else {
        const hc = m.performanceBondHistoryCents;
        if ((hc instanceof BigInt64Array || Array.isArray(hc)) && scratch.length < hc.length) scratch = new Float64Array(hc.length);
        const h = historyCentsTotal(hc, field, scratch);
        length = h.days;
        if (historyLength !== -1 && length !== historyLength) throw new RiskError("INCONSISTENT", field, `every member's history must cover the same ${historyLength} days`);
        pb = h;
      }
      if (historyLength === -1) historyLength = length;
    } else {
      const average = money(m.averagePerformanceBond, `${f}.averagePerformanceBond`);
      pb = { total: average, cents: wholeCents(average) };
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
    return new MemberMeasures(m.id, pb.cents, pb.total, volume, fx, minimum);
  });
  return { aggregate, weights, members: measures, days: historyLength > 0 ? historyLength : 1 };
}

/** The aggregate split over the three terms by their weights, to the cent (Rule 816). */
function termTotals(v: ValidatedInput): GuarantyFundRequirements["termTotals"] {
  const [performanceBond, volume, foreignCurrency] = allocateProRata(v.aggregate, [
    { key: "pb", weight: v.weights.performanceBond },
    { key: "vol", weight: v.weights.volume },
    { key: "fx", weight: v.weights.foreignCurrency },
  ]).map((s) => s.amount) as [Dec, Dec, Dec];
  return { performanceBond, volume, foreignCurrency };
}

const TERM_LABELS = { performanceBond: "performance bond", volume: "risk-weighted volume", foreignCurrency: "foreign-currency settlement" } as const;

function checkTermHasMeasure(measureTotalIsZero: boolean, termTotal: Dec, term: keyof typeof TERM_LABELS): void {
  if (measureTotalIsZero && !termTotal.isZero()) {
    const label = TERM_LABELS[term];
    throw new RiskError("INCONSISTENT", "members", `the ${label} term has weight but every member's ${label} is zero`);
  }
}

/** Compute every member's Base guaranty fund requirement with its calculation (see module comment). */
export function computeGuarantyFundRequirements(input: GuarantyFundRequirementInput): GuarantyFundRequirements {
  const v = validate(input);
  return requirementsInCents(v) ?? requirementsInDecimals(v);
}

/**
 * computeGuarantyFundRequirements computed with Dec arithmetic after validation (divisions, sums
 * and comparisons of Decs; pro-rata shares from allocateProRata): the general path, and the
 * reference the integer-cents path is tested against.
 */
export function computeGuarantyFundRequirementsDecimal(input: GuarantyFundRequirementInput): GuarantyFundRequirements {
  return requirementsInDecimals(validate(input));
}

function requirementsInDecimals(v: ValidatedInput): GuarantyFundRequirements {
  const { aggregate, weights, members: measures } = v;
  const days = new D(v.days);
  const terms = termTotals(v);

  const split = (total: Dec, key: "pbTotal" | "volume" | "fx", term: keyof typeof TERM_LABELS): { total: Dec; shares: Dec[] } => {
    const weightsOf = measures.map((m, i) => ({ key: i, weight: m[key] }));
    const measureTotal = sumExact(weightsOf.map((x) => x.weight));
    checkTermHasMeasure(measureTotal.isZero(), total, term);
    return { total: measureTotal, shares: allocateProRata(total, weightsOf).map((s) => s.amount) };
  };
  const pb = split(terms.performanceBond, "pbTotal", "performanceBond");
  const vol = split(terms.volume, "volume", "volume");
  const fx = split(terms.foreignCurrency, "fx", "foreignCurrency");

  const topUps: Dec[] = [];
  const out = measures.map((m, i) => {
    const proportionateShare = plus(plus(pb.shares[i]!, vol.shares[i]!), fx.shares[i]!);
    const requirement = max(m.minimum, proportionateShare);
    const minimumApplied = m.minimum.greaterThan(proportionateShare);
    if (requirement !== proportionateShare) topUps.push(requirement.minus(proportionateShare));
    return {
      id: m.id,
      averagePerformanceBond: m.pbTotal.div(days),
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
  return {
    aggregate,
    weights,
    termTotals: terms,
    averageAggregatePerformanceBond: pb.total.div(days),
    totalRiskWeightedContracts: vol.total,
    totalForeignCurrencySettlements: fx.total,
    members: out,
    totalProportionateShares: aggregate,
    totalMinimumTopUp: sumExact(topUps),
    totalRequirements: sumExact(out.map((m) => m.requirement)),
  };
}

/** One Rule 816 term's measure over the members as integers at one scale, and its exact total. */
interface TermMeasure {
  readonly ints: readonly bigint[];
  readonly sum: bigint;
  /** Σ of the measure as a Dec (what sumExact gives). */
  readonly total: Dec;
  /** Each member's share of the measure, ints[i] / sum, as Dec division gives it. */
  readonly shareOf: (i: number, value: () => Dec) => Dec;
}

function termMeasure(ints: bigint[], sum: bigint, total: Dec): TermMeasure {
  // exact long division in numbers when the total allows it (the usual case), else Dec division
  const exact = sum > 0n && sum <= BigInt(MAX_EXACT_DIVISOR) ? Number(sum) : 0;
  // `value` (the member's measure as a Dec) is asked for only when Dec division is needed
  const shareOf = (i: number, value: () => Dec): Dec => (sum === 0n ? ZERO : exact > 0 ? divideExact(Number(ints[i]!), exact)! : value().div(total));
  return { ints, sum, total, shareOf };
}

function scaledTermMeasure(values: readonly Dec[]): TermMeasure | null {
  const scaled = scaledAmounts(values);
  if (scaled === null) return null;
  return termMeasure(scaled.ints, scaled.sum, scaledToDec(scaled.sum, scaled.places)); // = sumExact(values)
}

/** A term's shares over the members in whole cents (Rule 816: largest remainder to the cent); null beyond the exact range. */
function termCents(termTotal: Dec, measure: TermMeasure, term: keyof typeof TERM_LABELS): Float64Array | null {
  checkTermHasMeasure(measure.sum === 0n, termTotal, term);
  if (measure.sum === 0n) return new Float64Array(measure.ints.length); // and the term is zero
  const T = toCentsBigInt(termTotal);
  // shares in whole cents, exact as numbers (null beyond that: the caller takes the decimal path)
  return T === null ? null : largestRemainderUnits(T, measure.ints, measure.sum);
}

/**
 * The same computation in whole cents, with the same result: pro-rata shares (exact integer
 * largest remainder, as allocateProRata computes them), proportionate shares, minimum top-ups
 * and totals as safe integers (each within the aggregate, or checked), each turned into a Dec
 * once; members' shares of a measure and averages by exact long division (divideExact), which
 * gives what Dec division gives. Null when an amount is outside that range (a history or an
 * average not in whole cents, a total over 2^53 - 1 cents, pro-rata products over EXACT_LIMIT):
 * the decimal path then computes the result.
 */
function requirementsInCents(v: ValidatedInput): GuarantyFundRequirements | null {
  const { aggregate, weights, members: measures } = v;
  if (wholeCents(aggregate) === null) return null;
  const n = measures.length;
  const pbInts: bigint[] = new Array<bigint>(n);
  let pbSum = 0;
  const minimumCents = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = measures[i]!;
    const c = m.pbCents;
    const min = wholeCents(m.minimum);
    if (c === null || min === null) return null;
    pbInts[i] = BigInt(c);
    pbSum += c;
    minimumCents[i] = min;
  }
  if (pbSum > Number.MAX_SAFE_INTEGER) return null; // non-negative terms: below it every partial sum was exact
  const pb = termMeasure(pbInts, BigInt(pbSum), centsToDec(pbSum));
  const vol = scaledTermMeasure(measures.map((m) => m.volume));
  const fx = scaledTermMeasure(measures.map((m) => m.fx));
  if (vol === null || fx === null) return null;
  // average over the days of history: cents / (100 × days), exactly as Dec division gives it
  const days = new D(v.days);
  const centsPerDay = 100 * v.days;
  const averageOf = (cents: number, value: () => Dec): Dec => divideExact(cents, centsPerDay) ?? value().div(days);

  const terms = termTotals(v);
  const pbCents = termCents(terms.performanceBond, pb, "performanceBond");
  const volCents = termCents(terms.volume, vol, "volume");
  const fxCents = termCents(terms.foreignCurrency, fx, "foreignCurrency");
  if (pbCents === null || volCents === null || fxCents === null) return null;

  let topUpCents = 0;
  let requirementCents = 0;
  const out: GuarantyFundMemberRequirement[] = new Array<GuarantyFundMemberRequirement>(n);
  for (let i = 0; i < n; i++) {
    const m = measures[i]!;
    // the three terms' shares sum to at most the aggregate: exact
    const proportionate = pbCents[i]! + volCents[i]! + fxCents[i]!;
    const proportionateShare = centsToDec(proportionate);
    const minimum = minimumCents[i]!;
    // Rule 816: the greater of the minimum and the proportionate share (the minimum when equal, as max() gives it)
    const minimumTaken = minimum >= proportionate;
    if (minimumTaken) topUpCents += minimum - proportionate;
    requirementCents += minimumTaken ? minimum : proportionate;
    out[i] = {
      id: m.id,
      averagePerformanceBond: averageOf(m.pbCents!, () => m.pbTotal),
      performanceBondShare: pb.shareOf(i, () => m.pbTotal),
      riskWeightedContracts: m.volume,
      volumeShare: vol.shareOf(i, () => m.volume),
      foreignCurrencySettlements: m.fx,
      foreignCurrencyShare: fx.shareOf(i, () => m.fx),
      performanceBondTerm: centsToDec(pbCents[i]!),
      volumeTerm: centsToDec(volCents[i]!),
      foreignCurrencyTerm: centsToDec(fxCents[i]!),
      proportionateShare,
      minimum: m.minimum,
      minimumApplied: minimum > proportionate,
      requirement: minimumTaken ? m.minimum : proportionateShare,
    };
  }
  // non-negative terms: totals within 2^53 - 1 were exact at every step
  if (requirementCents > Number.MAX_SAFE_INTEGER) return null;
  return {
    aggregate,
    weights,
    termTotals: terms,
    averageAggregatePerformanceBond: averageOf(pbSum, () => pb.total),
    totalRiskWeightedContracts: vol.total,
    totalForeignCurrencySettlements: fx.total,
    members: out,
    totalProportionateShares: aggregate,
    totalMinimumTopUp: centsToDec(topUpCents),
    totalRequirements: centsToDec(requirementCents),
  };
}
