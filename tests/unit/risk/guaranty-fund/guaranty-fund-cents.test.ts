import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, type Dec, RiskError, allocateProRataDecimal, computeGuarantyFundRequirements, computeGuarantyFundRequirementsDecimal, sizeGuarantyFundCover2, sizeGuarantyFundCover2Decimal, type Cover2Result, type GuarantyFundMemberInput, type GuarantyFundRequirementInput, type GuarantyFundRequirements } from "@/lib/risk";

const cents = (c: bigint): Dec => new D(`${c}e-2`);
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof D ? `D:${x.toString()}` : x)));
const cover2Plain = (r: Cover2Result) => plain(r);
const reqPlain = (r: GuarantyFundRequirements) => plain(r);

describe("guaranty fund sizing: the integer-cents path equals the decimal path to the cent", () => {
  const memberArb = fc.record({
    group: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    pb: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    losses: fc.array(fc.bigInt({ min: -(10n ** 12n), max: 2n * 10n ** 12n }), { minLength: 4, maxLength: 4 }),
  });

  it("cover 2: Dec amounts, strings, bigint cents and the decimal reference give identical results (property)", () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 15 }), (ms) => {
        const scenarios = ["s1", "s2", "s3", "s4"];
        const base = (i: number, m: (typeof ms)[number]) => ({ id: `m${i}`, affiliateGroup: m.group === undefined ? undefined : `g${m.group}` });
        const decInput = { scenarios, members: ms.map((m, i) => ({ ...base(i, m), performanceBondOnDeposit: cents(m.pb), stressLosses: m.losses.map(cents) })) };
        const strInput = { scenarios, members: ms.map((m, i) => ({ ...base(i, m), performanceBondOnDeposit: cents(m.pb).toFixed(2), stressLosses: m.losses.map((l) => cents(l).toFixed(2)) })) };
        const bigInput = { scenarios, members: ms.map((m, i) => ({ ...base(i, m), performanceBondOnDeposit: cents(m.pb), stressLossCents: BigInt64Array.from(m.losses) })) };
        const listInput = { scenarios, members: ms.map((m, i) => ({ ...base(i, m), performanceBondOnDeposit: cents(m.pb).toString(), stressLossCents: m.losses })) };
        const reference = cover2Plain(sizeGuarantyFundCover2Decimal(decInput));
        expect(cover2Plain(sizeGuarantyFundCover2(decInput))).toEqual(reference);
        expect(cover2Plain(sizeGuarantyFundCover2(strInput))).toEqual(reference);
        expect(cover2Plain(sizeGuarantyFundCover2(bigInput))).toEqual(reference);
        expect(cover2Plain(sizeGuarantyFundCover2(listInput))).toEqual(reference);
        expect(cover2Plain(sizeGuarantyFundCover2Decimal(bigInput))).toEqual(reference);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("cover 2: sub-cent amounts and amounts beyond 2^53 cents take the decimal path, with the same result", () => {
    const members = [
      { id: "A", performanceBondOnDeposit: "100", stressLosses: ["400.005", "1"] },
      { id: "B", performanceBondOnDeposit: "0", stressLossCents: [2n ** 60n, 5n] },
    ];
    const r = sizeGuarantyFundCover2({ scenarios: ["x", "y"], members });
    expect(cover2Plain(r)).toEqual(cover2Plain(sizeGuarantyFundCover2Decimal({ scenarios: ["x", "y"], members })));
    expect(r.aggregate.toString()).toBe(new D((2n ** 60n).toString()).div(100).plus("300.01").toString());
  });

  it("cover 2: errors name the field as before", () => {
    expect(() => sizeGuarantyFundCover2({ scenarios: ["a"], members: [{ id: "A", performanceBondOnDeposit: "1", stressLosses: ["1"], stressLossCents: [1n] }] })).toThrow(/not both/);
    expect(() => sizeGuarantyFundCover2({ scenarios: ["a", "b"], members: [{ id: "A", performanceBondOnDeposit: "1", stressLossCents: BigInt64Array.of(1n) }] })).toThrow(/one value per scenario/);
    expect(() => sizeGuarantyFundCover2({ scenarios: ["a"], members: [{ id: "A", performanceBondOnDeposit: "-1", stressLosses: ["1"] }] })).toThrow(/performanceBondOnDeposit must not be negative/);
    expect(() => sizeGuarantyFundCover2({ scenarios: ["a"], members: [{ id: "A", performanceBondOnDeposit: "1", stressLosses: ["x"] }] })).toThrow(/stressLosses\[0\]/);
  });

  it("Rule 816: performance bond history as Dec, strings or bigint cents gives identical requirements, with shares the decimal allocation gives (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ history: fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 3, maxLength: 3 }), volume: fc.bigInt({ min: 0n, max: 10n ** 8n }), otc: fc.boolean() }), { minLength: 1, maxLength: 15 }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        (ms, agg) => {
          const hasVol = ms.some((m) => m.volume > 0n);
          const hasPb = ms.some((m) => m.history.some((h) => h > 0n));
          fc.pre(hasVol && hasPb);
          const common = (m: (typeof ms)[number], i: number) => ({ id: `m${i}`, memberType: m.otc ? ("base-otc" as const) : ("futures-options" as const), riskWeightedContracts: cents(m.volume) });
          const aggregate = cents(agg);
          const viaDec = computeGuarantyFundRequirements({ aggregate, members: ms.map((m, i) => ({ ...common(m, i), performanceBondHistory: m.history.map(cents) })) });
          const viaStr = computeGuarantyFundRequirements({ aggregate, members: ms.map((m, i) => ({ ...common(m, i), performanceBondHistory: m.history.map((h) => cents(h).toFixed(2)) })) });
          const viaCents = computeGuarantyFundRequirements({ aggregate, members: ms.map((m, i) => ({ ...common(m, i), performanceBondHistoryCents: BigInt64Array.from(m.history) })) });
          expect(reqPlain(viaStr)).toEqual(reqPlain(viaDec));
          expect(reqPlain(viaCents)).toEqual(reqPlain(viaDec));
          // the decimal reference: totals summed in decimals, split with allocateProRataDecimal
          const totals = ms.map((m) => m.history.reduce((s, h) => s.plus(cents(h)), new D(0)));
          const expected = allocateProRataDecimal(viaDec.termTotals.performanceBond, totals.map((t, i) => ({ key: i, weight: t })));
          viaDec.members.forEach((m, i) => {
            expect(m.performanceBondTerm.toString()).toBe(expected[i]!.amount.toString());
            expect(m.averagePerformanceBond.toString()).toBe(totals[i]!.div(3).toString());
          });
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it("Rule 816: the integer-cents path gives, Dec for Dec, what the decimal path gives, errors included (property)", () => {
    // every Dec as its fields (sign, exponent, words), so equal values held differently would differ
    const fields = (r: GuarantyFundRequirements) => JSON.parse(JSON.stringify(r, (_k, x: unknown) => (x instanceof D ? { s: x.s, e: x.e, d: x.d } : x)));
    const outcome = (f: () => GuarantyFundRequirements) => {
      try {
        return { ok: fields(f()) };
      } catch (e) {
        if (!(e instanceof RiskError)) throw e;
        return { error: { code: e.code, field: e.field, message: e.message } };
      }
    };
    const amount = (c: bigint, places: number) => new D(`${c}e-${places}`);
    const centsArb = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 16n }));
    const memberArb = fc.record({
      history: fc.array(centsArb, { minLength: 3, maxLength: 3 }),
      historyForm: fc.constantFrom("dec", "string", "cents"),
      average: fc.tuple(centsArb, fc.integer({ min: 0, max: 4 })),
      volume: fc.tuple(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 10n })), fc.integer({ min: 0, max: 4 })),
      byProduct: fc.boolean(),
      fx: fc.option(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
      minimum: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: undefined }),
      otc: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.bigInt({ min: 0n, max: 10n ** 18n })),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { nil: undefined }),
        (ms, averages, agg, w) => {
          const members: GuarantyFundMemberInput[] = ms.map((m, i) => {
            const pb: Partial<GuarantyFundMemberInput> = averages
              ? { averagePerformanceBond: amount(m.average[0], m.average[1]) }
              : m.historyForm === "cents"
                ? { performanceBondHistoryCents: BigInt64Array.from(m.history) }
                : { performanceBondHistory: m.history.map((h) => (m.historyForm === "dec" ? cents(h) : cents(h).toFixed(2))) };
            const volume = amount(m.volume[0], m.volume[1]);
            return {
              id: `m${i}`,
              ...pb,
              ...(m.byProduct ? { contractVolumes: [{ contracts: volume, riskWeight: "0.5" }, { contracts: "3", riskWeight: "1.25" }] } : { riskWeightedContracts: volume }),
              foreignCurrencySettlements: m.fx === undefined ? undefined : amount(m.fx[0], m.fx[1]),
              ...(m.minimum === undefined ? { memberType: m.otc ? ("base-otc" as const) : ("futures-options" as const) } : { minimum: cents(m.minimum).toFixed(2) }),
            };
          });
          const weights = w === undefined || w[0] + w[1] > 100 ? undefined : { performanceBond: new D(w[0]).div(100), volume: new D(w[1]).div(100), foreignCurrency: new D(100 - w[0] - w[1]).div(100) };
          const input: GuarantyFundRequirementInput = { aggregate: cents(agg), members, weights };
          expect(outcome(() => computeGuarantyFundRequirements(input))).toEqual(outcome(() => computeGuarantyFundRequirementsDecimal(input)));
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it("Rule 816: a negative history value is refused naming the day, in either form", () => {
    const member = { id: "A", memberType: "futures-options" as const };
    expect(() => computeGuarantyFundRequirements({ aggregate: "1", members: [{ ...member, performanceBondHistory: ["1", "-2"] }] })).toThrow(/performanceBondHistory\[1\] must not be negative/);
    expect(() => computeGuarantyFundRequirements({ aggregate: "1", members: [{ ...member, performanceBondHistoryCents: BigInt64Array.of(1n, -2n) }] })).toThrow(/performanceBondHistoryCents\[1\] must not be negative/);
    expect(() => computeGuarantyFundRequirements({ aggregate: "1", members: [{ ...member, performanceBondHistory: ["1"], performanceBondHistoryCents: [1n] }] })).toThrow(/not both/);
  });
});
