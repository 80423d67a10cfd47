import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { marginCommands } from "@/scripts/risk/margin-commands";

const root = path.resolve(__dirname, "../../../..");
const example = async (name: string) => JSON.parse(await readFile(path.join(root, "docs/examples/risk", name), "utf8")) as unknown;
const run = promisify(execFile);

describe("margin CLI commands (docs/examples/risk)", () => {
  it("span: the documented example returns the seed's $838 + $100 Rule 824 add-on as decimal strings", async () => {
    const out = (await marginCommands.span!(await example("span.json"))) as Record<string, unknown> & { combinedCommodities: { scanRisk: string; worstScenario: number }[] };
    expect(out.combinedCommodities[0]).toMatchObject({ scanRisk: "838.00", worstScenario: 16 });
    expect(out.maintenance).toBe("938.00");
    expect(out.initial).toBe("1031.80");
  });

  it("span with a SPAN XML file and gross customer accounts", async () => {
    const input = (await example("span-xml.json")) as { parameters: { spanXml: string } };
    input.parameters.spanXml = path.join(root, input.parameters.spanXml);
    const out = (await marginCommands.span!(input)) as { method: string; maintenance: string; portfolios: unknown[] };
    expect(out.method).toBe("gross");
    expect(out.portfolios).toHaveLength(2);
    // C-1: 838 scan + 4 spot = 842; C-2: calendar spread, scan 0 + 100 intra + 1 spot delta in spread × 10 = 110
    expect(out.maintenance).toBe("952.00");
  });

  it("settlement-variation, collateral and backtest examples run", async () => {
    expect(((await marginCommands["settlement-variation"]!(await example("settlement-variation.json"))) as { net: string }).net).toBe("762.50");
    const col = (await marginCommands.collateral!(await example("collateral.json"))) as { performanceBond: { call: string; callTo: string } };
    expect(col.performanceBond).toMatchObject({ call: "325000.00", callTo: "initial" });
    expect(((await marginCommands.backtest!(await example("backtest.json"))) as { exceedances: number }).exceedances).toBe(1);
  });

  it("bad shapes throw a RiskError naming the field", () => {
    expect(() => marginCommands.backtest!({ productType: "future", scanRange: "1" })).toThrow(expect.objectContaining({ field: "priceChanges" }));
  });

  it("the dispatcher exits 0 on the span example and 2 with {error:{field,message}} on an off-tick price", async () => {
    const ok = await run("npx", ["tsx", "scripts/risk/cli.ts", "span", "docs/examples/risk/span.json"], { cwd: root });
    expect(JSON.parse(ok.stdout).maintenance).toBe("938.00");
    const bad = path.join(root, "tests/fixtures/span/off-tick-settlement.json");
    const err = await run("npx", ["tsx", "scripts/risk/cli.ts", "settlement-variation", bad], { cwd: root }).then(() => null, (e: { code: number; stdout: string }) => e);
    expect(err?.code).toBe(2);
    expect(JSON.parse(err!.stdout)).toEqual({ error: { field: "positions[0].settlementPrice", message: "positions[0].settlementPrice 815.1 is not a multiple of the tick 0.25" } });
  }, 60_000);
});
