/**
 * The SPAN rules as clearing houses' files use them, with hand-worked figures [seed 002 "CME
 * SPAN"; SPEC §5 "SPAN risk parameter files as clearing houses publish them"]. Each portfolio is
 * small enough to check on paper; the comments give the working.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, computeSpanRequirement, compileRiskParameters, type CombinedCommodityParameters, type RiskParameters } from "@/lib/risk";

/** A futures P&L array for one long contract whose price scan range moves it by `a` (a multiple of 3). */
function fut(a: number): string[] {
  const t = a / 3;
  return [0, 0, t, t, -t, -t, 2 * t, 2 * t, -2 * t, -2 * t, a, a, -a, -a, 0.96 * a, -0.96 * a].map((v) => new D(v).toString());
}
const ZERO16 = Array(16).fill("0") as string[];

function params(ccs: CombinedCommodityParameters[], extra: Partial<RiskParameters> = {}): RiskParameters {
  return { asOf: "2016-05-02", currency: "USD", combinedCommodities: ccs, ...extra };
}

const calendar = (tiers: CombinedCommodityParameters["tiers"], spreads: CombinedCommodityParameters["intraSpreads"], more: Partial<CombinedCommodityParameters> = {}): CombinedCommodityParameters => ({
  code: "NF",
  priceScanRange: "3000",
  volatilityScanRange: "0",
  tiers,
  intraSpreads: spreads,
  contracts: [
    { id: "NF:201605", kind: "future", period: "201605", multiplier: "50", riskArray: fut(3000), delta: "1" },
    { id: "NF:201606", kind: "future", period: "201606", multiplier: "50", riskArray: fut(3150), delta: "1" },
  ],
  ...more,
});

describe("SPAN intracommodity spreads", () => {
  const tier0 = params([calendar([{ number: 0 }], [{ priority: 1, rate: "500", legs: [{ tier: 0, ratio: "1", side: "A" }, { tier: 0, ratio: "1", side: "B" }] }])]);

  it("SPAN intracommodity: tier 0 side A against tier 0 side B charges a plain calendar spread (long May / short June: scan 150 + 1 spread × 500)", () => {
    // May − June per scenario: down 3/3 (scenario 11) P&L 3000 − 3150 = −150: scan risk 150.
    // Period deltas +1 (May), −1 (June); tier 0 (no periods: the whole combined commodity) keeps
    // long 1 and short 1 apart; the spread takes one of each: 1 spread × $500.
    const r = computeSpanRequirement({ parameters: tier0, positions: [{ contract: "NF:201605", quantity: 1 }, { contract: "NF:201606", quantity: -1 }] });
    const cc = r.combinedCommodities[0]!;
    expect(cc.scanRisk.toFixed(2)).toBe("150.00");
    expect(cc.intraSpreadCharge.toFixed(2)).toBe("500.00");
    expect(cc.intraSpreads).toEqual([{ priority: 1, legs: "tier 0 A / tier 0 B", spreads: new D(1), amount: new D(500) }]);
    expect(cc.riskRequirement.toFixed(2)).toBe("650.00");
  });

  it("SPAN intracommodity: spreads form up to the smaller side (long 3 May / short 1 June: 1 spread); one-sided positions form none", () => {
    const r = computeSpanRequirement({ parameters: tier0, positions: [{ contract: "NF:201605", quantity: 3 }, { contract: "NF:201606", quantity: -1 }] });
    expect(r.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("500.00");
    const outright = computeSpanRequirement({ parameters: tier0, positions: [{ contract: "NF:201605", quantity: 3 }, { contract: "NF:201606", quantity: 2 }] });
    expect(outright.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("0.00");
  });

  it("SPAN intracommodity: period deltas net before tiers (long and short the same period cancel, no spread)", () => {
    const r = computeSpanRequirement({ parameters: tier0, positions: [{ contract: "NF:201605", quantity: 2 }, { contract: "NF:201605", quantity: -2 }, { contract: "NF:201606", quantity: 0 }] });
    expect(r.combinedCommodities).toEqual([]);
    expect(r.maintenance.toFixed(2)).toBe("0.00");
  });

  it("SPAN period codes: suffixed codes (201605S0, 20160520, 201606W2) are contracts of their own, placed in tiers by their date part", () => {
    const p = params([{
      code: "WK",
      priceScanRange: "300",
      volatilityScanRange: "0",
      tiers: [{ number: 1, startPeriod: "201605", endPeriod: "201605" }, { number: 2, startPeriod: "201606", endPeriod: "201606" }],
      intraSpreads: [{ priority: 1, rate: "100", legs: [{ tier: 1, ratio: "1", side: "A" }, { tier: 2, ratio: "1", side: "B" }] }],
      contracts: ["201605S0", "20160520", "201606W2"].map((pe) => ({ id: `WK:${pe}`, kind: "future" as const, period: pe, multiplier: "1", riskArray: fut(300), delta: "1" })),
    }]);
    const spread = computeSpanRequirement({ parameters: p, positions: [{ contract: "WK:20160520", quantity: 1 }, { contract: "WK:201606W2", quantity: -1 }] });
    expect(spread.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("100.00"); // tier 1 long against tier 2 short
    const sameMonth = computeSpanRequirement({ parameters: p, positions: [{ contract: "WK:201605S0", quantity: 1 }, { contract: "WK:20160520", quantity: -1 }] });
    expect(sameMonth.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("0.00"); // both tier 1: no tier 1 / tier 2 spread
  });

  it("SPAN intracommodity: a period leg (pLeg) spreads that period only", () => {
    const p = params([calendar([], [{ priority: 1, rate: "40", legs: [{ period: "201605", ratio: "1", side: "A" }, { period: "201606", ratio: "2", side: "B" }] }])]);
    // long 3 May, short 4 June: spreads = min(3 / 1, 4 / 2) = 2 → 2 × $40 = $80.
    const r = computeSpanRequirement({ parameters: p, positions: [{ contract: "NF:201605", quantity: 3 }, { contract: "NF:201606", quantity: -4 }] });
    expect(r.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("80.00");
  });

  it("SPAN spot charge per period: spread delta at the spread rate, the rest at the outright rate (long 3 May / short 1 June, May spot: 1 × 10 + 2 × 20)", () => {
    const p = params([calendar([{ number: 0 }], [{ priority: 1, rate: "500", legs: [{ tier: 0, ratio: "1", side: "A" }, { tier: 0, ratio: "1", side: "B" }] }], { spotCharges: [{ period: "201605", spreadRate: "10", outrightRate: "20" }] })]);
    const r = computeSpanRequirement({ parameters: p, positions: [{ contract: "NF:201605", quantity: 3 }, { contract: "NF:201606", quantity: -1 }] });
    expect(r.combinedCommodities[0]!.spotCharge.toFixed(2)).toBe("50.00");
  });
});

describe("SPAN risk arrays at the file's precision", () => {
  const opt = (values: string[]): RiskParameters => params([{
    code: "OX",
    priceScanRange: "300",
    volatilityScanRange: "0.01",
    contracts: [
      { id: "OX:F", kind: "future", period: "201606", multiplier: "1", riskArray: fut(300), delta: "1" },
      { id: "OX:C", kind: "option", period: "201606", multiplier: "1", putCall: "call", strike: "100", underlying: "OX:F", delta: "0.5", riskArray: values },
    ],
  }]);
  const values = ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-100.004999", "0", "0", "0", "0", "0"];

  it("SPAN scan risk: quantity × six-decimal values, summed exactly, rounded once half-even (3 × 100.004999 = 300.014997 → 300.01; 1,000 × → 100,004.999 → 100,005.00)", () => {
    expect(computeSpanRequirement({ parameters: opt(values), positions: [{ contract: "OX:C", quantity: 3 }] }).maintenance.toFixed(2)).toBe("300.01");
    const big = computeSpanRequirement({ parameters: opt(values), positions: [{ contract: "OX:C", quantity: 1000 }] });
    expect(big.combinedCommodities[0]!.riskArray[10]!.toString()).toBe("-100004.999");
    expect(big.maintenance.toFixed(2)).toBe("100005.00");
  });

  it("SPAN rounding: the requirement is rounded half-even, once (0.125 → 0.12; 0.135 → 0.14)", () => {
    const v = (x: string) => values.map((s, i) => (i === 10 ? x : s));
    expect(computeSpanRequirement({ parameters: opt(v("-0.125")), positions: [{ contract: "OX:C", quantity: 1 }] }).maintenance.toFixed(2)).toBe("0.12");
    expect(computeSpanRequirement({ parameters: opt(v("-0.135")), positions: [{ contract: "OX:C", quantity: 1 }] }).maintenance.toFixed(2)).toBe("0.14");
  });

  it("SPAN scan risk: sums beyond exact floating integers are summed exactly all the same (10^6 × 9,999.123457, past 2^52 millionths)", () => {
    const p = opt(values.map((s, i) => (i === 10 ? "-9999.123457" : s)));
    const r = computeSpanRequirement({ parameters: p, positions: [{ contract: "OX:C", quantity: 1_000_000 }] });
    expect(r.combinedCommodities[0]!.riskArray[10]!.toString()).toBe("-9999123457");
    expect(r.maintenance.toFixed(2)).toBe("9999123457.00");
  });
});

describe("SPAN composite delta and short option minimum", () => {
  it("SPAN spreading uses the composite delta: 2 long May calls (delta 0.5 each) against 1 short June future form 1 calendar spread", () => {
    const p = params([{
      ...calendar([{ number: 1, startPeriod: "201605", endPeriod: "201605" }, { number: 2, startPeriod: "201606", endPeriod: "201606" }], [{ priority: 1, rate: "100", legs: [{ tier: 1, ratio: "1", side: "A" }, { tier: 2, ratio: "1", side: "B" }] }]),
      contracts: [
        ...calendar(undefined, undefined).contracts,
        // a serial option on the May future: spreads in the May period (its future's)
        { id: "NF:201605:C:100", kind: "option", period: "201604", multiplier: "50", putCall: "call", strike: "100", underlying: "NF:201605", delta: "0.5", riskArray: ZERO16 },
      ],
    }]);
    const r = computeSpanRequirement({ parameters: p, positions: [{ contract: "NF:201605:C:100", quantity: 2 }, { contract: "NF:201606", quantity: -1 }] });
    expect(r.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("100.00");
  });

  it("SPAN short option minimum by tier: gross counts short calls + short puts, max the greater of the two (gross 3 × 50 + 3 × 70 = 360; max 2 × 50 + 3 × 70 = 310)", () => {
    const som = (method: "gross" | "max") => params([{
      code: "SO",
      priceScanRange: "0",
      volatilityScanRange: "0",
      shortOptionMinimumMethod: method,
      shortOptionMinimumTiers: [{ startPeriod: "201605", endPeriod: "201605", rate: "50" }, { startPeriod: "201606", endPeriod: "201606", rate: "70" }],
      contracts: [
        { id: "SO:MC", kind: "option", period: "201605", multiplier: "1", putCall: "call", strike: "1", underlying: "", delta: "0.4", riskArray: ZERO16 },
        { id: "SO:MP", kind: "option", period: "201605", multiplier: "1", putCall: "put", strike: "1", underlying: "", delta: "-0.4", riskArray: ZERO16 },
        { id: "SO:JP", kind: "option", period: "201606", multiplier: "1", putCall: "put", strike: "1", underlying: "", delta: "-0.4", riskArray: ZERO16 },
      ],
    }]);
    const positions = [{ contract: "SO:MC", quantity: -2 }, { contract: "SO:MP", quantity: -1 }, { contract: "SO:JP", quantity: -3 }];
    const gross = computeSpanRequirement({ parameters: som("gross"), positions }).combinedCommodities[0]!;
    expect([gross.shortOptionMinimum.toFixed(2), gross.shortOptionMinimumApplies, gross.riskRequirement.toFixed(2)]).toEqual(["360.00", true, "360.00"]);
    expect(computeSpanRequirement({ parameters: som("max"), positions }).maintenance.toFixed(2)).toBe("310.00");
  });
});

describe("SPAN intercommodity credits", () => {
  const pair = (xArray: string[], xDelta: string, ratioX: string): RiskParameters => params([
    { code: "X", priceScanRange: "300", volatilityScanRange: "0.01", contracts: [{ id: "X:F", kind: "future", period: "201606", multiplier: "1", riskArray: xArray, delta: xDelta }] },
    { code: "Y", priceScanRange: "600", volatilityScanRange: "0", contracts: [{ id: "Y:F", kind: "future", period: "201606", multiplier: "1", riskArray: fut(600), delta: "1" }] },
  ], { interSpreads: [{ priority: 1, rate: "0.5", legs: [{ combinedCommodity: "X", ratio: ratioX, side: "A" }, { combinedCommodity: "Y", ratio: "1", side: "B" }] }] });

  it("SPAN intercommodity: leg ratios at the file's precision (20.940001); each leg's credit = spreads × ratio × price risk per delta × rate", () => {
    // X: long 30, scan 30 × 300 = 9,000, price risk per delta 300. Y: short 2, scan 1,200, per delta 600.
    // spreads = min(30 / 20.940001, 2 / 1) = 1.43266…; X gives up all 30: credit 30 × 300 × 0.5 = 4,500;
    // Y gives up 1.43266…: credit 1.43266… × 600 × 0.5 = 429.799406… → Y 1,200 − 429.799406 = 770.200594 → 770.20.
    const r = computeSpanRequirement({ parameters: pair(fut(300), "1", "20.940001"), positions: [{ contract: "X:F", quantity: 30 }, { contract: "Y:F", quantity: -2 }] });
    const [x, y] = r.combinedCommodities;
    expect([x!.interSpreadCredit.toFixed(2), x!.riskRequirement.toFixed(2)]).toEqual(["4500.00", "4500.00"]);
    expect([y!.interSpreadCredit.toFixed(2), y!.riskRequirement.toFixed(2)]).toEqual(["429.80", "770.20"]);
    expect(r.spanRequirement.toFixed(2)).toBe("5270.20");
  });

  it("SPAN intercommodity: price risk = scan risk − time risk − volatility risk (option: 500 − 20 − 20 = 460 per 0.5 delta = 920 per delta)", () => {
    // X: one long option, losses s1 10, s2 30 (time risk 20), worst s13 500 paired with s14 460 (volatility risk 20).
    const option = ["-10", "-30", "-50", "-40", "-60", "-70", "-100", "-90", "-200", "-190", "-150", "-140", "-500", "-460", "-300", "-280"];
    const r = computeSpanRequirement({ parameters: pair(option, "0.5", "1"), positions: [{ contract: "X:F", quantity: 1 }, { contract: "Y:F", quantity: -1 }] });
    const [x, y] = r.combinedCommodities;
    expect(x!.priceRisk).toEqual({ timeRisk: new D(20), volatilityRisk: new D(20), priceRisk: new D(460), weightedPriceRisk: new D(920) });
    // spreads = min(0.5, 1) = 0.5: X credit 0.5 × 920 × 0.5 = 230; Y credit 0.5 × 600 × 0.5 = 150.
    expect([x!.interSpreadCredit.toFixed(2), y!.interSpreadCredit.toFixed(2), r.spanRequirement.toFixed(2)]).toEqual(["230.00", "150.00", "720.00"]);
  });

  it("SPAN intercommodity: same-sign deltas form no spread", () => {
    const r = computeSpanRequirement({ parameters: pair(fut(300), "1", "1"), positions: [{ contract: "X:F", quantity: 1 }, { contract: "Y:F", quantity: 1 }] });
    expect(r.combinedCommodities.map((c) => c.interSpreadCredit.toFixed(2))).toEqual(["0.00", "0.00"]);
  });
});

describe("SPAN combined commodities in several currencies", () => {
  it("each requirement rounded half-even in its own currency, then converted at the file's rate (EUR 1,000.005 → 1,000.00 × 1.0832; JPY 12,345.5 → 12,346 × 0.0067)", () => {
    const p = params([
      { code: "EU", currency: "EUR", priceScanRange: "0", volatilityScanRange: "0", contracts: [{ id: "EU:F", kind: "future", period: "201606", multiplier: "1", riskArray: ZERO16.map((v, i) => (i === 10 ? "-1000.005" : v)) }] },
      { code: "JP", currency: "JPY", priceScanRange: "0", volatilityScanRange: "0", contracts: [{ id: "JP:F", kind: "future", period: "201606", multiplier: "1", riskArray: ZERO16.map((v, i) => (i === 10 ? "-12345.5" : v)) }] },
    ], { currencies: [{ code: "EUR", decimals: 2, rateToBase: "1.0832" }, { code: "JPY", decimals: 0, rateToBase: "0.0067" }] });
    const r = computeSpanRequirement({ parameters: p, positions: [{ contract: "EU:F", quantity: 1 }, { contract: "JP:F", quantity: 1 }] });
    const [eu, jp] = r.combinedCommodities;
    expect([eu!.currency, eu!.riskRequirement.toFixed(2), eu!.requirementInBase.toFixed(2)]).toEqual(["EUR", "1000.00", "1083.20"]);
    expect([jp!.currency, jp!.riskRequirement.toFixed(0), jp!.requirementInBase.toFixed(2)]).toEqual(["JPY", "12346", "82.72"]);
    expect(r.spanRequirement.toFixed(2)).toBe("1165.92");
  });

  it("a combined commodity in a currency with no rate is refused naming it", () => {
    expect(() => compileRiskParameters(params([{ code: "EU", currency: "EUR", priceScanRange: "0", volatilityScanRange: "0", contracts: [] }]))).toThrow(/currency EUR has no rate to USD/);
  });
});

describe("SPAN properties", () => {
  const p = compileRiskParameters(params([
    calendar([{ number: 0 }], [{ priority: 1, rate: "500", legs: [{ tier: 0, ratio: "1", side: "A" }, { tier: 0, ratio: "1", side: "B" }] }], {
      shortOptionMinimum: "25",
      spotCharges: [{ period: "201605", spreadRate: "10", outrightRate: "20" }],
      contracts: [
        ...calendar(undefined, undefined).contracts,
        { id: "NF:201606:P:95", kind: "option", period: "201606", multiplier: "50", putCall: "put", strike: "95", underlying: "NF:201606", delta: "-0.318277", riskArray: ["12.5", "-3.25", "-400.123456", "-380.5", "410.000001", "420.25", "-800", "-790", "820", "830", "-1200.999999", "-1190", "1240", "1250", "-1100", "1180"] },
      ],
    }),
    { code: "Y", priceScanRange: "600", volatilityScanRange: "0", contracts: [{ id: "Y:F", kind: "future", period: "201606", multiplier: "1", riskArray: fut(600), delta: "1" }] },
  ], { interSpreads: [{ priority: 1, rate: "0.35", legs: [{ combinedCommodity: "NF", tier: 0, ratio: "2.5", side: "A" }, { combinedCommodity: "Y", ratio: "1.000001", side: "B" }] }] }));
  const ids = [...p.contractIds];
  const portfolio = fc.array(fc.record({ contract: fc.constantFrom(...ids), quantity: fc.integer({ min: -5000, max: 5000 }) }), { maxLength: 12 });

  it("SPAN: an empty portfolio's margin is zero", () => {
    expect(computeSpanRequirement({ parameters: p, positions: [] }).maintenance.toString()).toBe("0");
  });

  it("SPAN: margin is never negative, and the portfolio's is the sum of its combined commodities' (property)", () => {
    fc.assert(fc.property(portfolio, (positions) => {
      const r = computeSpanRequirement({ parameters: p, positions });
      for (const cc of r.combinedCommodities) expect(cc.riskRequirement.isNegative()).toBe(false);
      expect(r.spanRequirement.toString()).toBe(r.combinedCommodities.reduce((a, c) => a.plus(c.requirementInBase), new D(0)).toString());
    }), { numRuns: 200 });
  });

  it("SPAN: adding the opposite position of every leg gives zero scan risk and zero margin (property)", () => {
    fc.assert(fc.property(portfolio, (positions) => {
      const r = computeSpanRequirement({ parameters: p, positions: [...positions, ...positions.map((x) => ({ contract: x.contract, quantity: -x.quantity }))] });
      expect(r.combinedCommodities).toEqual([]);
      expect(r.maintenance.isZero()).toBe(true);
    }), { numRuns: 100 });
  });

  it("SPAN: scaling every quantity by k scales the summed risk arrays by k exactly, and the scan risk is the rounded k-fold largest loss (property)", () => {
    fc.assert(fc.property(portfolio, fc.integer({ min: 2, max: 1000 }), (positions, k) => {
      const one = computeSpanRequirement({ parameters: p, positions });
      const many = computeSpanRequirement({ parameters: p, positions: positions.map((x) => ({ contract: x.contract, quantity: x.quantity * k })) });
      expect(many.combinedCommodities.map((c) => c.riskArray.map(String))).toEqual(one.combinedCommodities.map((c) => c.riskArray.map((v) => v.times(k).toString())));
      many.combinedCommodities.forEach((c) => {
        const worst = D.max(0, ...c.riskArray.map((v) => v.negated()));
        expect(c.scanRisk.toString()).toBe(worst.toDecimalPlaces(2, D.ROUND_HALF_EVEN).toString());
      });
    }), { numRuns: 100 });
  });
});

describe("SPAN bulk margining in integers", () => {
  const rich = compileRiskParameters(params([
    calendar([{ number: 1, startPeriod: "201605", endPeriod: "201605" }, { number: 2, startPeriod: "201606", endPeriod: "201606" }, { number: 0 }], [
      { priority: 1, rate: "500.25", legs: [{ tier: 1, ratio: "1", side: "A" }, { tier: 2, ratio: "1", side: "B" }] },
      { priority: 2, rate: "125", legs: [{ tier: 0, ratio: "1", side: "A" }, { tier: 0, ratio: "1", side: "B" }] },
    ], {
      shortOptionMinimum: "31.5",
      spotCharges: [{ period: "201605", spreadRate: "10.5", outrightRate: "20.25" }],
      contracts: [
        ...calendar(undefined, undefined).contracts,
        { id: "NF:201606:P:95", kind: "option", period: "201606", multiplier: "50", putCall: "put", strike: "95", underlying: "NF:201606", delta: "-0.318277", riskArray: ["12.5", "-3.25", "-400.123456", "-380.5", "410.000001", "420.25", "-800", "-790", "820", "830", "-1200.999999", "-1190", "1240", "1250", "-1100", "1180"] },
        { id: "NF:201605:C:105", kind: "option", period: "201605", multiplier: "50", putCall: "call", strike: "105", underlying: "NF:201605", delta: "0.4125", riskArray: ["-7.1", "9.3", "300.5", "310", "-290.000001", "-280", "610", "620", "-570", "-560", "905.123456", "915", "-850", "-840", "870", "-800"] },
      ],
    }),
    { code: "Y", priceScanRange: "600", volatilityScanRange: "0", contracts: [{ id: "Y:F", kind: "future", period: "201606", multiplier: "1", riskArray: fut(600), delta: "1" }] },
    { code: "Z", priceScanRange: "900", volatilityScanRange: "0", contracts: [{ id: "Z:F", kind: "future", period: "201606", multiplier: "1", riskArray: fut(900), delta: "1" }] },
  ], { interSpreads: [
    { priority: 1, rate: "0.35", legs: [{ combinedCommodity: "NF", ratio: "1", side: "A" }, { combinedCommodity: "Y", ratio: "1", side: "B" }] },
    { priority: 2, rate: "0.6", legs: [{ combinedCommodity: "Y", ratio: "1", side: "A" }, { combinedCommodity: "Z", ratio: "1", side: "B" }] },
  ] }));

  it("SPAN: bulk margining (integers) gives every account the statement's requirement (decimals), to the cent (property)", async () => {
    const { marginAccounts, integerPathStats } = await import("@/lib/risk");
    const ids = [...rich.contractIds];
    const before = integerPathStats.used;
    fc.assert(fc.property(fc.array(fc.array(fc.record({ contract: fc.constantFrom(...ids), quantity: fc.integer({ min: -3000, max: 3000 }) }), { maxLength: 8 }), { minLength: 1, maxLength: 20 }), (accounts) => {
      const bulk = marginAccounts({ parameters: rich, accounts: accounts.map((positions, i) => ({ accountId: `A${i}`, positions })) });
      accounts.forEach((positions, i) => {
        expect(bulk.accounts[i]!.maintenance.toFixed(2)).toBe(computeSpanRequirement({ parameters: rich, positions }).maintenance.toFixed(2));
      });
    }), { numRuns: 150 });
    expect(integerPathStats.used).toBeGreaterThan(before + 100); // the integer path did the work
  });
});
