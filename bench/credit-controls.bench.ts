/**
 * Credit controls speed (a benchmark, not a test):
 *  1. the pre-trade check in-process, with 10,000 groupings loaded: p50 / p99 per check
 *     (target p99 < 50 µs);
 *  2. POST /api/credit/check over HTTP against `next start` of this build, on a throw-away
 *     database with the demo data, an API key and 10,000 groupings: autocannon's requests per
 *     second, p50 / p99 latency and errors (targets ≥ 5,000 req/s, p99 < 20 ms).
 * Needs a `next build` first for the HTTP part (it is skipped, and says so, without one).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { CreditEngine, D, type CheckOrder } from "@/lib/risk";
import type { PrismaClient } from "@/generated/prisma/client";
import { generateApiKey, type GeneratedKey } from "@/lib/auth/api-keys";
import { createClient } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createThrowawayDatabase } from "@/lib/db/throwaway";
import { measure, percentile, type BenchSection, type Measurement } from "./run";

const GROUPINGS = 10_000;
const PRODUCTS = ["ES", "NQ", "YM", "RTY"] as const;

function inProcess(): Measurement[] {
  const engine = new CreditEngine();
  for (let i = 0; i < GROUPINGS; i++) {
    engine.setGrouping({
      id: `g${i}`,
      version: 2,
      executionFirmId: `EF${i % 1000}`,
      exchange: i % 2 ? "CME" : "CBOT",
      productComplex: `PC${Math.floor(i / 1000) % 10}`,
      futuresLimit: new D("5000000.00"),
      optionsLimit: new D("1000000.00"),
      clips: { buyFutures: 500n, sellFutures: 500n, buyOptions: null, sellOptions: null },
      includeGtc: true,
      includeGtd: false,
      rates: PRODUCTS.flatMap((p, j) => [
        { product: p, derivativeType: "FUTURE" as const, rate: new D(`${10000 + j * 1250}.50`) },
        { product: p, derivativeType: "OPTION" as const, rate: new D(`${1500 + j * 10}.25`) },
      ]),
      creditBlocked: false,
    });
  }
  // a working book: 5 orders per grouping
  let id = 0;
  for (let i = 0; i < GROUPINGS; i++) {
    for (let k = 0; k < 5; k++) {
      engine.addOrder({ id: `o${id++}`, executionFirmId: `EF${i % 1000}`, exchange: i % 2 ? "CME" : "CBOT", productComplex: `PC${Math.floor(i / 1000) % 10}`, account: "A1", product: PRODUCTS[k % 4]!, derivativeType: k % 3 ? "FUTURE" : "OPTION", side: k % 2 ? "BUY" : "SELL", timeInForce: k % 2 ? "DAY" : "GTC", remaining: BigInt(5 + k) });
    }
  }
  engine.addBlock({ id: "b", kind: "RMI", executionFirmId: "EF999", account: "BLOCKED", exchange: null, derivativeType: null, side: null });
  const orders: CheckOrder[] = [];
  for (let n = 0; n < 4096; n++) {
    const i = (n * 7919) % GROUPINGS;
    orders.push({ executionFirmId: `EF${i % 1000}`, exchange: i % 2 ? "CME" : "CBOT", productComplex: `PC${Math.floor(i / 1000) % 10}`, account: n % 97 === 0 ? "BLOCKED" : "A1", product: PRODUCTS[n % 4]!, derivativeType: n % 5 ? "FUTURE" : "OPTION", side: n % 2 ? "BUY" : "SELL", timeInForce: "DAY", quantity: BigInt(1 + (n % 600)) });
  }
  for (let n = 0; n < 50_000; n++) engine.check(orders[n & 4095]!); // warm-up (JIT)
  const samples: number[] = [];
  let accepted = 0;
  for (let n = 0; n < 200_000; n++) {
    const t0 = process.hrtime.bigint();
    const r = engine.check(orders[n & 4095]!);
    const t1 = process.hrtime.bigint();
    if (r.accepted) accepted++;
    samples.push(Number(t1 - t0) / 1000);
  }
  return [
    measure("in-process check p50 (10,000 groupings)", percentile(samples, 50), "µs"),
    measure("in-process check p99 (10,000 groupings)", percentile(samples, 99), "µs", { op: "<", value: 50 }, { checks: samples.length, accepted, groupings: engine.groupingCount }),
  ];
}

/**
 * The demo data, an API key of ACME and 10,000 groupings of ACME with limits and four futures
 * rates each (in bulk): the firm both HTTP check benchmarks ask about. Answers the key.
 */
export async function seedCheckFirm(client: PrismaClient): Promise<GeneratedKey> {
  // The demo users' second factors are sealed with this key (a server started after gets the same one).
  process.env.TOTP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  await seedDemo(client);
  const firm = await client.firm.findUniqueOrThrow({ where: { code: "ACME" } });
  const admin = await client.user.findUniqueOrThrow({ where: { email: "risk@acme.example" } });
  const key = generateApiKey();
  await client.apiKey.create({ data: { firmId: firm.id, name: "bench", prefix: key.prefix, secretHash: key.secretHash, createdBy: admin.id } });
  await client.$executeRawUnsafe(`
    INSERT INTO credit_grouping (id, firm_id, execution_firm_id, exchange, product_complex, current_version)
    SELECT gen_random_uuid(), '${firm.id}', 'EF' || (i % 1000), CASE WHEN i % 2 = 1 THEN 'CME' ELSE 'CBOT' END, 'PC' || ((i / 1000) % 10), 2
    FROM generate_series(0, ${GROUPINGS - 1}) AS i`);
  await client.$executeRawUnsafe(`
    INSERT INTO credit_grouping_version (id, grouping_id, version, futures_limit, options_limit, clip_buy_futures, clip_sell_futures, include_gtc, include_gtd, action_email, action_block, action_cancel, note)
    SELECT gen_random_uuid(), g.id, 2, 5000000, 1000000, 500, 500, true, false, true, false, false, 'bench' FROM credit_grouping g WHERE g.firm_id = '${firm.id}'`);
  await client.$executeRawUnsafe(`
    INSERT INTO credit_reference_rate (id, version_id, derivative_type, product, rate)
    SELECT gen_random_uuid(), v.id, 'FUTURE', p.product, p.rate FROM credit_grouping_version v JOIN credit_grouping g ON g.id = v.grouping_id
    CROSS JOIN (VALUES ('ES', 10000.50), ('NQ', 11250.50), ('YM', 12500.50), ('RTY', 13750.50)) AS p(product, rate) WHERE g.firm_id = '${firm.id}'`);
  return key;
}

/** 512 check requests spread over the seeded groupings, both sides, 1 to 300 contracts. */
export function checkBodies(): string[] {
  return Array.from({ length: 512 }, (_, n) => {
    const i = (n * 7919) % GROUPINGS;
    return JSON.stringify({ executionFirmId: `EF${i % 1000}`, account: "A1", exchange: i % 2 ? "CME" : "CBOT", productComplex: `PC${Math.floor(i / 1000) % 10}`, product: PRODUCTS[n % 4], derivativeType: "FUTURE", side: n % 2 ? "BUY" : "SELL", quantity: 1 + (n % 300), timeInForce: "DAY" });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function overHttp(): Promise<Measurement[]> {
  if (!existsSync(".next/BUILD_ID")) return [measure("HTTP check skipped: no `next build`", 0, "-")];
  const database = await createThrowawayDatabase();
  const client = createClient(database.url);
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const key = await seedCheckFirm(client);
    const port = await freePort();
    server = spawn("npx", ["--no-install", "tsx", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), PORTAL_SKIP_BUILD: "1", PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", PORTAL_DEMO: "" },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the portal did not become ready in 120 s");
      try {
        if ((await fetch(`${base}/api/ready`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const headers = { "content-type": "application/json", authorization: `Bearer ${key.token}` };
    const bodies = checkBodies();
    // warm-up: loads the firm's 10,000 groupings and JITs the route
    const first = await fetch(`${base}/api/credit/check`, { method: "POST", headers, body: bodies[0] });
    const firstBody = (await first.json()) as { decision?: string };
    if (first.status !== 200 || !firstBody.decision) throw new Error(`warm-up check failed: ${first.status} ${JSON.stringify(firstBody)}`);
    const require = createRequire(import.meta.url);
    const autocannon = require("autocannon") as (opts: unknown) => Promise<AutocannonResult>;
    let n = 0;
    const common = { url: `${base}/api/credit/check`, method: "POST", headers, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[n++ & 511] }) }] };
    await autocannon({ ...common, connections: 32, duration: 5 });
    const result = await autocannon({ ...common, connections: 32, pipelining: 1, duration: 20 });
    // Context: the same server's cheapest route (no database, no body), under the same load.
    const health = await autocannon({ url: `${base}/api/health`, connections: 32, duration: 10 });
    const detail = { connections: 32, durationSeconds: 20, total: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, loadavg: os.loadavg(), cpus: os.cpus().length };
    return [
      measure("HTTP check throughput (autocannon, next start)", result.requests.average, "req/s", { op: ">", value: 5000 }, detail),
      measure("HTTP check latency p50", result.latency.p50, "ms"),
      measure("HTTP check latency p99", result.latency.p99, "ms", { op: "<", value: 20 }),
      measure("HTTP GET /api/health throughput, same server (baseline of the framework)", health.requests.average, "req/s", undefined, { p50: health.latency.p50, p99: health.latency.p99 }),
      measure("HTTP check errors (errors + timeouts + non-2xx)", result.errors + result.timeouts + result.non2xx, "count", { op: "<", value: 1 }),
    ];
  } finally {
    if (server?.pid) {
      const exited = new Promise((r) => server!.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
    await client.$disconnect();
    await database.stop();
  }
}

export async function run(): Promise<BenchSection> {
  const measurements = [...inProcess(), ...(await overHttp())];
  return { section: "credit controls: pre-trade check", measurements };
}
