import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  D,
  Rounding,
  compileRiskParameters,
  computeScanRisk,
  computeSpanRequirement,
  contractRiskArray,
  type CompiledRiskParameters,
  type Dec,
  type PositionInput,
  type RiskParameters,
  type SpanRequirement,
} from "@/lib/risk";
import { HAND } from "./parameters-fixture";

/** Parameters with random risk arrays at `decimals` places (several words per value when large). */
function randomParameters(decimals: number, arrays: readonly (readonly number[])[]): RiskParameters {
  const text = (units: number) => new D(units).div(new D(10).pow(decimals)).toFixed(decimals);
  return {
    asOf: "2025-01-02",
    currency: "USD",
    currencyDecimals: decimals,
    combinedCommodities: [0, 1].map((c) => ({
      code: `R${c}`,
      priceScanRange: "1000",
      volatilityScanRange: "0",
      shortOptionMinimum: text(2500),
      contracts: arrays.map((a, k) =>
        k % 2 === 0
          ? { id: `R${c}:F${k}`, kind: "future" as const, period: "202503", multiplier: "1", riskArray: a.map(text) }
          : { id: `R${c}:O${k}`, kind: "option" as const, period: "202503", multiplier: "1", putCall: "call" as const, strike: "1", underlying: `R${c}:F0`, delta: "0.5", riskArray: a.map(text) },
      ),
    })),
    interSpreads: [{ priority: 1, rate: "0.25", legs: [{ combinedCommodity: "R0", ratio: "1", side: "A" }, { combinedCommodity: "R1", ratio: "1", side: "B" }] }],
  };
}

/** Every Dec in the statement, with where it is. */
function decsOf(r: SpanRequirement): [string, Dec][] {
  const out: [string, Dec][] = [];
  const walk = (v: unknown, path: string): void => {
    if (v instanceof D) out.push([path, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(r, "");
  return out;
}

/**
 * The statement recomputed in decimals from what the integer engine does not decide alone:
 * risk arrays summed from the contracts' arrays, scan risk, each risk requirement, the totals
 * and initial (charges, credits and the short option minimum are taken from the statement).
 */
function checkAgainstDecimals(params: CompiledRiskParameters, positions: readonly PositionInput[], r: SpanRequirement, buffer: Dec, addOns: { conc: Dec[]; apb: Dec[] }): void {
  const sums = new Map<string, Dec[]>();
  const ccOfContract = new Map<string, string>();
  for (const cc of r.combinedCommodities) sums.set(cc.combinedCommodity, Array.from({ length: 16 }, () => new D(0)));
  for (const p of positions) {
    const code = params.combinedCommodities[params.ccOf[params.contractIndex.get(p.contract)!]!]!.code;
    ccOfContract.set(p.contract, code);
    const ra = contractRiskArray(params, p.contract);
    const acc = sums.get(code);
    if (!acc) continue; // netted to zero: no line
    ra.forEach((v, s) => (acc[s] = acc[s]!.plus(v.times(p.quantity as number))));
  }
  let span = new D(0);
  for (const cc of r.combinedCommodities) {
    const expected = sums.get(cc.combinedCommodity)!;
    expect(cc.riskArray.map(String)).toEqual(expected.map(String));
    const scan = computeScanRisk({ riskArray: expected });
    expect(cc.scanRisk.toString()).toBe(scan.scanRisk.toString());
    expect(cc.worstScenario).toBe(scan.worstScenario);
    const scanBased = cc.scanRisk.plus(cc.intraSpreadCharge).plus(cc.spotCharge).minus(cc.interSpreadCredit);
    // The requirement is rounded once from the exact figures; the components are shown rounded,
    // so their sum may differ from it by the components' rounding (at most half a unit each).
    const risk = cc.riskRequirement;
    const unit = new D(10).pow(-params.combinedCommodities[params.ccOf[params.contractIndex.get(positions.find((p) => ccOfContract.get(p.contract) === cc.combinedCommodity)!.contract)!]!]!.decimals);
    expect(risk.minus(D.max(scanBased, cc.shortOptionMinimum, 0)).abs().lessThanOrEqualTo(unit.times(2))).toBe(true);
    expect(cc.shortOptionMinimumApplies).toBe(cc.shortOptionMinimum.greaterThan(scanBased));
    span = span.plus(risk);
  }
  expect(r.spanRequirement.toString()).toBe(span.toString());
  const conc = addOns.conc.reduce((a, b) => a.plus(b), new D(0));
  const apb = addOns.apb.reduce((a, b) => a.plus(b), new D(0));
  expect(r.concentrationCharge.toString()).toBe(conc.toString());
  expect(r.additionalPerformanceBond.toString()).toBe(apb.toString());
  const maintenance = span.plus(conc).plus(apb);
  expect(r.maintenance.toString()).toBe(maintenance.toString());
  expect(r.initial.toString()).toBe(maintenance.times(buffer.plus(1)).toDecimalPlaces(params.decimals, Rounding.UP).toString());
  // every Dec is the one parsing its digits gives (what the string-built breakdown held), field for field
  for (const [, x] of decsOf(r)) expect({ s: x.s, e: x.e, d: [...x.d] }).toEqual((({ s, e, d }) => ({ s, e, d: [...d] }))(new D(x.toString())));
}

describe("SPAN statement breakdown: the integer engine's Decs equal the decimal computation", () => {
  const hand = compileRiskParameters(HAND);

  it("random portfolios on the hand-worked parameters (spreads, spot, credits, short option minimum), with add-ons and buffers (property)", () => {
    const ids = [...hand.contractIds];
    fc.assert(
      fc.property(
        fc.array(fc.record({ contract: fc.constantFrom(...ids), quantity: fc.integer({ min: -1_000_000, max: 1_000_000 }) }), { maxLength: 20 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 2 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 2 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        (positions, conc, apb, bufferMicro) => {
          const cents = (c: bigint) => new D(`${c}e-2`);
          const buffer = bufferMicro === undefined ? new D("0.10") : new D(`${bufferMicro}e-6`);
          const r = computeSpanRequirement({
            parameters: hand,
            positions,
            initialBuffer: bufferMicro === undefined ? undefined : buffer,
            concentration: conc.map((c) => ({ assetClass: "energy", amount: cents(c).toFixed(2) })),
            additionalPerformanceBond: apb.map((c) => ({ reason: "Rule 824 call", amount: cents(c) })),
          });
          checkAgainstDecimals(hand, positions, r, buffer, { conc: conc.map(cents), apb: apb.map(cents) });
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it("random risk arrays at 0 to 6 decimal places, large quantities (property)", () => {
    const arrayArb = fc.array(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.array(arrayArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ c: fc.integer({ min: 0, max: 1 }), k: fc.nat(), quantity: fc.integer({ min: -100_000, max: 100_000 }) }), { maxLength: 12 }),
        (decimals, arrays, picks) => {
          const params = compileRiskParameters(randomParameters(decimals, arrays));
          const ids = params.contractIds;
          const positions = picks.map((p) => ({ contract: ids[p.c * arrays.length + (p.k % arrays.length)]!, quantity: p.quantity }));
          const r = computeSpanRequirement({ parameters: params, positions });
          checkAgainstDecimals(params, positions, r, new D("0.10"), { conc: [], apb: [] });
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
