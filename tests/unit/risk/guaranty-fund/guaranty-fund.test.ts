import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, assessmentCapacity, computeGuarantyFundRequirements, createBusinessCalendar, guarantyFundDepositNotice, guarantyFundReplenishment, sizeGuarantyFundCover2, RiskError } from "@/lib/risk";

describe("Rule 816 guaranty fund requirement", () => {
  it("Rule 816: 95% on the share of average risk performance bond + 5% on the share of risk-weighted volume; minimum $500,000", () => {
    const r = computeGuarantyFundRequirements({
      aggregate: "100000000",
      members: [
        { id: "A", memberType: "futures-options", performanceBondHistory: ["600", "600"], riskWeightedContracts: "50" },
        { id: "B", memberType: "futures-options", performanceBondHistory: ["300", "500"], riskWeightedContracts: "30" },
        { id: "C", memberType: "base-otc", performanceBondHistory: ["0", "0"], riskWeightedContracts: "20" },
      ],
    });
    const [a, b, c] = r.members;
    expect(r.termTotals.performanceBond.toString()).toBe("95000000");
    expect(a!.averagePerformanceBond.toString()).toBe("600");
    expect(a!.performanceBondShare.toString()).toBe("0.6");
    expect(a!.performanceBondTerm.toString()).toBe("57000000");
    expect(a!.volumeTerm.toString()).toBe("2500000");
    expect(a!.requirement.toString()).toBe("59500000");
    expect(b!.requirement.toString()).toBe("39500000");
    expect(c!.proportionateShare.toString()).toBe("1000000");
    expect(c!.minimumApplied).toBe(true);
    expect(c!.requirement.toString()).toBe("2500000");
    expect(r.totalProportionateShares.toString()).toBe("100000000");
  });

  it("the minimum applies when the share is smaller; shares still sum to the aggregate", () => {
    const r = computeGuarantyFundRequirements({
      aggregate: "1000000",
      members: [
        { id: "A", memberType: "futures-options", averagePerformanceBond: "990", riskWeightedContracts: "99" },
        { id: "B", memberType: "futures-options", averagePerformanceBond: "10", riskWeightedContracts: "1" },
      ],
    });
    expect(r.members[1]!.proportionateShare.toString()).toBe("10000");
    expect(r.members[1]!.requirement.toString()).toBe("500000");
    expect(r.totalMinimumTopUp.toString()).toBe("490000");
    expect(r.totalRequirements.toString()).toBe("1490000");
  });

  it("shares sum to the aggregate to the cent (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 6n })), { minLength: 1, maxLength: 30 }),
        (cents, ms) => {
          const aggregate = new D(cents.toString()).div(100);
          const vol = ms.some(([, v]) => v > 0n);
          const r = computeGuarantyFundRequirements({
            aggregate,
            weights: vol ? undefined : { performanceBond: "1", volume: "0" },
            members: ms.map(([pb, v], i) => ({ id: `m${i}`, memberType: "futures-options" as const, averagePerformanceBond: new D(pb.toString()), riskWeightedContracts: new D(v.toString()) })),
          });
          expect(r.members.reduce((s, m) => s.plus(m.proportionateShare), new D(0)).eq(aggregate)).toBe(true);
          r.members.forEach((m) => expect(m.requirement.greaterThanOrEqualTo(m.minimum)).toBe(true));
        },
      ),
    );
  });

  it("refuses weights that do not sum to one and names the member field", () => {
    expect(() => computeGuarantyFundRequirements({ aggregate: "1", members: [{ id: "A", memberType: "futures-options", averagePerformanceBond: "1" }], weights: { performanceBond: "0.9", volume: "0.05" } })).toThrow(/sum to 1/);
    try {
      computeGuarantyFundRequirements({ aggregate: "1", members: [{ id: "A", averagePerformanceBond: "1" }] });
    } catch (e) {
      expect((e as RiskError).field).toBe("members[0].memberType");
    }
  });
});

describe("cover 2 sizing (001 §23, CFTC 39.33(a))", () => {
  it("the two largest shortfalls in the worst scenario, affiliates grouped, size the fund", () => {
    const r = sizeGuarantyFundCover2({
      scenarios: ["rates-up", "equity-crash"],
      members: [
        { id: "A", performanceBondOnDeposit: "100", stressLosses: ["400", "150"] },
        { id: "B1", affiliateGroup: "B", performanceBondOnDeposit: "100", stressLosses: ["50", "300"] },
        { id: "B2", affiliateGroup: "B", performanceBondOnDeposit: "500", stressLosses: ["100", "450"] },
        { id: "C", performanceBondOnDeposit: "100", stressLosses: ["250", "340.005"] },
      ],
    });
    expect(r.scenarios[0]!.cover2.toString()).toBe("450");
    expect(r.scenarios[1]!.cover2.toString()).toBe("440.005");
    expect(r.worstScenario).toBe("rates-up");
    expect(r.largestTwo.map((g) => g.group)).toEqual(["A", "C"]);
    expect(r.aggregate.toString()).toBe("450");
    // B's excess performance bond on B2 is not netted against B1's loss
    expect(sizeGuarantyFundCover2({ scenarios: ["s"], members: [{ id: "B1", affiliateGroup: "B", performanceBondOnDeposit: "0", stressLosses: ["10.001"] }, { id: "B2", affiliateGroup: "B", performanceBondOnDeposit: "100", stressLosses: ["0"] }] }).aggregate.toString()).toBe("10.01");
  });

  it("stress losses must match the scenarios", () => {
    expect(() => sizeGuarantyFundCover2({ scenarios: ["a", "b"], members: [{ id: "A", performanceBondOnDeposit: "1", stressLosses: ["1"] }] })).toThrow(/one value per scenario/);
  });
});

describe("deposit notices, replenishment and assessment caps", () => {
  const cal = createBusinessCalendar({ holidays: ["2025-04-18"] });
  it("Rule 816: a shortfall is due within five business days; an excess may be withdrawn", () => {
    const n = guarantyFundDepositNotice(cal, { memberId: "A", noticeDate: "2025-04-14", required: "2500000", onDeposit: "2000000" });
    expect(n).toMatchObject({ action: "deposit shortfall", dueDate: "2025-04-22" });
    expect(n.shortfall.toString()).toBe("500000");
    const x = guarantyFundDepositNotice(cal, { memberId: "A", noticeDate: "2025-04-14", required: "2500000", onDeposit: "3000000" });
    expect(x).toMatchObject({ action: "excess may be withdrawn", dueDate: null });
  });
  it("Rule 802.F: restore by the next business day", () => {
    expect(guarantyFundReplenishment(cal, { memberId: "A", usedOn: "2025-04-17", amountApplied: "100" }).dueDate).toBe("2025-04-21");
  });
  it("Rule 802.B.1.v: 275% per default, 550% over the cooling-off period", () => {
    const c = assessmentCapacity({ gfRequirement: "1000000", assessedInPeriod: "3000000" });
    expect(c.perDefaultCap.toString()).toBe("2750000");
    expect(c.periodCap.toString()).toBe("5500000");
    expect(c.capacity.toString()).toBe("2500000");
  });
});
