/**
 * Load: autocannon against `next start` on a throw-away database with the demo data, 50
 * concurrent connections with a signed-in member's session, on the member landing page and a
 * second member page. Reports p50/p95/p99 latency (from every response), errors, non-2xx
 * answers and requests per second; target p95 < 150 ms and no errors.
 * The statement page is the member's first margin statement in the demo data.
 * Needs a prior `next build`.
 */
import { createRequire } from "node:module";
import os from "node:os";
import { DEMO_PASSWORD } from "@/lib/demo/seed";
import { cookieHeader, httpSignIn, startPortal } from "../scripts/support/portal";
import { measure, percentile, type BenchSection, type Measurement } from "./run";

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: "response", cb: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>) => AutocannonInstance;

const PORT = Number(process.env.LOAD_BENCH_PORT ?? 3387);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.LOAD_BENCH_SECONDS ?? 20);
const PAGES = [
  { name: "member landing page", path: "/member" },
  { name: "margin statement page", path: "/member/statements/:first" },
];

export async function run(): Promise<BenchSection> {
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
  const portal = await startPortal({ port: PORT, env: { PORTAL_THROWAWAY_DB: "1", DATABASE_URL: undefined } });
  const measurements: Measurement[] = [];
  try {
    const jar = await httpSignIn(portal.url, "ops@acme.example", DEMO_PASSWORD);
    const list = await (await fetch(`${portal.url}/member/statements`, { headers: { cookie: cookieHeader(jar) } })).text();
    const firstStatement = /\/member\/statements\/([0-9a-f-]{36})/.exec(list)?.[1];
    if (!firstStatement) throw new Error("the demo data has no margin statement for ops@acme.example");
    for (const page of PAGES.map((p) => ({ ...p, path: p.path.replace(":first", firstStatement) }))) {
      // Warm up (first renders compile and fill caches).
      await autocannon({ url: portal.url + page.path, connections: 5, amount: 50, headers: { cookie: cookieHeader(jar) } });
      const samples: number[] = [];
      const statuses = new Map<number, number>();
      const instance = autocannon({ url: portal.url + page.path, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie: cookieHeader(jar) } });
      instance.on("response", (_c, status, _b, ms) => {
        samples.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
      const r = await instance;
      const detail = { path: page.path, connections: CONNECTIONS, seconds: DURATION_S, requests: r.requests.total, statuses: Object.fromEntries(statuses), loadavgAfter: os.loadavg().map((x) => Math.round(x * 100) / 100) };
      measurements.push(
        measure(`${page.name}: p50`, percentile(samples, 50), "ms", undefined, detail),
        measure(`${page.name}: p95`, percentile(samples, 95), "ms", { op: "<", value: 150 }),
        measure(`${page.name}: p99`, percentile(samples, 99), "ms"),
        measure(`${page.name}: errors (connection errors, timeouts, non-2xx)`, r.errors + r.timeouts + r.non2xx, "count", { op: "<", value: 1 }),
        measure(`${page.name}: throughput`, r.requests.average, "req/s"),
      );
    }
  } finally {
    await portal.stop();
  }
  return { section: "load (autocannon, 50 connections, next start)", measurements };
}
