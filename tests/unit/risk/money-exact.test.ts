import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, allocateProRata, dec, isDecimalString, allocateProRataDecimal, centsFromBigInts, centsToDec, decFromInt, divideExact, MAX_EXACT_DIVISOR, scaledBigInt, toCentsBigInt, wholeCents } from "@/lib/risk";

/** Any decimal: digits × 10^exp, signed. */
const decArb = fc.tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: -9, max: 12 })).map(([m, e]) => new D(`${m}e${e}`));

describe("exact integer forms of money", () => {
  it("wholeCents and toCentsBigInt agree with decimal arithmetic (property)", () => {
    fc.assert(
      fc.property(decArb, (x) => {
        const c = x.times(100);
        const exact = c.isInteger() ? BigInt(c.toFixed(0)) : null;
        expect(toCentsBigInt(x)).toBe(exact);
        expect(scaledBigInt(x, 2)).toBe(exact);
        const n = wholeCents(x);
        if (n !== null) expect(BigInt(n)).toBe(exact); // null is allowed only for the decimal path to take over
        else if (exact !== null) expect(exact > 90071992547409n * 100n || exact < -90071992547409n * 100n).toBe(true);
        if (exact !== null) expect(centsToDec(exact).eq(x)).toBe(true);
        const s = wholeCents(x.toFixed());
        if (s !== null) expect(BigInt(s)).toBe(exact);
      }),
      { numRuns: 1000 },
    );
    expect(wholeCents("12.5")).toBe(1250);
    expect(wholeCents("-0.07")).toBe(-7);
    expect(wholeCents("1.001")).toBeNull();
    expect(wholeCents(" 1")).toBeNull();
    expect(wholeCents(12)).toBeNull();
    expect(wholeCents(new D(Number.POSITIVE_INFINITY))).toBeNull();
  }, 60_000);

  it("wholeCents reads exactly the plain strings [+-]d{1,13}[.d{0,2}], to the cent, and no others (property)", () => {
    // the reference: the form as a regular expression, and the digits as a bigint
    const reference = (s: string): number | null => {
      const m = /^([+-]?)(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
      if (!m) return null;
      const c = Number(BigInt(m[2]! + (m[3] ?? "").padEnd(2, "0")));
      return m[1] === "-" && c !== 0 ? -c : c;
    };
    const digits = (max: number) => fc.array(fc.constantFrom(..."0123456789"), { maxLength: max }).map((a) => a.join(""));
    const plainish = fc
      .tuple(fc.constantFrom("", "-", "+", " ", "--"), digits(15), fc.constantFrom("", ".", ",", "e"), digits(4), fc.constantFrom("", " ", "x", "0"))
      .map(([a, b, c, d, e]) => a + b + c + d + e);
    fc.assert(
      fc.property(fc.oneof(plainish, fc.string({ maxLength: 8 })), (s) => {
        expect(wholeCents(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
    expect(wholeCents("9999999999999.99")).toBe(999999999999999);
    expect(wholeCents("10000000000000")).toBeNull(); // 14 integer digits
    expect(wholeCents("12.")).toBe(1200);
    expect(wholeCents("-0")).toBe(0);
    expect(wholeCents(".5")).toBeNull();
    expect(wholeCents("")).toBeNull();
  });

  it("isDecimalString accepts exactly /^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$/ (property)", () => {
    const reference = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
    const part = fc.constantFrom("", "+", "-", "0", "7", "12", ".", "e", "E", "e-", "E+", "3", " ", "x", "..", "-.", "1.");
    const candidate = fc.oneof(fc.array(part, { maxLength: 6 }).map((a) => a.join("")), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(candidate, (s) => {
        expect(isDecimalString(s), JSON.stringify(s)).toBe(reference.test(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ["12", "-3.50", ".5", "5.", "+1e-3", "1E+09"]) expect(isDecimalString(s)).toBe(true);
    for (const s of ["", "+", ".", "-.", "e5", "1e", "1e+", " 1", "1 ", "1.2.3", "0x10", "1_000"]) expect(isDecimalString(s)).toBe(false);
  });

  it("dec builds, field for field, the Dec that parsing gives, for amounts in cents and any other string (property)", () => {
    const fields = (x: InstanceType<typeof D>) => ({ s: x.s, e: x.e, d: [...x.d], keys: Object.keys(x) });
    const digits = (max: number) => fc.array(fc.constantFrom(..."0123456789"), { maxLength: max }).map((a) => a.join(""));
    const plainish = fc
      .tuple(fc.constantFrom("", "-", "+", " ", "--"), digits(15), fc.constantFrom("", ".", ",", "e", "e-"), digits(4), fc.constantFrom("", " ", "x", "0"))
      .map(([a, b, c, d, e]) => a + b + c + d + e);
    fc.assert(
      fc.property(fc.oneof(plainish, fc.string({ maxLength: 8 })), (s) => {
        const t = s.trim();
        if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) expect(fields(dec(s, "f"))).toEqual(fields(new D(t)));
        else expect(() => dec(s, "f")).toThrow(/f must be a decimal number/);
      }),
      { numRuns: 5000 },
    );
    expect(fields(dec("-0.00"))).toEqual(fields(new D("-0"))); // keeps its sign, as parsing does
    expect(dec("-0.00").isNegative()).toBe(true);
  });

  it("centsFromBigInts reads 64-bit cents exactly and refuses what a safe integer cannot hold", () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -max, max }), { maxLength: 20 }), (xs) => {
        const out = centsFromBigInts(BigInt64Array.from(xs), "x")!;
        expect(Array.from(out, (v) => BigInt(v))).toEqual(xs);
        expect(Array.from(centsFromBigInts(xs, "x")!, (v) => BigInt(v))).toEqual(xs);
        // a view into a larger array (the database rows' buffer) is read from its own offset
        const within = BigInt64Array.from([7n, ...xs, -7n]).subarray(1, xs.length + 1);
        expect(Array.from(centsFromBigInts(within, "x")!, (v) => BigInt(v))).toEqual(xs);
      }),
    );
    // longer lists than the kept copy holds (65,536 values) are read in place, from their offset
    const long = BigInt64Array.from({ length: 70_002 }, (_, i) => BigInt(i) * 1_000_000_007n - max);
    expect(Array.from(centsFromBigInts(long.subarray(1, 70_001), "x")!, (v) => BigInt(v))).toEqual(Array.from(long.subarray(1, 70_001)));
    expect(centsFromBigInts(BigInt64Array.of(...Array.from({ length: 70_000 }, () => 0n), max + 1n), "x")).toBeNull();
    expect(centsFromBigInts([max + 1n], "x")).toBeNull();
    expect(centsFromBigInts(BigInt64Array.of(-max - 1n), "x")).toBeNull();
    expect(centsFromBigInts(BigInt64Array.of(-(2n ** 63n)), "x")).toBeNull();
    expect(() => centsFromBigInts([1n, 2 as unknown as bigint], "x")).toThrow(/x\[1\]/);
  });

  it("decFromInt builds, field for field, the Dec that parsing the digits builds (property)", () => {
    const fields = (x: InstanceType<typeof D>) => ({ s: x.s, e: x.e, d: [...x.d], keys: Object.keys(x) });
    const check = (c: number, places: number): void => {
      const parsed = new D(`${c}e${-places}`);
      expect(fields(decFromInt(c, places))).toEqual(fields(parsed));
      if (places === 0) expect(fields(decFromInt(c, 0))).toEqual(fields(new D(c)));
    };
    const safe = fc.oneof(
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 10 })).map(([m, z]) => m * 10 ** z), // trailing zeros
    );
    fc.assert(fc.property(safe, fc.integer({ min: -12, max: 20 }), check), { numRuns: 3000 });
    for (const c of [0, 1, -1, 9, 10, 9999999, 10000000, 10000001, 99999999999999, 1e15, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      for (let places = -9; places <= 16; places++) check(c, places);
    }
    expect(decFromInt(0, 2)).toBe(centsToDec(0)); // the shared zero
    expect(centsToDec(12345n).toString()).toBe("123.45");
    expect(centsToDec(-(2n ** 60n)).toString()).toBe(new D((-(2n ** 60n)).toString()).div(100).toString());
  });

  it("divideExact gives, field for field, the Dec that Dec division gives (property)", () => {
    const fields = (x: InstanceType<typeof D>) => ({ s: x.s, e: x.e, d: [...x.d], keys: Object.keys(x) });
    const check = (a: number, b: number): void => {
      expect(fields(divideExact(a, b)!)).toEqual(fields(new D(a).div(new D(b))));
    };
    const safe = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    const divisor = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: MAX_EXACT_DIVISOR }));
    fc.assert(fc.property(safe, divisor, check), { numRuns: 5000 });
    fc.assert(fc.property(divisor, fc.integer({ min: 0, max: 9 }), (b, k) => check(Math.max(0, b - k), b)), { numRuns: 1000 }); // just under 1: carries through 9s
    // exact ties at the 41st digit: a / 2^k = a × 5^k / 10^k with a × 5^k 41 digits ending in 5
    // (a safe integer needs k >= 37)
    fc.assert(
      fc.property(fc.integer({ min: 37, max: 52 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3 }), (k, u, j) => {
        const p5 = 5n ** BigInt(k);
        const lo = 10n ** 40n / p5 + 1n;
        const hi = 10n ** 41n / p5;
        let a = lo + BigInt(Math.floor(u * Number(hi - lo)));
        if (a % 2n === 0n) a += 1n;
        if (a % 5n === 0n) a += 2n;
        const b = 2 ** k * 10 ** j;
        fc.pre(a <= BigInt(Number.MAX_SAFE_INTEGER) && b <= MAX_EXACT_DIVISOR && (a * p5).toString().length === 41);
        check(Number(a), b);
      }),
      { numRuns: 2000 },
    );
    for (const b of [1, 3, 9000, 1e7 - 1, 1e7, 1e7 + 1, MAX_EXACT_DIVISOR]) for (const a of [0, 1, 1e7, b - 1, b, 3 * b, Number.MAX_SAFE_INTEGER]) if (Number.isSafeInteger(a)) check(a, b);
    expect(divideExact(1, MAX_EXACT_DIVISOR + 1)).toBeNull();
    expect(divideExact(-1, 3)).toBeNull();
    expect(divideExact(1.5, 3)).toBeNull();
    expect(divideExact(1, 0)).toBeNull();
  }, 60_000);

  it("allocateProRata (exact integer path) equals the decimal computation to the cent (property)", () => {
    fc.assert(
      fc.property(
        // weights summing below 2^53 (remainders ordered as numbers) and beyond it (as bigints)
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.bigInt({ min: 0n, max: 10n ** 18n })), { minLength: 1, maxLength: 12 }),
        // totals within 2^53 - 1 cents (shares as numbers) and beyond it (left to the decimal path)
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 2n ** 53n - 5n, max: 10n ** 17n })),
        fc.integer({ min: 0, max: 4 }),
        (ws, t, places) => {
          const weights = ws.map((w, i) => ({ key: i, weight: new D(`${w}e-${places}`) }));
          const total = ws.every((w) => w === 0n) ? new D(0) : new D(`${t}e-2`);
          const fast = allocateProRata(total, weights).map((x) => x.amount.toString());
          expect(fast).toEqual(allocateProRataDecimal(total, weights).map((x) => x.amount.toString()));
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it("allocateProRata: exactly equal remainders go to the earlier entry first, in both paths", () => {
    const split = (total: string, ws: number[], alloc: typeof allocateProRata) => alloc(new D(total), ws.map((w, i) => ({ key: i, weight: new D(w) }))).map((s) => s.amount.toString());
    // 4 cents over 10:1:1: exact shares 3 1/3, 1/3 and 1/3 cents, every remainder exactly 1/3, one
    // cent left: it goes to the first entry. (Ordering the remainders of the 40-digit quotients
    // 3.33…3 and 0.33…3 instead gave it to the second, whose rounded remainder has one more 3.)
    expect(split("0.04", [10, 1, 1], allocateProRata)).toEqual(["0.04", "0", "0"]);
    expect(split("0.04", [10, 1, 1], allocateProRataDecimal)).toEqual(["0.04", "0", "0"]);
    expect(split("0.04", [1, 10, 1], allocateProRata)).toEqual(["0.01", "0.03", "0"]);
    expect(split("0.04", [1, 10, 1], allocateProRataDecimal)).toEqual(["0.01", "0.03", "0"]);
    // 7 cents over five equal weights: 1 2/5 cents each, the two cents left go to the first two
    expect(split("0.07", [1, 1, 1, 1, 1], allocateProRata)).toEqual(["0.02", "0.02", "0.01", "0.01", "0.01"]);
  });

  it("allocateProRata equals a brute-force largest remainder with ties by position (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 500 }), (ws, cents) => {
        const weights = ws.map((w, i) => ({ key: i, weight: new D(w) }));
        const total = new D(cents).div(100);
        const forward = allocateProRata(total, weights).map((s) => s.amount.toString());
        expect(forward).toEqual(allocateProRataDecimal(total, weights).map((s) => s.amount.toString()));
        // brute force: each share is its floor plus one cent for the `left` best (remainder desc, index asc)
        const W = ws.reduce((a, b) => a + b, 0);
        const exact = ws.map((w, i) => ({ i, floor: Math.floor((cents * w) / W), rem: (cents * w) % W }));
        const left = cents - exact.reduce((a, x) => a + x.floor, 0);
        const winners = new Set([...exact].sort((a, b) => b.rem - a.rem || a.i - b.i).slice(0, left).map((x) => x.i));
        expect(forward).toEqual(exact.map((x) => new D(x.floor + (winners.has(x.i) ? 1 : 0)).div(100).toString()));
      }),
      { numRuns: 500 },
    );
  });
});
