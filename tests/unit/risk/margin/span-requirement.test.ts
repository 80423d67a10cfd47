import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compileRiskParameters,
  computeScanRisk,
  computeSpanRequirement,
  contractRiskArray,
  RiskError,
  type PositionInput,
} from "@/lib/risk";
import { EURO_FX, HAND, SEED_FUTURE, SEED_PORTFOLIO, SEED_SHORT_CALL } from "./parameters-fixture";

const nums = (xs: readonly { toString(): string }[]) => xs.map((x) => Number.parseFloat(x.toString()));

describe("SPAN golden: seed 002 'CME SPAN' worked Euro FX example", () => {
  const params = compileRiskParameters(EURO_FX);

  it("seed 002 CME SPAN: the long June04 future's risk array is price move × multiplier (±800/1600/2400, 32% of 3× = 2,304)", () => {
    expect(nums(contractRiskArray(params, "EC:200406"))).toEqual(SEED_FUTURE);
  });

  it("seed 002 CME SPAN: Black-76 repricing one day nearer expiry reproduces the short 1.150 call column to the dollar", () => {
    expect(nums(contractRiskArray(params, "EC:200406:C:1.150")).map((v) => -v)).toEqual(SEED_SHORT_CALL);
  });

  it("seed 002 CME SPAN: portfolio risk array as in the table; scan risk $838 in scenario 16", () => {
    const r = computeSpanRequirement({ parameters: params, positions: [{ contract: "EC:200406", quantity: 1 }, { contract: "EC:200406:C:1.150", quantity: -1 }] });
    const ec = r.combinedCommodities[0]!;
    expect(nums(ec.riskArray)).toEqual(SEED_PORTFOLIO);
    expect(ec.scanRisk.toString()).toBe("838");
    expect(ec.worstScenario).toBe(16);
    expect(ec.riskArray[7]!.toString()).toBe("360"); // scenario 8: "incurring a gain of $360"
    expect(r.maintenance.toString()).toBe("838");
    expect(r.initial.toString()).toBe("921.8"); // seed 001: initial = maintenance + 10%
  });

  it("seed 002 CME SPAN: the same portfolio from risk arrays given as a parameter file gives $838 in scenario 16", () => {
    const r = computeSpanRequirement({
      parameters: {
        asOf: "2004-04-15",
        currency: "USD",
        combinedCommodities: [{
          code: "EC", priceScanRange: "2400", volatilityScanRange: "0.01",
          contracts: [
            { id: "F", kind: "future", period: "200406", multiplier: "125000", riskArray: SEED_FUTURE },
            { id: "C", kind: "option", period: "200406", multiplier: "125000", putCall: "call", strike: "1.150", underlying: "F", delta: "0.8", riskArray: SEED_SHORT_CALL.map((v) => -v) },
          ],
        }],
      },
      positions: [{ contract: "F", quantity: "1" }, { contract: "C", quantity: "-1" }],
    });
    expect(r.combinedCommodities[0]!.scanRisk.toString()).toBe("838");
    expect(r.combinedCommodities[0]!.worstScenario).toBe(16);
  });

  it("cents precision (the default) keeps the model's cents and still finds scenario 16", () => {
    const cents = compileRiskParameters({ ...EURO_FX, riskArrayDecimals: undefined });
    const r = computeSpanRequirement({ parameters: cents, positions: [{ contract: "EC:200406", quantity: 1 }, { contract: "EC:200406:C:1.150", quantity: -1 }] });
    const scan = r.combinedCommodities[0]!.scanRisk;
    expect(scan.decimalPlaces()).toBeLessThanOrEqual(2);
    expect(scan.minus(838).abs().lessThan(1)).toBe(true);
    expect(r.combinedCommodities[0]!.worstScenario).toBe(16);
  });
});

describe("SPAN charges, hand-worked", () => {
  const params = compileRiskParameters(HAND);
  const req = (positions: PositionInput[], extra: Partial<Parameters<typeof computeSpanRequirement>[0]> = {}) =>
    computeSpanRequirement({ parameters: params, positions, ...extra });
  const cc = (r: ReturnType<typeof req>, code: string) => r.combinedCommodities.find((c) => c.combinedCommodity === code)!;

  it("scan risk: one long future loses the full scan range in scenario 13; a short one in scenario 11", () => {
    expect(cc(req([{ contract: "CL:202503", quantity: 1 }]), "CL").worstScenario).toBe(13);
    const short = cc(req([{ contract: "CL:202503", quantity: -2 }]), "CL");
    expect(short.scanRisk.toString()).toBe("6000");
    expect(short.worstScenario).toBe(11);
  });

  it("intracommodity spread charge: long 3 Jan / short 2 Feb forms 2 calendar spreads at $150 = $300; spot charge 2×$20 + 1×$50", () => {
    const r = cc(req([{ contract: "CL:202501", quantity: 3 }, { contract: "CL:202502", quantity: -2 }]), "CL");
    expect(r.scanRisk.toString()).toBe("3000");
    expect(r.intraSpreadCharge.toString()).toBe("300");
    expect(r.spotCharge.toString()).toBe("90");
    expect(r.riskRequirement.toString()).toBe("3390");
  });

  it("intracommodity spread tiers by priority: the priority-1 spread (tiers 1/2, $150) takes the delta before priority 2 (tiers 1/3, $400)", () => {
    const one = cc(req([{ contract: "CL:202501", quantity: 1 }, { contract: "CL:202502", quantity: -1 }, { contract: "CL:202503", quantity: -1 }]), "CL");
    expect(one.intraSpreadCharge.toString()).toBe("150");
    const two = cc(req([{ contract: "CL:202501", quantity: 2 }, { contract: "CL:202502", quantity: -1 }, { contract: "CL:202503", quantity: -1 }]), "CL");
    expect(two.intraSpreadCharge.toString()).toBe("550");
  });

  it("no spread between legs on the same side", () => {
    const r = cc(req([{ contract: "CL:202501", quantity: 1 }, { contract: "CL:202502", quantity: 1 }]), "CL");
    expect(r.intraSpreadCharge.toString()).toBe("0");
    expect(r.spotCharge.toString()).toBe("50"); // outright spot delta 1 × $50
  });

  it("intercommodity credit: 1 long GC vs 3 short SI at 1:2 forms 1 spread; 50% of price risk per delta on each leg", () => {
    const r = req([{ contract: "GC:202502", quantity: 1 }, { contract: "SI:202502", quantity: -3 }]);
    expect(cc(r, "GC").interSpreadCredit.toString()).toBe("1500"); // 1 × 1 × 0.5 × 3000/1
    expect(cc(r, "SI").interSpreadCredit.toString()).toBe("2000"); // 1 × 2 × 0.5 × 6000/3
    expect(cc(r, "GC").riskRequirement.toString()).toBe("1500");
    expect(cc(r, "SI").riskRequirement.toString()).toBe("4000");
    expect(r.spanRequirement.toString()).toBe("5500");
  });

  it("intercommodity credits by priority: GC delta used by the priority-1 GC/SI spread is not available to priority-2 GC/PL", () => {
    const r = req([{ contract: "GC:202502", quantity: 1 }, { contract: "SI:202502", quantity: -2 }, { contract: "PL:202502", quantity: -1 }]);
    expect(cc(r, "GC").interSpreadCredit.toString()).toBe("1500");
    expect(cc(r, "PL").interSpreadCredit.toString()).toBe("0");
    const onlyPl = req([{ contract: "GC:202502", quantity: 1 }, { contract: "PL:202502", quantity: -1 }]);
    expect(cc(onlyPl, "GC").interSpreadCredit.toString()).toBe("2400"); // 0.8 × 3000
    expect(cc(onlyPl, "PL").interSpreadCredit.toString()).toBe("800"); // 0.8 × 1000
  });

  it("short option minimum: 10 short far puts cost $25 each = $250, more than their scan risk, so it is taken", () => {
    const r = cc(req([{ contract: "CL:202503:P:40", quantity: -10 }]), "CL");
    expect(r.scanRisk.toString()).toBe("10"); // short 10 × the long put's only gain (+1, scenario 2)
    expect(r.worstScenario).toBe(2);
    expect(r.shortOptionMinimum.toString()).toBe("250");
    expect(r.shortOptionMinimumApplies).toBe(true);
    expect(r.riskRequirement.toString()).toBe("250");
  });

  it("concentration charge and Rule 824 additional performance bond add to maintenance as separate lines; initial = ×1.10 rounded up", () => {
    const r = req([{ contract: "CL:202503", quantity: 1 }], {
      concentration: [{ assetClass: "energy", amount: "500" }],
      additionalPerformanceBond: [{ reason: "Unstable conditions (Rule 824)", amount: "250.55", scope: "CL longs" }],
    });
    expect(r.spanRequirement.toString()).toBe("3000");
    expect(r.concentrationCharge.toString()).toBe("500");
    expect(r.additionalPerformanceBond.toString()).toBe("250.55");
    expect(r.additionalPerformanceBonds[0]!.label).toContain("Rule 824");
    expect(r.maintenance.toString()).toBe("3750.55");
    expect(r.initial.toString()).toBe("4125.61"); // 4125.605 rounded up
  });

  it("Rule 824 add-on without a reason is refused", () => {
    expect(() => req([], { additionalPerformanceBond: [{ reason: " ", amount: "1" }] })).toThrow(expect.objectContaining({ code: "REQUIRED", field: "additionalPerformanceBond[0].reason" }));
  });

  it("initial buffer is an input (default 10%)", () => {
    expect(req([{ contract: "CL:202503", quantity: 1 }], { initialBuffer: "0.25" }).initial.toString()).toBe("3750");
  });
});

describe("computeScanRisk", () => {
  it("is zero with no scenario when nothing is a loss", () => {
    const r = computeScanRisk({ riskArray: Array(16).fill("5") });
    expect(r.scanRisk.toString()).toBe("0");
    expect(r.worstScenario).toBeNull();
  });
  it("refuses a risk array that is not 16 long", () => {
    expect(() => computeScanRisk({ riskArray: ["1"] })).toThrow(expect.objectContaining({ code: "RISK_ARRAY_LENGTH" }));
  });
});

describe("validation", () => {
  it("unknown contract → UNKNOWN_CONTRACT naming positions[i].contract", () => {
    expect(() => computeSpanRequirement({ parameters: HAND, positions: [{ contract: "CL:202501", quantity: 1 }, { contract: "XX", quantity: 1 }] }))
      .toThrow(expect.objectContaining({ code: "UNKNOWN_CONTRACT", field: "positions[1].contract" }));
  });
  it("risk array not 16 long → RISK_ARRAY_LENGTH naming the contract", () => {
    const bad = { ...HAND, combinedCommodities: [{ ...HAND.combinedCommodities[0]!, contracts: [{ id: "X", kind: "future" as const, period: "202501", multiplier: "1", riskArray: ["1", "2"] }] }] };
    expect(() => compileRiskParameters(bad)).toThrow(expect.objectContaining({ code: "RISK_ARRAY_LENGTH", field: "parameters.combinedCommodities[0].contracts[0].riskArray" }));
  });
  it("negative scan range → OUT_OF_RANGE", () => {
    const bad = { ...HAND, combinedCommodities: [{ ...HAND.combinedCommodities[1]!, priceScanRange: "-1" }] };
    expect(() => compileRiskParameters(bad)).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "parameters.combinedCommodities[0].priceScanRange" }));
  });
  it("fractional quantity → OUT_OF_RANGE naming positions[i].quantity", () => {
    expect(() => computeSpanRequirement({ parameters: HAND, positions: [{ contract: "CL:202501", quantity: "1.5" }] }))
      .toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "positions[0].quantity" }));
  });
  it("a portfolio too large for exact integers is refused, not rounded", () => {
    expect(() => computeSpanRequirement({ parameters: HAND, positions: [{ contract: "GC:202502", quantity: 1e12 }, { contract: "GC:202502", quantity: 1e12 }, { contract: "GC:202502", quantity: 1e12 }] }))
      .toThrow(RiskError);
  });
  it("positions in the same contract are netted", () => {
    const r = computeSpanRequirement({ parameters: HAND, positions: [{ contract: "GC:202502", quantity: 2 }, { contract: "GC:202502", quantity: -2 }] });
    expect(r.maintenance.toString()).toBe("0");
  });
});

describe("SPAN properties", () => {
  const params = compileRiskParameters(HAND);
  const euro = compileRiskParameters(EURO_FX);
  const contracts = [...params.contractIds];
  const positionsArb = fc.array(fc.record({ contract: fc.constantFrom(...contracts), quantity: fc.integer({ min: -50, max: 50 }) }), { maxLength: 12 });
  const scanOf = (positions: PositionInput[]) => {
    const r = computeSpanRequirement({ parameters: params, positions });
    return new Map(r.combinedCommodities.map((c) => [c.combinedCommodity, c.scanRisk]));
  };

  it("a flat portfolio (every position offset) has zero requirement", () => {
    fc.assert(fc.property(positionsArb, (ps) => {
      const flat = [...ps, ...ps.map((p) => ({ contract: p.contract, quantity: -p.quantity }))];
      expect(computeSpanRequirement({ parameters: params, positions: flat }).maintenance.isZero()).toBe(true);
    }));
  });

  it("the requirement and every line of it are never negative", () => {
    fc.assert(fc.property(positionsArb, (ps) => {
      const r = computeSpanRequirement({ parameters: params, positions: ps });
      expect(r.maintenance.isNegative()).toBe(false);
      for (const c of r.combinedCommodities) {
        for (const v of [c.scanRisk, c.intraSpreadCharge, c.spotCharge, c.interSpreadCredit, c.shortOptionMinimum, c.riskRequirement]) expect(v.isNegative()).toBe(false);
        expect(c.interSpreadCredit.lessThanOrEqualTo(c.scanRisk)).toBe(true);
      }
      expect(r.initial.greaterThanOrEqualTo(r.maintenance)).toBe(true);
    }));
  });

  it("scaling every position by k scales scan risk by k", () => {
    fc.assert(fc.property(positionsArb, fc.integer({ min: 1, max: 1000 }), (ps, k) => {
      const base = scanOf(ps);
      const scaled = scanOf(ps.map((p) => ({ contract: p.contract, quantity: p.quantity * k })));
      for (const [code, v] of base) expect(scaled.get(code)!.toString()).toBe(v.times(k).toString());
    }));
  });

  it("adding an offsetting position never raises scan risk above the sum of the parts", () => {
    fc.assert(fc.property(positionsArb, positionsArb, (a, b) => {
      const sa = scanOf(a);
      const sb = scanOf(b);
      for (const [code, v] of scanOf([...a, ...b])) {
        const parts = (sa.get(code) ?? v.minus(v)).plus(sb.get(code) ?? v.minus(v));
        expect(v.lessThanOrEqualTo(parts)).toBe(true);
      }
    }));
  });

  it("Euro FX: any long future / short call mix has scan risk equal to the largest loss of the summed table columns", () => {
    fc.assert(fc.property(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), (f, c) => {
      const r = computeSpanRequirement({ parameters: euro, positions: [{ contract: "EC:200406", quantity: f }, { contract: "EC:200406:C:1.150", quantity: c }] });
      const losses = SEED_FUTURE.map((v, i) => -(f * v - c * SEED_SHORT_CALL[i]!));
      const expected = Math.max(0, ...losses);
      expect(Number.parseInt((r.combinedCommodities[0]?.scanRisk ?? r.maintenance).toString(), 10)).toBe(expected);
    }));
  });
});
