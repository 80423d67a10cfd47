import { describe, expect, it } from "vitest";
import { backtestCoverage, marginPeriodOfRisk } from "@/lib/risk";

describe("coverage backtest (seed 001 §13: 99% over the margin period of risk)", () => {
  it("margin period of risk: 1 day for futures, options and ag/energy/metal swaps; 5 days for other swaps", () => {
    expect(["future", "option", "swap-agricultural", "swap-energy", "swap-metal"].map((t) => marginPeriodOfRisk(t as never))).toEqual([1, 1, 1, 1, 1]);
    expect(marginPeriodOfRisk("swap-other")).toBe(5);
  });

  it("other swaps: overlapping 5-day windows; one window of −3,550 exceeds a 3,000 scan range", () => {
    const r = backtestCoverage({ productType: "swap-other", scanRange: "3000", priceChanges: ["500", "-700", "1200", "900", "400", "-300", "250", "-1500", "-900", "-1100", "600", "100"] });
    expect(r.windows).toBe(8);
    expect(r.exceedances).toBe(1);
    expect(r.exceedanceWindows[0]).toMatchObject({ from: 5, to: 9 });
    expect(r.exceedanceWindows[0]!.move.toString()).toBe("-3550");
    expect(r.exceedanceRate.toString()).toBe("0.125");
    expect(r.coverageMet).toBe(false);
  });

  it("futures, 1-day: 2 exceedances in 200 days meet 99%; 3 do not; a move equal to the range is not an exceedance", () => {
    const days = (big: number) => Array.from({ length: 200 }, (_, i) => (i < big ? "-1001" : i === big ? "1000" : "10"));
    const two = backtestCoverage({ productType: "future", scanRange: "1000", priceChanges: days(2) });
    expect(two.exceedances).toBe(2);
    expect(two.allowedExceedances).toBe(2);
    expect(two.coverageMet).toBe(true);
    expect(two.observedCoverage.toString()).toBe("0.99");
    expect(backtestCoverage({ productType: "future", scanRange: "1000", priceChanges: days(3) }).coverageMet).toBe(false);
  });

  it("refuses too short a history and a negative scan range", () => {
    expect(() => backtestCoverage({ productType: "swap-other", scanRange: "1", priceChanges: ["1", "2"] })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "priceChanges" }));
    expect(() => backtestCoverage({ productType: "future", scanRange: "-1", priceChanges: ["1"] })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "scanRange" }));
  });
});
