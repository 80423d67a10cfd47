import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeSettlementVariation, computeSpanRequirement, computeStressPath, D, RiskError, type Dec, type ComputeStressPathInput, type RiskParameters } from "@/lib/risk";

/** Risk array of one long contract: the price scan range is 3,000 (scenarios 11-14 lose/gain it), extremes 32% of 3× it. */
const ARRAY_A = ["0", "0", "-1000", "-1000", "1000", "1000", "-2000", "-2000", "2000", "2000", "-3000", "-3000", "3000", "3000", "-2880", "2880"];
const ARRAY_B = ["0", "0", "-100", "-100", "100", "100", "-200", "-200", "200", "200", "-300", "-300", "300", "300", "-288", "288"];

const PARAMS: RiskParameters = {
  asOf: "2027-01-04",
  currency: "USD",
  combinedCommodities: [
    { code: "TA", priceScanRange: "3000", volatilityScanRange: "0.01", contracts: [{ id: "T:A:202703", kind: "future", period: "202703", multiplier: "1000", riskArray: ARRAY_A, delta: "1" }] },
    {
      code: "TB",
      priceScanRange: "300",
      volatilityScanRange: "0.01",
      contracts: [
        { id: "T:B:202703", kind: "future", period: "202703", multiplier: "50", riskArray: ARRAY_B, delta: "1" },
        { id: "T:B:202703:C:100", kind: "option", period: "202703", multiplier: "50", putCall: "call", strike: "100", underlying: "T:B:202703", riskArray: ARRAY_B.map((v) => (v === "0" ? "-7.5" : String(BigInt(v) / 2n))), delta: "0.5" },
      ],
    },
  ],
};

const CONTRACTS = [
  { contract: "T:A:202703", product: "T:A", kind: "future" as const, multiplier: "1000", tick: "0.25", price: "100.00" },
  { contract: "T:B:202703", product: "T:B", kind: "future" as const, multiplier: "50", tick: "0.01", price: "250.00" },
  { contract: "T:B:202703:C:100", product: "T:B", kind: "option" as const, multiplier: "50", tick: "0.01" },
];

const base = (over: Partial<ComputeStressPathInput> = {}): ComputeStressPathInput => ({
  parameters: PARAMS,
  positions: [{ contract: "T:A:202703", quantity: 10 }],
  contracts: CONTRACTS,
  days: 2,
  moves: [],
  collateralValue: "35000",
  accountKind: "house",
  ...over,
});

describe("stress path: hand-worked (Rule 814 variation, SPAN scan range, performance bond call)", () => {
  /*
   * Long 10 T:A futures, multiplier 1,000, tick 0.25, today's settlement 100.00; scan risk per
   * long contract 3,000 (risk array given). House account with collateral worth 35,000.
   * Day 0: maintenance 10 × 3,000 = 30,000; initial + 10% = 33,000; 35,000 ≥ 30,000: no call.
   * Day 1, down 2%: 100.00 × 0.98 = 98.00 (on tick). Variation (Rule 814) = (98.00 − 100.00) ×
   *   10 × 1,000 = −20,000 (paid). Scan ranges unchanged: maintenance 30,000, no call.
   *   Liquidity need = 20,000 paid + 0 calls = 20,000.
   * Day 2, down 3% and scan range × 1.5: 98.00 × 0.97 = 95.06 → nearest tick 95.00. Variation =
   *   (95.00 − 98.00) × 10 × 1,000 = −30,000. Maintenance = 1.5 × 30,000 = 45,000 (initial
   *   49,500). Collateral 35,000 < 45,000: the house is called to maintenance: 10,000.
   *   Liquidity need = 20,000 + 30,000 + 10,000 = 60,000.
   * Responsiveness = peak 45,000 ÷ today's 30,000 = 1.5000; largest one-day increase 15,000 (day 2).
   */
  const moves = [
    { day: 1, product: "T:A", priceChangePercent: "-2" },
    { day: 2, product: "T:A", priceChangePercent: "-3", scanRangeMultiplier: "1.5" },
  ];

  it("Rule 814 + SPAN: each day's variation, requirement, call and cumulative liquidity need as worked by hand", () => {
    const r = computeStressPath(base({ moves }));
    const rows = r.days.map((d) => [d.day, d.variation.toFixed(2), d.maintenance.toFixed(2), d.initial.toFixed(2), d.collateral.toFixed(2), d.call.toFixed(2), d.liquidityNeed.toFixed(2)]);
    expect(rows).toEqual([
      [0, "0.00", "30000.00", "33000.00", "35000.00", "0.00", "0.00"],
      [1, "-20000.00", "30000.00", "33000.00", "35000.00", "0.00", "20000.00"],
      [2, "-30000.00", "45000.00", "49500.00", "35000.00", "10000.00", "60000.00"],
    ]);
    expect(r.days[2]!.callTo).toBe("maintenance");
    expect(r.days[2]!.multipliers).toEqual({ "T:A": "1.5" });
    expect(r.responsiveness.ratio!.toFixed(4)).toBe("1.5000");
    expect(r.responsiveness.largestIncrease.toFixed(2)).toBe("15000.00");
    expect(r.responsiveness.largestIncreaseDay).toBe(2);
    expect(r.peakLiquidityNeed.toFixed(2)).toBe("60000.00");
  });

  it("performance bond call: a customer account is called back to initial (49,500 − 35,000 = 14,500)", () => {
    const r = computeStressPath(base({ moves, accountKind: "customer" }));
    expect(r.days[2]!.call.toFixed(2)).toBe("14500.00");
    expect(r.days[2]!.callTo).toBe("initial");
    expect(r.days[2]!.liquidityNeed.toFixed(2)).toBe("64500.00");
  });

  it("a scan-range multiplier stays in force on later days, and a met call raises the collateral the next day is checked against", () => {
    const r = computeStressPath(base({ days: 3, moves }));
    expect(r.days[3]!.maintenance.toFixed(2)).toBe("45000.00");
    expect(r.days[3]!.collateral.toFixed(2)).toBe("45000.00");
    expect(r.days[3]!.call.toFixed(2)).toBe("0.00");
  });

  it("options: no variation (premium-style) and the risk array scaled by the multiplier (the stated approximation)", () => {
    const positions = [{ contract: "T:B:202703:C:100", quantity: -4 }];
    const r = computeStressPath(base({ positions, days: 1, moves: [{ day: 1, product: "T:B", priceChangePercent: "10", scanRangeMultiplier: "2" }] }));
    // short 4 calls: worst scenario is +150 per long → 4 × 150 = 600 today; × 2 = 1,200
    expect(r.days[0]!.maintenance.toFixed(2)).toBe("600.00");
    expect(r.days[1]!.variation.toFixed(2)).toBe("0.00");
    expect(r.days[1]!.maintenance.toFixed(2)).toBe("1200.00");
  });

  it("SPAN: a future scaled by the path margins as the same future with its risk array given × the multiplier", () => {
    const m = "1.37";
    const scaled: RiskParameters = { ...PARAMS, combinedCommodities: [{ ...PARAMS.combinedCommodities[0]!, contracts: [{ id: "T:A:202703", kind: "future", period: "202703", multiplier: "1000", riskArray: ARRAY_A.map((v) => new D(v).times(m).toString()), delta: "1" }] }, PARAMS.combinedCommodities[1]!] };
    const positions = [{ contract: "T:A:202703", quantity: -7 }];
    const r = computeStressPath(base({ positions, days: 1, moves: [{ day: 1, product: "T:A", priceChangePercent: "1", scanRangeMultiplier: m }] }));
    const expected = computeSpanRequirement({ parameters: scaled, positions });
    expect(r.days[1]!.maintenance.toFixed(2)).toBe(expected.maintenance.toFixed(2));
    expect(r.days[1]!.maintenance.toFixed(2)).toBe("28770.00"); // 7 × 3,000 × 1.37
  });

  it("a multiplier on another product leaves the portfolio's requirement unchanged", () => {
    const r = computeStressPath(base({ days: 1, moves: [{ day: 1, product: "T:B", priceChangePercent: "-50", scanRangeMultiplier: "3" }] }));
    expect(r.days[1]!.maintenance.toFixed(2)).toBe("30000.00");
    expect(r.days[1]!.variation.toFixed(2)).toBe("0.00");
  });

  it("a zero path: zero variation every day, requirement unchanged, responsiveness 1", () => {
    const r = computeStressPath(base({ days: 20, moves: [{ day: 5, product: "T:A", priceChangePercent: "0" }] }));
    expect(r.days).toHaveLength(21);
    for (const d of r.days) expect(d.variation.isZero() && d.maintenance.equals(30000) && d.liquidityNeed.isZero()).toBe(true);
    expect(r.responsiveness.ratio!.toFixed(4)).toBe("1.0000");
    expect(r.responsiveness.largestIncrease.isZero()).toBe(true);
    expect(r.responsiveness.largestIncreaseDay).toBeNull();
  });

  it("refuses a path longer than 20 days, a day outside the path and a fall of 100% or more, naming the field", () => {
    expect(() => computeStressPath(base({ days: 21 }))).toThrow(/days must be a whole number from 1 to 20/);
    expect(() => computeStressPath(base({ moves: [{ day: 3, product: "T:A", priceChangePercent: "1" }] }))).toThrow(expect.objectContaining({ field: "moves[0].day" }));
    expect(() => computeStressPath(base({ moves: [{ day: 1, product: "T:A", priceChangePercent: "-100" }] }))).toThrow(RiskError);
    expect(() => computeStressPath(base({ moves: [{ day: 1, product: "T:A", priceChangePercent: "1", scanRangeMultiplier: "0" }] }))).toThrow(expect.objectContaining({ field: "moves[0].scanRangeMultiplier" }));
  });
});

describe("stress path: properties", () => {
  const pct = fc.integer({ min: -2000, max: 2000 }).map((n) => (n / 100).toFixed(2));
  const mult = fc.option(fc.integer({ min: 1, max: 300 }).map((n) => (n / 100).toFixed(2)), { nil: undefined });
  const path = fc.array(fc.record({ product: fc.constantFrom("T:A", "T:B"), priceChangePercent: pct, scanRangeMultiplier: mult }), { minLength: 1, maxLength: 20 }).map((days) => days.map((d, i) => ({ ...d, day: i + 1 })));
  const qty = fc.integer({ min: -500, max: 500 });

  it("margin never negative, and liquidity need = calls − variation on every day", () => {
    fc.assert(
      fc.property(path, qty, qty, (moves, a, b) => {
        const r = computeStressPath(base({ days: moves.length, moves, positions: [{ contract: "T:A:202703", quantity: a }, { contract: "T:B:202703", quantity: b }, { contract: "T:B:202703:C:100", quantity: -b }] }));
        return r.days.every((d) => !d.maintenance.isNegative() && !d.call.isNegative() && d.liquidityNeed.equals(d.cumulativeCalls.minus(d.cumulativeVariation)));
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("Rule 814: the variation of a long and of the same short cancel exactly, day by day", () => {
    fc.assert(
      fc.property(path, fc.integer({ min: 1, max: 1000 }), (moves, q) => {
        const long = computeStressPath(base({ days: moves.length, moves, positions: [{ contract: "T:A:202703", quantity: q }, { contract: "T:B:202703", quantity: q }] }));
        const short = computeStressPath(base({ days: moves.length, moves, positions: [{ contract: "T:A:202703", quantity: -q }, { contract: "T:B:202703", quantity: -q }] }));
        return long.days.every((d, i) => d.variation.plus(short.days[i]!.variation).isZero());
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("Rule 814: each day's variation is computeSettlementVariation's from the previous day's prices to the day's", () => {
    fc.assert(
      fc.property(path, qty, qty, (moves, a, b) => {
        const positions = [{ contract: "T:A:202703", quantity: a }, { contract: "T:B:202703", quantity: b }];
        const r = computeStressPath(base({ days: moves.length, moves, positions }));
        let prices: Record<string, Dec> = { "T:A": new D("100.00"), "T:B": new D("250.00") };
        const ticks: Record<string, string> = { "T:A": "0.25", "T:B": "0.01" };
        return r.days.slice(1).every((d) => {
          const next = { ...prices };
          for (const m of moves.filter((x) => x.day === d.day)) next[m.product] = prices[m.product]!.times(new D(m.priceChangePercent).div(100).plus(1)).div(ticks[m.product]!).toDecimalPlaces(0, D.ROUND_HALF_EVEN).times(ticks[m.product]!);
          const sv = computeSettlementVariation({
            products: [{ code: "T:A", multiplier: "1000", tick: "0.25" }, { code: "T:B", multiplier: "50", tick: "0.01" }],
            positions: [{ product: "T:A", quantity: a, previousSettlementPrice: prices["T:A"]!, settlementPrice: next["T:A"]! }, { product: "T:B", quantity: b, previousSettlementPrice: prices["T:B"]!, settlementPrice: next["T:B"]! }],
          });
          prices = next;
          return sv.net.equals(d.variation);
        });
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("Rule 814: variation is linear in quantity (k contracts vary k times one contract)", () => {
    fc.assert(
      fc.property(path, fc.integer({ min: -1000, max: 1000 }), (moves, k) => {
        const one = computeStressPath(base({ days: moves.length, moves, positions: [{ contract: "T:A:202703", quantity: 1 }, { contract: "T:B:202703", quantity: 1 }] }));
        const many = computeStressPath(base({ days: moves.length, moves, positions: [{ contract: "T:A:202703", quantity: k }, { contract: "T:B:202703", quantity: k }] }));
        return many.days.every((d, i) => d.variation.equals(one.days[i]!.variation.times(k)));
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
