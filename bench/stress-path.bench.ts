/**
 * Stress-path simulator benchmark: one portfolio of 1,000 positions (futures and options over 40
 * combined commodities) carried through a 20-day path that moves every product every day and
 * raises the scan ranges on days 5, 10, 15 and 20, through the risk core's
 * computeStressPath. Target < 1 s per run (best of 5; the machine is shared, CPU time beside it).
 * `npm run bench -- stress-path` runs only this one.
 */
import { performance } from "node:perf_hooks";
import { measure, type BenchSection } from "./run";
import { rng, syntheticParameters } from "./margin.bench";
import { compileRiskParameters, computeStressPath, type PositionInput, type StressContractInput, type StressPathMove } from "../lib/risk";

export async function run(): Promise<BenchSection> {
  const parameters = syntheticParameters();
  const compiled = compileRiskParameters(parameters);
  const ids = compiled.contractIds;
  const rand = rng(7);
  const positions: PositionInput[] = Array.from({ length: 1000 }, (_, i) => ({ contract: ids[(i * 7919) % ids.length]!, quantity: String(Math.floor(rand() * 201) - 100 || 1) }));
  const contracts: StressContractInput[] = [...new Set(positions.map((p) => p.contract))].map((id) => {
    const [cc, k] = id.split(":") as [string, string];
    return k.startsWith("F")
      ? { contract: id, product: cc, kind: "future", multiplier: "1000", tick: "0.01", price: (70 + Number.parseInt(k.slice(1), 10) * 0.25).toFixed(2) }
      : { contract: id, product: cc, kind: "option", multiplier: "1000", tick: "0.01" };
  });
  const moves: StressPathMove[] = [];
  for (let day = 1; day <= 20; day++) {
    for (let c = 0; c < 40; c++) {
      moves.push({ day, product: `C${c}`, priceChangePercent: ((rand() - 0.6) * 8).toFixed(2), ...(day % 5 === 0 ? { scanRangeMultiplier: (1 + day / 20).toFixed(2) } : {}) });
    }
  }
  const input = { parameters: compiled, positions, contracts, days: 20, moves, collateralValue: "25000000", accountKind: "customer" as const };
  computeStressPath(input); // warm-up
  const runs: number[] = [];
  const cpu: number[] = [];
  let ratio = "";
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = computeStressPath(input);
    runs.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    ratio = r.responsiveness.ratio?.toString() ?? "none";
  }
  return {
    section: "stress-path",
    measurements: [
      measure("stress path 1,000 positions x 20 days (best of 5)", Math.min(...runs) / 1000, "s", { op: "<", value: 1 }, { runsMs: runs.map((x) => Math.round(x)), cpuMs: cpu.map((x) => Math.round(x)), moves: moves.length, responsiveness: ratio }),
    ],
  };
}
