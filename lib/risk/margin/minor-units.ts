/**
 * Exact integer arithmetic for the margin engine's hot loop.
 *
 * Amounts inside the engine are whole minor units (cents for a 2-decimal currency) held in
 * JavaScript numbers that are always safe integers (|x| <= 2^53 - 1), so every sum and product
 * that stays within that range is exact. Deltas are held in micro units (1e-6). Where a product
 * could leave the safe range the helpers below switch to BigInt. Dec values enter and leave
 * only at the boundary (compiling parameters, returning results).
 */
import { D, decFromInt, type Dec } from "../money";
import { RiskError } from "../errors";

export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** Deltas and ratios are held to 6 decimal places. */
export const MICRO = 1_000_000;

export type IntRounding = "half-even" | "up" | "down";

/**
 * A decimal as a whole number of 10^-decimals units. Without `rounding` the value must be
 * exact at that precision (OUT_OF_RANGE otherwise); with it, it is rounded (half-even: ties
 * to even; up: away from zero; down: toward zero). Throws OUT_OF_RANGE if the result is not a
 * safe integer.
 */
const SCALES: readonly Dec[] = Array.from({ length: 13 }, (_, i) => new D(10).pow(i));

export function decToUnits(value: Dec, decimals: number, field: string, rounding?: IntRounding): number {
  const scaled = value.times(SCALES[decimals] ?? new D(10).pow(decimals));
  let whole: Dec;
  if (rounding === undefined) {
    if (!scaled.isInteger()) throw new RiskError("OUT_OF_RANGE", field, `${field} must have at most ${decimals} decimal places, got ${value.toString()}`);
    whole = scaled;
  } else {
    const mode = rounding === "half-even" ? D.ROUND_HALF_EVEN : rounding === "up" ? D.ROUND_UP : D.ROUND_DOWN;
    whole = scaled.toDecimalPlaces(0, mode);
  }
  if (whole.abs().greaterThan(MAX_EXACT)) throw new RiskError("OUT_OF_RANGE", field, `${field} is too large for exact computation`);
  return Number.parseInt(whole.toString(), 10);
}

const PLAIN_DECIMAL = /^([+-]?)(\d{1,15})(?:\.(\d*))?$/;

/**
 * A plain decimal string ("-736.49") with at most `maxPlaces` fraction digits as whole units of
 * 10^-decimals (decimals >= maxPlaces), by digit manipulation (exact, no decimal arithmetic).
 * Returns null when the string is not of that form (exponent, too many digits, more places),
 * so the caller takes the Dec path.
 */
export function plainDecimalToUnits(text: string, maxPlaces: number, decimals: number): number | null {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[3] ?? "";
  if (frac.length > maxPlaces || maxPlaces > decimals || m[2]!.length + decimals > 15) return null;
  const units = Number.parseInt(m[2]! + frac.padEnd(decimals, "0"), 10);
  return m[1] === "-" && units !== 0 ? -units : units;
}

/**
 * Whole minor units back to a Dec (exact; built from the integer's digits without a string,
 * money.ts decFromInt). Zero, common in a statement's breakdown, is one shared (immutable) Dec
 * rather than a new one each time.
 */
export function unitsToDec(units: number, decimals: number): Dec {
  return decFromInt(units, decimals);
}

function roundQuotient(q: number, r: number, d: number, rounding: IntRounding, negative: boolean): number {
  // q, r: floor quotient and remainder (0 <= r < d) of |a*b| / d.
  if (r === 0) return negative ? -q : q;
  let out = q;
  if (rounding === "up") out = q + 1;
  else if (rounding === "half-even") {
    const twice = 2 * r;
    if (twice > d || (twice === d && q % 2 === 1)) out = q + 1;
  }
  return negative ? -out : out;
}

/**
 * round(a × b / d) exactly, for safe integers a, b and a positive safe integer d, with the named
 * rounding of the absolute value (half-even, up = away from zero, down = toward zero). Uses
 * numbers while a × b is a safe integer, BigInt otherwise.
 */
export function mulDiv(a: number, b: number, d: number, rounding: IntRounding, field = "amount"): number {
  const p = a * b;
  const negative = p < 0;
  if (Number.isSafeInteger(p)) {
    const abs = Math.abs(p);
    const q = Math.floor(abs / d);
    let r = abs - q * d;
    let qq = q;
    while (r < 0) { qq -= 1; r += d; }
    while (r >= d) { qq += 1; r -= d; }
    return roundQuotient(qq, r, d, rounding, negative);
  }
  return mulDivBig([BigInt(a), BigInt(b)], [BigInt(d)], rounding, field);
}

/** round(Π num / Π den) exactly in BigInt, with the named rounding; result must be a safe integer. */
export function mulDivBig(num: readonly bigint[], den: readonly bigint[], rounding: IntRounding, field = "amount"): number {
  let n = 1n;
  for (const x of num) n *= x;
  let d = 1n;
  for (const x of den) d *= x;
  if (d === 0n) throw new RiskError("OUT_OF_RANGE", field, `${field}: division by zero`);
  if (d < 0n) { d = -d; n = -n; }
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  const r = abs % d;
  if (r !== 0n) {
    if (rounding === "up") q += 1n;
    else if (rounding === "half-even" && (2n * r > d || (2n * r === d && q % 2n === 1n))) q += 1n;
  }
  const out = negative ? -q : q;
  if (out > BigInt(MAX_EXACT) || out < -BigInt(MAX_EXACT)) throw new RiskError("OUT_OF_RANGE", field, `${field} is too large for exact computation`);
  return Number.parseInt(out.toString(), 10);
}

/** Throws OUT_OF_RANGE unless x is a safe integer (guards every accumulated sum). */
export function assertExact(x: number, field: string): number {
  if (!Number.isSafeInteger(x)) throw new RiskError("OUT_OF_RANGE", field, `${field} is too large for exact computation`);
  return x;
}
