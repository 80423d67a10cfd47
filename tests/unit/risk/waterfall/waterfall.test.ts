import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, type Dec, allocateTrancheLosses, apportionMonotone, runBaseWaterfall, RiskError, type WaterfallInput } from "@/lib/risk";

const M = (n: string) => new D(n);
const base = (over: Partial<WaterfallInput> = {}): WaterfallInput => ({
  defaulterId: "X",
  loss: { house: "150000000" },
  defaulterCollateral: { guarantyFund: "5000000", housePerformanceBond: "20000000", otherAssets: "0" },
  members: [
    { id: "A", gfRequirement: "10000000", subordinated: "4000000" },
    { id: "B", gfRequirement: "20000000", seniorized: "4000000" },
    { id: "C", gfRequirement: "10000000" },
  ],
  ...over,
});
const layer = (r: ReturnType<typeof runBaseWaterfall>, id: string) => r.layers.find((l) => l.id === id)!;

describe("Rule 802.B.1 waterfall (as amended, seed 003)", () => {
  it("Rule 802.A.2: the defaulter's guaranty fund, performance bond, then other assets; then the $100M CME Contribution", () => {
    const r = runBaseWaterfall(base());
    expect(r.defaulterCollateral.houseAssets.map((h) => h.applied.toString())).toEqual(["5000000", "20000000", "0"]);
    expect(layer(r, "cme-contribution").applied.toString()).toBe("100000000");
    expect(layer(r, "gf-subordinated").applied.toString()).toBe("4000000");
    expect(layer(r, "gf-maintained").applied.toString()).toBe("21000000");
  });

  it("Rule 802.B.1.ii.a: subordinated amounts absorb first, pro rata", () => {
    const r = runBaseWaterfall(base({ loss: { house: "127000000" } }));
    const sub = layer(r, "gf-subordinated");
    expect(sub.applied.toString()).toBe("2000000");
    expect(sub.shares.find((s) => s.memberId === "A")!.amount.toString()).toBe("2000000");
    expect(layer(r, "gf-maintained").applied.toString()).toBe("0");
  });

  it("Rule 802.B.1.ii.b then c: the maintained fund pro rata, seniorized amounts last", () => {
    const r = runBaseWaterfall(base({ loss: { house: "160000000" } }));
    const main = layer(r, "gf-maintained"); // capacity 6M + 16M + 10M = 32M
    expect(main.capacity.toString()).toBe("32000000");
    expect(main.applied.toString()).toBe("31000000");
    expect(main.shares.map((s) => s.amount.toString())).toEqual(["5812500", "15500000", "9687500"]);
    expect(layer(r, "gf-seniorized").applied.toString()).toBe("0");
    const r2 = runBaseWaterfall(base({ loss: { house: "170000000" } }));
    expect(layer(r2, "gf-seniorized").applied.toString()).toBe("4000000");
    expect(layer(r2, "assessments").applied.toString()).toBe("5000000");
  });

  it("Rule 802.B.1.v: assessments pro rata to authority, capped at 275% per default and 550% over the period", () => {
    const r = runBaseWaterfall(base({ loss: { house: "500000000" }, members: [{ id: "A", gfRequirement: "10000000", assessedInPeriod: "50000000" }, { id: "B", gfRequirement: "20000000" }] }));
    const a = r.members.find((m) => m.id === "A")!;
    const b = r.members.find((m) => m.id === "B")!;
    expect(a.assessed.toString()).toBe("5000000");
    expect(b.assessed.toString()).toBe("55000000");
    expect(r.uncovered.toString()).toBe(M("500000000").minus("25000000").minus("100000000").minus("30000000").minus("60000000").toString());
    expect(r.nextSteps.join(" ")).toMatch(/802\.B\.7.*802\.B\.8/);
  });

  it("Rule 802.H: the CME Contribution is at most $100M over the cooling-off period", () => {
    const r = runBaseWaterfall(base({ cmeContribution: { usedInCoolingOffPeriod: "70000000" } }));
    expect(layer(r, "cme-contribution").applied.toString()).toBe("30000000");
    // said in dollars with separators, as every amount in the portal
    expect(layer(r, "cme-contribution").description).toBe("CME Contribution ($100,000,000.00 per cooling-off period, $70,000,000.00 already used)");
  });

  it("Rule 802.G: customer collateral never covers a house loss nor another customer class; house assets may cover customer losses", () => {
    const r = runBaseWaterfall(
      base({
        loss: { house: "10000000", customerSegregated: "8000000", customerClearedSwaps: "1000000" },
        defaulterCollateral: { guarantyFund: "5000000", housePerformanceBond: "7000000", customer: { customerSegregated: "3000000", customerSecured: "50000000", customerClearedSwaps: "2000000" } },
      }),
    );
    const cls = Object.fromEntries(r.defaulterCollateral.accountClasses.map((c) => [c.accountClass, c]));
    expect(cls.house!.fromCustomerCollateral.toString()).toBe("0");
    expect(cls.customerSegregated!.fromCustomerCollateral.toString()).toBe("3000000");
    expect(cls.customerSegregated!.fromHouseAssets.toString()).toBe("2000000");
    expect(cls.customerSegregated!.residual.toString()).toBe("3000000");
    expect(cls.customerClearedSwaps!.residual.toString()).toBe("0");
    expect(layer(r, "cme-contribution").applied.toString()).toBe("3000000");
  });

  it("refuses the defaulter among the members and non-cent amounts, naming the field", () => {
    expect(() => runBaseWaterfall(base({ members: [{ id: "X", gfRequirement: "1" }] }))).toThrow(RiskError);
    try {
      runBaseWaterfall(base({ members: [{ id: "A", gfRequirement: "1" }, { id: "B", gfRequirement: "1.001" }] }));
    } catch (e) {
      expect((e as RiskError).field).toBe("members[1].gfRequirement");
    }
  });
});

const centsArb = (max: bigint) => fc.bigInt({ min: 0n, max }).map((c) => new D(c.toString()).div(100));
const memberArb = fc.record({ req: centsArb(10n ** 10n), sen: fc.nat(100), sub: fc.nat(100), inPeriod: centsArb(10n ** 11n) });
function build(ms: { req: Dec; sen: number; sub: number; inPeriod: Dec }[], loss: Dec): WaterfallInput {
  return {
    defaulterId: "X",
    loss: { house: loss },
    defaulterCollateral: { guarantyFund: "1000", housePerformanceBond: "2000" },
    cmeContribution: { amount: "5000", usedInCoolingOffPeriod: "0" },
    members: ms.map((m, i) => {
      const sub = m.req.times(m.sub).div(200).toDecimalPlaces(2, D.ROUND_DOWN);
      const sen = m.req.times(m.sen).div(200).toDecimalPlaces(2, D.ROUND_DOWN);
      return { id: `m${i}`, gfRequirement: m.req, subordinated: sub, seniorized: sen, assessedInPeriod: m.inPeriod };
    }),
  };
}

describe("waterfall properties", () => {
  it("every layer's shares sum to the layer exactly; caps never exceeded; the loss is applied exactly or reported uncovered", () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 20 }), centsArb(10n ** 13n), (ms, loss) => {
        const input = build(ms, loss);
        const r = runBaseWaterfall(input);
        let applied = new D(0);
        for (const l of r.layers) {
          applied = applied.plus(l.applied);
          if (l.shares.length) expect(l.shares.reduce((s, x) => s.plus(x.amount), new D(0)).eq(l.applied)).toBe(true);
          for (const s of l.shares) expect(s.amount.lessThanOrEqualTo(s.capacity)).toBe(true);
        }
        expect(applied.plus(r.uncovered).eq(r.loss)).toBe(true);
        expect(r.covered.plus(r.uncovered).eq(loss)).toBe(true);
        r.members.forEach((m, i) => {
          const req = ms[i]!.req;
          expect(m.assessed.lessThanOrEqualTo(req.times("2.75"))).toBe(true);
          expect(m.assessed.plus(ms[i]!.inPeriod).lessThanOrEqualTo(req.times("5.5").plus(ms[i]!.inPeriod.greaterThan(req.times("5.5")) ? ms[i]!.inPeriod : 0))).toBe(true);
          if (ms[i]!.inPeriod.greaterThanOrEqualTo(req.times("5.5"))) expect(m.assessed.isZero()).toBe(true);
        });
      }),
    );
  });

  it("raising the loss never lowers any member's charge", () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 12 }), centsArb(10n ** 12n), centsArb(10n ** 6n), (ms, loss, extra) => {
        const r1 = runBaseWaterfall(build(ms, loss));
        const r2 = runBaseWaterfall(build(ms, loss.plus(extra)));
        r1.members.forEach((m, i) => {
          const m2 = r2.members[i]!;
          expect(m2.totalCharge.greaterThanOrEqualTo(m.totalCharge)).toBe(true);
          expect(m2.subordinatedUsed.greaterThanOrEqualTo(m.subordinatedUsed)).toBe(true);
          expect(m2.maintainedUsed.greaterThanOrEqualTo(m.maintainedUsed)).toBe(true);
          expect(m2.assessed.greaterThanOrEqualTo(m.assessed)).toBe(true);
        });
      }),
    );
  });

  it("apportionMonotone: exact sum, within one cent of the floor of the exact share, monotone in the total", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 25 }).filter((w) => w.some((x) => x > 0n)), fc.bigInt({ min: 0n, max: 10n ** 10n }), (ws, t) => {
        const weights = ws.map((w, i) => ({ key: i, weight: new D(w.toString()) }));
        const total = new D(t.toString()).div(100);
        const a = apportionMonotone(total, weights);
        const b = apportionMonotone(total.plus("0.01"), weights);
        const W = weights.reduce((s, w) => s.plus(w.weight), new D(0));
        expect(a.reduce((s, x) => s.plus(x.amount), new D(0)).eq(total)).toBe(true);
        a.forEach((x, i) => {
          expect(b[i]!.amount.greaterThanOrEqualTo(x.amount)).toBe(true);
          expect(x.amount.greaterThanOrEqualTo(total.times(weights[i]!.weight).div(W).toDecimalPlaces(2, D.ROUND_DOWN))).toBe(true);
        });
      }),
    );
  });
});

describe("Rule 802.A.4 tranches", () => {
  it("Rule 802.A.4/802.B.4: own tranche (80%) first, then the commingled 20%, then other tranches", () => {
    const r = allocateTrancheLosses({
      members: [
        { id: "A", contributions: { base: "1000", metals: "500" } },
        { id: "B", contributions: { base: "3000" } },
      ],
      losses: [{ productClass: "metals", amount: "1200" }],
    });
    const l = r.losses[0]!;
    expect(l.fromOwnTranche.toString()).toBe("400");
    expect(l.fromCommingled.toString()).toBe("800");
    expect(l.fromOtherTranches.toString()).toBe("0");
    expect(r.tranches.find((t) => t.tranche === "base")!.size.toString()).toBe("3200");
    const r2 = allocateTrancheLosses({ members: [{ id: "A", contributions: { base: "1000", metals: "500" } }, { id: "B", contributions: { base: "3000" } }], losses: [{ productClass: "metals", amount: "2000" }] });
    expect(r2.losses[0]!.fromOtherTranches.toString()).toBe("700");
    expect(r2.members.reduce((s, m) => s.plus(m.total), new D(0)).toString()).toBe("2000");
  });
  it("losses in two classes share the remaining tranches pro rata to the remaining losses", () => {
    const r = allocateTrancheLosses({
      members: [{ id: "A", contributions: { base: "1000", metals: "1000" } }],
      losses: [
        { productClass: "base", amount: "1500" },
        { productClass: "metals", amount: "100" },
      ],
    });
    expect(r.losses[0]!.fromOwnTranche.toString()).toBe("800");
    expect(r.losses[0]!.fromCommingled.toString()).toBe("400");
    expect(r.losses[0]!.fromOtherTranches.toString()).toBe("300");
    expect(r.uncovered.toString()).toBe("0");
  });
});
