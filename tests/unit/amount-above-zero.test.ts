/** Amounts typed into margin and guaranty fund forms are checked above zero exactly, from their digits. */
import { describe, expect, it } from "vitest";
import { recordDepositSchema } from "@/lib/validation/guaranty-fund";
import { aboveZero, additionalChargeSchema } from "@/lib/validation/margin";

describe("an amount must be more than zero", () => {
  it("decides from the digits, whatever their size", () => {
    expect(["0", "0.00", "000.0"].map(aboveZero)).toEqual([false, false, false]);
    expect(["0.01", "0.00000001", "999999999999999999.99"].map(aboveZero)).toEqual([true, true, true]);
  });

  it("the forms refuse zero naming the field, and text that is no amount without failing", () => {
    const charge = { firmCode: "ACME", reason: "concentration in short Euro FX" };
    expect(additionalChargeSchema.safeParse({ ...charge, amount: "0.00" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["amount", "Must be more than zero"]]);
    expect(additionalChargeSchema.safeParse({ ...charge, amount: "0.01" }).success).toBe(true);
    expect(additionalChargeSchema.safeParse({ ...charge, amount: "12x" }).error?.issues[0]).toMatchObject({ path: ["amount"], message: "An amount in dollars and cents" });
    const deposit = recordDepositSchema.shape.amount;
    expect(deposit.safeParse("999999999999999999.99").success).toBe(true);
    expect(deposit.safeParse("0").success).toBe(false);
  });
});
