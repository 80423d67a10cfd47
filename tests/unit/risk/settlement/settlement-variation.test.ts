import { describe, expect, it } from "vitest";
import { assertOnTick, computeSettlementVariation, roundToTick } from "@/lib/risk";

const OPS = { code: "OPS", multiplier: "25", tick: "0.25" }; // seed 002: 25 t, $0.25/t = $6.25 per tick

describe("Rule 814 settlement variation", () => {
  it("carried position: (settlement − previous settlement) × quantity × multiplier; OPS 10 long +$2.75 = 11 ticks × $6.25 × 10", () => {
    const r = computeSettlementVariation({ products: [OPS], positions: [{ product: "OPS", quantity: 10, previousSettlementPrice: "812.50", settlementPrice: "815.25" }] });
    expect(r.lines[0]!.ticks.toString()).toBe("11");
    expect(r.lines[0]!.tickValue.toString()).toBe("6.25");
    expect(r.lines[0]!.variation.toString()).toBe("687.5");
    expect(r.lines[0]!.referenceKind).toBe("previous-settlement");
  });

  it("trade of the cycle uses its trade price instead of the previous settlement", () => {
    const r = computeSettlementVariation({
      products: [OPS],
      positions: [
        { product: "OPS", quantity: -4, tradePrice: "816.00", settlementPrice: "815.25" },
        { product: "OPS", quantity: 2, tradePrice: "816.00", settlementPrice: "815.25" },
      ],
    });
    expect(r.lines.map((l) => l.variation.toString())).toEqual(["75", "-37.5"]);
    expect(r.lines[0]!.referenceKind).toBe("trade-price");
    expect(r.net.toString()).toBe("37.5");
    expect(r.collects.toString()).toBe("75");
    expect(r.pays.toString()).toBe("37.5");
  });

  it("refuses an off-tick price with OFF_TICK naming the field", () => {
    expect(() => computeSettlementVariation({ products: [OPS], positions: [{ product: "OPS", quantity: 1, previousSettlementPrice: "812.50", settlementPrice: "815.10" }] }))
      .toThrow(expect.objectContaining({ code: "OFF_TICK", field: "positions[0].settlementPrice" }));
    expect(() => computeSettlementVariation({ products: [OPS], positions: [{ product: "OPS", quantity: 1, tradePrice: "812.30", settlementPrice: "815.00" }] }))
      .toThrow(expect.objectContaining({ code: "OFF_TICK", field: "positions[0].tradePrice" }));
  });

  it("needs exactly one reference price and a known product", () => {
    expect(() => computeSettlementVariation({ products: [OPS], positions: [{ product: "OPS", quantity: 1, settlementPrice: "815.00" }] })).toThrow(expect.objectContaining({ field: "positions[0]" }));
    expect(() => computeSettlementVariation({ products: [OPS], positions: [{ product: "XYZ", quantity: 1, tradePrice: "1", settlementPrice: "1" }] })).toThrow(expect.objectContaining({ code: "UNKNOWN_CONTRACT", field: "positions[0].product" }));
  });
});

describe("settlement prices on the tick (Rule 813)", () => {
  it("rounds to the nearest tick (ties up) or to the tick closer to the previous settlement", () => {
    expect(roundToTick({ price: "815.10", tick: "0.25" }).toString()).toBe("815");
    expect(roundToTick({ price: "815.125", tick: "0.25" }).toString()).toBe("815.25");
    expect(roundToTick({ price: "815.10", tick: "0.25", mode: "toward-previous", previousSettlement: "816" }).toString()).toBe("815.25");
    expect(roundToTick({ price: "815.20", tick: "0.25", mode: "toward-previous", previousSettlement: "814" }).toString()).toBe("815");
  });
  it("assertOnTick passes on-tick prices and names the field otherwise", () => {
    expect(assertOnTick("815.75", "0.25").toString()).toBe("815.75");
    expect(() => assertOnTick("815.7", "0.25", "settlementPrice")).toThrow(expect.objectContaining({ code: "OFF_TICK", field: "settlementPrice" }));
  });
});
