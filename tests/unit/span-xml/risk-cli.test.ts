/**
 * `npm run risk -- span` from its prebuilt bundle (scripts/risk/run.mjs) on a zipped SPAN file
 * as CME distributes them.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.join(__dirname, "../../..");

describe("risk CLI start-up", () => {
  it("runs `span` on a zipped .spn from the bundle: the seed 002 Euro FX scan risk $838", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "risk-cli-"));
    const spn = path.join(dir, "cme.20040415.s.spn");
    await writeFile(spn, zipSync({ "cme.20040415.s.xml": await readFile(path.join(root, "tests/fixtures/span/eurofx.xml")) }));
    const input = path.join(dir, "input.json");
    await writeFile(input, JSON.stringify({ parameters: { spanXml: spn }, positions: [{ contract: "CME:EC:200406", quantity: 1 }, { contract: "CME:EC:200406:C:1.150", quantity: -1 }] }));
    const { stdout } = await run(process.execPath, [path.join(root, "scripts/risk/run.mjs"), "span", input], { cwd: root });
    const out = JSON.parse(stdout) as { combinedCommodities: { combinedCommodity: string; scanRisk: string }[] };
    expect(out.combinedCommodities[0]).toMatchObject({ combinedCommodity: "EC", scanRisk: "838.00" });
  }, 60_000);
});
