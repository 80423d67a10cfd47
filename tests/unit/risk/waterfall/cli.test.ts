import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../../../..");
function run(command: string, input: string | null, file?: string) {
  const args = ["--import", "tsx", "scripts/risk/cli.ts", command, file ?? "-"];
  const r = spawnSync(process.execPath, args, { cwd: root, input: input ?? undefined, encoding: "utf8" });
  return { status: r.status, out: r.stdout };
}

describe("risk CLI: financial safeguards commands", () => {
  it("every documented example runs and prints decimal strings", () => {
    for (const c of ["requirements", "capital", "guaranty-fund", "cover2", "auction", "waterfall", "cooling-off"]) {
      const r = run(c, null, `docs/examples/risk/${c}.json`);
      expect(r.status, c).toBe(0);
      expect(() => JSON.parse(r.out)).not.toThrow();
    }
    const w = JSON.parse(run("waterfall", null, "docs/examples/risk/waterfall.json").out);
    expect(w.uncovered).toBe("0.00");
    expect(w.layers[2].applied).toBe("35000000.00");
  }, 120_000);

  it("a bad value exits 2 naming the field", () => {
    const r = run("waterfall", JSON.stringify({ defaulterId: "X", loss: { house: "1" }, defaulterCollateral: { guarantyFund: "0", housePerformanceBond: "0" }, members: [{ id: "A", gfRequirement: "12,5" }] }));
    expect(r.status).toBe(2);
    expect(JSON.parse(r.out).error.field).toBe("members[0].gfRequirement");
  }, 60_000);

  it("a bad shape exits 2 naming the path", () => {
    const r = run("cover2", JSON.stringify({ scenarios: ["a"], members: [{ id: "A", stressLosses: ["1"] }] }));
    expect(r.status).toBe(2);
    expect(JSON.parse(r.out).error.field).toBe("members[0].performanceBondOnDeposit");
    const d = run("cooling-off", JSON.stringify({ defaultDates: ["2025-02-30"], holidays: [] }));
    expect(d.status).toBe(2);
    expect(JSON.parse(d.out).error.field).toBe("defaultDates[0]");
  }, 60_000);
});
