import { describe, expect, it } from "vitest";
import { compileRiskParameters, computeOriginRequirement, computeSpanRequirement, marginAccounts } from "@/lib/risk";
import { HAND } from "./parameters-fixture";

const params = compileRiskParameters(HAND);
const accounts = [
  { accountId: "A", positions: [{ contract: "CL:202503", quantity: 1 }] },
  { accountId: "B", positions: [{ contract: "CL:202503", quantity: -1 }] },
];

describe("gross customer margining and net house margining (seed 002 'Performance Bond Requirements')", () => {
  it("customer origin: each customer margined separately and summed (no offset between customers)", () => {
    const r = computeOriginRequirement({ parameters: params, origin: "customer-segregated", accounts });
    expect(r.method).toBe("gross");
    expect(r.portfolios.map((p) => p.requirement.maintenance.toString())).toEqual(["3000", "3000"]);
    expect(r.maintenance.toString()).toBe("6000");
    expect(r.initial.toString()).toBe("6600");
  });

  it("house origin: all positions netted as one portfolio", () => {
    const r = computeOriginRequirement({ parameters: params, origin: "house", accounts });
    expect(r.method).toBe("net");
    expect(r.portfolios).toHaveLength(1);
    expect(r.portfolios[0]!.accountIds).toEqual(["A", "B"]);
    expect(r.maintenance.toString()).toBe("0");
  });

  it("gross per-customer add-ons stay with their customer", () => {
    const r = computeOriginRequirement({
      parameters: params,
      origin: "cleared-swaps-customer",
      accounts: [{ ...accounts[0]!, concentration: [{ assetClass: "energy", amount: "100" }] }, accounts[1]!],
    });
    expect(r.portfolios[0]!.requirement.maintenance.toString()).toBe("3100");
    expect(r.portfolios[1]!.requirement.maintenance.toString()).toBe("3000");
  });

  it("bulk marginAccounts gives the same maintenance and initial as the detailed calculation", () => {
    const many = [
      ...accounts,
      { accountId: "C", positions: [{ contract: "CL:202501", quantity: 3 }, { contract: "CL:202502", quantity: -2 }] },
      { accountId: "D", positions: [{ contract: "GC:202502", quantity: 1 }, { contract: "SI:202502", quantity: -3 }] },
    ];
    const bulk = marginAccounts({ parameters: params, accounts: many });
    many.forEach((a, i) => {
      const one = computeSpanRequirement({ parameters: params, positions: a.positions });
      expect(bulk.accounts[i]!.maintenance.toString()).toBe(one.maintenance.toString());
      expect(bulk.accounts[i]!.initial.toString()).toBe(one.initial.toString());
    });
    expect(bulk.maintenance.toString()).toBe("14890"); // 3000 + 3000 + 3390 + 5500
  });

  it("refuses duplicate account ids and unknown origins", () => {
    expect(() => computeOriginRequirement({ parameters: params, origin: "house", accounts: [accounts[0]!, accounts[0]!] })).toThrow(expect.objectContaining({ code: "DUPLICATE", field: "accounts[1].accountId" }));
    expect(() => computeOriginRequirement({ parameters: params, origin: "omnibus" as never, accounts })).toThrow(expect.objectContaining({ field: "origin" }));
  });

  it("names the account of a bad position", () => {
    expect(() => marginAccounts({ parameters: params, accounts: [accounts[0]!, { accountId: "X", positions: [{ contract: "nope", quantity: 1 }] }] }))
      .toThrow(expect.objectContaining({ code: "UNKNOWN_CONTRACT", field: "accounts[1].positions[0].contract" }));
  });
});
