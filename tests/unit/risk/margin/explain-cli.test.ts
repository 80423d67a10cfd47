import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "../../../..");
const run = promisify(execFile);

describe("npm run risk -- explain (docs/examples/risk/explain.json)", () => {
  it("prints the hand-worked margin explain: per combined commodity and in total, positions + prices and risk arrays + parameters + add-ons = change, as decimal strings", async () => {
    const { stdout } = await run(process.execPath, [path.join(root, "scripts/risk/run.mjs"), "explain", "docs/examples/risk/explain.json"], { cwd: root });
    const out = JSON.parse(stdout) as { method: string; combinedCommodities: Record<string, string>[]; maintenance: Record<string, string> };
    expect(out.method).toBe("shapley");
    expect(out.combinedCommodities).toEqual([
      { combinedCommodity: "CL", name: "Crude oil", previous: "6000.00", positions: "3500.00", pricesAndRiskArrays: "0.00", parameters: "2500.00", addOns: "0.00", change: "6000.00", current: "12000.00" },
      { combinedCommodity: "OP", name: "Options", previous: "50.00", positions: "33.34", pricesAndRiskArrays: "5.83", parameters: "30.83", addOns: "0.00", change: "70.00", current: "120.00" },
    ]);
    expect(out.maintenance).toEqual({ previous: "6550.00", positions: "3533.34", pricesAndRiskArrays: "5.83", parameters: "2530.83", addOns: "350.00", change: "6420.00", current: "12970.00" });
  }, 120_000);

  it("a position in neither cycle's file exits 2 naming the field", async () => {
    const input = JSON.stringify({ previous: { parameters: { asOf: "2025-01-02", currency: "USD", combinedCommodities: [] }, positions: [] }, current: { parameters: { asOf: "2025-01-02", currency: "USD", combinedCommodities: [] }, positions: [{ contract: "ZZ", quantity: 1 }] } });
    const err = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [path.join(root, "scripts/risk/run.mjs"), "explain", "-"], { cwd: root }, (e, stdout) => resolve({ code: e ? (e as { code?: number }).code ?? null : 0, stdout }));
      child.stdin!.end(input);
    });
    expect(err.code).toBe(2);
    expect(JSON.parse(err.stdout).error.field).toBe("current.positions[0].contract");
  }, 120_000);
});
