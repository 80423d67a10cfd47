/**
 * The pre-trade check service (a benchmark, not a test): POST /api/credit/check against
 * scripts/pretrade-check.ts (node:http, the firm's state in memory, LISTEN/NOTIFY) on a
 * throw-away database with the demo data, an API key and 10,000 groupings; autocannon with 50
 * connections for 10 s: requests per second, p50 / p99 latency, errors (targets ≥ 5,000 req/s,
 * p99 < 20 ms, no errors). In the same run, the same load against a bare `node:http` server in
 * its own process that reads the body and answers a fixed JSON decision: the ceiling of this
 * machine for Node over HTTP, and the service's share of it (aim ≥ 25%). The load average
 * before and after goes with the figures: the machine is shared.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { createClient } from "@/lib/db/client";
import { createThrowawayDatabase } from "@/lib/db/throwaway";
import { checkBodies, seedCheckFirm, type AutocannonResult } from "./credit-controls.bench";
import { measure, type BenchSection, type Measurement } from "./run";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.CHECK_BENCH_SECONDS ?? 10);

/** A bare node:http server: reads the body, answers a decision of the service's size. */
const BARE_SERVER = `
const http = require("node:http");
const answer = JSON.stringify({ decision: "ACCEPT", grouping: "EF1|CME|PC0", derivativeType: "FUTURE", utilizationAfter: "1234567.50", limit: "5000000.00", tradingDate: "2026-12-02" });
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    Buffer.concat(chunks).toString("utf8");
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => process.stdout.write("pre-trade check service: http://127.0.0.1:" + server.address().port + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /pre-trade check service: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
}

async function stopServer(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export async function run(): Promise<BenchSection> {
  const autocannon = createRequire(import.meta.url)("autocannon") as (opts: unknown) => Promise<AutocannonResult>;
  const database = await createThrowawayDatabase();
  const client = createClient(database.url);
  let service: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  try {
    const key = await seedCheckFirm(client);
    const started = await startServer(["--conditions=react-server", "--import", "tsx", "scripts/pretrade-check.ts"], { ...process.env, DATABASE_URL: database.url, PORTAL_CHECK_PORT: "0", PORTAL_CHECK_HOST: "127.0.0.1" });
    service = started.child;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the check service did not become ready in 120 s");
      if ((await fetch(`${started.url}/ready`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const headers = { "content-type": "application/json", authorization: `Bearer ${key.token}` };
    const bodies = checkBodies();
    // Warm-up: loads the firm's 10,000 groupings, JITs the path; and the answers are real decisions.
    const decisions = new Map<string, number>();
    for (const body of bodies.slice(0, 64)) {
      const res = await fetch(`${started.url}/api/credit/check`, { method: "POST", headers, body });
      const answer = (await res.json()) as { decision?: string; rule?: string };
      if (res.status !== 200 || !answer.decision) throw new Error(`warm-up check failed: ${res.status} ${JSON.stringify(answer)}`);
      const k = answer.rule ?? answer.decision;
      decisions.set(k, (decisions.get(k) ?? 0) + 1);
    }
    let n = 0;
    const load = (url: string) => ({ url, method: "POST", headers, connections: CONNECTIONS, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[n++ & 511] }) }] });
    await autocannon({ ...load(`${started.url}/api/credit/check`), duration: 3 });
    const loadBefore = loadavg();
    const result = await autocannon({ ...load(`${started.url}/api/credit/check`), duration: SECONDS });
    const loadAfterService = loadavg();
    await stopServer(service);
    service = null;

    const bareStarted = await startServer(["-e", BARE_SERVER], process.env);
    bare = bareStarted.child;
    await autocannon({ ...load(bareStarted.url), duration: 3 });
    const baseline = await autocannon({ ...load(bareStarted.url), duration: SECONDS });
    const loadAfterBare = loadavg();

    const errors = result.errors + result.timeouts + result.non2xx;
    const ratio = baseline.requests.average > 0 ? (100 * result.requests.average) / baseline.requests.average : 0;
    const detail = { connections: CONNECTIONS, seconds: SECONDS, total: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, warmUpDecisions: Object.fromEntries(decisions), loadavgBefore: loadBefore, loadavgAfter: loadAfterService, cpus: os.cpus().length };
    const measurements: Measurement[] = [
      measure("check service throughput (autocannon, 50 connections)", result.requests.average, "req/s", { op: ">", value: 5000 }, detail),
      measure("check service latency p50", result.latency.p50, "ms"),
      measure("check service latency p99", result.latency.p99, "ms", { op: "<", value: 20 }),
      measure("check service errors (errors + timeouts + non-2xx)", errors, "count", { op: "<", value: 1 }),
      measure("bare node:http server throughput, same load (the machine's ceiling)", baseline.requests.average, "req/s", undefined, { p50: baseline.latency.p50, p99: baseline.latency.p99, errors: baseline.errors + baseline.timeouts + baseline.non2xx, loadavgAfter: loadAfterBare }),
      measure("check service share of the bare node:http rate", ratio, "%", { op: ">", value: 25 }),
    ];
    return { section: "pre-trade check service (node:http, in-memory state, LISTEN/NOTIFY)", measurements };
  } finally {
    await stopServer(service);
    await stopServer(bare);
    await client.$disconnect();
    await database.stop();
  }
}
