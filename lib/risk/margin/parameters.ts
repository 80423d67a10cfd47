/**
 * SPAN risk parameters for combined commodities, and their compiled (integer) form.
 *
 * `RiskParameters` is what a risk parameter file or a risk officer supplies: per combined
 * commodity the price scan range (money per contract), the volatility scan range, tiers,
 * intracommodity spreads, spot charges, the short option minimum and the contracts with their
 * risk arrays (given, or computed: futures from the scan range, options with Black-76).
 * `compileRiskParameters` validates everything once and converts it to whole minor units
 * (cents for USD) and micro-deltas, so margining portfolios needs no decimal arithmetic.
 */
import { D, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import { SCENARIO_COUNT } from "./scenarios";
import { futuresRiskArray, optionRiskArray, toModelInput } from "./risk-array";
import { black76Delta } from "./black76";
import { decToUnits, plainDecimalToUnits, unitsToDec } from "./minor-units";

/** Leg ratios (delta per spread) are held to 4 decimal places. */
export const RATIO_SCALE = 10_000;

export type SpreadSide = "A" | "B";

interface ContractBase {
  /** Contract identifier positions refer to (e.g. "CME:EC:200406"). */
  readonly id: string;
  /** Contract period YYYYMM (or YYYYMMDD); places the contract in a tier and a spot month. */
  readonly period: string;
  /** Units of the underlying per contract (Euro FX: 125000; OPS: 25 t). */
  readonly multiplier: DecInput;
  /** Risk array from a parameter file: 16 P&L values per long contract, in money. */
  readonly riskArray?: readonly DecInput[];
  /** Delta per contract in futures-equivalents (futures: 1); computed for options if absent. */
  readonly delta?: DecInput;
}

export interface FutureParameters extends ContractBase {
  readonly kind: "future";
  /** Settlement price; required when options on this future compute their risk arrays. */
  readonly price?: DecInput;
  /** Price scan range for this contract (money per contract); defaults to the combined commodity's. */
  readonly priceScanRange?: DecInput;
}

export interface OptionParameters extends ContractBase {
  readonly kind: "option";
  readonly putCall: "call" | "put";
  readonly strike: DecInput;
  /** Id of the underlying future (same combined commodity). */
  readonly underlying: string;
  /** Expiry date YYYY-MM-DD (needed to compute the risk array). */
  readonly expiry?: string;
  /** Implied volatility, fraction (needed to compute the risk array). */
  readonly volatility?: DecInput;
  readonly interestRate?: DecInput;
}

export type ContractParameters = FutureParameters | OptionParameters;

export interface SpreadLegParameters {
  readonly ratio: DecInput;
  readonly side: SpreadSide;
}

/** Intracommodity (calendar) spread between tiers: a charge per spread formed (money). */
export interface IntraSpreadParameters {
  /** Lower numbers are formed first. */
  readonly priority: number;
  readonly rate: DecInput;
  readonly legs: readonly (SpreadLegParameters & { readonly tier: number })[];
}

/** Intercommodity spread: a credit rate (fraction) on offsetting deltas in different combined commodities. */
export interface InterSpreadParameters {
  readonly priority: number;
  readonly rate: DecInput;
  readonly legs: readonly (SpreadLegParameters & { readonly combinedCommodity: string })[];
}

export interface TierParameters {
  readonly number: number;
  readonly startPeriod: string;
  readonly endPeriod: string;
}

/** Spot (delivery-month) charge per delta: one rate for delta in spreads, one for outright delta. */
export interface SpotChargeParameters {
  readonly period: string;
  readonly spreadRate: DecInput;
  readonly outrightRate: DecInput;
}

export interface CombinedCommodityParameters {
  readonly code: string;
  readonly name?: string;
  /** Money per contract. */
  readonly priceScanRange: DecInput;
  /** Fraction of one (0.01 = one volatility point). */
  readonly volatilityScanRange: DecInput;
  /** Charge per short option contract (money). */
  readonly shortOptionMinimum?: DecInput;
  readonly tiers?: readonly TierParameters[];
  readonly intraSpreads?: readonly IntraSpreadParameters[];
  readonly spotCharges?: readonly SpotChargeParameters[];
  readonly contracts: readonly ContractParameters[];
}

export interface RiskParameters {
  /** Business date YYYY-MM-DD; option time to expiry counts from here. */
  readonly asOf: string;
  /** ISO currency of every amount (one currency per parameter set). */
  readonly currency: string;
  /** Minor-unit decimals of the currency (default 2: cents). */
  readonly currencyDecimals?: number;
  /** Computed and imported risk-array values are rounded to this many places, half-even (default: currencyDecimals). */
  readonly riskArrayDecimals?: number;
  readonly combinedCommodities: readonly CombinedCommodityParameters[];
  readonly interSpreads?: readonly InterSpreadParameters[];
}

export interface CompiledSpreadLeg {
  /** Intra: global tier index; inter: combined commodity index. */
  readonly target: number;
  readonly ratio: number; // × RATIO_SCALE
  readonly sideA: boolean;
}
export interface CompiledSpread {
  readonly priority: number;
  /** Intra: minor units per spread; inter: credit rate × MICRO. */
  readonly rate: number;
  readonly legs: readonly CompiledSpreadLeg[];
}
export interface CompiledSpot {
  readonly period: string;
  readonly tier: number; // global tier index or -1
  readonly spreadRate: number; // minor units per delta
  readonly outrightRate: number;
}
export interface CompiledCombinedCommodity {
  readonly code: string;
  readonly name: string;
  readonly shortOptionMinimum: number; // minor units per short option
  readonly tierBase: number;
  readonly tierNumbers: readonly number[];
  readonly intraSpreads: readonly CompiledSpread[];
  readonly spotBase: number;
  readonly spots: readonly CompiledSpot[];
}

/** Validated parameters in whole minor units; build once per parameter set, margin many portfolios. */
export interface CompiledRiskParameters {
  readonly compiled: true;
  readonly asOf: string;
  readonly currency: string;
  readonly decimals: number;
  readonly contractIndex: ReadonlyMap<string, number>;
  readonly contractIds: readonly string[];
  /** contract × 16 P&L per long contract, minor units. */
  readonly riskArrays: Float64Array;
  /** Largest |value| of a contract's risk array or micro-delta: bounds exact accumulation. */
  readonly magnitude: Float64Array;
  readonly deltaMicro: Float64Array;
  readonly ccOf: Int32Array;
  readonly tierOf: Int32Array; // global tier index or -1
  readonly spotOf: Int32Array; // global spot index or -1
  readonly isOption: Uint8Array;
  readonly combinedCommodities: readonly CompiledCombinedCommodity[];
  readonly tierCount: number;
  readonly spotCount: number;
  readonly interSpreads: readonly CompiledSpread[];
}

function toUnits(values: readonly Dec[], decimals: number, field: string): number[] {
  return values.map((v, s) => decToUnits(v, decimals, `${field}[${s}]`));
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^\d{6}(\d{2}|W[1-5])?$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic; no clock). */
export function dayIndex(date: string, field: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RiskError("INVALID_DATE", field, `${field} must be a date YYYY-MM-DD, got "${date}"`);
  const [y, mo, d] = [Number.parseInt(m[1]!, 10), Number.parseInt(m[2]!, 10), Number.parseInt(m[3]!, 10)];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RiskError("INVALID_DATE", field, `${field} is not a calendar date: "${date}"`);
  }
  return ms / 86_400_000;
}

function nonNegative(value: DecInput | undefined, field: string, fallback?: Dec): Dec {
  if (value === undefined) {
    if (fallback) return fallback;
    throw new RiskError("REQUIRED", field, `${field} is required`);
  }
  const v = dec(value, field);
  if (v.isNegative()) throw new RiskError("OUT_OF_RANGE", field, `${field} must not be negative`);
  return v;
}

function positive(value: DecInput | undefined, field: string): Dec {
  const v = nonNegative(value, field);
  if (v.isZero()) throw new RiskError("OUT_OF_RANGE", field, `${field} must be positive`);
  return v;
}

function smallInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function compileLegs<T extends SpreadLegParameters>(legs: readonly T[], field: string, target: (leg: T, f: string) => number): CompiledSpreadLeg[] {
  if (!isList(legs) || legs.length < 2) throw new RiskError("INVALID_INPUT", field, `${field}: a spread has at least two legs`);
  const out = legs.map((leg, i) => {
    const f = `${field}[${i}]`;
    if (leg.side !== "A" && leg.side !== "B") throw new RiskError("INVALID_INPUT", `${f}.side`, `${f}.side must be "A" or "B"`);
    const ratio = decToUnits(positive(leg.ratio, `${f}.ratio`), 4, `${f}.ratio`);
    return { target: target(leg, f), ratio, sideA: leg.side === "A" };
  });
  if (!out.some((l) => l.sideA) || out.every((l) => l.sideA)) throw new RiskError("INVALID_INPUT", field, `${field}: a spread needs legs on both sides A and B`);
  return out;
}

/**
 * Validate risk parameters and compile them to whole minor units (SPAN [seed 002; SPEC §5]).
 * Risk arrays not given are computed: futures from the price scan range, options with Black-76
 * one day nearer expiry (values rounded to `riskArrayDecimals`, half-even). Throws RiskError
 * naming the field: RISK_ARRAY_LENGTH, OUT_OF_RANGE (negative scan range, …), DUPLICATE,
 * UNKNOWN_CONTRACT (an option's underlying), UNKNOWN_REFERENCE (a spread's tier or commodity).
 */
export function compileRiskParameters(params: RiskParameters): CompiledRiskParameters {
  const p = "parameters";
  if (!params || typeof params !== "object") throw new RiskError("INVALID_INPUT", p, "risk parameters are required");
  const asOfDay = dayIndex(params.asOf, `${p}.asOf`);
  if (typeof params.currency !== "string" || !/^[A-Z]{3}$/.test(params.currency)) throw new RiskError("INVALID_INPUT", `${p}.currency`, "currency must be a 3-letter ISO code");
  const decimals = params.currencyDecimals === undefined ? 2 : smallInt(params.currencyDecimals, `${p}.currencyDecimals`, 0, 6);
  const raDecimals = params.riskArrayDecimals === undefined ? decimals : smallInt(params.riskArrayDecimals, `${p}.riskArrayDecimals`, 0, decimals);
  if (!isList(params.combinedCommodities)) throw new RiskError("INVALID_INPUT", `${p}.combinedCommodities`, "combinedCommodities must be a list");

  const contractIndex = new Map<string, number>();
  const ids: string[] = [];
  const arrays: number[] = [];
  const magnitude: number[] = [];
  const deltas: number[] = [];
  const ccOf: number[] = [];
  const tierOf: number[] = [];
  const spotOf: number[] = [];
  const isOption: number[] = [];
  const ccs: CompiledCombinedCommodity[] = [];
  const ccIndex = new Map<string, number>();
  let tierCount = 0;
  let spotCount = 0;

  params.combinedCommodities.forEach((cc, c) => {
    const f = `${p}.combinedCommodities[${c}]`;
    if (typeof cc.code !== "string" || cc.code === "") throw new RiskError("REQUIRED", `${f}.code`, `${f}.code is required`);
    if (ccIndex.has(cc.code)) throw new RiskError("DUPLICATE", `${f}.code`, `combined commodity ${cc.code} appears more than once`);
    ccIndex.set(cc.code, c);
    const scan = nonNegative(cc.priceScanRange, `${f}.priceScanRange`);
    const volScan = nonNegative(cc.volatilityScanRange, `${f}.volatilityScanRange`);
    const som = decToUnits(nonNegative(cc.shortOptionMinimum, `${f}.shortOptionMinimum`, new D(0)), decimals, `${f}.shortOptionMinimum`);

    const tierNumbers: number[] = [];
    const tiers = cc.tiers ?? [];
    tiers.forEach((t, i) => {
      const tf = `${f}.tiers[${i}]`;
      smallInt(t.number, `${tf}.number`, 0, 1_000_000);
      if (tierNumbers.includes(t.number)) throw new RiskError("DUPLICATE", `${tf}.number`, `tier ${t.number} appears more than once`);
      if (!PERIOD.test(t.startPeriod) || !PERIOD.test(t.endPeriod) || t.startPeriod > t.endPeriod) {
        throw new RiskError("OUT_OF_RANGE", tf, `${tf}: startPeriod and endPeriod must be periods YYYYMM with start <= end`);
      }
      tierNumbers.push(t.number);
    });
    const tierBase = tierCount;
    tierCount += tiers.length;
    const tierFor = (period: string): number => {
      const i = tiers.findIndex((t) => period.slice(0, 6) >= t.startPeriod.slice(0, 6) && period.slice(0, 6) <= t.endPeriod.slice(0, 6));
      return i < 0 ? -1 : tierBase + i;
    };

    const intraSpreads = (cc.intraSpreads ?? []).map((s, i) => {
      const sf = `${f}.intraSpreads[${i}]`;
      return {
        priority: smallInt(s.priority, `${sf}.priority`, 0, 1_000_000),
        rate: decToUnits(nonNegative(s.rate, `${sf}.rate`), decimals, `${sf}.rate`),
        legs: compileLegs(s.legs, `${sf}.legs`, (leg, lf) => {
          const t = tierNumbers.indexOf(leg.tier);
          if (t < 0) throw new RiskError("UNKNOWN_REFERENCE", `${lf}.tier`, `${lf}.tier ${String(leg.tier)} is not a tier of ${cc.code}`);
          return tierBase + t;
        }),
      };
    }).sort((a, b) => a.priority - b.priority);

    const spots = (cc.spotCharges ?? []).map((s, i) => {
      const sf = `${f}.spotCharges[${i}]`;
      if (!PERIOD.test(s.period)) throw new RiskError("OUT_OF_RANGE", `${sf}.period`, `${sf}.period must be a period YYYYMM`);
      return {
        period: s.period,
        tier: tierFor(s.period),
        spreadRate: decToUnits(nonNegative(s.spreadRate, `${sf}.spreadRate`), decimals, `${sf}.spreadRate`),
        outrightRate: decToUnits(nonNegative(s.outrightRate, `${sf}.outrightRate`), decimals, `${sf}.outrightRate`),
      };
    });
    const spotBase = spotCount;
    spotCount += spots.length;

    if (!isList(cc.contracts)) throw new RiskError("INVALID_INPUT", `${f}.contracts`, "contracts must be a list");
    const futuresHere = new Map<string, FutureParameters>();
    for (const k of cc.contracts) if (k && k.kind === "future") futuresHere.set(k.id, k);
    cc.contracts.forEach((k, i) => {
      const kf = `${f}.contracts[${i}]`;
      if (typeof k.id !== "string" || k.id === "") throw new RiskError("REQUIRED", `${kf}.id`, `${kf}.id is required`);
      if (contractIndex.has(k.id)) throw new RiskError("DUPLICATE", `${kf}.id`, `contract ${k.id} appears more than once`);
      if (k.kind !== "future" && k.kind !== "option") throw new RiskError("INVALID_INPUT", `${kf}.kind`, `${kf}.kind must be "future" or "option"`);
      if (typeof k.period !== "string" || !PERIOD.test(k.period)) throw new RiskError("OUT_OF_RANGE", `${kf}.period`, `${kf}.period must be a period YYYYMM`);
      const multiplier = positive(k.multiplier, `${kf}.multiplier`);
      let units: number[];
      let delta: Dec;
      if (k.riskArray !== undefined) {
        if (!isList(k.riskArray) || k.riskArray.length !== SCENARIO_COUNT) {
          throw new RiskError("RISK_ARRAY_LENGTH", `${kf}.riskArray`, `${kf}.riskArray must have exactly 16 values, got ${Array.isArray(k.riskArray) ? k.riskArray.length : "none"}`);
        }
        // Given values: rounded to riskArrayDecimals (half-even); plain strings already that precise skip decimal arithmetic.
        units = k.riskArray.map((v, s) => {
          const fast = typeof v === "string" ? plainDecimalToUnits(v, raDecimals, decimals) : null;
          if (fast !== null) return fast;
          return decToUnits(dec(v, `${kf}.riskArray[${s}]`).toDecimalPlaces(raDecimals, D.ROUND_HALF_EVEN), decimals, `${kf}.riskArray[${s}]`);
        });
      } else if (k.kind === "future") {
        const range = k.priceScanRange === undefined ? scan : nonNegative(k.priceScanRange, `${kf}.priceScanRange`);
        units = toUnits(futuresRiskArray({ priceScanRange: range, decimals: raDecimals }), decimals, `${kf}.riskArray`);
      } else {
        const und = futuresHere.get(k.underlying);
        if (!und) throw new RiskError("UNKNOWN_CONTRACT", `${kf}.underlying`, `${kf}.underlying ${String(k.underlying)} is not a future of ${cc.code}`);
        const undIdx = cc.contracts.indexOf(und);
        const undRange = und.priceScanRange === undefined ? scan : nonNegative(und.priceScanRange, `${f}.contracts[${undIdx}].priceScanRange`);
        const undMultiplier = positive(und.multiplier, `${f}.contracts[${undIdx}].multiplier`);
        if (k.expiry === undefined) throw new RiskError("REQUIRED", `${kf}.expiry`, `${kf}.expiry is required to compute the risk array`);
        const days = dayIndex(k.expiry, `${kf}.expiry`) - asOfDay;
        if (days < 0) throw new RiskError("OUT_OF_RANGE", `${kf}.expiry`, `${kf}.expiry is before asOf`);
        units = toUnits(optionRiskArray({
          kind: k.putCall,
          futuresPrice: positive(und.price, `${f}.contracts[${undIdx}].price`),
          strike: positive(k.strike, `${kf}.strike`),
          multiplier,
          priceScanPoints: undRange.div(undMultiplier),
          volatilityScanRange: volScan,
          volatility: nonNegative(k.volatility, `${kf}.volatility`),
          daysToExpiry: days,
          interestRate: k.interestRate === undefined ? undefined : dec(k.interestRate, `${kf}.interestRate`),
          decimals: raDecimals,
        }), decimals, `${kf}.riskArray`);
      }
      if (k.delta !== undefined) delta = dec(k.delta, `${kf}.delta`);
      else if (k.kind === "future") delta = new D(1);
      else {
        const und = futuresHere.get(k.underlying);
        if (!und || und.price === undefined || k.expiry === undefined || k.volatility === undefined) {
          throw new RiskError("REQUIRED", `${kf}.delta`, `${kf}.delta is required when the option's price inputs (underlying price, expiry, volatility) are not given`);
        }
        const days = dayIndex(k.expiry, `${kf}.expiry`) - asOfDay;
        delta = new D(black76Delta({
          kind: k.putCall,
          futuresPrice: toModelInput(dec(und.price)),
          strike: toModelInput(dec(k.strike)),
          yearsToExpiry: Math.max(days, 0) / 365,
          volatility: toModelInput(dec(k.volatility)),
          interestRate: k.interestRate === undefined ? 0 : toModelInput(dec(k.interestRate)),
        })).toDecimalPlaces(6, D.ROUND_HALF_EVEN);
      }
      if (delta.abs().greaterThan(1000)) throw new RiskError("OUT_OF_RANGE", `${kf}.delta`, `${kf}.delta must be within ±1000 futures-equivalents`);
      const idx = ids.length;
      contractIndex.set(k.id, idx);
      ids.push(k.id);
      let mag = 0;
      for (const u of units) {
        arrays.push(u);
        mag = Math.max(mag, Math.abs(u));
      }
      const dm = decToUnits(delta, 6, `${kf}.delta`, "half-even");
      deltas.push(dm);
      magnitude.push(Math.max(mag, Math.abs(dm), 1));
      ccOf.push(c);
      tierOf.push(tierFor(k.period));
      const spot = spots.findIndex((s) => s.period.slice(0, 6) === k.period.slice(0, 6));
      spotOf.push(spot < 0 ? -1 : spotBase + spot);
      isOption.push(k.kind === "option" ? 1 : 0);
    });

    ccs.push({ code: cc.code, name: cc.name ?? cc.code, shortOptionMinimum: som, tierBase, tierNumbers, intraSpreads, spotBase, spots });
  });

  const interSpreads = (params.interSpreads ?? []).map((s, i) => {
    const sf = `${p}.interSpreads[${i}]`;
    const rate = nonNegative(s.rate, `${sf}.rate`);
    if (rate.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", `${sf}.rate`, `${sf}.rate is a credit fraction from 0 to 1`);
    return {
      priority: smallInt(s.priority, `${sf}.priority`, 0, 1_000_000),
      rate: decToUnits(rate, 6, `${sf}.rate`),
      legs: compileLegs(s.legs, `${sf}.legs`, (leg, lf) => {
        const c = ccIndex.get(leg.combinedCommodity);
        if (c === undefined) throw new RiskError("UNKNOWN_REFERENCE", `${lf}.combinedCommodity`, `${lf}.combinedCommodity ${String(leg.combinedCommodity)} is not in the parameters`);
        return c;
      }),
    };
  }).sort((a, b) => a.priority - b.priority);

  return {
    compiled: true,
    asOf: params.asOf,
    currency: params.currency,
    decimals,
    contractIndex,
    contractIds: ids,
    riskArrays: Float64Array.from(arrays),
    magnitude: Float64Array.from(magnitude),
    deltaMicro: Float64Array.from(deltas),
    ccOf: Int32Array.from(ccOf),
    tierOf: Int32Array.from(tierOf),
    spotOf: Int32Array.from(spotOf),
    isOption: Uint8Array.from(isOption),
    combinedCommodities: ccs,
    tierCount,
    spotCount,
    interSpreads,
  };
}

/** A compiled contract's risk array back as money (P&L per long contract). */
export function contractRiskArray(params: CompiledRiskParameters, contract: string): Dec[] {
  const idx = params.contractIndex.get(contract);
  if (idx === undefined) throw new RiskError("UNKNOWN_CONTRACT", "contract", `contract ${contract} is not in the risk parameters`);
  const out: Dec[] = [];
  for (let s = 0; s < SCENARIO_COUNT; s++) out.push(unitsToDec(params.riskArrays[idx * SCENARIO_COUNT + s]!, params.decimals));
  return out;
}

