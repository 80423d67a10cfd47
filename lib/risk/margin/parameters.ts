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
import { comparePeriods, isPeriodCode, periodInRange, periodMatches } from "./periods";

export type SpreadSide = "A" | "B";

interface ContractBase {
  /** Contract identifier positions refer to (e.g. "CME:EC:200406"). */
  readonly id: string;
  /**
   * Contract period code: YYYYMM, optionally a day or another suffix ("201605S0", "20160520",
   * "201606W2"); its date part places the contract in tiers and spot months (periods.ts).
   */
  readonly period: string;
  /** Units of the underlying per contract (Euro FX: 125000; OPS: 25 t). */
  readonly multiplier: DecInput;
  /**
   * Risk array from a parameter file: 16 P&L values per long contract, in money of the combined
   * commodity's currency, kept at the precision given (six decimals in CME's files).
   */
  readonly riskArray?: readonly DecInput[];
  /**
   * Delta per contract in futures-equivalents, used for spreading: from a file, the risk array's
   * composite delta `<ra><d>` (SPAN's spreading delta); computed (Black-76) for options if absent.
   */
  readonly delta?: DecInput;
  /** Delta scaling factor `<sc>` (default 1): spreading delta = quantity × delta × deltaScale. */
  readonly deltaScale?: DecInput;
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
  /**
   * Id of the underlying future (same combined commodity), or "" when the underlying is not a
   * future of the parameters. An option on a future is placed in tiers by its future's period.
   */
  readonly underlying: string;
  /** Expiry date YYYY-MM-DD (needed to compute the risk array). */
  readonly expiry?: string;
  /** Implied volatility, fraction (needed to compute the risk array). */
  readonly volatility?: DecInput;
  readonly interestRate?: DecInput;
}

export type ContractParameters = FutureParameters | OptionParameters;

export interface SpreadLegParameters {
  /** Delta per spread, at the precision given (e.g. "20.940001"). */
  readonly ratio: DecInput;
  readonly side: SpreadSide;
}

/**
 * Intracommodity (calendar) spread: a charge per spread formed (money). Each leg names a tier
 * (`tier`, its number) or a period (`period`); both legs may name the same tier (its side A
 * against its side B).
 */
export interface IntraSpreadParameters {
  /** Lower numbers are formed first. */
  readonly priority: number;
  readonly rate: DecInput;
  readonly legs: readonly (SpreadLegParameters & { readonly tier?: number; readonly period?: string })[];
}

/** Intercommodity spread: a credit rate (fraction) on offsetting deltas in different combined commodities. */
export interface InterSpreadParameters {
  readonly priority: number;
  /** Credit rate, a fraction from 0 to 1 (0.75 = 75%). */
  readonly rate: DecInput;
  readonly legs: readonly (SpreadLegParameters & {
    readonly combinedCommodity: string;
    /** Intercommodity tier of that combined commodity (its interTiers); absent: the whole combined commodity. */
    readonly tier?: number;
    readonly period?: string;
    /** This leg's own credit rate, when the file gives one per leg. */
    readonly rate?: DecInput;
  })[];
}

/** A tier: a range of contract periods; without bounds it covers the whole combined commodity. */
export interface TierParameters {
  readonly number: number;
  readonly startPeriod?: string;
  readonly endPeriod?: string;
}

/** Short option minimum rate for the short options whose period is in a tier (no bounds: all). */
export interface ShortOptionMinimumTierParameters {
  readonly startPeriod?: string;
  readonly endPeriod?: string;
  /** Charge per short option contract (money). */
  readonly rate: DecInput;
}

/** Spot (delivery-month) charge per delta: one rate for delta in spreads, one for outright delta. */
export interface SpotChargeParameters {
  readonly period: string;
  readonly spreadRate: DecInput;
  readonly outrightRate: DecInput;
}

/**
 * How the weighted futures price risk (price risk per delta) of a combined commodity is found
 * for intercommodity credits: "normal" price risk ÷ |net delta|, "scan-range" the price scan
 * range, "scan-range-cap" the lesser of the two [SPAN `wfprMeth` NORMAL, SCANRANGE, SCANRANGE_CAP].
 */
export type WeightedPriceRiskMethod = "normal" | "scan-range" | "scan-range-cap";

export interface CombinedCommodityParameters {
  readonly code: string;
  readonly name?: string;
  /** Currency of its risk arrays and charges (default: the parameters' currency). */
  readonly currency?: string;
  /** Money per contract. */
  readonly priceScanRange: DecInput;
  /** Fraction of one (0.01 = one volatility point). */
  readonly volatilityScanRange: DecInput;
  /** Charge per short option contract (money), for every period (see shortOptionMinimumTiers). */
  readonly shortOptionMinimum?: DecInput;
  /** Short option minimum rates by period (take precedence over shortOptionMinimum). */
  readonly shortOptionMinimumTiers?: readonly ShortOptionMinimumTierParameters[];
  /** "gross": short calls + short puts (default); "max": the greater of the two [SPAN somMeth]. */
  readonly shortOptionMinimumMethod?: "gross" | "max";
  readonly tiers?: readonly TierParameters[];
  /** Tiers for intercommodity spreading; absent: a leg's tier is the whole combined commodity. */
  readonly interTiers?: readonly TierParameters[];
  readonly intraSpreads?: readonly IntraSpreadParameters[];
  readonly spotCharges?: readonly SpotChargeParameters[];
  readonly weightedPriceRiskMethod?: WeightedPriceRiskMethod;
  readonly contracts: readonly ContractParameters[];
}

export interface CurrencyParameters {
  readonly code: string;
  /** Minor-unit decimals (2 for USD and EUR, 0 for JPY). */
  readonly decimals: number;
  /** Value of one unit in the parameters' currency (the file's conversion rate). */
  readonly rateToBase: DecInput;
}

export interface RiskParameters {
  /** Business date YYYY-MM-DD; option time to expiry counts from here. */
  readonly asOf: string;
  /** ISO currency of the portfolio requirement (combined commodities in others are converted). */
  readonly currency: string;
  /** Minor-unit decimals of the currency (default 2: cents). */
  readonly currencyDecimals?: number;
  /** Other currencies of combined commodities, with their rates to `currency`. */
  readonly currencies?: readonly CurrencyParameters[];
  /** Computed risk-array values (futures from the scan range, options by Black-76) are rounded to this many places, half-even (default: currencyDecimals). Given values keep their precision. */
  readonly riskArrayDecimals?: number;
  readonly combinedCommodities: readonly CombinedCommodityParameters[];
  readonly interSpreads?: readonly InterSpreadParameters[];
}

/** A leg's target: a tier (or period) as a range of periods, with the leg's delta per spread. */
export interface CompiledLeg {
  /** Intra: the combined commodity itself; inter: the index of the leg's combined commodity. */
  readonly cc: number;
  readonly startPeriod?: string;
  readonly endPeriod?: string;
  /** A period leg: the period it names (matched by periodMatches). */
  readonly period?: string;
  /** A label for the statement ("tier 1", "period 201606", "whole"). */
  readonly label: string;
  readonly ratio: Dec;
  readonly sideA: boolean;
  /** Inter legs: the leg's own credit rate, if any. */
  readonly rate?: Dec;
}
export interface CompiledSpread {
  readonly priority: number;
  /** Intra: money per spread; inter: credit rate (fraction). */
  readonly rate: Dec;
  readonly legs: readonly CompiledLeg[];
}
export interface CompiledSpot {
  readonly period: string;
  readonly spreadRate: Dec;
  readonly outrightRate: Dec;
}
export interface CompiledSomTier {
  readonly startPeriod?: string;
  readonly endPeriod?: string;
  readonly rate: Dec;
}
export interface CompiledCombinedCommodity {
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  /** Minor-unit decimals of its currency. */
  readonly decimals: number;
  /** Value of one unit of its currency in the parameters' currency (1 for the same currency). */
  readonly rateToBase: Dec;
  readonly priceScanRange: Dec;
  readonly somTiers: readonly CompiledSomTier[];
  readonly somMethod: "gross" | "max";
  readonly intraSpreads: readonly CompiledSpread[];
  readonly spots: readonly CompiledSpot[];
  readonly interTiers: readonly TierParameters[];
  readonly weightedPriceRiskMethod: WeightedPriceRiskMethod;
  /** Indexes (in parameters.interSpreads) of the intercommodity spreads with a leg here. */
  readonly interSpreads: readonly number[];
  /** The integer plan for bulk margining (integer-path.ts), or null when this combined commodity needs decimals. */
  readonly integer: IntegerPlan | null;
}

/** A leg as the period ranks (of its combined commodity) it covers. */
export interface IntegerLeg {
  readonly cc: number;
  readonly ranks: Int32Array;
  readonly sideA: boolean;
  /** Inter legs: the credit rate in millionths. */
  readonly rateMicro: number;
}

/**
 * What bulk margining needs to finish a combined commodity in integers: every spread's legs have
 * delta per spread 1, and its rates are whole units of 10^-scale (intra, spot) or millionths
 * (credits); its periods are ranked by date.
 */
export interface IntegerPlan {
  readonly periods: number;
  readonly intraSpreads: readonly { readonly rateUnits: number; readonly legs: readonly IntegerLeg[] }[];
  readonly spots: readonly { readonly ranks: Int32Array; readonly spreadUnits: number; readonly outrightUnits: number }[];
}

export interface CompiledRiskParameters {
  readonly compiled: true;
  readonly asOf: string;
  readonly currency: string;
  /** Minor-unit decimals of the parameters' currency. */
  readonly decimals: number;
  /**
   * Risk arrays are held as whole units of 10^-scale of their currency: scale is the most decimal
   * places any value has (at least the currency's), so products and sums are exact integers.
   */
  readonly scale: number;
  readonly contractIndex: ReadonlyMap<string, number>;
  readonly contractIds: readonly string[];
  /** contract × 16 scenarios, P&L per long contract in 10^-scale units (safe integers). */
  readonly riskArrays: Float64Array;
  /** max |risk array value| per contract (bounds exact summation). */
  readonly magnitude: Float64Array;
  /** Spreading delta per contract: composite delta × delta scaling factor. */
  readonly spreadDelta: readonly Dec[];
  /** Sign of the spreading delta (−1, 0, 1). */
  readonly deltaSign: Int8Array;
  /** The period that places a contract in tiers (an option on a future: the future's). */
  readonly tierPeriod: readonly string[];
  readonly ccOf: Int32Array;
  /** 1 for a call, 2 for a put, 0 for a future. */
  readonly optionKind: Uint8Array;
  /** 1 when the contract's period is a spot month of its combined commodity. */
  readonly inSpotMonth: Uint8Array;
  readonly combinedCommodities: readonly CompiledCombinedCommodity[];
  readonly interSpreads: readonly CompiledSpread[];
  /** Spreading delta in millionths (a safe integer), or NaN when it has more places. */
  readonly deltaMicro: Float64Array;
  /** The contract's period rank within its combined commodity (periods ordered by date). */
  readonly periodRank: Int32Array;
  /** Per intercommodity spread: its legs for the integer path, or null when it needs decimals. */
  readonly interInteger: readonly (readonly IntegerLeg[] | null)[];
}

function toUnits(values: readonly Dec[], scale: number, field: string): number[] {
  return values.map((v, s) => decToUnits(v, scale, `${field}[${s}]`));
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The most decimal places a given risk-array value may have (SPAN files give six). */
export const MAX_RISK_ARRAY_DECIMALS = 10;

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

function checkTiers(tiers: readonly TierParameters[] | undefined, field: string): readonly TierParameters[] {
  const list = tiers ?? [];
  if (!isList(list)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list`);
  const seen = new Set<number>();
  list.forEach((t, i) => {
    const tf = `${field}[${i}]`;
    smallInt(t.number, `${tf}.number`, 0, 1_000_000);
    if (seen.has(t.number)) throw new RiskError("DUPLICATE", `${tf}.number`, `tier ${t.number} appears more than once`);
    seen.add(t.number);
    checkRange(t.startPeriod, t.endPeriod, tf);
  });
  return list;
}

function checkRange(start: string | undefined, end: string | undefined, field: string): void {
  if (start !== undefined && !isPeriodCode(start)) throw new RiskError("OUT_OF_RANGE", `${field}.startPeriod`, `${field}.startPeriod must be a period code YYYYMM[...], got "${String(start)}"`);
  if (end !== undefined && !isPeriodCode(end)) throw new RiskError("OUT_OF_RANGE", `${field}.endPeriod`, `${field}.endPeriod must be a period code YYYYMM[...], got "${String(end)}"`);
  if (start !== undefined && end !== undefined && comparePeriods(start, end) > 0) throw new RiskError("OUT_OF_RANGE", field, `${field}: startPeriod must not be after endPeriod`);
}

/** A leg naming a tier (its range), a period, or (tier absent, no tiers defined) the whole combined commodity. */
function legTarget(leg: { readonly tier?: number; readonly period?: string }, tiers: readonly TierParameters[], wholeWhenNoTiers: boolean, field: string, ccCode: string): Pick<CompiledLeg, "startPeriod" | "endPeriod" | "period" | "label"> {
  if (leg.period !== undefined) {
    if (!isPeriodCode(leg.period)) throw new RiskError("OUT_OF_RANGE", `${field}.period`, `${field}.period must be a period code YYYYMM[...], got "${String(leg.period)}"`);
    return { period: leg.period, label: `period ${leg.period}` };
  }
  if (leg.tier === undefined || (wholeWhenNoTiers && tiers.length === 0)) return { label: "whole" };
  const t = tiers.find((x) => x.number === leg.tier);
  if (!t) throw new RiskError("UNKNOWN_REFERENCE", `${field}.tier`, `${field}.tier ${String(leg.tier)} is not a tier of ${ccCode}`);
  return { startPeriod: t.startPeriod, endPeriod: t.endPeriod, label: `tier ${t.number}` };
}

function checkSides(legs: readonly { readonly sideA: boolean }[], field: string): void {
  if (legs.length < 2) throw new RiskError("INVALID_INPUT", field, `${field}: a spread has at least two legs`);
  if (!legs.some((l) => l.sideA) || legs.every((l) => l.sideA)) throw new RiskError("INVALID_INPUT", field, `${field}: a spread needs legs on both sides A and B`);
}

function side(value: unknown, field: string): boolean {
  if (value !== "A" && value !== "B") throw new RiskError("INVALID_INPUT", `${field}.side`, `${field}.side must be "A" or "B"`);
  return value === "A";
}

const POWERS: readonly Dec[] = Array.from({ length: 13 }, (_, i) => new D(10).pow(i));

/** v as whole units of 10^-places when exact and below 2^40, else NaN (the integer path then declines). */
export function wholeUnits(v: Dec, places: number): number {
  const u = v.times(POWERS[places] ?? new D(10).pow(places));
  return u.isInteger() && u.abs().lessThan(2 ** 40) ? u.toNumber() : Number.NaN;
}

/** Decimal places of a given value (exact; exponent forms included). */
function placesOf(value: DecInput, field: () => string): number {
  if (typeof value === "string") {
    const dot = value.indexOf(".");
    if (dot >= 0 && !/[eE]/.test(value)) return value.length - dot - 1;
    if (dot < 0 && /^[+-]?\d+$/.test(value)) return 0;
  }
  return dec(value, field()).decimalPlaces();
}

/**
 * Validate risk parameters and compile them for margining (SPAN [seed 002; SPEC §5]). Risk
 * arrays keep the precision given: values are held as whole units of 10^-scale, scale being the
 * most decimal places of any value (six in CME's files), so quantity × value and their sums are
 * exact. Arrays not given are computed: futures from the price scan range, options with Black-76
 * one day nearer expiry (rounded to `riskArrayDecimals`, half-even). Throws RiskError naming the
 * field: RISK_ARRAY_LENGTH, OUT_OF_RANGE, DUPLICATE, UNKNOWN_CONTRACT, UNKNOWN_REFERENCE.
 */
export function compileRiskParameters(params: RiskParameters): CompiledRiskParameters {
  const p = "parameters";
  if (!params || typeof params !== "object") throw new RiskError("INVALID_INPUT", p, "risk parameters are required");
  const asOfDay = dayIndex(params.asOf, `${p}.asOf`);
  if (typeof params.currency !== "string" || !/^[A-Z]{3}$/.test(params.currency)) throw new RiskError("INVALID_INPUT", `${p}.currency`, "currency must be a 3-letter ISO code");
  const decimals = params.currencyDecimals === undefined ? 2 : smallInt(params.currencyDecimals, `${p}.currencyDecimals`, 0, 6);
  const raDecimals = params.riskArrayDecimals === undefined ? decimals : smallInt(params.riskArrayDecimals, `${p}.riskArrayDecimals`, 0, MAX_RISK_ARRAY_DECIMALS);
  if (!isList(params.combinedCommodities)) throw new RiskError("INVALID_INPUT", `${p}.combinedCommodities`, "combinedCommodities must be a list");

  const currencies = new Map<string, { decimals: number; rateToBase: Dec }>([[params.currency, { decimals, rateToBase: new D(1) }]]);
  (params.currencies ?? []).forEach((c, i) => {
    const f = `${p}.currencies[${i}]`;
    if (typeof c.code !== "string" || !/^[A-Z]{3}$/.test(c.code)) throw new RiskError("INVALID_INPUT", `${f}.code`, `${f}.code must be a 3-letter ISO code`);
    if (currencies.has(c.code)) throw new RiskError("DUPLICATE", `${f}.code`, `currency ${c.code} appears more than once`);
    currencies.set(c.code, { decimals: smallInt(c.decimals, `${f}.decimals`, 0, 6), rateToBase: positive(c.rateToBase, `${f}.rateToBase`) });
  });

  // The scale: every currency's decimals, every given value's places (bounded), computed arrays' places.
  let scale = raDecimals;
  for (const c of currencies.values()) scale = Math.max(scale, c.decimals);
  params.combinedCommodities.forEach((cc, c) => {
    (isList(cc.contracts) ? cc.contracts : []).forEach((k, i) => {
      if (!k || !isList(k.riskArray)) return;
      k.riskArray!.forEach((v, s) => {
        // the field's name is built only when it is needed (this runs for every value of the file)
        const field = (): string => `${p}.combinedCommodities[${c}].contracts[${i}].riskArray[${s}]`;
        const places = placesOf(v, field);
        if (places > MAX_RISK_ARRAY_DECIMALS) throw new RiskError("OUT_OF_RANGE", field(), `${field()} has ${places} decimal places; at most ${MAX_RISK_ARRAY_DECIMALS} are supported`);
        if (places > scale) scale = places;
      });
    });
  });

  const contractIndex = new Map<string, number>();
  const ids: string[] = [];
  const arrays: number[] = [];
  const magnitude: number[] = [];
  const spreadDelta: Dec[] = [];
  const deltaMicroList: number[] = [];
  const deltaSign: number[] = [];
  const tierPeriod: string[] = [];
  const ccOf: number[] = [];
  const optionKind: number[] = [];
  const inSpotMonth: number[] = [];
  const ccs: (CompiledCombinedCommodity & { interSpreads: number[]; integer: IntegerPlan | null })[] = [];
  const ccIndex = new Map<string, number>();

  params.combinedCommodities.forEach((cc, c) => {
    const f = `${p}.combinedCommodities[${c}]`;
    if (typeof cc.code !== "string" || cc.code === "") throw new RiskError("REQUIRED", `${f}.code`, `${f}.code is required`);
    if (ccIndex.has(cc.code)) throw new RiskError("DUPLICATE", `${f}.code`, `combined commodity ${cc.code} appears more than once`);
    ccIndex.set(cc.code, c);
    const ccCurrency = cc.currency ?? params.currency;
    const cur = currencies.get(ccCurrency);
    if (!cur) throw new RiskError("UNKNOWN_REFERENCE", `${f}.currency`, `${f}.currency ${String(ccCurrency)} has no rate to ${params.currency} in parameters.currencies`);
    const scan = nonNegative(cc.priceScanRange, `${f}.priceScanRange`);
    const volScan = nonNegative(cc.volatilityScanRange, `${f}.volatilityScanRange`);

    const somTiers: CompiledSomTier[] = [];
    if (cc.shortOptionMinimumTiers !== undefined) {
      if (!isList(cc.shortOptionMinimumTiers)) throw new RiskError("INVALID_INPUT", `${f}.shortOptionMinimumTiers`, `${f}.shortOptionMinimumTiers must be a list`);
      cc.shortOptionMinimumTiers.forEach((t, i) => {
        const tf = `${f}.shortOptionMinimumTiers[${i}]`;
        checkRange(t.startPeriod, t.endPeriod, tf);
        somTiers.push({ startPeriod: t.startPeriod, endPeriod: t.endPeriod, rate: nonNegative(t.rate, `${tf}.rate`) });
      });
    } else if (cc.shortOptionMinimum !== undefined) {
      somTiers.push({ rate: nonNegative(cc.shortOptionMinimum, `${f}.shortOptionMinimum`) });
    }
    const somMethod = cc.shortOptionMinimumMethod ?? "gross";
    if (somMethod !== "gross" && somMethod !== "max") throw new RiskError("INVALID_INPUT", `${f}.shortOptionMinimumMethod`, `${f}.shortOptionMinimumMethod must be "gross" or "max"`);
    const wpr = cc.weightedPriceRiskMethod ?? "normal";
    if (wpr !== "normal" && wpr !== "scan-range" && wpr !== "scan-range-cap") throw new RiskError("INVALID_INPUT", `${f}.weightedPriceRiskMethod`, `${f}.weightedPriceRiskMethod must be "normal", "scan-range" or "scan-range-cap"`);

    const tiers = checkTiers(cc.tiers, `${f}.tiers`);
    const interTiers = checkTiers(cc.interTiers, `${f}.interTiers`);
    const intraSpreads: CompiledSpread[] = (cc.intraSpreads ?? []).map((s, i) => {
      const sf = `${f}.intraSpreads[${i}]`;
      if (!isList(s.legs)) throw new RiskError("INVALID_INPUT", `${sf}.legs`, `${sf}.legs must be a list`);
      const legs = s.legs.map((leg, j) => {
        const lf = `${sf}.legs[${j}]`;
        return { cc: c, ...legTarget(leg, tiers, false, lf, cc.code), ratio: positive(leg.ratio, `${lf}.ratio`), sideA: side(leg.side, lf) };
      });
      checkSides(legs, `${sf}.legs`);
      return { priority: smallInt(s.priority, `${sf}.priority`, 0, 1_000_000), rate: nonNegative(s.rate, `${sf}.rate`), legs };
    });
    intraSpreads.sort((a, b) => a.priority - b.priority);

    const spots: CompiledSpot[] = (cc.spotCharges ?? []).map((s, i) => {
      const sf = `${f}.spotCharges[${i}]`;
      if (!isPeriodCode(s.period)) throw new RiskError("OUT_OF_RANGE", `${sf}.period`, `${sf}.period must be a period code YYYYMM[...]`);
      return { period: s.period, spreadRate: nonNegative(s.spreadRate, `${sf}.spreadRate`), outrightRate: nonNegative(s.outrightRate, `${sf}.outrightRate`) };
    });

    if (!isList(cc.contracts)) throw new RiskError("INVALID_INPUT", `${f}.contracts`, "contracts must be a list");
    const futuresHere = new Map<string, FutureParameters>();
    for (const k of cc.contracts) if (k && k.kind === "future") futuresHere.set(k.id, k);
    cc.contracts.forEach((k, i) => {
      const kf = `${f}.contracts[${i}]`;
      if (typeof k.id !== "string" || k.id === "") throw new RiskError("REQUIRED", `${kf}.id`, `${kf}.id is required`);
      if (contractIndex.has(k.id)) throw new RiskError("DUPLICATE", `${kf}.id`, `contract ${k.id} appears more than once`);
      if (k.kind !== "future" && k.kind !== "option") throw new RiskError("INVALID_INPUT", `${kf}.kind`, `${kf}.kind must be "future" or "option"`);
      if (!isPeriodCode(k.period)) throw new RiskError("OUT_OF_RANGE", `${kf}.period`, `${kf}.period must be a period code YYYYMM[...], got "${String(k.period)}"`);
      const multiplier = positive(k.multiplier, `${kf}.multiplier`);
      let units: number[];
      if (k.riskArray !== undefined) {
        if (!isList(k.riskArray) || k.riskArray.length !== SCENARIO_COUNT) {
          throw new RiskError("RISK_ARRAY_LENGTH", `${kf}.riskArray`, `${kf}.riskArray must have exactly 16 values, got ${Array.isArray(k.riskArray) ? k.riskArray.length : "none"}`);
        }
        // Given values keep their precision: exact whole units of 10^-scale.
        units = k.riskArray.map((v, s) => {
          const fast = typeof v === "string" ? plainDecimalToUnits(v, scale, scale) : null;
          if (fast !== null) return fast;
          return decToUnits(dec(v, `${kf}.riskArray[${s}]`), scale, `${kf}.riskArray[${s}]`);
        });
      } else if (k.kind === "future") {
        const range = k.priceScanRange === undefined ? scan : nonNegative(k.priceScanRange, `${kf}.priceScanRange`);
        units = toUnits(futuresRiskArray({ priceScanRange: range, decimals: raDecimals }), scale, `${kf}.riskArray`);
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
        }), scale, `${kf}.riskArray`);
      }
      let delta: Dec;
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
      const scaled = k.deltaScale === undefined ? delta : delta.times(positive(k.deltaScale, `${kf}.deltaScale`));
      // An option on a future of this combined commodity spreads in its future's period.
      const und = k.kind === "option" ? futuresHere.get(k.underlying) : undefined;
      const period = und && isPeriodCode(und.period) ? und.period : k.period;
      contractIndex.set(k.id, ids.length);
      ids.push(k.id);
      let mag = 0;
      for (const u of units) {
        arrays.push(u);
        mag = Math.max(mag, Math.abs(u));
      }
      magnitude.push(Math.max(mag, 1));
      spreadDelta.push(scaled);
      // millionths of delta for bulk margining: from the text when it is plain and unscaled (most files), else exactly from the Dec
      const plain = typeof k.delta === "string" && (k.deltaScale === undefined || k.deltaScale === "1") ? plainDecimalToUnits(k.delta, 6, 6) : null;
      deltaMicroList.push(plain !== null ? plain : wholeUnits(scaled, 6));
      deltaSign.push(scaled.isZero() ? 0 : scaled.isNegative() ? -1 : 1);
      tierPeriod.push(period);
      ccOf.push(c);
      optionKind.push(k.kind === "future" ? 0 : k.putCall === "call" ? 1 : 2);
      inSpotMonth.push(spots.some((s) => periodMatches(period, s.period)) ? 1 : 0);
    });

    ccs.push({
      code: cc.code,
      name: cc.name ?? cc.code,
      currency: ccCurrency,
      decimals: cur.decimals,
      rateToBase: cur.rateToBase,
      priceScanRange: scan,
      somTiers,
      somMethod,
      intraSpreads,
      spots,
      interTiers,
      weightedPriceRiskMethod: wpr,
      interSpreads: [],
      integer: null,
    });
  });

  const interSpreads: CompiledSpread[] = (params.interSpreads ?? []).map((s, i) => {
    const sf = `${p}.interSpreads[${i}]`;
    const rate = nonNegative(s.rate, `${sf}.rate`);
    if (rate.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", `${sf}.rate`, `${sf}.rate is a credit fraction from 0 to 1`);
    if (!isList(s.legs)) throw new RiskError("INVALID_INPUT", `${sf}.legs`, `${sf}.legs must be a list`);
    const legs = s.legs.map((leg, j) => {
      const lf = `${sf}.legs[${j}]`;
      const c = ccIndex.get(leg.combinedCommodity);
      if (c === undefined) throw new RiskError("UNKNOWN_REFERENCE", `${lf}.combinedCommodity`, `${lf}.combinedCommodity ${String(leg.combinedCommodity)} is not in the parameters`);
      const legRate = leg.rate === undefined ? undefined : nonNegative(leg.rate, `${lf}.rate`);
      if (legRate && legRate.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", `${lf}.rate`, `${lf}.rate is a credit fraction from 0 to 1`);
      const interTiers = params.combinedCommodities[c]!.interTiers ?? [];
      return { cc: c, ...legTarget(leg, interTiers, true, lf, leg.combinedCommodity), ratio: positive(leg.ratio, `${lf}.ratio`), sideA: side(leg.side, lf), rate: legRate };
    });
    checkSides(legs, `${sf}.legs`);
    return { priority: smallInt(s.priority, `${sf}.priority`, 0, 1_000_000), rate, legs };
  });
  interSpreads.sort((a, b) => a.priority - b.priority);
  interSpreads.forEach((s, i) => {
    for (const c of new Set(s.legs.map((l) => l.cc))) ccs[c]!.interSpreads.push(i);
  });

  // The integer plans for bulk margining (integer-path.ts).
  const periodsOf = ccs.map(() => [] as string[]);
  tierPeriod.forEach((pe, k) => {
    const list = periodsOf[ccOf[k]!]!;
    if (!list.includes(pe)) list.push(pe);
  });
  for (const list of periodsOf) list.sort(comparePeriods);
  const periodRank = Int32Array.from(tierPeriod.map((pe, k) => periodsOf[ccOf[k]!]!.indexOf(pe)));
  const ranksOf = (c: number, leg: Pick<CompiledLeg, "period" | "startPeriod" | "endPeriod">): Int32Array =>
    Int32Array.from(periodsOf[c]!.flatMap((pe, r) => ((leg.period !== undefined ? periodMatches(pe, leg.period) : periodInRange(pe, leg.startPeriod, leg.endPeriod)) ? [r] : [])));
  const whole = (v: Dec, places: number): number => wholeUnits(v, places);
  const ONE = new D(1);
  ccs.forEach((cc, c) => {
    if (cc.currency !== params.currency || cc.weightedPriceRiskMethod !== "normal") return;
    const intra = cc.intraSpreads.map((sp) => ({ rateUnits: whole(sp.rate, scale), legs: sp.legs.map((l) => ({ cc: c, ranks: ranksOf(c, l), sideA: l.sideA, rateMicro: 0, one: l.ratio.equals(ONE) })) }));
    const spots = cc.spots.map((sp) => ({ ranks: ranksOf(c, { period: sp.period }), spreadUnits: whole(sp.spreadRate, scale), outrightUnits: whole(sp.outrightRate, scale) }));
    if (intra.some((sp) => Number.isNaN(sp.rateUnits) || sp.legs.some((l) => !l.one)) || spots.some((sp) => Number.isNaN(sp.spreadUnits) || Number.isNaN(sp.outrightUnits))) return;
    cc.integer = { periods: periodsOf[c]!.length, intraSpreads: intra.map((sp) => ({ rateUnits: sp.rateUnits, legs: sp.legs.map((l) => ({ cc: l.cc, ranks: l.ranks, sideA: l.sideA, rateMicro: l.rateMicro })) })), spots };
  });
  const interInteger = interSpreads.map((sp) => {
    const legs = sp.legs.map((l) => ({ cc: l.cc, ranks: ranksOf(l.cc, l), sideA: l.sideA, rateMicro: whole(l.rate ?? sp.rate, 6), one: l.ratio.equals(ONE) }));
    if (legs.some((l) => !l.one || Number.isNaN(l.rateMicro) || ccs[l.cc]!.integer === null)) return null;
    return legs.map((l) => ({ cc: l.cc, ranks: l.ranks, sideA: l.sideA, rateMicro: l.rateMicro }));
  });
  const deltaMicro = Float64Array.from(deltaMicroList);

  return {
    compiled: true,
    asOf: params.asOf,
    currency: params.currency,
    decimals,
    scale,
    contractIndex,
    contractIds: ids,
    riskArrays: Float64Array.from(arrays),
    magnitude: Float64Array.from(magnitude),
    spreadDelta,
    deltaSign: Int8Array.from(deltaSign),
    tierPeriod,
    ccOf: Int32Array.from(ccOf),
    optionKind: Uint8Array.from(optionKind),
    inSpotMonth: Uint8Array.from(inSpotMonth),
    combinedCommodities: ccs,
    interSpreads,
    deltaMicro,
    periodRank,
    interInteger,
  };
}

/** A compiled contract's risk array back as money (P&L per long contract, at full precision). */
export function contractRiskArray(params: CompiledRiskParameters, contract: string): Dec[] {
  const idx = params.contractIndex.get(contract);
  if (idx === undefined) throw new RiskError("UNKNOWN_CONTRACT", "contract", `contract ${contract} is not in the risk parameters`);
  const out: Dec[] = [];
  for (let s = 0; s < SCENARIO_COUNT; s++) out.push(unitsToDec(params.riskArrays[idx * SCENARIO_COUNT + s]!, params.scale));
  return out;
}
