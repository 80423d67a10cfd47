/**
 * Risk arrays: a position's gain (+) or loss (−) per contract under each of the 16 SPAN
 * scenarios [seed 002 "CME SPAN"; SPEC §5].
 *
 * Sign convention: values are profit and loss of ONE LONG contract, gains positive, losses
 * negative, as the seed's worked example prints them. (SPAN risk parameter files print losses
 * as positive numbers; lib/span-xml negates them on import.)
 *
 * Precision: a computed value is rounded to `decimals` places, half-even, before it enters the
 * exact money arithmetic. Futures values are exact decimals; option values come from the
 * Black-76 model in floating point (black76.ts) and are rounded the same way.
 */
import { D, Rounding, type Dec } from "../money";
import { RiskError } from "../errors";
import { black76Price } from "./black76";
import { SPAN_SCENARIOS } from "./scenarios";

export interface FuturesRiskArrayInput {
  /** Price scan range as money per contract (e.g. $2,400 for Euro FX). */
  readonly priceScanRange: Dec;
  /** Decimal places the values are rounded to (half-even). */
  readonly decimals: number;
}

/**
 * Futures risk array: value_s = (priceMoveThirds_s / 3) × priceScanRange × coverFraction_s,
 * i.e. the scenario's price move × multiplier for one long contract (the scan range is already
 * money per contract: price move in points × multiplier).
 */
export function futuresRiskArray(input: FuturesRiskArrayInput): Dec[] {
  if (input.priceScanRange.isNegative()) throw new RiskError("OUT_OF_RANGE", "priceScanRange", "price scan range must not be negative");
  return SPAN_SCENARIOS.map((s) =>
    input.priceScanRange.times(s.priceMoveThirds).div(3).times(s.coverFraction).toDecimalPlaces(input.decimals, Rounding.HALF_EVEN),
  );
}

export interface OptionRiskArrayInput {
  readonly kind: "call" | "put";
  /** Underlying futures settlement price. */
  readonly futuresPrice: Dec;
  readonly strike: Dec;
  /** Contract multiplier of the option (units of the underlying per contract). */
  readonly multiplier: Dec;
  /** Price scan range of the underlying, in price units (money range ÷ futures multiplier). */
  readonly priceScanPoints: Dec;
  /** Volatility scan range as a fraction of one (0.01 = one volatility point). */
  readonly volatilityScanRange: Dec;
  /** Annual implied volatility, fraction. */
  readonly volatility: Dec;
  /** Calendar days from the as-of date to expiry. */
  readonly daysToExpiry: number;
  /** Continuously compounded rate, fraction (default 0). */
  readonly interestRate?: Dec;
  readonly decimals: number;
}

export const DAYS_PER_YEAR = 365;

/**
 * A decimal model input (price, strike, volatility, rate) as a float for Black-76. Only the
 * option model uses this; its outputs are rounded back to decimals before any money arithmetic.
 */
export function toModelInput(value: Dec): number {
  return value.toNumber();
}

/**
 * Option-on-futures risk array: value_s = (V_s − V_0) × multiplier × coverFraction_s, where
 * V_0 = Black-76 value today (T = days/365) and V_s = Black-76 value under scenario s's futures
 * price F + (thirds_s/3) × priceScanPoints and volatility σ ± volatilityScanRange, one day
 * nearer expiry (T − 1/365). Model output rounded to `decimals` places, half-even.
 */
export function optionRiskArray(input: OptionRiskArrayInput): Dec[] {
  const F = toModelInput(input.futuresPrice);
  const K = toModelInput(input.strike);
  const sigma = toModelInput(input.volatility);
  const volScan = toModelInput(input.volatilityScanRange);
  const move = toModelInput(input.priceScanPoints);
  const r = input.interestRate ? toModelInput(input.interestRate) : 0;
  if (!(F > 0)) throw new RiskError("OUT_OF_RANGE", "futuresPrice", "the underlying futures price must be positive to price an option");
  if (!(K > 0)) throw new RiskError("OUT_OF_RANGE", "strike", "strike must be positive");
  if (sigma < 0 || volScan < 0 || move < 0) throw new RiskError("OUT_OF_RANGE", "volatility", "volatility, volatility scan range and price scan range must not be negative");
  const t0 = input.daysToExpiry / DAYS_PER_YEAR;
  const t1 = Math.max(0, (input.daysToExpiry - 1) / DAYS_PER_YEAR);
  const v0 = black76Price({ kind: input.kind, futuresPrice: F, strike: K, yearsToExpiry: t0, volatility: sigma, interestRate: r });
  return SPAN_SCENARIOS.map((s) => {
    const fs = F + (s.priceMoveThirds / 3) * move;
    if (!(fs > 0)) throw new RiskError("OUT_OF_RANGE", "priceScanRange", `scenario ${s.number} moves the futures price to ${fs}, not positive; the model cannot price it`);
    const vs = black76Price({ kind: input.kind, futuresPrice: fs, strike: K, yearsToExpiry: t1, volatility: Math.max(0, sigma + s.volatilityMove * volScan), interestRate: r });
    const change = vs - v0;
    if (!Number.isFinite(change)) throw new RiskError("OUT_OF_RANGE", "volatility", `option model gave no finite value in scenario ${s.number}`);
    return new D(change).times(input.multiplier).times(s.coverFraction).toDecimalPlaces(input.decimals, Rounding.HALF_EVEN);
  });
}
