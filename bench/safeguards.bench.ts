/**
 * Financial safeguards benchmarks (issue 4): a waterfall with 2,000 members, an auction
 * classification with 2,000 participants, and guaranty fund sizing for 2,000 members over
 * 90 days of history (cover 2 over 90 daily stress scenarios, then the Rule 816 allocation
 * from 90 days of performance bond). Target < 50 ms each; p50 and p99 over repeated runs.
 * Inputs are built once (Dec values, as the server passes them after reading the database),
 * and for the guaranty fund also as whole cents in BigInt64Arrays (what SQL
 * `round(x * 100)::bigint` gives without decimal parsing). The machine is shared: each
 * measurement also reports CPU time per run (process.cpuUsage, less affected by load) and the
 * load average.
 */
import { measure, percentile, type BenchSection, type Measurement } from "./run";
import os from "node:os";
import { D, classifyAuction, computeGuarantyFundRequirements, runBaseWaterfall, sizeGuarantyFundCover2, type Dec } from "../lib/risk";

const MEMBERS = 2000;
const DAYS = 90;

/** Deterministic pseudo-random cents (xorshift), so every run measures the same inputs. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
const cents = (r: () => number, max: number): Dec => new D(Math.floor(r() * max * 100).toString()).div(100);

interface Samples {
  readonly wall: number[];
  readonly cpu: number[];
}

function time(fn: () => unknown, runs: number): Samples {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall, cpu };
}

const load = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

function report(name: string, samples: Samples, detail: Record<string, unknown>): Measurement[] {
  const d = { runs: samples.wall.length, cpuMsP50: Math.round(percentile(samples.cpu, 50) * 100) / 100, cpuMsP99: Math.round(percentile(samples.cpu, 99) * 100) / 100, loadavg: load(), ...detail };
  return [
    measure(`${name} p50`, percentile(samples.wall, 50), "ms", { op: "<", value: 50 }, d),
    measure(`${name} p99`, percentile(samples.wall, 99), "ms", { op: "<", value: 50 }, d),
  ];
}

export async function run(): Promise<BenchSection> {
  const r = rng(20250101);
  const ids = Array.from({ length: MEMBERS }, (_, i) => `M${i}`);

  const waterfallInput = {
    defaulterId: "DEFAULTER",
    loss: { house: new D("9000000000") },
    defaulterCollateral: { guarantyFund: new D("50000000"), housePerformanceBond: new D("400000000") },
    members: ids.map((id, i) => {
      const req = cents(r, 50_000_000).plus(500000);
      return {
        id,
        gfRequirement: req,
        subordinated: i % 7 === 0 ? req.div(2).toDecimalPlaces(2, D.ROUND_DOWN) : undefined,
        seniorized: i % 11 === 0 ? req.div(3).toDecimalPlaces(2, D.ROUND_DOWN) : undefined,
        assessedInPeriod: i % 5 === 0 ? req : undefined,
      };
    }),
  };

  const auctionInput = {
    auctionId: "A1",
    portfolioPerformanceBond: new D("250000000"),
    defaulterGfRequirement: new D("40000000"),
    participants: ids.map((id, i) => ({ memberId: id, gfRequirement: cents(r, 50_000_000).plus(500000), mandated: i % 3 === 0 })),
    bids: ids.filter((_, i) => i % 2 === 0).map((id) => ({ memberId: id, amount: cents(r, 400_000_000).minus(300_000_000) })),
  };

  const scenarios = Array.from({ length: DAYS }, (_, d) => `day-${d}`);
  const stressMembers = ids.map((id, i) => ({
    id,
    affiliateGroup: i % 10 === 0 ? `G${i % 50}` : undefined,
    performanceBondOnDeposit: cents(r, 300_000_000),
    stressLosses: scenarios.map(() => cents(r, 400_000_000)),
  }));
  const gfMembers = ids.map((id, i) => ({
    id,
    memberType: (i % 4 === 0 ? "base-otc" : "futures-options") as "base-otc" | "futures-options",
    performanceBondHistory: scenarios.map(() => cents(r, 300_000_000)),
    riskWeightedContracts: cents(r, 5_000_000),
  }));

  const centsOf = (d: Dec): bigint => BigInt(d.times(100).toFixed(0));
  const stressCents = stressMembers.map((m) => ({ id: m.id, affiliateGroup: m.affiliateGroup, performanceBondOnDeposit: m.performanceBondOnDeposit, stressLossCents: BigInt64Array.from(m.stressLosses, centsOf) }));
  const gfCents = gfMembers.map((m) => ({ id: m.id, memberType: m.memberType, performanceBondHistoryCents: BigInt64Array.from(m.performanceBondHistory, centsOf), riskWeightedContracts: m.riskWeightedContracts }));

  const loadBefore = load();
  const wf = time(() => runBaseWaterfall(waterfallInput), 50);
  const auc = time(() => classifyAuction(auctionInput), 50);
  const sizing = time(() => {
    const c2 = sizeGuarantyFundCover2({ scenarios, members: stressMembers });
    return computeGuarantyFundRequirements({ aggregate: c2.aggregate, members: gfMembers });
  }, 50);
  const sizingCents = time(() => {
    const c2 = sizeGuarantyFundCover2({ scenarios, members: stressCents });
    return computeGuarantyFundRequirements({ aggregate: c2.aggregate, members: gfCents });
  }, 50);
  const c2only = time(() => sizeGuarantyFundCover2({ scenarios, members: stressMembers }), 30);
  const reqOnly = time(() => computeGuarantyFundRequirements({ aggregate: new D("5000000000"), members: gfMembers }), 30);
  const c2cents = time(() => sizeGuarantyFundCover2({ scenarios, members: stressCents }), 30);
  const reqCents = time(() => computeGuarantyFundRequirements({ aggregate: new D("5000000000"), members: gfCents }), 30);
  const part = (name: string, x: Samples): Measurement => measure(name, percentile(x.wall, 50), "ms", undefined, { cpuMsP50: Math.round(percentile(x.cpu, 50) * 100) / 100 });
  return {
    section: "safeguards",
    measurements: [
      ...report("waterfall 2,000 members", wf, { members: MEMBERS }),
      ...report("auction classification 2,000 participants", auc, { participants: MEMBERS, bids: MEMBERS / 2 }),
      ...report("guaranty fund sizing 2,000 members x 90 days (cover 2 + Rule 816), Dec inputs", sizing, { members: MEMBERS, days: DAYS }),
      ...report("guaranty fund sizing 2,000 members x 90 days (cover 2 + Rule 816), bigint cents inputs", sizingCents, { members: MEMBERS, days: DAYS }),
      part("  of which cover 2 over 90 scenarios p50 (Dec)", c2only),
      part("  of which Rule 816 allocation from 90-day history p50 (Dec)", reqOnly),
      part("  of which cover 2 over 90 scenarios p50 (cents)", c2cents),
      part("  of which Rule 816 allocation from 90-day history p50 (cents)", reqCents),
      measure("load average (1 min) before / after the section", loadBefore[0]!, "", undefined, { before: loadBefore, after: load() }),
    ],
  };
}
