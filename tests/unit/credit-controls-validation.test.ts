import { describe, expect, it } from "vitest";
import { checkOrderSchema, fillSchema, updateGroupingSchema } from "@/lib/validation/credit-controls";

const ORDER = { executionFirmId: "ef1", account: "a1", exchange: "cme", productComplex: "equity", product: "es", derivativeType: "FUTURE", side: "BUY", quantity: 2, timeInForce: "DAY" };

describe("credit controls input rules", () => {
  it("normalizes codes to upper case and requires expireDate exactly for GTD", () => {
    expect(checkOrderSchema.parse(ORDER)).toMatchObject({ executionFirmId: "EF1", exchange: "CME", product: "ES" });
    const gtd = checkOrderSchema.safeParse({ ...ORDER, timeInForce: "GTD" });
    expect(gtd.success ? null : gtd.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["expireDate", "expireDate is required for a GTD order"]]);
    const day = checkOrderSchema.safeParse({ ...ORDER, expireDate: "2026-12-01" });
    expect(day.success ? null : day.error.issues[0]!.message).toBe("expireDate is only for GTD orders");
    expect(checkOrderSchema.safeParse({ ...ORDER, timeInForce: "GTD", expireDate: "2026-02-30" }).success).toBe(false);
  });

  it("refuses fractional and non-positive quantities and non-decimal prices, naming the field", () => {
    for (const quantity of [0, 1.5, -3, "x"]) {
      const r = checkOrderSchema.safeParse({ ...ORDER, quantity });
      expect(r.success ? null : r.error.issues[0]!.path).toEqual(["quantity"]);
    }
    const f = fillSchema.safeParse({ clientFillId: "f1", clientOrderId: "o1", quantity: 1, price: "1e5" });
    expect(f.success ? null : f.error.issues[0]!.path).toEqual(["price"]);
  });

  it("reads reference margin rates as rows and names the row and field of each mistake", () => {
    const base = { groupingId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", futuresLimit: "1", optionsLimit: "0", clipBuyFutures: "", clipSellFutures: "", clipBuyOptions: "", clipSellOptions: "", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: false, actionCancel: false, note: "rates" };
    const issues = (rates: unknown) => {
      const r = updateGroupingSchema.safeParse({ ...base, rates });
      return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(updateGroupingSchema.parse({ ...base, rates: [{ derivativeType: "FUTURE", product: "es", rate: "12000" }, { derivativeType: "OPTION", product: "ES", rate: "2000.125" }] }).rates).toEqual([
      { derivativeType: "FUTURE", product: "ES", rate: "12000" },
      { derivativeType: "OPTION", product: "ES", rate: "2000.125" },
    ]);
    expect(issues([{ derivativeType: "FUTURE", product: "ES", rate: "1" }, { derivativeType: "FUTURE", product: "es", rate: "2" }])).toEqual([["rates.1.product", "Futures on ES are listed twice"]]);
    expect(issues([{ derivativeType: "SWAP", product: "ES", rate: "1" }])[0]![0]).toBe("rates.0.derivativeType");
    expect(issues([{ derivativeType: "FUTURE", product: "ES", rate: "1.1234567" }])).toEqual([["rates.0.rate", expect.stringMatching(/6 decimal places/)]]);
    expect(issues([{ derivativeType: "FUTURE", product: "ES", rate: "-1" }])[0]![0]).toBe("rates.0.rate");
    expect(issues([{ derivativeType: "FUTURE", product: "E S", rate: "1" }])[0]![0]).toBe("rates.0.product");
  });

  it("a grouping's limits are non-negative money; clip sizes blank or whole numbers", () => {
    const base = { groupingId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", futuresLimit: "100000.00", optionsLimit: "0", clipBuyFutures: "", clipSellFutures: "10", clipBuyOptions: null, clipSellOptions: undefined, includeGtc: true, includeGtd: false, actionEmail: true, actionBlock: false, actionCancel: false, rates: [], note: "ok then" };
    expect(updateGroupingSchema.parse(base)).toMatchObject({ clipBuyFutures: null, clipSellFutures: 10, clipBuyOptions: null, clipSellOptions: null });
    const bad = updateGroupingSchema.safeParse({ ...base, futuresLimit: "1.234", clipSellFutures: "2.5" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0]).sort()).toEqual(["clipSellFutures", "futuresLimit"]);
  });
});
