import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addBusinessDays, coolingOffPeriods, createBusinessCalendar, fromDayIndex, isBusinessDay, nextBusinessDay, toDayIndex, RiskError } from "@/lib/risk";

const cal = createBusinessCalendar({ holidays: ["2024-12-25", "2025-01-01", "2025-01-20"] });

describe("business-day calendar", () => {
  it("weekends and listed holidays are not business days", () => {
    expect(isBusinessDay(cal, "2024-12-24")).toBe(true);
    expect(isBusinessDay(cal, "2024-12-25")).toBe(false);
    expect(isBusinessDay(cal, "2024-12-28")).toBe(false); // Saturday
  });

  it("adds business days skipping weekends and holidays", () => {
    expect(addBusinessDays(cal, "2024-12-20", 5)).toBe("2024-12-30"); // Fri + 5 skipping 25th
    expect(nextBusinessDay(cal, "2024-12-31")).toBe("2025-01-02");
    expect(addBusinessDays(cal, "2024-12-28", 0)).toBe("2024-12-30");
  });

  it("rejects a malformed holiday naming its index", () => {
    expect(() => createBusinessCalendar({ holidays: ["2024-02-30"] })).toThrow(RiskError);
    try {
      createBusinessCalendar({ holidays: ["2024-01-01", "2024-13-01"] });
    } catch (e) {
      expect((e as RiskError).field).toBe("holidays[1]");
    }
  });

  it("day numbers round-trip (property)", () => {
    fc.assert(fc.property(fc.integer({ min: -50000, max: 100000 }), (d) => {
      expect(toDayIndex(fromDayIndex(d))).toBe(d);
    }));
  });
});

describe("Rule 802.H cooling-off period", () => {
  it("Rule 802.H: a single default runs to the 5th business day after it", () => {
    const r = coolingOffPeriods(cal, { defaultDates: ["2024-12-20"] });
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({ start: "2024-12-20", end: "2024-12-30" });
  });

  it("Rule 802.H: a further default inside the period extends it to the 5th business day after that default", () => {
    const r = coolingOffPeriods(cal, { defaultDates: ["2025-01-06", "2025-01-10"], asOf: "2025-01-17" });
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]!.end).toBe("2025-01-17"); // Fri 10th + 5 business days
    expect(r.current?.defaults).toEqual(["2025-01-06", "2025-01-10"]);
  });

  it("Rule 802.H: a default on the last day of the period still extends it; one after opens a new period", () => {
    const r = coolingOffPeriods(cal, { defaultDates: ["2025-01-06", "2025-01-13", "2025-01-30"] });
    expect(r.periods.map((p) => [p.start, p.end])).toEqual([
      ["2025-01-06", "2025-01-21"], // 13th + 5 business days skipping MLK day 20th
      ["2025-01-30", "2025-02-06"],
    ]);
  });

  it("the period end is never before the 5th business day after any of its defaults (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20000, max: 20100 }), { minLength: 1, maxLength: 10 }), (days) => {
        const dates = days.map(fromDayIndex);
        const r = coolingOffPeriods(cal, { defaultDates: dates });
        for (const p of r.periods) for (const d of p.defaults) expect(toDayIndex(p.end)).toBeGreaterThanOrEqual(toDayIndex(addBusinessDays(cal, d, 5)));
        expect(r.periods.reduce((n, p) => n + p.defaults.length, 0)).toBe(dates.length);
      }),
    );
  });
});
