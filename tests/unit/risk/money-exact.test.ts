import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, allocateProRata, allocateProRataDecimal, centsFromBigInts, centsToDec, decFromInt, scaledBigInt, toCentsBigInt, wholeCents } from "@/lib/risk";

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

  it("centsFromBigInts reads 64-bit cents exactly and refuses what a safe integer cannot hold", () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -max, max }), { maxLength: 20 }), (xs) => {
        const out = centsFromBigInts(BigInt64Array.from(xs), "x")!;
        expect(Array.from(out, (v) => BigInt(v))).toEqual(xs);
        expect(Array.from(centsFromBigInts(xs, "x")!, (v) => BigInt(v))).toEqual(xs);
      }),
    );
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

  it("allocateProRata (exact integer path) equals the decimal computation to the cent (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: 10n ** 14n })), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
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

  it("allocateProRata orders equal remainders as the decimal computation does", () => {
    // Exact remainders all 1/3; the decimal division rounds 3.33… and 0.33… at different places.
    const weights = [10, 1, 1].map((w, i) => ({ key: i, weight: new D(w) }));
    expect(allocateProRata(new D("0.04"), weights).map((s) => s.amount.toString())).toEqual(allocateProRataDecimal(new D("0.04"), weights).map((s) => s.amount.toString()));
  });
});
