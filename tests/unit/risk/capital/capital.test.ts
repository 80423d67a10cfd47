import { describe, expect, it } from "vitest";
import { assessCapital, computeAdjustedNetCapital, createBusinessCalendar, filingDueDate, RiskError, type MinimumCapitalInput } from "@/lib/risk";

const requirement: MinimumCapitalInput = {
  isBank: false,
  brokerDealer: false,
  exchanges: ["CME"],
  productScope: { futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false, guaranteesNymexFloorMembers: false },
  customerRiskMaintenancePerformanceBond: "50000000",
  nonCustomerRiskMaintenancePerformanceBond: "25000000",
};

describe("adjusted net capital (001 §19)", () => {
  it("001 §19: ANC = current assets − adjusted liabilities − capital charges, non-current assets excluded", () => {
    const r = computeAdjustedNetCapital({
      totalAssets: "100000000",
      nonCurrentAssets: { prepaidExpenses: "1000000", deferredCharges: "500000", unsecuredReceivablesSubsidiariesAffiliates: "2000000", exchangeMemberships: "1500000" },
      totalLiabilities: "80000000",
      subordinatedLiabilities: "10000000",
      capitalCharges: { speculativeProprietaryFuturesOptions: "1000000", undermarginedCustomerAccounts: "250000", undermarginedOmnibusAccounts: "50000", marketableSecurities: "700000" },
    });
    expect(r.currentAssets.toString()).toBe("95000000");
    expect(r.currentAssetsSource).toBe("derived from total assets");
    expect(r.adjustedLiabilities.toString()).toBe("70000000");
    expect(r.totalCapitalCharges.toString()).toBe("2000000");
    expect(r.adjustedNetCapital.toString()).toBe("23000000");
    expect(r.capitalCharges.map((c) => c.id)).toContain("undermarginedNoncustomerAccounts");
  });

  it("inconsistent current and total assets are refused", () => {
    expect(() => computeAdjustedNetCapital({ currentAssets: "10", totalAssets: "20", totalLiabilities: "1" })).toThrow(RiskError);
  });
});

describe("capital surveillance flags (002 Notification Requirements, Rule 972)", () => {
  const statement = { currentAssets: "16000000", totalLiabilities: "10000000" }; // ANC 6,000,000; requirement 6,000,000 (8% of 75M)

  it("at the minimum but below the 110% early-warning level", () => {
    const r = assessCapital({ statement, requirement });
    expect(r.minimumCapital.requirement.toString()).toBe("6000000");
    expect(r.earlyWarningLevel.toString()).toBe("6600000");
    expect(r.flags).toMatchObject({ belowMinimum: false, belowEarlyWarning: true, substantialReduction: false, lateFiling: false });
  });

  it("Rule 972: a 20% reduction against the previous filing is substantial; late filing flagged", () => {
    const r = assessCapital({ statement, requirement, previousAdjustedNetCapital: "7500000", dueDate: "2025-02-25", filedDate: "2025-02-27" });
    expect(r.reductionPercent!.toString()).toBe("20");
    expect(r.flags.substantialReduction).toBe(true);
    expect(r.flags.lateFiling).toBe(true);
    expect(r.daysLate).toBe(2);
    const r2 = assessCapital({ statement, requirement, previousAdjustedNetCapital: "7400000", settings: { substantialReductionPercent: "20" } });
    expect(r2.flags.substantialReduction).toBe(false);
  });

  it("below minimum", () => {
    const r = assessCapital({ statement: { currentAssets: "15000000", totalLiabilities: "10000000" }, requirement });
    expect(r.flags.belowMinimum).toBe(true);
    expect(r.excessOverMinimum.toString()).toBe("-1000000");
    expect(r.noticesRequired).toContain("failure to maintain minimum capital");
  });
});

describe("filing due dates (002 Periodic Financial Reporting)", () => {
  const cal = createBusinessCalendar({ holidays: ["2025-01-01", "2025-01-20", "2025-02-17"] });
  it("monthly: 17 business days after month end", () => {
    expect(filingDueDate(cal, { kind: "monthly", periodEnd: "2025-01-31" }).dueDate).toBe("2025-02-26");
    expect(() => filingDueDate(cal, { kind: "monthly", periodEnd: "2025-01-30" })).toThrow(/last day/);
  });
  it("annual certified: 90 days after fiscal year end, 60 if a broker-dealer, rolled to a business day", () => {
    expect(filingDueDate(cal, { kind: "annual-certified", periodEnd: "2024-12-31" }).dueDate).toBe("2025-03-31");
    expect(filingDueDate(cal, { kind: "annual-certified", periodEnd: "2024-12-31", brokerDealer: true }).dueDate).toBe("2025-03-03"); // Mar 1 is a Saturday
  });
  it("bank: five days after the filing with the banking regulator", () => {
    expect(filingDueDate(cal, { kind: "bank-periodic", regulatorFilingDate: "2025-01-30" }).dueDate).toBe("2025-02-04");
  });
});
