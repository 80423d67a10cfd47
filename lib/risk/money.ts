/**
 * The one money and quantity type of the risk core.
 *
 * Every amount, price, rate and quantity is a `Dec` (decimal.js), never a JavaScript number.
 * Precision is 40 significant digits, rounding ROUND_HALF_EVEN (banker's rounding) for
 * intermediate results; money is rounded to cents only where a rule says so, and the
 * rounding mode is named at that point.
 */
import Decimal from "decimal.js";
import { RiskError } from "./errors";

export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof D>;
export type DecInput = Dec | string | number | bigint;

export const ZERO: Dec = new D(0);
export const ONE: Dec = new D(1);
export const CENT: Dec = new D("0.01");

/** Rounding modes, named as the rules state them. */
export const Rounding = {
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  HALF_UP: Decimal.ROUND_HALF_UP,
  UP: Decimal.ROUND_UP,
  DOWN: Decimal.ROUND_DOWN,
  CEIL: Decimal.ROUND_CEIL,
  FLOOR: Decimal.ROUND_FLOOR,
} as const;
export type RoundingMode = (typeof Rounding)[keyof typeof Rounding];

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a decimal from user or file input. Strings must be plain decimals ("12.50", "-3");
 * numbers must be finite. Throws RiskError INVALID_NUMBER naming the field otherwise.
 */
export function dec(value: unknown, field = "value"): Dec {
  if (value instanceof D) return value;
  if (Decimal.isDecimal(value)) return new D((value as Decimal).toString());
  if (typeof value === "string") {
    const s = value.trim();
    if (!DECIMAL_STRING.test(s)) throw new RiskError("INVALID_NUMBER", field, `${field} must be a decimal number, got "${value}"`);
    return new D(s);
  }
  if (typeof value === "bigint") return new D(value.toString());
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RiskError("INVALID_NUMBER", field, `${field} must be a finite number`);
    return new D(value);
  }
  throw new RiskError("INVALID_NUMBER", field, `${field} must be a decimal number`);
}

/** Round money to cents with a stated rounding mode (default half-even). */
export function toCents(value: Dec, mode: RoundingMode = Rounding.HALF_EVEN): Dec {
  return value.toDecimalPlaces(2, mode);
}

/** Money as a decimal string with exactly two places, for output and storage. */
export function moneyString(value: Dec, mode: RoundingMode = Rounding.HALF_EVEN): string {
  return value.toFixed(2, mode);
}

export function sum(values: readonly Dec[]): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function max(a: Dec, b: Dec): Dec {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

export function min(a: Dec, b: Dec): Dec {
  return a.lessThanOrEqualTo(b) ? a : b;
}

export interface ProRataShare<K> {
  readonly key: K;
  readonly amount: Dec;
}

/**
 * Split `total` over `weights` pro rata, to the `unit` (default one cent), by the largest
 * remainder method: every share is the weight's exact share rounded down to the unit, and the
 * units left over go one each to the largest remainders (ties to the earlier entry). The
 * shares therefore sum to `total` exactly. `total` must be a whole number of units and not
 * negative; weights must not be negative; if all weights are zero every share is zero and
 * the total must be zero too.
 */
export function allocateProRata<K>(
  total: Dec,
  weights: readonly { readonly key: K; readonly weight: Dec }[],
  unit: Dec = CENT,
): ProRataShare<K>[] {
  if (total.isNegative()) throw new RiskError("OUT_OF_RANGE", "total", "amount to allocate must not be negative");
  if (!total.mod(unit).isZero()) throw new RiskError("OUT_OF_RANGE", "total", `amount to allocate must be a whole number of ${unit.toString()}`);
  let weightSum = ZERO;
  weights.forEach((w, i) => {
    if (w.weight.isNegative()) throw new RiskError("OUT_OF_RANGE", `weights[${i}].weight`, "a pro-rata weight must not be negative");
    weightSum = weightSum.plus(w.weight);
  });
  if (weightSum.isZero()) {
    if (!total.isZero()) throw new RiskError("OUT_OF_RANGE", "weights", "cannot allocate a non-zero amount over zero weights");
    return weights.map((w) => ({ key: w.key, amount: ZERO }));
  }
  const totalUnits = total.div(unit);
  const floors: Dec[] = [];
  const remainders: { index: number; rem: Dec }[] = [];
  let allocatedUnits = ZERO;
  weights.forEach((w, index) => {
    const exact = totalUnits.times(w.weight).div(weightSum);
    const floor = exact.floor();
    floors.push(floor);
    allocatedUnits = allocatedUnits.plus(floor);
    remainders.push({ index, rem: exact.minus(floor) });
  });
  let left = totalUnits.minus(allocatedUnits).toNumber();
  remainders.sort((a, b) => b.rem.comparedTo(a.rem) || a.index - b.index);
  for (let i = 0; left > 0 && i < remainders.length; i++, left--) {
    const idx = remainders[i]!.index;
    floors[idx] = floors[idx]!.plus(1);
  }
  return weights.map((w, i) => ({ key: w.key, amount: floors[i]!.times(unit) }));
}
