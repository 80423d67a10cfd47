/**
 * Margin coverage backtest [seed 001 §13-14: CME Clearing covers 99% of potential price moves
 * over the margin period of risk: one day for futures and options on futures and for swaps on
 * agricultural, energy and metal commodities, five days for all other swaps; backtesting
 * validates the models; SPEC §5].
 *
 *   n-day move_i = Σ_{j=i}^{i+n−1} dailyChange_j   for every overlapping window i = 0 … N − n
 *   exceedance   = |n-day move| > scan range
 *   rate         = exceedances ÷ windows;  coverage met ⇔ exceedances ≤ windows × (1 − coverage)
 */
import { D, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";

export const BACKTEST_PRODUCT_TYPES = ["future", "option", "swap-agricultural", "swap-energy", "swap-metal", "swap-other"] as const;
export type BacktestProductType = (typeof BACKTEST_PRODUCT_TYPES)[number];

/** Margin period of risk in days by product type (1 day; 5 days for swaps other than ag, energy, metal). */
export function marginPeriodOfRisk(productType: BacktestProductType): number {
  return productType === "swap-other" ? 5 : 1;
}

export interface BacktestInput {
  readonly productType: BacktestProductType;
  /** Daily changes of value per contract (money, same units as the scan range), oldest first. */
  readonly priceChanges: readonly DecInput[];
  /** The product's price scan range (money per contract). */
  readonly scanRange: DecInput;
  /** Overrides the product type's margin period of risk (days). */
  readonly marginPeriodOfRisk?: number;
  /** Required coverage (default 0.99). */
  readonly coverage?: DecInput;
}

export interface Exceedance {
  /** Index of the first and last daily change in the window. */
  readonly from: number;
  readonly to: number;
  readonly move: Dec;
}

export interface BacktestResult {
  readonly marginPeriodOfRisk: number;
  readonly windows: number;
  readonly exceedances: number;
  /** exceedances ÷ windows, to 6 decimal places (half-even). */
  readonly exceedanceRate: Dec;
  /** 1 − exceedanceRate, to 6 decimal places (half-even). */
  readonly observedCoverage: Dec;
  readonly requiredCoverage: Dec;
  /** Most exceedances the coverage allows: floor(windows × (1 − coverage)). */
  readonly allowedExceedances: number;
  readonly coverageMet: boolean;
  readonly exceedanceWindows: readonly Exceedance[];
}

/** Counts exceedances of the scan range by overlapping n-day moves, n = margin period of risk. */
export function backtestCoverage(input: BacktestInput): BacktestResult {
  if (!(BACKTEST_PRODUCT_TYPES as readonly string[]).includes(input.productType)) {
    throw new RiskError("INVALID_INPUT", "productType", `productType must be one of ${BACKTEST_PRODUCT_TYPES.join(", ")}`);
  }
  const n = input.marginPeriodOfRisk ?? marginPeriodOfRisk(input.productType);
  if (!Number.isInteger(n) || n < 1 || n > 250) throw new RiskError("OUT_OF_RANGE", "marginPeriodOfRisk", "marginPeriodOfRisk must be a whole number of days from 1 to 250");
  const scan = dec(input.scanRange, "scanRange");
  if (scan.isNegative()) throw new RiskError("OUT_OF_RANGE", "scanRange", "scanRange must not be negative");
  const coverage = input.coverage === undefined ? new D("0.99") : dec(input.coverage, "coverage");
  if (coverage.lessThanOrEqualTo(0) || coverage.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", "coverage", "coverage must be a fraction above 0 and at most 1");
  if (!Array.isArray(input.priceChanges)) throw new RiskError("INVALID_INPUT", "priceChanges", "priceChanges must be a list");
  const prefix: Dec[] = [new D(0)];
  input.priceChanges.forEach((c, i) => prefix.push(prefix[i]!.plus(dec(c, `priceChanges[${i}]`))));
  const windows = input.priceChanges.length - n + 1;
  if (windows < 1) throw new RiskError("OUT_OF_RANGE", "priceChanges", `priceChanges needs at least ${n} daily changes for a ${n}-day margin period of risk`);
  const exceedanceWindows: Exceedance[] = [];
  for (let i = 0; i < windows; i++) {
    const move = prefix[i + n]!.minus(prefix[i]!);
    if (move.abs().greaterThan(scan)) exceedanceWindows.push({ from: i, to: i + n - 1, move });
  }
  const exceedances = exceedanceWindows.length;
  const rate = new D(exceedances).div(windows);
  const allowed = Number.parseInt(new D(windows).times(new D(1).minus(coverage)).floor().toString(), 10);
  return {
    marginPeriodOfRisk: n,
    windows,
    exceedances,
    exceedanceRate: rate.toDecimalPlaces(6, D.ROUND_HALF_EVEN),
    observedCoverage: new D(1).minus(rate).toDecimalPlaces(6, D.ROUND_HALF_EVEN),
    requiredCoverage: coverage,
    allowedExceedances: allowed,
    coverageMet: exceedances <= allowed,
    exceedanceWindows,
  };
}
