import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { compactUsd, moneyAxis } from "@/components/charts/axis";

const ticksOf = (values: string[]) => moneyAxis(values).ticks.map((t) => t.toString());

describe("chart money axis: round ticks computed in decimals", () => {
  it("a statement history up to 27,665 gets ticks 0, 10,000, 20,000, 30,000 (not 27,665 × quarters)", () => {
    expect(ticksOf(["27665", "12000", "0"])).toEqual(["0", "10000", "20000", "30000"]);
  });
  it("capital around $5m (minimum 5,000,000, early warning 5,500,000) gets ticks every $2m up to $6m", () => {
    expect(ticksOf(["5300000", "5000000", "5500000"])).toEqual(["0", "2000000", "4000000", "6000000"]);
  });
  it("a negative value puts the bottom below zero on a round step", () => {
    expect(ticksOf(["-150", "400"])).toEqual(["-200", "0", "200", "400"]);
  });
  it("all zero still draws an axis from 0 to 1", () => {
    expect(ticksOf(["0"])).toEqual(["0", "1"]);
  });
  it("every value lies between bottom and top, every step is the same, shares stay within [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2 }), (ints, places) => {
        const values = ints.map((i) => new Decimal(i.toString()).div(10 ** places).toString());
        const axis = moneyAxis(values);
        const steps = axis.ticks.slice(1).map((t, i) => t.minus(axis.ticks[i]!).toString());
        expect(new Set(steps).size).toBe(1);
        for (const v of values) {
          expect(axis.bottom.lessThanOrEqualTo(v) && axis.top.greaterThanOrEqualTo(v)).toBe(true);
          const s = axis.share(v);
          expect(s >= 0 && s <= 1).toBe(true);
        }
      }),
    );
  });
  it("tick labels: whole dollars below a million, then $m and $bn from the decimal", () => {
    expect(compactUsd(new Decimal("27665"))).toBe("$27,665");
    expect(compactUsd(new Decimal("1500000"))).toBe("$1.5m");
    expect(compactUsd(new Decimal("-2000000"))).toBe("-$2m");
    expect(compactUsd(new Decimal("2500000000"))).toBe("$2.5bn");
  });
});
