import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeSpanRequirement, explainMarginChange, RiskError, type ExplainCycleInput, type MarginExplain, type RiskParameters } from "@/lib/risk";
import { HAND } from "./parameters-fixture";

/**
 * CL: futures risk arrays computed from the price scan range [seed 002 "CME SPAN": 16 scenarios,
 * the worst a fall of the full range, 3,000 for one long contract at a 3,000 range]; OP: one call
 * whose risk array is given as in a parameter file, short option minimum per short contract.
 */
function params(o: { clScan: string; opArray: readonly string[]; som: string; asOf?: string }): RiskParameters {
  return {
    asOf: o.asOf ?? "2025-01-02",
    currency: "USD",
    combinedCommodities: [
      { code: "CL", priceScanRange: o.clScan, volatilityScanRange: "0", contracts: [{ id: "CL:202503", kind: "future", period: "202503", multiplier: "1000" }] },
      {
        code: "OP",
        priceScanRange: "100",
        volatilityScanRange: "0",
        shortOptionMinimum: o.som,
        contracts: [{ id: "OP:202503:C:10", kind: "option", period: "202503", multiplier: "1", putCall: "call", strike: "10", underlying: "", delta: "0.5", riskArray: o.opArray }],
      },
    ],
  };
}

/** A long call gaining `gain` in scenario 1, nothing elsewhere: a short call loses `gain` each. */
const array = (gain: string) => [gain, ...Array.from({ length: 15 }, () => "0")];

const OLD = params({ clScan: "3000", opArray: array("20"), som: "25" });
const NEW = params({ clScan: "4000", opArray: array("30"), som: "40" });

const parts = (e: { positions: { toFixed(n: number): string }; prices: { toFixed(n: number): string }; parameters: { toFixed(n: number): string }; addOns: { toFixed(n: number): string } }) =>
  [e.positions, e.prices, e.parameters, e.addOns].map((x) => x.toFixed(2));

describe("margin explain: hand-worked [seed 002 CME SPAN; Rule 824]", () => {
  const e = explainMarginChange({
    previous: { parameters: OLD, positions: [{ contract: "CL:202503", quantity: 2 }, { contract: "OP:202503:C:10", quantity: -2 }], additionalPerformanceBond: "500.00" },
    current: { parameters: NEW, positions: [{ contract: "CL:202503", quantity: 3 }, { contract: "OP:202503:C:10", quantity: -3 }], additionalPerformanceBond: "750.00", concentrationCharge: "100.00" },
  });

  it("futures at a computed risk array: scan 3,000 → 4,000 and 2 → 3 contracts; 6,000 → 12,000 is positions 3,500 and parameters 2,500 (Shapley of two factors: each half of its change at the other's old and new value), prices 0", () => {
    const cl = e.combinedCommodities.find((c) => c.combinedCommodity === "CL")!;
    expect([cl.previous.toFixed(2), cl.current.toFixed(2), cl.change.toFixed(2)]).toEqual(["6000.00", "12000.00", "6000.00"]);
    expect(parts(cl)).toEqual(["3500.00", "0.00", "2500.00", "0.00"]);
  });

  it("short option minimum against given risk arrays: 50 → 120 is positions 33.34, prices 5.83, parameters 30.83 (sixths 200/35/185 rounded half-even, the remaining cent to positions on a tie)", () => {
    // States (positions, risk array, SOM rate) → max(scan risk, short option minimum):
    // 000: max(40,50)=50  100: max(60,75)=75  010: max(60,50)=60  001: max(40,80)=80
    // 110: max(90,75)=90  101: max(60,120)=120  011: max(60,80)=80  111: max(90,120)=120
    // 6·positions = 2·25 + 30 + 40 + 2·40 = 200; 6·prices = 2·10 + 15 + 0 + 0 = 35; 6·parameters = 2·30 + 45 + 20 + 2·30 = 185.
    const op = e.combinedCommodities.find((c) => c.combinedCommodity === "OP")!;
    expect([op.previous.toFixed(2), op.current.toFixed(2), op.change.toFixed(2)]).toEqual(["50.00", "120.00", "70.00"]);
    expect(parts(op)).toEqual(["33.34", "5.83", "30.83", "0.00"]);
  });

  it("Rule 824 and concentration add-ons: 500 → 850 is the add-ons part, and the total parts sum to the maintenance change", () => {
    expect(parts(e)).toEqual(["3533.34", "5.83", "2530.83", "350.00"]);
    expect([e.previousMaintenance.toFixed(2), e.currentMaintenance.toFixed(2), e.change.toFixed(2)]).toEqual(["6550.00", "12970.00", "6420.00"]);
    expect(e.positions.plus(e.prices).plus(e.parameters).plus(e.addOns).eq(e.change)).toBe(true);
  });

  it("the endpoints are the engine's own requirements for each cycle (maintenance = SPAN + add-ons, as on the statements)", () => {
    const prev = computeSpanRequirement({ parameters: OLD, positions: [{ contract: "CL:202503", quantity: 2 }, { contract: "OP:202503:C:10", quantity: -2 }], additionalPerformanceBond: [{ reason: "x", amount: "500.00" }] });
    expect(e.previousMaintenance.toFixed(2)).toBe(prev.maintenance.toFixed(2));
  });
});

describe("margin explain: properties", () => {
  const cycle = (p: RiskParameters, cl: number, op: number, apb = "0"): ExplainCycleInput => ({ parameters: p, positions: [{ contract: "CL:202503", quantity: cl }, { contract: "OP:202503:C:10", quantity: op }], additionalPerformanceBond: apb });

  const sumsTo = (e: MarginExplain) => {
    for (const c of e.combinedCommodities) expect(c.positions.plus(c.prices).plus(c.parameters).eq(c.change)).toBe(true);
    expect(e.positions.plus(e.prices).plus(e.parameters).plus(e.addOns).eq(e.change)).toBe(true);
    expect(e.currentMaintenance.minus(e.previousMaintenance).eq(e.change)).toBe(true);
  };

  it("a cycle with nothing changed explains zero: every part of every combined commodity is 0", () => {
    const e = explainMarginChange({ previous: cycle(OLD, 2, -2, "500"), current: cycle(OLD, 2, -2, "500") });
    expect(e.change.isZero()).toBe(true);
    for (const c of [...e.combinedCommodities, e]) expect(parts(c)).toEqual(["0.00", "0.00", "0.00", "0.00"]);
  });

  it("a factor that did not change explains nothing (only prices moved: all of it is prices)", () => {
    const moved = params({ clScan: "3000", opArray: array("45"), som: "25" });
    const e = explainMarginChange({ previous: cycle(OLD, 1, -2), current: cycle(moved, 1, -2) });
    const op = e.combinedCommodities.find((c) => c.combinedCommodity === "OP")!;
    expect(parts(op)).toEqual(["0.00", "40.00", "0.00", "0.00"]);
  });

  it("a future's own price scan range is a parameter: with a computed risk array, 3,000 → 3,600 on 2 contracts is 1,200 of parameters and nothing else", () => {
    const own: RiskParameters = { ...OLD, combinedCommodities: OLD.combinedCommodities.map((cc) => (cc.code === "CL" ? { ...cc, contracts: [{ id: "CL:202503", kind: "future" as const, period: "202503", multiplier: "1000", priceScanRange: "3600" }] } : cc)) };
    const e = explainMarginChange({ previous: cycle(OLD, 2, 0), current: cycle(own, 2, 0) });
    expect(parts(e.combinedCommodities.find((c) => c.combinedCommodity === "CL")!)).toEqual(["0.00", "0.00", "1200.00", "0.00"]);
  });

  it("an expiry and a new listing: a contract in only one cycle's file keeps that file's data, and the parts still sum to the change", () => {
    const listed: RiskParameters = { ...NEW, combinedCommodities: NEW.combinedCommodities.map((cc) => (cc.code === "CL" ? { ...cc, contracts: [{ id: "CL:202506", kind: "future" as const, period: "202506", multiplier: "1000" }] } : cc)) };
    const e = explainMarginChange({ previous: cycle(OLD, 2, -1), current: { parameters: listed, positions: [{ contract: "CL:202506", quantity: -1 }, { contract: "OP:202503:C:10", quantity: -1 }] } });
    sumsTo(e);
    const cl = e.combinedCommodities.find((c) => c.combinedCommodity === "CL")!;
    expect([cl.previous.toFixed(2), cl.current.toFixed(2)]).toEqual(["6000.00", "4000.00"]);
  });

  it("intercommodity spreads and tiers (the HAND fixture): parts sum to the change when the credit rate and positions change", () => {
    const raised: RiskParameters = { ...HAND, interSpreads: HAND.interSpreads!.map((s) => ({ ...s, rate: s.priority === 1 ? "0.7" : s.rate })) };
    const e = explainMarginChange({
      previous: { parameters: HAND, positions: [{ contract: "GC:202502", quantity: 1 }, { contract: "SI:202502", quantity: -2 }] },
      current: { parameters: raised, positions: [{ contract: "GC:202502", quantity: 2 }, { contract: "SI:202502", quantity: -2 }, { contract: "CL:202501", quantity: 1 }, { contract: "CL:202502", quantity: -1 }] },
    });
    sumsTo(e);
    expect(e.combinedCommodities.map((c) => c.combinedCommodity)).toEqual(["CL", "GC", "SI"]);
    expect(e.parameters.isZero()).toBe(false);
  });

  it("fast-check: for any positions, scan ranges, risk arrays and rates of two cycles, the parts sum exactly to the change, per combined commodity and in total", () => {
    const money = fc.integer({ min: 0, max: 500_000 }).map((c) => (c / 100).toFixed(2));
    const side = fc.record({ clScan: money, gain: money, som: money, cl: fc.integer({ min: -50, max: 50 }), op: fc.integer({ min: -50, max: 50 }), apb: money });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const e = explainMarginChange({ previous: cycle(params({ clScan: a.clScan, opArray: array(a.gain), som: a.som }), a.cl, a.op, a.apb), current: cycle(params({ clScan: b.clScan, opArray: array(b.gain), som: b.som }), b.cl, b.op, b.apb) });
        sumsTo(e);
      }),
      { numRuns: 60 },
    );
  });

  it("fast-check: swapping the two cycles negates every part exactly (the symmetric split; the rounding is odd)", () => {
    const money = fc.integer({ min: 0, max: 500_000 }).map((c) => (c / 100).toFixed(2));
    const side = fc.record({ clScan: money, gain: money, som: money, cl: fc.integer({ min: -50, max: 50 }), op: fc.integer({ min: -50, max: 50 }), apb: money });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const x = cycle(params({ clScan: a.clScan, opArray: array(a.gain), som: a.som }), a.cl, a.op, a.apb);
        const y = cycle(params({ clScan: b.clScan, opArray: array(b.gain), som: b.som }), b.cl, b.op, b.apb);
        const fwd = explainMarginChange({ previous: x, current: y });
        const back = explainMarginChange({ previous: y, current: x });
        const neg = (e: MarginExplain) => [...e.combinedCommodities.flatMap((c) => [c.positions, c.prices, c.parameters, c.change]), e.positions, e.prices, e.parameters, e.addOns, e.change].map((d) => d.neg().toFixed(2));
        const same = (e: MarginExplain) => [...e.combinedCommodities.flatMap((c) => [c.positions, c.prices, c.parameters, c.change]), e.positions, e.prices, e.parameters, e.addOns, e.change].map((d) => d.toFixed(2));
        expect(same(back)).toEqual(neg(fwd));
      }),
      { numRuns: 60 },
    );
  });

  it("the hand-worked case swapped: every part negated (−33.34, −5.83, −30.83 for OP)", () => {
    const e = explainMarginChange({ previous: cycle(NEW, 3, -3), current: cycle(OLD, 2, -2) });
    expect(parts(e.combinedCommodities.find((c) => c.combinedCommodity === "OP")!)).toEqual(["-33.34", "-5.83", "-30.83", "0.00"]);
  });
});

describe("margin explain: bad input names the field", () => {
  it("a position in neither cycle's file: UNKNOWN_CONTRACT on current.positions[0].contract", () => {
    expect(() => explainMarginChange({ previous: { parameters: OLD, positions: [] }, current: { parameters: NEW, positions: [{ contract: "ZZ:1", quantity: 1 }] } })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_CONTRACT", field: "current.positions[0].contract" }),
    );
  });

  it("cycles in different currencies: INCONSISTENT on previous.parameters.currency", () => {
    let err: unknown;
    try {
      explainMarginChange({ previous: { parameters: { ...OLD, currency: "EUR" }, positions: [] }, current: { parameters: NEW, positions: [] } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RiskError);
    expect(err).toMatchObject({ code: "INCONSISTENT", field: "previous.parameters.currency" });
  });

  it("an add-on finer than a cent: OUT_OF_RANGE naming the cycle", () => {
    expect(() => explainMarginChange({ previous: { parameters: OLD, positions: [], additionalPerformanceBond: "1.001" }, current: { parameters: NEW, positions: [] } })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "previous.additionalPerformanceBond" }));
  });
});
