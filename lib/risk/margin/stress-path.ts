/**
 * Stress-path simulator: a portfolio carried through N ≤ 20 days of price moves and scan-range
 * increases, day by day [Rule 814 settlement variation; seed 002 "CME SPAN" and "Performance
 * Bond Requirements"; SPEC §5].
 *
 * Conventions (stated once, shown on the page):
 * - A move is a **percent change of the product's price from the previous day's settlement**
 *   (compounding): price_d = price_{d−1} × (1 + pct/100), rounded to the nearest tick of the
 *   contract (ties to the even tick), so every variation is a whole number of tick values
 *   (Rule 814). A product without a move on a day keeps its price.
 * - Settlement variation_d = Σ futures (price_d − price_{d−1}) × quantity × multiplier (Rule 814,
 *   as computeSettlementVariation; positive: collected, negative: paid), exact. Options are
 *   premium-style: no variation.
 * - A scan-range multiplier given for a product on day d holds from day d until another is given
 *   for it; it is relative to today's parameters. It multiplies the risk arrays of the product's
 *   contracts (today's arrays, given or computed, as compiled: whole units of the file's
 *   precision, at least the currency's minor unit), rounded half-even to that precision.
 *   For futures that is exact: a future's risk array is ± fractions of its price scan range,
 *   whatever the price. For options it is an approximation: the arrays are not repriced at the
 *   new underlying price and volatility, only scaled. Spread rates, spot charges, the short
 *   option minimum and deltas are today's.
 * - Requirement_d = computeSpanRequirement under day d's parameters, with today's add-ons and
 *   initial buffer. Prices alone do not change a future's requirement (its array does not
 *   depend on price); the multipliers do.
 * - Margin call_d = performanceBondCall (customer accounts back to initial, the house to
 *   maintenance) against the collateral after the previous day's call was met (collateral_d =
 *   collateral_{d−1} + call_{d−1}); variation is settled in cash and does not touch collateral.
 *   Day 0 is today: today's requirement and call against the collateral given.
 * - Cumulative liquidity need_d = Σ_{k≤d} (−variation_k) + Σ_{k≤d} call_k: variation paid less
 *   variation collected, plus every call met (today's included). Negative: the path brings cash in.
 * - Margin responsiveness = peak maintenance over days 1..N ÷ today's maintenance, rounded
 *   half-even to 4 decimals (null when today's is zero); largest one-day increase =
 *   max(0, max_d maintenance_d − maintenance_{d−1}).
 */
import { D, dec, ZERO, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import { performanceBondCall } from "../collateral/performance-bond-call";
import { assertOnTick } from "../settlement/tick";
import { toQuantity } from "./quantity";
import { compileRiskParameters, type CompiledRiskParameters, type RiskParameters } from "./parameters";
import { computeSpanRequirement, type AdditionalPerformanceBondInput, type PositionInput, type SpanRequirement } from "./requirement";
import { SCENARIO_COUNT } from "./scenarios";

/** The most days a path may have. */
export const STRESS_PATH_MAX_DAYS = 20;
/** Decimals of the margin-responsiveness ratio (half-even). */
export const RESPONSIVENESS_DECIMALS = 4;

export interface StressContractInput {
  readonly contract: string;
  /** Product code the path's moves name (e.g. "CME:ES"). */
  readonly product: string;
  readonly kind: "future" | "option";
  /** Units per contract (Rule 814 multiplier). */
  readonly multiplier: DecInput;
  /** Minimum price fluctuation. */
  readonly tick: DecInput;
  /** Today's settlement price (required for futures). */
  readonly price?: DecInput;
}

export interface StressPathMove {
  /** 1..days */
  readonly day: number;
  readonly product: string;
  /** Percent change from the previous day's price: "-2" = down 2%. */
  readonly priceChangePercent: DecInput;
  /** Scan ranges of this product × this, from this day on (relative to today's). */
  readonly scanRangeMultiplier?: DecInput;
}

export interface ComputeStressPathInput {
  /** Today's risk parameters (compiled once here when not compiled already). */
  readonly parameters: RiskParameters | CompiledRiskParameters;
  readonly positions: readonly PositionInput[];
  /** Every contract the positions hold. */
  readonly contracts: readonly StressContractInput[];
  /** Number of days of the path, 1..20. */
  readonly days: number;
  readonly moves: readonly StressPathMove[];
  /** Collateral value after haircuts today. */
  readonly collateralValue: DecInput;
  readonly accountKind: "house" | "customer";
  readonly initialBuffer?: DecInput;
  readonly additionalPerformanceBond?: readonly AdditionalPerformanceBondInput[];
}

export interface StressPathDay {
  /** 0 = today. */
  readonly day: number;
  /** Settlement variation of the day (positive: collected; negative: paid); 0 today. */
  readonly variation: Dec;
  readonly cumulativeVariation: Dec;
  readonly maintenance: Dec;
  readonly initial: Dec;
  /** Collateral value the day's requirement is checked against. */
  readonly collateral: Dec;
  readonly call: Dec;
  readonly callTo: "initial" | "maintenance" | null;
  readonly cumulativeCalls: Dec;
  /** Cumulative variation paid (net of collected) plus cumulative calls. */
  readonly liquidityNeed: Dec;
  /** Scan-range multipliers in force that day, by product (only those other than 1). */
  readonly multipliers: Readonly<Record<string, string>>;
}

export interface StressPathResult {
  /** Day 0 (today) then days 1..N. */
  readonly days: readonly StressPathDay[];
  readonly responsiveness: {
    /** Peak maintenance over days 1..N ÷ today's, 4 decimals half-even; null when today's is zero. */
    readonly ratio: Dec | null;
    readonly peakMaintenance: Dec;
    readonly peakDay: number;
    /** Largest rise of maintenance from one day to the next (0 if it never rises). */
    readonly largestIncrease: Dec;
    readonly largestIncreaseDay: number | null;
  };
  /** The largest cumulative liquidity need over the path and its day. */
  readonly peakLiquidityNeed: Dec;
  readonly peakLiquidityNeedDay: number;
}

function roundToTick(price: Dec, tick: Dec): Dec {
  return price.div(tick).toDecimalPlaces(0, D.ROUND_HALF_EVEN).times(tick);
}

/**
 * Today's compiled parameters with the given contracts' risk arrays multiplied: each value (whole
 * units of 10^-scale, the file's precision and at least the currency's minor unit) × m, rounded
 * half-even to that precision. Nothing else changes (spreads, deltas, spot charges, short option
 * minimum), so no recompilation is needed.
 */
function scaledParameters(base: CompiledRiskParameters, scaled: ReadonlyMap<number, Dec>): CompiledRiskParameters {
  const riskArrays = Float64Array.from(base.riskArrays);
  const magnitude = Float64Array.from(base.magnitude);
  for (const [i, m] of scaled) {
    let mag = 0;
    for (let s = 0; s < SCENARIO_COUNT; s++) {
      const at = i * SCENARIO_COUNT + s;
      const units = new D(base.riskArrays[at]!).times(m).toDecimalPlaces(0, D.ROUND_HALF_EVEN);
      if (units.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw new RiskError("OUT_OF_RANGE", "moves", `the scan-range multiplier ${m.toString()} makes ${base.contractIds[i]}'s risk array too large`);
      riskArrays[at] = units.toNumber(); // a whole number of units, exactly representable
      mag = Math.max(mag, Math.abs(riskArrays[at]!));
    }
    magnitude[i] = Math.max(mag, 1);
  }
  return { ...base, riskArrays, magnitude };
}

/**
 * Carries a portfolio through a stress path: per day the settlement prices, Rule 814 variation,
 * SPAN requirement under the day's scan ranges, the performance bond call and the cumulative
 * liquidity need; then the margin responsiveness (see the file comment for every convention).
 */
export function computeStressPath(input: ComputeStressPathInput): StressPathResult {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > STRESS_PATH_MAX_DAYS) {
    throw new RiskError("OUT_OF_RANGE", "days", `days must be a whole number from 1 to ${STRESS_PATH_MAX_DAYS}`);
  }
  if (!Array.isArray(input.moves)) throw new RiskError("INVALID_INPUT", "moves", "moves must be a list");
  if (!Array.isArray(input.contracts)) throw new RiskError("INVALID_INPUT", "contracts", "contracts must be a list");
  if (input.accountKind !== "house" && input.accountKind !== "customer") throw new RiskError("INVALID_INPUT", "accountKind", 'accountKind must be "house" or "customer"');
  const collateral0 = dec(input.collateralValue, "collateralValue");
  if (collateral0.isNegative()) throw new RiskError("OUT_OF_RANGE", "collateralValue", "collateralValue must not be negative");

  const contracts = new Map<string, { product: string; kind: "future" | "option"; multiplier: Dec; tick: Dec; price: Dec | null }>();
  input.contracts.forEach((c, i) => {
    const f = `contracts[${i}]`;
    if (typeof c.contract !== "string" || c.contract === "") throw new RiskError("REQUIRED", `${f}.contract`, `${f}.contract is required`);
    if (contracts.has(c.contract)) throw new RiskError("DUPLICATE", `${f}.contract`, `contract ${c.contract} appears more than once`);
    const tick = dec(c.tick, `${f}.tick`);
    if (!tick.greaterThan(0)) throw new RiskError("OUT_OF_RANGE", `${f}.tick`, `${f}.tick must be positive`);
    if (c.kind === "future" && c.price === undefined) throw new RiskError("REQUIRED", `${f}.price`, `${f}.price (today's settlement price) is required for a future`);
    contracts.set(c.contract, { product: c.product, kind: c.kind, multiplier: dec(c.multiplier, `${f}.multiplier`), tick, price: c.price === undefined ? null : dec(c.price, `${f}.price`) });
  });

  // moves by day and product
  const moves = new Map<string, { pct: Dec; multiplier: Dec | null }>();
  input.moves.forEach((m, i) => {
    const f = `moves[${i}]`;
    if (!Number.isInteger(m.day) || m.day < 1 || m.day > input.days) throw new RiskError("OUT_OF_RANGE", `${f}.day`, `${f}.day must be a whole number from 1 to ${input.days}`);
    if (typeof m.product !== "string" || m.product === "") throw new RiskError("REQUIRED", `${f}.product`, `${f}.product is required`);
    const key = `${m.day}|${m.product}`;
    if (moves.has(key)) throw new RiskError("DUPLICATE", f, `day ${m.day} moves ${m.product} more than once`);
    const pct = dec(m.priceChangePercent, `${f}.priceChangePercent`);
    if (!pct.greaterThan(-100)) throw new RiskError("OUT_OF_RANGE", `${f}.priceChangePercent`, `${f}.priceChangePercent must be above -100`);
    let multiplier: Dec | null = null;
    if (m.scanRangeMultiplier !== undefined) {
      multiplier = dec(m.scanRangeMultiplier, `${f}.scanRangeMultiplier`);
      if (!multiplier.greaterThan(0)) throw new RiskError("OUT_OF_RANGE", `${f}.scanRangeMultiplier`, `${f}.scanRangeMultiplier must be positive`);
    }
    moves.set(key, { pct, multiplier });
  });

  const base = "compiled" in input.parameters ? input.parameters : compileRiskParameters(input.parameters);
  // The requirement depends on the multipliers in force, not on prices (see above): computed once per set of multipliers.
  const requirementFor = new Map<string, SpanRequirement>();
  const requirementUnder = (inForce: ReadonlyMap<string, Dec>) => {
    const scaledContracts = new Map<number, Dec>();
    for (const [id, c] of contracts) {
      const m = inForce.get(c.product);
      const i = base.contractIndex.get(id);
      if (m && !m.equals(1) && i !== undefined) scaledContracts.set(i, m);
    }
    const key = [...scaledContracts].map(([i, m]) => `${i}=${m.toString()}`).sort().join(";");
    let requirement = requirementFor.get(key);
    if (!requirement) {
      const params = key === "" ? base : scaledParameters(base, scaledContracts);
      requirement = computeSpanRequirement({ parameters: params, positions: input.positions, initialBuffer: input.initialBuffer, additionalPerformanceBond: input.additionalPerformanceBond });
      requirementFor.set(key, requirement);
    }
    return requirement;
  };

  // Rule 814 per future held: variation = Δprice × (net quantity × multiplier); the factor once per contract.
  const held = new Map<string, Dec>();
  input.positions.forEach((p, i) => {
    const c = contracts.get(p.contract);
    if (!c) throw new RiskError("UNKNOWN_CONTRACT", `positions[${i}].contract`, `positions[${i}].contract ${String(p.contract)} is not among the contracts`);
    const q = new D(toQuantity(p.quantity, `positions[${i}].quantity`));
    if (c.kind === "future") held.set(p.contract, (held.get(p.contract) ?? ZERO).plus(q.times(c.multiplier)));
  });
  const futures = [...held].map(([id, factor]) => {
    const c = contracts.get(id)!;
    return { id, product: c.product, tick: c.tick, factor, price: assertOnTick(c.price!, c.tick, `contracts[${input.contracts.findIndex((k) => k.contract === id)}].price`) };
  });
  const products = [...new Set([...contracts.values()].map((c) => c.product))];

  const inForce = new Map<string, Dec>();

  const today = requirementUnder(inForce);
  const call0 = performanceBondCall({ accountKind: input.accountKind, maintenance: today.maintenance, initial: today.initial, collateralValue: collateral0 });
  const rows: StressPathDay[] = [
    { day: 0, variation: ZERO, cumulativeVariation: ZERO, maintenance: today.maintenance, initial: today.initial, collateral: collateral0, call: call0.call, callTo: call0.callTo, cumulativeCalls: call0.call, liquidityNeed: call0.call, multipliers: {} },
  ];
  let collateral = collateral0.plus(call0.call);
  let cumulativeVariation = ZERO;
  let cumulativeCalls = call0.call;
  for (let day = 1; day <= input.days; day++) {
    const factors = new Map<string, Dec>();
    for (const product of products) {
      const move = moves.get(`${day}|${product}`);
      if (!move) continue;
      if (move.multiplier) inForce.set(product, move.multiplier);
      if (!move.pct.isZero()) factors.set(product, move.pct.div(100).plus(1));
    }
    let variation = ZERO;
    for (const f of futures) {
      const factor = factors.get(f.product);
      if (!factor) continue;
      const next = roundToTick(f.price.times(factor), f.tick);
      variation = variation.plus(next.minus(f.price).times(f.factor));
      f.price = next;
    }
    const r = requirementUnder(inForce);
    const call = performanceBondCall({ accountKind: input.accountKind, maintenance: r.maintenance, initial: r.initial, collateralValue: collateral });
    cumulativeVariation = cumulativeVariation.plus(variation);
    cumulativeCalls = cumulativeCalls.plus(call.call);
    rows.push({
      day,
      variation,
      cumulativeVariation,
      maintenance: r.maintenance,
      initial: r.initial,
      collateral,
      call: call.call,
      callTo: call.callTo,
      cumulativeCalls,
      liquidityNeed: cumulativeCalls.minus(cumulativeVariation),
      multipliers: Object.fromEntries([...inForce].filter(([, m]) => !m.equals(1)).map(([p, m]) => [p, m.toString()])),
    });
    collateral = collateral.plus(call.call);
  }

  let peakDay = 1;
  let largestIncrease = ZERO;
  let largestIncreaseDay: number | null = null;
  let peakNeedDay = 0;
  for (let d = 1; d < rows.length; d++) {
    if (rows[d]!.maintenance.greaterThan(rows[peakDay]!.maintenance)) peakDay = d;
    const rise = rows[d]!.maintenance.minus(rows[d - 1]!.maintenance);
    if (rise.greaterThan(largestIncrease)) {
      largestIncrease = rise;
      largestIncreaseDay = d;
    }
  }
  for (let d = 1; d < rows.length; d++) if (rows[d]!.liquidityNeed.greaterThan(rows[peakNeedDay]!.liquidityNeed)) peakNeedDay = d;
  const peak = rows[peakDay]!.maintenance;
  return {
    days: rows,
    responsiveness: {
      ratio: today.maintenance.isZero() ? null : peak.div(today.maintenance).toDecimalPlaces(RESPONSIVENESS_DECIMALS, D.ROUND_HALF_EVEN),
      peakMaintenance: peak,
      peakDay,
      largestIncrease,
      largestIncreaseDay,
    },
    peakLiquidityNeed: rows[peakNeedDay]!.liquidityNeed,
    peakLiquidityNeedDay: peakNeedDay,
  };
}
