/** readJson / writeJson: a JSON column's value is checked against its schema, both ways, and a wrong one is named. */
import { describe, expect, it } from "vitest";
import { auctionPortfolioColumn, waterfallLossColumn, waterfallResultColumn } from "@/lib/server/default-management/columns";
import { recalculationResultColumn } from "@/lib/server/guaranty-fund/columns";
import { importReportColumn } from "@/lib/server/margin/columns";
import { readJson, writeJson } from "@/lib/shared/json-column";

describe("JSON columns through their schema", () => {
  it("reads a well-formed value as it is", () => {
    const portfolio = { positions: [{ contract: "CME:EC:202612", quantity: "-12" }], parametersOf: "2026-03-02", span: { maintenance: "1200.00", initial: "1320.00" } };
    expect(readJson(auctionPortfolioColumn, portfolio, "auction.portfolio")).toEqual(portfolio);
  });

  it("names the column and the place of what is wrong: an amount stored as a number, a missing field", () => {
    expect(() => readJson(waterfallLossColumn, { house: 1000000, customerSegregated: "0", customerSecured: "0", customerClearedSwaps: "0" }, "default_waterfall.loss")).toThrow(
      "The stored default_waterfall.loss is malformed (house: Invalid input: expected string, received number; otherAssets: Invalid input: expected string, received undefined); it was not read.",
    );
    expect(() => readJson(waterfallResultColumn, { loss: "1.00", covered: "1.00", uncovered: "0.00", nextSteps: [], layers: [] }, "default_waterfall.result")).toThrow(/^The stored default_waterfall\.result is malformed \(defaulterCollateral: /);
    expect(() => readJson(importReportColumn, null, "risk_parameter_set.import_report")).toThrow(/^The stored risk_parameter_set\.import_report is malformed \(the value: /);
  });

  it("refuses to write a value that does not match, before anything is stored", () => {
    expect(() => writeJson(auctionPortfolioColumn, { positions: [{ contract: "CME:EC:202612", quantity: "1.5" }], parametersOf: null }, "auction.portfolio")).toThrow(
      "The auction.portfolio to store does not match its schema (positions.0.quantity: a whole quantity as a string); nothing was stored.",
    );
  });
});

describe("gf_recalculation.result through its schema", () => {
  it("a stored recalculation whose member line lost its requirement is reported, not issued from", () => {
    const stored = {
      asOf: "2026-03-31",
      windowFrom: "2026-01-02",
      cycleDays: 61,
      latestCycle: "2026-03-31 cycle 2",
      weights: { performanceBond: "70", volume: "30", foreignCurrency: "0" },
      cover2: { aggregate: "1000000.00", worstScenario: "S1", largestTwo: [], scenarios: [] },
      averageAggregatePerformanceBond: "5000000.00",
      totalContracts: "1200",
      totalRequirements: "1000000.00",
      totalMinimumTopUp: "0.00",
      members: [{ firmId: "f", code: "ACME", name: "Acme", memberType: "futures-options", performanceBondOnDeposit: "1.00", averagePerformanceBond: "1.00", performanceBondShare: "1", contracts: "1", volumeShare: "1", performanceBondTerm: "1.00", volumeTerm: "1.00", foreignCurrencyTerm: "0.00", proportionateShare: "1.00", minimum: "500000.00", minimumApplied: true, onDeposit: "0.00", previousRequirement: null, change: null, shortfall: "500000.00", excess: "0.00" }],
    };
    expect(() => readJson(recalculationResultColumn, stored, "gf_recalculation.result")).toThrow(
      "The stored gf_recalculation.result is malformed (members.0.requirement: Invalid input: expected string, received undefined); it was not read.",
    );
    expect(readJson(recalculationResultColumn, { ...stored, members: [{ ...stored.members[0]!, requirement: "500000.00" }] }, "gf_recalculation.result").members[0]!.requirement).toBe("500000.00");
  });
});
