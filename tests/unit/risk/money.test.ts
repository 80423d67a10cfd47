import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { D, allocateProRata, dec, moneyString, RiskError } from "@/lib/risk";

describe("money", () => {
  it("parses decimal strings exactly and refuses non-numbers naming the field", () => {
    expect(dec("0.1").plus(dec("0.2")).toString()).toBe("0.3");
    expect(() => dec("12,50", "amount")).toThrow(RiskError);
    expect(() => dec("12,50", "amount")).toThrow(/amount/);
    expect(() => dec(Number.NaN, "x")).toThrow(/x must be a finite number/);
  });

  it("formats money to two places with half-even rounding", () => {
    expect(moneyString(new D("2.345"))).toBe("2.34");
    expect(moneyString(new D("2.355"))).toBe("2.36");
  });

  it("pro-rata: 100.00 over three equal weights gives 33.34, 33.33, 33.33", () => {
    const shares = allocateProRata(new D("100"), [
      { key: "a", weight: new D(1) },
      { key: "b", weight: new D(1) },
      { key: "c", weight: new D(1) },
    ]);
    expect(shares.map((s) => moneyString(s.amount))).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("pro-rata shares always sum to the whole, to the cent (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 0n)),
        (cents, ws) => {
          const total = new D(cents.toString()).div(100);
          const shares = allocateProRata(total, ws.map((w, i) => ({ key: i, weight: new D(w.toString()) })));
          const s = shares.reduce((acc, x) => acc.plus(x.amount), new D(0));
          expect(s.eq(total)).toBe(true);
          shares.forEach((x, i) => {
            expect(x.amount.isNegative()).toBe(false);
            if (ws[i] === 0n) expect(x.amount.isZero()).toBe(true);
          });
        },
      ),
    );
  });
});
