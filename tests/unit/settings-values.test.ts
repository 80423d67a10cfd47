/** Settings read by kind, exactly (lib/settings/values.ts): a percent is an exact fraction, never a float. */
import { describe, expect, it } from "vitest";
import { dateListValue, decimalValue, integerValue, percentFraction, percentValue, stringListValue } from "@/lib/settings/values";

describe("typed setting values", () => {
  it("a 14.3% initial buffer is the fraction 0.143 exactly (not 0.14300000000000002)", () => {
    expect(percentFraction("margin.initialBufferPercent", "14.3")).toBe("0.143");
    expect(percentFraction("margin.initialBufferPercent", null)).toBe("0.1"); // the default, 10%
    expect(percentFraction("gf.performanceBondWeightPercent", "95")).toBe("0.95");
    expect(percentValue("capital.earlyWarningPercent", "110")).toBe("110");
  });

  it("each kind has its reader; another kind's reader refuses the setting", () => {
    expect(decimalValue("auction.proportionalityMinRatio", null)).toBe("0.10");
    expect(integerValue("uploads.maxSizeMb", "25")).toBe(25);
    expect(dateListValue("calendar.holidays", "2026-12-25, 2026-01-01")).toEqual(["2026-01-01", "2026-12-25"]);
    expect(stringListValue("membership.approvedSettlementBanks", "Citibank, U.S. Bank")).toEqual(["Citibank", "U.S. Bank"]);
    expect(() => integerValue("margin.initialBufferPercent", "10")).toThrow(/is a percent setting, not integer/);
    expect(() => percentFraction("no.such.setting", "1")).toThrow(/unknown setting no\.such\.setting/);
  });

  it("a stored value outside the setting's rule is refused, naming the setting", () => {
    expect(() => percentFraction("margin.initialBufferPercent", "ten")).toThrow(/Initial performance bond buffer over maintenance \(%\): must be a number/);
    expect(() => percentFraction("margin.initialBufferPercent", "150")).toThrow(/must be at most 100/);
  });
});
