import { describe, expect, it } from "vitest";
import { performanceBondCall, valueCollateral } from "@/lib/risk";

const holdings = [
  { id: "cash", type: "cash" as const, marketValue: "500000.00" },
  { id: "ust", type: "us-treasury" as const, marketValue: "1000000.00" },
  { id: "eq", type: "equity" as const, marketValue: "250000.00" },
  { id: "loc", type: "letter-of-credit" as const, marketValue: "300000.00" },
];

describe("Rule 820 collateral valuation", () => {
  it("haircut by type; only holdings eligible for the requirement type count", () => {
    const v = valueCollateral({ requirementType: "core", holdings });
    expect(v.lines.map((l) => [l.haircut.toString(), l.value.toString(), l.eligible])).toEqual([
      ["0", "500000", true],
      ["20000", "980000", true],
      ["75000", "175000", true],
      ["0", "300000", false],
    ]);
    expect(v.value.toString()).toBe("1655000");
    expect(v.ineligibleValue.toString()).toBe("300000");
    expect(v.marketValue.toString()).toBe("2050000");
    expect(v.byType.map((t) => t.type)).toEqual(["cash", "us-treasury", "equity", "letter-of-credit"]);
  });

  it("eligibility differs by requirement type (letters of credit count for reserve, equities not for the guaranty fund)", () => {
    expect(valueCollateral({ requirementType: "reserve", holdings }).value.toString()).toBe("1955000");
    expect(valueCollateral({ requirementType: "guaranty-fund", holdings }).value.toString()).toBe("1480000");
  });

  it("haircut amounts round up to the cent, so value is never overstated; schedule overrides apply", () => {
    const v = valueCollateral({ requirementType: "core", holdings: [{ type: "equity", marketValue: "100.01" }] });
    expect(v.lines[0]!.haircut.toString()).toBe("30.01");
    expect(v.lines[0]!.value.toString()).toBe("70");
    const gold = valueCollateral({ requirementType: "core", holdings: [{ type: "gold", marketValue: "1000" }], schedule: { gold: { haircut: "0.2", eligibleFor: ["core"] } } });
    expect(gold.value.toString()).toBe("800");
  });

  it("refuses unknown types and negative values naming the field", () => {
    expect(() => valueCollateral({ requirementType: "core", holdings: [{ type: "bitcoin" as never, marketValue: "1" }] })).toThrow(expect.objectContaining({ field: "holdings[0].type" }));
    expect(() => valueCollateral({ requirementType: "core", holdings: [{ type: "cash", marketValue: "-1" }] })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", field: "holdings[0].marketValue" }));
  });
});

describe("performance bond call (seed 002: below maintenance, re-margined at the initial level)", () => {
  it("customer below maintenance is called back to the initial level", () => {
    const c = performanceBondCall({ accountKind: "customer", maintenance: "1800000", initial: "1980000", collateralValue: "1655000" });
    expect(c.status).toBe("deficit");
    expect(c.excessOverMaintenance.toString()).toBe("-145000");
    expect(c.call.toString()).toBe("325000");
    expect(c.callTo).toBe("initial");
  });
  it("customer between maintenance and initial is not called", () => {
    const c = performanceBondCall({ accountKind: "customer", maintenance: "1800000", initial: "1980000", collateralValue: "1900000" });
    expect(c.status).toBe("excess");
    expect(c.call.toString()).toBe("0");
    expect(c.callTo).toBeNull();
    expect(c.excessOverInitial.toString()).toBe("-80000");
  });
  it("house (margined at maintenance) is called for the deficit only", () => {
    const c = performanceBondCall({ accountKind: "house", maintenance: "1800000", initial: "1980000", collateralValue: "1655000" });
    expect(c.call.toString()).toBe("145000");
    expect(c.callTo).toBe("maintenance");
  });
  it("refuses initial below maintenance", () => {
    expect(() => performanceBondCall({ accountKind: "customer", maintenance: "10", initial: "9", collateralValue: "1" })).toThrow(expect.objectContaining({ field: "initial" }));
  });
});
