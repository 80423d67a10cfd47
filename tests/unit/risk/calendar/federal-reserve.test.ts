import { describe, expect, it } from "vitest";
import { federalReserveHolidayDates, federalReserveHolidays, RiskError } from "@/lib/risk";
import { SETTINGS_BY_KEY } from "@/lib/settings/definitions";

const named = (year: number, name: string) => federalReserveHolidays(year).find((h) => h.name === name)?.date;
const dates = (year: number) => federalReserveHolidays(year).map((h) => h.date);

describe("Federal Reserve holidays, by the Board's published rules", () => {
  it("New Year's Day: January 1; on a Sunday the Monday after; on a Saturday not observed (no Friday Dec 31 closing)", () => {
    expect(named(2026, "New Year's Day")).toBe("2026-01-01");
    expect(named(2023, "New Year's Day")).toBe("2023-01-02"); // Sunday → Monday
    expect(named(2028, "New Year's Day")).toBeUndefined(); // Saturday
    expect(dates(2027)).not.toContain("2027-12-31");
  });

  it("Birthday of Martin Luther King, Jr.: the third Monday of January", () => {
    expect(named(2026, "Birthday of Martin Luther King, Jr.")).toBe("2026-01-19");
    expect(named(2027, "Birthday of Martin Luther King, Jr.")).toBe("2027-01-18");
    expect(named(2030, "Birthday of Martin Luther King, Jr.")).toBe("2030-01-21");
  });

  it("Washington's Birthday (Presidents Day): the third Monday of February", () => {
    expect(named(2026, "Washington's Birthday")).toBe("2026-02-16");
    expect(named(2027, "Washington's Birthday")).toBe("2027-02-15");
  });

  it("Memorial Day: the last Monday of May", () => {
    expect(named(2026, "Memorial Day")).toBe("2026-05-25");
    expect(named(2027, "Memorial Day")).toBe("2027-05-31"); // May with five Mondays
  });

  it("Juneteenth: June 19; on a Saturday not observed (no Friday June 18 closing), on a Sunday the Monday after", () => {
    expect(named(2026, "Juneteenth National Independence Day")).toBe("2026-06-19");
    expect(named(2027, "Juneteenth National Independence Day")).toBeUndefined();
    expect(dates(2027)).not.toContain("2027-06-18");
    expect(named(2022, "Juneteenth National Independence Day")).toBe("2022-06-20");
  });

  it("Independence Day: July 4; on a Saturday not observed (no Friday July 3 closing), on a Sunday the Monday after", () => {
    expect(named(2026, "Independence Day")).toBeUndefined();
    expect(dates(2026)).not.toContain("2026-07-03");
    expect(named(2027, "Independence Day")).toBe("2027-07-05");
    expect(named(2028, "Independence Day")).toBe("2028-07-04");
  });

  it("Labor Day: the first Monday of September", () => {
    expect(named(2026, "Labor Day")).toBe("2026-09-07");
    expect(named(2027, "Labor Day")).toBe("2027-09-06");
    expect(named(2025, "Labor Day")).toBe("2025-09-01"); // September starting on a Monday
  });

  it("Columbus Day: the second Monday of October", () => {
    expect(named(2026, "Columbus Day")).toBe("2026-10-12");
    expect(named(2027, "Columbus Day")).toBe("2027-10-11");
  });

  it("Veterans Day: November 11; on a Saturday not observed, on a Sunday the Monday after", () => {
    expect(named(2026, "Veterans Day")).toBe("2026-11-11");
    expect(named(2023, "Veterans Day")).toBeUndefined(); // Saturday
    expect(named(2029, "Veterans Day")).toBe("2029-11-12"); // Sunday → Monday
  });

  it("Thanksgiving Day: the fourth Thursday of November", () => {
    expect(named(2026, "Thanksgiving Day")).toBe("2026-11-26");
    expect(named(2027, "Thanksgiving Day")).toBe("2027-11-25");
    expect(named(2029, "Thanksgiving Day")).toBe("2029-11-22"); // November starting on a Thursday
  });

  it("Christmas Day: December 25; on a Saturday not observed (no Friday December 24 closing), on a Sunday the Monday after", () => {
    expect(named(2026, "Christmas Day")).toBe("2026-12-25");
    expect(named(2027, "Christmas Day")).toBeUndefined();
    expect(dates(2027)).not.toContain("2027-12-24");
    expect(named(2022, "Christmas Day")).toBe("2022-12-26");
  });

  it("a year's holidays come in date order: the Fed's 2026 and 2027 schedules", () => {
    expect(dates(2026)).toEqual(["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"]);
    expect(dates(2027)).toEqual(["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25"]);
  });

  it("a year that is not a whole number is refused, naming the field", () => {
    expect(() => federalReserveHolidays(2026.5)).toThrow(RiskError);
    expect(() => federalReserveHolidayDates(2027, 2026)).toThrow(/last year/);
  });
});

describe("setting calendar.holidays: the default is the Federal Reserve's holidays", () => {
  const defaults = SETTINGS_BY_KEY.get("calendar.holidays")!.defaultValue.split(",");

  it("does not close on the Friday before a Saturday holiday: 2026-07-03, 2027-06-18 and 2027-12-24 are business days", () => {
    for (const friday of ["2026-07-03", "2027-06-18", "2027-12-24"]) expect(defaults).not.toContain(friday);
  });

  it("holds the holidays derived by the rules for 2026 and 2027 (and later years)", () => {
    expect(defaults).toEqual(expect.arrayContaining([...dates(2026), ...dates(2027)]));
    expect(defaults).toContain("2027-07-05");
    expect(defaults).toEqual([...defaults].sort());
  });
});
