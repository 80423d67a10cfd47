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

/** Significant digits of every Dec result. */
export const PRECISION = 40;

export const D = Decimal.clone({
  precision: PRECISION,
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

/**
 * Whether a string is a plain decimal number, /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
 * ("12", "-3.50", ".5", "1e-3"; not "", " 1", "1.2.3", "0x10"): the form decimal.js parses
 * exactly. Read character by character (SPAN files check millions of values).
 */
export function isDecimalString(s: string): boolean {
  // (no closures here: this runs millions of times per file)
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  if (c === 43 || c === 45) i++; // "+" or "-"
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    // "." and the fraction's digits
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  c = i < n ? s.charCodeAt(i) : 0;
  if (c === 101 || c === 69) {
    // "e" or "E", a sign, and at least one digit
    i++;
    c = i < n ? s.charCodeAt(i) : 0;
    if (c === 43 || c === 45) i++;
    const start = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  return i === n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parse a decimal from user or file input. Strings must be plain decimals ("12.50", "-3");
 * numbers must be finite. Throws RiskError INVALID_NUMBER naming the field otherwise.
 */
export function dec(value: unknown, field = "value"): Dec {
  if (value instanceof D) return value;
  if (Decimal.isDecimal(value)) return new D((value as Decimal).toString());
  if (typeof value === "string") {
    // An amount in cents ("1234.56"), as the server and the command line pass them thousands at
    // a time, is built from its digits: the same Dec as parsing gives ("-0" left to the parser,
    // which keeps its sign).
    if (readPlainCents(value, CENTS_SLOT, 0) && (CENTS_SLOT[0] !== 0 || value.charCodeAt(0) !== 45)) return decFromInt(CENTS_SLOT[0]!, 2);
    const s = value.trim();
    if (!isDecimalString(s)) throw new RiskError("INVALID_NUMBER", field, `${field} must be a decimal number, got "${value}"`);
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

/**
 * Money for people to read, "1,234,567.89" ("-1,234.50" when negative), from an exact decimal
 * (a decimal string such as "-1234567.8", a Dec or a Prisma Decimal): rounded half-even to the
 * cent in decimal and the digits grouped, never through a JavaScript number. The one money
 * formatter of the portal (pages, PDFs, e-mails); formatUsd adds the dollar sign.
 */
export function formatAmount(value: string | { toString(): string }): string {
  const text = typeof value === "string" ? value : value.toString();
  const fixed = dec(text.trim(), "amount").toFixed(2, Rounding.HALF_EVEN);
  const negative = fixed.startsWith("-");
  const [whole = "0", cents = "00"] = (negative ? fixed.slice(1) : fixed).split(".");
  return `${negative && fixed !== "-0.00" ? "-" : ""}${groupThousands(whole)}.${cents}`;
}

/** Digits of a whole number (no sign) grouped by thousands: "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A fraction as a percentage for people to read, exactly: "0.143" → "14.3", "0.1" → "10"; with
 * `places`, rounded half-even to that many decimals ("0.15", 1 → "15.0").
 */
export function formatPercent(fraction: string | { toString(): string }, places?: number): string {
  const percent = dec(typeof fraction === "string" ? fraction.trim() : fraction.toString(), "fraction").times(100);
  return places === undefined ? percent.toString() : percent.toFixed(places, Rounding.HALF_EVEN);
}

/** formatAmount with the dollar sign: "$1,234,567.89", "-$1,234.50". */
export function formatUsd(value: string | { toString(): string }): string {
  const amount = formatAmount(value);
  return amount.startsWith("-") ? `-$${amount.slice(1)}` : `$${amount}`;
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
 *
 * Ties: remainders that are exactly equal (the same rational number, whatever the size of the
 * shares) go to the earlier entry first, deterministically.
 *
 * Computed in exact integers (bigint) when the weights scaled to integers, W in all, and the
 * total in units, T, satisfy (T + 1) × W < 10^39; the result is then the same as the decimal
 * computation's (allocateProRataDecimal, 40 significant digits): in that range its floors are
 * exact and it compares remainders by their exact numerators T × w − floor × W. Otherwise the
 * decimal computation is used.
 */
export function allocateProRata<K>(
  total: Dec,
  weights: readonly { readonly key: K; readonly weight: Dec }[],
  unit: Dec = CENT,
): ProRataShare<K>[] {
  return allocateExact(total, weights, unit) ?? allocateProRataDecimal(total, weights, unit);
}

/** 10^39: below it, 40-significant-digit decimal division orders and floors these quotients exactly. */
export const EXACT_LIMIT = 10n ** 39n;

/**
 * Checks pro-rata weights (OUT_OF_RANGE naming the first negative one) and returns the most
 * decimal places among them, or null if one is not finite.
 */
export function weightPlaces(weights: readonly { readonly weight: Dec }[]): number | null {
  let places = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!.weight;
    if (w.isNegative()) throw new RiskError("OUT_OF_RANGE", `weights[${i}].weight`, "a pro-rata weight must not be negative");
    const p = w.decimalPlaces();
    if (Number.isNaN(p)) return null;
    if (p > places) places = p;
  }
  return places;
}

/** Weights as integers at one common scale (their most decimal places); null if any is not finite. */
export function scaledWeights(weights: readonly { readonly weight: Dec }[], places = weightPlaces(weights)): { ints: bigint[]; sum: bigint } | null {
  if (places === null) return null;
  const ints: bigint[] = new Array<bigint>(weights.length);
  let sum = 0n;
  for (let i = 0; i < weights.length; i++) {
    const x = scaledBigInt(weights[i]!.weight, places);
    if (x === null) return null;
    ints[i] = x;
    sum += x;
  }
  return { ints, sum };
}

/** Amounts as integers at one common scale (their most decimal places); null if one is not finite. */
export function scaledAmounts(values: readonly Dec[]): { ints: bigint[]; sum: bigint; places: number } | null {
  let places = 0;
  for (const v of values) {
    const p = v.decimalPlaces();
    if (Number.isNaN(p)) return null;
    if (p > places) places = p;
  }
  const ints: bigint[] = new Array<bigint>(values.length);
  let sum = 0n;
  for (let i = 0; i < values.length; i++) {
    const x = scaledBigInt(values[i]!, places)!;
    ints[i] = x;
    sum += x;
  }
  return { ints, sum, places };
}

/** Σ values, exactly: in bigint at their common scale, or in decimals if one is not finite. */
export function sumExact(values: readonly Dec[]): Dec {
  const scaled = scaledAmounts(values);
  return scaled === null ? sum(values) : scaledToDec(scaled.sum, scaled.places);
}

/** The Dec x × 10^-places (exact). */
export function scaledToDec(x: bigint, places: number): Dec {
  return places === 0 ? new D(x.toString()) : new D(`${x}e-${places}`);
}

/** a + b, returning an operand itself when the other is zero (same value, one allocation less). */
export function plus(a: Dec, b: Dec): Dec {
  return b.isZero() ? a : a.isZero() ? b : a.plus(b);
}

/** The checks every pro-rata split makes of its total: not negative, a whole number of units. */
export function checkAllocationTotal(total: Dec, unit: Dec): void {
  if (total.isNegative()) throw new RiskError("OUT_OF_RANGE", "total", "amount to allocate must not be negative");
  if (!total.mod(unit).isZero()) throw new RiskError("OUT_OF_RANGE", "total", `amount to allocate must be a whole number of ${unit.toString()}`);
}

/**
 * Σ of pro-rata weights in decimals, each checked not negative; null when they sum to zero,
 * which allows only a zero total (the split is then all zeros).
 */
export function decimalWeightSum(total: Dec, weights: readonly { readonly weight: Dec }[]): Dec | null {
  let weightSum = ZERO;
  weights.forEach((w, i) => {
    if (w.weight.isNegative()) throw new RiskError("OUT_OF_RANGE", `weights[${i}].weight`, "a pro-rata weight must not be negative");
    weightSum = weightSum.plus(w.weight);
  });
  if (!weightSum.isZero()) return weightSum;
  if (!total.isZero()) throw new RiskError("OUT_OF_RANGE", "weights", "cannot allocate a non-zero amount over zero weights");
  return null;
}

function allocateExact<K>(total: Dec, weights: readonly { readonly key: K; readonly weight: Dec }[], unit: Dec): ProRataShare<K>[] | null {
  checkAllocationTotal(total, unit);
  const scaled = scaledWeights(weights);
  if (scaled === null) return null;
  const { ints, sum: W } = scaled;
  if (W === 0n) {
    if (!total.isZero()) throw new RiskError("OUT_OF_RANGE", "weights", "cannot allocate a non-zero amount over zero weights");
    return weights.map((w) => ({ key: w.key, amount: ZERO }));
  }
  const T = scaledBigInt(total.div(unit), 0);
  if (T === null) return null;
  const floors = largestRemainderUnits(T, ints, W);
  if (floors === null) return null;
  const cents = unit.eq(CENT);
  return weights.map((w, i) => ({ key: w.key, amount: cents ? centsToDec(floors[i]!) : new D(floors[i]!.toString()).times(unit) }));
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The largest remainder split of T units over integer weights `ints` (W = their sum, > 0), in
 * exact integers: each share is floor(T × w / W), and the units left over go one each to the
 * largest remainders T × w mod W, equal remainders to the earlier entry. The core of
 * allocateProRata. The shares are at most T, returned as numbers: null when T > 2^53 - 1 or
 * (T + 1) × W >= EXACT_LIMIT (allocateProRata then computes in decimals, which is the same
 * below that limit).
 */
export function largestRemainderUnits(T: bigint, ints: readonly bigint[], W: bigint): Float64Array | null {
  if (T > MAX_SAFE_BIG || (T + 1n) * W >= EXACT_LIMIT) return null;
  const n = ints.length;
  const floors = new Float64Array(n); // each <= T <= 2^53 - 1: exact
  // remainders < W: as numbers when W is a safe integer (exact), else as bigints
  const small = W <= MAX_SAFE_BIG;
  const rems = small ? new Float64Array(n) : null;
  const bigRems: bigint[] = small ? [] : new Array<bigint>(n);
  let allocated = 0; // Σ floors <= T: exact
  for (let i = 0; i < n; i++) {
    const p = T * ints[i]!;
    const f = Number(p / W);
    floors[i] = f;
    allocated += f;
    if (rems !== null) rems[i] = Number(p % W);
    else bigRems[i] = p % W;
  }
  const left = Number(T) - allocated; // fewer than n
  if (left > 0) {
    // largest remainder first; equal remainders: the earlier entry first
    if (rems !== null) awardLeftOver(floors, rems, left);
    else {
      const order = Array.from({ length: n }, (_, i) => i);
      order.sort((a, b) => (bigRems[a]! > bigRems[b]! ? -1 : bigRems[a]! < bigRems[b]! ? 1 : a - b));
      for (let k = 0; k < left; k++) floors[order[k]!]! += 1;
    }
  }
  return floors;
}

/**
 * One more unit each to the `left` largest remainders, equal remainders to the earlier entry
 * (what sorting by remainder, then position, and taking the first `left` gives): the threshold
 * is the left-th largest remainder (a numeric sort of a copy); every entry above it gets a
 * unit, and the rest go to the entries at it, in order.
 */
function awardLeftOver(floors: Float64Array, rems: Float64Array, left: number): void {
  const n = rems.length;
  const sorted = rems.slice().sort(); // ascending
  const threshold = sorted[n - left]!;
  let atThreshold = left;
  for (let k = n - left; k < n; k++) if (sorted[k]! > threshold) atThreshold--;
  for (let i = 0; i < n; i++) {
    const x = rems[i]!;
    if (x > threshold || (x === threshold && atThreshold-- > 0)) floors[i]! += 1;
  }
}

/**
 * allocateProRata in decimal arithmetic throughout (40 significant digits): the general path,
 * and the reference the exact integer path is tested against.
 */
export function allocateProRataDecimal<K>(
  total: Dec,
  weights: readonly { readonly key: K; readonly weight: Dec }[],
  unit: Dec = CENT,
): ProRataShare<K>[] {
  checkAllocationTotal(total, unit);
  const weightSum = decimalWeightSum(total, weights);
  if (weightSum === null) return weights.map((w) => ({ key: w.key, amount: ZERO }));
  const totalUnits = total.div(unit);
  const floors: Dec[] = [];
  const remainders: { index: number; rem: Dec }[] = [];
  let allocatedUnits = ZERO;
  weights.forEach((w, index) => {
    const product = totalUnits.times(w.weight);
    const floor = product.div(weightSum).floor();
    floors.push(floor);
    allocatedUnits = allocatedUnits.plus(floor);
    // the remainder is rem / weightSum: compared by its numerator, equal remainders are equal
    // whatever the size of the shares (the rounded quotient's digits would depend on it)
    remainders.push({ index, rem: product.minus(floor.times(weightSum)) });
  });
  let left = totalUnits.minus(allocatedUnits).toNumber();
  remainders.sort((a, b) => b.rem.comparedTo(a.rem) || a.index - b.index);
  for (let i = 0; left > 0 && i < remainders.length; i++, left--) {
    const idx = remainders[i]!.index;
    floors[idx] = floors[idx]!.plus(1);
  }
  return weights.map((w, i) => ({ key: w.key, amount: floors[i]!.times(unit) }));
}

// ---------------------------------------------------------------------------------------------
// Exact integer forms of money (bigint minor units), for hot paths over many amounts.
//
// A Dec is read through its documented internal form (decimal.js "INTERNALS": `d`, an array of
// base-1e7 digit groups, the first without leading zeros; `e`, the base-10 exponent of the most
// significant digit; `s`, the sign), which avoids decimal arithmetic and string formatting. No
// float ever holds an amount: digit groups are accumulated as numbers only while the result is
// a safe integer (at most 15 digits), as bigint beyond.

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
const BIG_1E7 = 10000000n;

function digitCount(n: number): number {
  let c = 1;
  while (n >= POW10[c]! && c < 7) c++;
  return c;
}

/**
 * `value × 10^places` as a bigint when that is a whole number; null when it is not (more than
 * `places` decimal places) or the value is not finite. Exact.
 */
export function scaledBigInt(value: Dec, places: number): bigint | null {
  const d = value.d;
  if (!d) return null; // NaN or ±Infinity
  const d0 = d[0]!;
  if (d0 === 0) return 0n;
  const len = d.length;
  const digits = digitCount(d0) + 7 * (len - 1);
  const shift = value.e + 1 - digits + places; // value × 10^places = int(digits) × 10^shift
  let out: bigint;
  if (digits <= 15) {
    let n = d0;
    for (let i = 1; i < len; i++) n = n * 1e7 + d[i]!;
    if (shift >= 0) {
      if (shift <= 15) {
        const m = n * POW10[shift]!;
        out = m <= Number.MAX_SAFE_INTEGER ? BigInt(m) : BigInt(n) * BigInt(POW10[shift]!);
      } else out = BigInt(n) * 10n ** BigInt(shift);
    } else {
      if (-shift > 15) return null; // n < 10^15 is not a multiple of 10^16 or more
      const div = POW10[-shift]!;
      if (n % div !== 0) return null;
      out = BigInt(n / div);
    }
  } else {
    let b = BigInt(d0);
    for (let i = 1; i < len; i++) b = b * BIG_1E7 + BigInt(d[i]!);
    if (shift >= 0) out = b * 10n ** BigInt(shift);
    else {
      const div = 10n ** BigInt(-shift);
      if (b % div !== 0n) return null;
      out = b / div;
    }
  }
  return value.s < 0 ? -out : out;
}

/**
 * A money value (a Dec, or a plain decimal string such as "1234.5") as whole cents in a safe
 * integer (|cents| <= 2^53 - 1, so exact); null when it is not a whole number of cents, too
 * large, or not of that form (callers then take their general decimal path, which also reports
 * invalid input).
 */
export function wholeCents(value: unknown): number | null {
  return readWholeCents(value, CENTS_SLOT, 0) ? CENTS_SLOT[0]! : null;
}

const CENTS_SLOT = new Float64Array(1);

/**
 * wholeCents written to out[at]; false when not convertible. Amounts of $10 million and more
 * are not small integers to V8, and a function returning one allocates a number for it: this
 * form lets a list of values be converted with no allocation per value.
 */
function readWholeCents(value: unknown, out: Float64Array, at: number): boolean {
  if (typeof value === "string") return readPlainCents(value, out, at);
  if (typeof value !== "object" || value === null || (value as Dec).constructor !== D) return false;
  const x = value as Dec;
  const d = x.d;
  if (!d) return false;
  const len = d.length;
  const e = x.e;
  // Groups are aligned on the decimal point: with e >= 0 the first floor(e / 7) + 1 groups are
  // the integer part (trailing zero groups omitted) and the next one holds 7 decimal places.
  let n: number;
  let frac: number;
  if (e >= 0) {
    const intGroups = Math.floor(e / 7) + 1;
    if (len > intGroups + 1 || intGroups > 3) return false; // more than 7 places, or > 2^53 cents
    n = d[0]!;
    for (let i = 1; i < intGroups; i++) n = n * 1e7 + (i < len ? d[i]! : 0);
    frac = len > intGroups ? d[intGroups]! : 0;
  } else {
    if (d[0] === 0) {
      out[at] = 0;
      return true;
    }
    if (e < -7 || len > 1) return false;
    n = 0;
    frac = d[0]!;
  }
  if (frac % 100000 !== 0 || n > 90071992547409) return false; // 90071992547409 × 100 + 99 < 2^53
  const cents = n * 100 + frac / 100000;
  out[at] = x.s < 0 ? -cents : cents;
  return true;
}

/**
 * A plain decimal string of the form [+-]d{1,13}[.d{0,2}] ("1234.5", "-0.07", "12.") as whole
 * cents written to out[at]; false for any other string. Read digit by digit: the server passes
 * amounts as strings, hundreds of thousands at a time, and a regular expression's match arrays
 * and substrings per value cost more than the arithmetic. At most 13 integer digits, so
 * cents < 10^15 < 2^53: exact.
 */
function readPlainCents(s: string, out: Float64Array, at: number): boolean {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0) {
    const c = s.charCodeAt(0);
    if (c === 45 || c === 43) {
      negative = c === 45; // "-"
      i = 1;
    }
  }
  let whole = 0;
  const intStart = i;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const intDigits = i - intStart;
  if (intDigits < 1 || intDigits > 13) return false;
  let frac = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return false; // "."
    i++;
    if (n - i > 2) return false;
    for (let k = 0; k < 2; k++, i++) {
      if (i < n) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return false;
        frac = frac * 10 + d;
      } else frac *= 10;
    }
  } else frac = 0;
  const cents = whole * 100 + frac;
  out[at] = negative && cents !== 0 ? -cents : cents;
  return true;
}

/**
 * A list of money values as whole cents (wholeCents each), or null if any is not convertible;
 * written into `out` when given (at least as long as the list; reused by callers converting
 * many lists).
 */
export function toCentsList(values: readonly unknown[], out: Float64Array = new Float64Array(values.length)): Float64Array | null {
  for (let i = 0; i < values.length; i++) if (!readWholeCents(values[i], out, i)) return null;
  return out;
}

/** A money value as whole cents (bigint), or null (see wholeCents; here without a size limit). */
export function toCentsBigInt(value: unknown): bigint | null {
  if (typeof value === "object" && value !== null && (value as Dec).constructor === D) return scaledBigInt(value as Dec, 2);
  const n = wholeCents(value);
  return n === null ? null : BigInt(n);
}

const TWO_32 = 4294967296;

// One 64-bit slot and its two 32-bit halves (platform byte order, found once): a bigint copied
// in is read back as hi × 2^32 + lo. A BigInt64Array is read the same way through 32-bit views
// of its own bytes: reading one of its elements would allocate a bigint.
const SLOT = new BigInt64Array(1);
const SLOT_LO = new Uint32Array(SLOT.buffer);
const SLOT_HI = new Int32Array(SLOT.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

// A kept 64-bit array and its 32-bit views, grown to the longest list read (up to KEPT_VALUES
// values; a longer list gets views of its own).
const KEPT_VALUES = 65536;
let kept = new BigInt64Array(256);
const keptWords = { hi: new Int32Array(kept.buffer), lo: new Uint32Array(kept.buffer) };

/** The values' bytes as 32-bit words: value i at hi[2i + HI] and lo[2i + LO]. */
function copiedWords(values: BigInt64Array): { readonly hi: Int32Array; readonly lo: Uint32Array } {
  const n = values.length;
  if (n > KEPT_VALUES) return { hi: new Int32Array(values.buffer, values.byteOffset, 2 * n), lo: new Uint32Array(values.buffer, values.byteOffset, 2 * n) };
  if (kept.length < n) {
    kept = new BigInt64Array(n);
    keptWords.hi = new Int32Array(kept.buffer);
    keptWords.lo = new Uint32Array(kept.buffer);
  }
  kept.set(values);
  return keptWords;
}

/**
 * Whole cents given as bigints (a BigInt64Array, e.g. filled from SQL `round(x * 100)::bigint`,
 * or a list) as safe-integer numbers, exactly: each 64-bit value is read as its two 32-bit
 * halves, hi × 2^32 + lo, with no floating-point conversion. Written into `out` when given (at
 * least as long as the list; reused by callers converting many lists). Null if any value is
 * beyond ±(2^53 - 1) (callers then compute in bigint or decimals); INVALID_NUMBER if a list
 * entry is not a bigint.
 */
export function centsFromBigInts(values: BigInt64Array | readonly bigint[], field: string, out?: Float64Array): Float64Array | null {
  const n = values.length;
  const into = out ?? new Float64Array(n);
  if (values instanceof BigInt64Array) {
    // the bytes copied (a memory copy) into a kept array read as 32-bit halves: no element is
    // ever made into a bigint, and no view is made per list
    const { hi, lo } = copiedWords(values);
    for (let i = 0; i < n; i++) {
      const top = hi[2 * i + HI]!;
      const bottom = lo[2 * i + LO]!;
      // |value| <= 2^53 - 1  <=>  hi in [-2^21, 2^21), excluding exactly -2^53
      if (top >= 2097152 || top < -2097152 || (top === -2097152 && bottom === 0)) return null;
      into[i] = top * TWO_32 + bottom;
    }
    return into;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "bigint") throw new RiskError("INVALID_NUMBER", `${field}[${i}]`, `${field}[${i}] must be whole cents as a bigint`);
    if (v > MAX_SAFE_BIG || v < -MAX_SAFE_BIG) return null;
    SLOT[0] = v;
    const top = SLOT_HI[HI]!;
    const bottom = SLOT_LO[LO]!;
    // |value| <= 2^53 - 1  <=>  hi in [-2^21, 2^21), excluding exactly -2^53
    if (top >= 2097152 || top < -2097152 || (top === -2097152 && bottom === 0)) return null;
    into[i] = top * TWO_32 + bottom;
  }
  return into;
}

/** Whole cents (a safe integer or a bigint) back to a Dec (exact). */
export function centsToDec(cents: number | bigint): Dec {
  if (typeof cents === "bigint") {
    if (cents === 0n) return ZERO;
    if (cents > MAX_SAFE_BIG || cents < -MAX_SAFE_BIG) return new D(`${cents}e-2`);
    return decFromInt(Number(cents), 2);
  }
  return decFromInt(cents, 2);
}

// ---------------------------------------------------------------------------------------------
// Building a Dec without formatting and parsing a string.
//
// A decimal.js value is stored as words of 7 digits (base 1e7) aligned on the decimal point:
// the lowest digit of every word has a base-10 exponent that is a multiple of 7; the first word
// has no leading zeros, the last word is not zero (trailing zero words are dropped) and `e` is the
// exponent of the most significant digit (decimal.js "INTERNALS"). decFromInt lays the digits
// out that way, so the result is the same Dec, field for field, as the constructor's string
// parsing gives (tests/unit/risk/money-exact.test.ts compares them). The Dec gets the own fields
// the constructor gives it (constructor, s, e, d, in that order) without the constructor's type
// dispatch; it is never changed afterwards.

const LOG_BASE = 7;

/** A new Dec with words `d` (first without leading zeros, last not zero) and exponent `e`. */
function decOfWords(d: number[], negative: boolean, e: number): Dec {
  // the own fields the constructor gives every Dec, in its order
  const x = Object.create(D.prototype) as { constructor: typeof D; s: number; e: number; d: number[] };
  x.constructor = D;
  x.s = negative ? -1 : 1;
  x.e = e;
  x.d = d;
  return x as unknown as Dec;
}

/** Decimal digits of a positive safe integer. */
function digitsOf(n: number): number {
  let c = 1;
  while (c < 16 && n >= POW10[c]!) c++;
  return c;
}

/**
 * The Dec c × 10^-places, for a safe integer c (exact): the same Dec as new D(`${c}e-${places}`),
 * built from c's digits by integer arithmetic. Zero gives the shared ZERO.
 */
export function decFromInt(c: number, places: number): Dec {
  if (c === 0) return ZERO;
  const negative = c < 0;
  let n = negative ? -c : c;
  while (n % 10 === 0) {
    n /= 10; // exact: n is a multiple of 10
    places--;
  }
  const e = digitsOf(n) - 1 - places;
  // pad zeros after the last digit so that it ends a word (exponent a multiple of 7)
  const pad = (((-places) % LOG_BASE) + LOG_BASE) % LOG_BASE;
  const lastSize = POW10[LOG_BASE - pad]!;
  const lastDigits = n % lastSize;
  let high = (n - lastDigits) / lastSize; // exact: a multiple divided
  const last = lastDigits * POW10[pad]!;
  if (high === 0) return decOfWords([last], negative, e);
  // at most 16 digits: three more words at most
  const w1 = high % 1e7;
  high = (high - w1) / 1e7;
  if (high === 0) return decOfWords([w1, last], negative, e);
  const w2 = high % 1e7;
  high = (high - w2) / 1e7;
  return decOfWords(high === 0 ? [w2, w1, last] : [high, w2, w1, last], negative, e);
}

/** divideExact's words as it computes them (at most 40 digits: 7 words, with room to spare). */
const WORDS: number[] = new Array<number>(12).fill(0);

/** Largest divisor divideExact takes: remainders up to twice it stay exact. */
export const MAX_EXACT_DIVISOR = 2 ** 52;
const HALF_WORD = 67108864; // 2^26: splits a remainder or divisor into two parts whose products with a word are exact

/**
 * a / b for safe integers a >= 0 and 0 < b <= 2^52, exactly as Dec division gives it: rounded to
 * PRECISION significant digits, half-even (decimal.js division is correctly rounded). Null when
 * the arguments are outside that range (callers then divide Decs).
 *
 * Long division in base 1e7, the base of decimal.js's words, so each step yields one word of
 * the result: the next word of r / b is floor(r × 1e7 / b), estimated in floating point (off by
 * at most one) and fixed with the exact new remainder r × 1e7 − word × b, computed with r and b
 * split at 2^26 so every product is a safe integer. Stops at PRECISION digits (the rest decided
 * by the remainder) or when the remainder is zero.
 */
export function divideExact(a: number, b: number): Dec | null {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0 || b > MAX_EXACT_DIVISOR) return null;
  if (a === 0) return ZERO;
  let r = a % b; // exact
  let whole = (a - r) / b; // exact: a multiple of b divided
  const words = WORDS; // scratch (at most 9 words: 40 digits, and one for a carry); copied out at the end
  let count = 0;
  // the integer part's words (at most 16 digits: three words)
  if (whole > 0) {
    const w0 = whole % 1e7;
    whole = (whole - w0) / 1e7;
    if (whole > 0) {
      const w1 = whole % 1e7;
      whole = (whole - w1) / 1e7;
      if (whole > 0) words[count++] = whole;
      words[count++] = w1;
    }
    words[count++] = w0;
  }
  let low = 0; // exponent of the lowest digit of the last word
  let digits = count > 0 ? digitsOf(words[0]!) + LOG_BASE * (count - 1) : 0;
  const bHigh = Math.floor(b / HALF_WORD);
  const bLow = b - bHigh * HALF_WORD;
  while (digits < PRECISION && r !== 0) {
    let w = Math.floor((r / b) * 1e7);
    const rHigh = Math.floor(r / HALF_WORD);
    const rLow = r - rHigh * HALF_WORD;
    // r × 1e7 − w × b, exactly: both halves' terms are below 2^51, and the result is within (−b, 2b)
    let next = (rHigh * 1e7 - w * bHigh) * HALF_WORD + (rLow * 1e7 - w * bLow);
    if (next < 0) {
      w--;
      next += b;
    } else if (next >= b) {
      w++;
      next -= b;
    }
    r = next;
    low -= LOG_BASE;
    if (count === 0) {
      if (w === 0) continue; // leading zeros
      digits = digitsOf(w);
    } else digits += LOG_BASE;
    words[count++] = w;
  }
  let first = 0; // a carry out of the first word is written before it, at index -1 of the result
  let last = count - 1;
  if (digits > PRECISION || (digits === PRECISION && r !== 0)) {
    // round half-even at the PRECISION-th significant digit
    const excess = digits - PRECISION; // digits of the last word beyond it (0 to 6)
    const unit = POW10[excess]!;
    const word = words[last]!;
    const cut = word % unit;
    const kept = word - cut;
    let up: boolean;
    if (excess === 0) up = 2 * r > b || (2 * r === b && word % 2 === 1); // the rest is r / b of a unit
    else {
      const half = unit / 2;
      up = cut > half || (cut === half && (r !== 0 || (kept / unit) % 2 === 1));
    }
    words[last] = kept;
    if (up) {
      let k = last;
      words[k] = words[k]! + unit;
      while (words[k] === 1e7) {
        words[k] = 0;
        if (k === 0) {
          first = -1; // the result gains a leading word 1
          break;
        }
        k--;
        words[k] = words[k]! + 1;
      }
    }
  }
  while (words[last] === 0) {
    last--;
    low += LOG_BASE;
  }
  const d = new Array<number>(last - first + 1);
  let j = 0;
  if (first < 0) d[j++] = 1;
  for (let k = 0; k <= last; k++) d[j++] = words[k]!;
  return decOfWords(d, false, digitsOf(d[0]!) - 1 + low + LOG_BASE * (d.length - 1));
}
