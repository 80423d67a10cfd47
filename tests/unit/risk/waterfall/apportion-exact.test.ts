import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, type Dec, apportionMonotone, assessmentCapacity } from "@/lib/risk";
import { apportionMonotoneDecimal } from "@/lib/risk/waterfall/apportion";

describe("exact integer paths of the waterfall equal the decimal computation", () => {
  it("apportionMonotone equals apportionMonotoneDecimal share by share (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 30n }), fc.bigInt({ min: 0n, max: 10n ** 13n })), { minLength: 1, maxLength: 15 }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 3 }),
        (ws, t, places) => {
          const weights = ws.map((w, i) => ({ key: i, weight: new D(`${w}e-${places}`) }));
          const total = ws.every((w) => w === 0n) ? new D(0) : new D(`${t}e-2`);
          expect(apportionMonotone(total, weights).map((s) => s.amount.toString())).toEqual(apportionMonotoneDecimal(total, weights).map((s) => s.amount.toString()));
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it("assessment capacity in cents equals the decimal computation (property)", () => {
    const c = (x: bigint) => new D(`${x}e-2`);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 100000 }), (req, start, done, period, pct) => {
        const r = assessmentCapacity({ gfRequirement: c(req), gfRequirementAtPeriodStart: c(start), assessedThisDefault: c(done), assessedInPeriod: c(period), perDefaultPercent: new D(pct).div(100) });
        // the decimal formula of the module comment
        const down = (x: Dec) => x.toDecimalPlaces(2, D.ROUND_DOWN);
        const per = down(c(req).times(new D(pct).div(100)).div(100));
        const prd = down(c(start).times(550).div(100));
        expect(r.perDefaultCap.toString()).toBe(per.toString());
        expect(r.periodCap.toString()).toBe(prd.toString());
        expect(r.capacity.toString()).toBe(D.min(D.max(0, per.minus(c(done))), D.max(0, prd.minus(c(period)))).toString());
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
