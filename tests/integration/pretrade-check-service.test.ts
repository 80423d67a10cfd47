/**
 * The pre-trade check service (issue "Throughput by design", part 1) as `npm start` runs it:
 * two service processes on the one test database, posting orders to both at once never
 * accept together more than the grouping's limit; a change made through the portal (a limit
 * version, an RMI block) reaches a running service through LISTEN/NOTIFY while its poll
 * interval is an hour; after its listening connection is cut it reloads on reconnect;
 * /health and /ready.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { executeAction } from "@/lib/server/action";
import { createGrouping, rmiBlock, updateGrouping } from "@/lib/server/credit-controls/actions";
import { testClient, testDatabaseUrl } from "../support/db";
import { actorFor, requestAs } from "../support/actors";

const EF = `SV${randomUUID().slice(0, 6).toUpperCase()}`;
/** An hour: any change a service sees within the test came by notice, never by a poll. */
const NO_POLL_MS = "3600000";

interface Service {
  readonly url: string;
  readonly child: ChildProcess;
}

function startService(): Promise<Service> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/pretrade-check.ts"], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PORTAL_CHECK_PORT: "0", PORTAL_CHECK_HOST: "127.0.0.1", CREDIT_STATE_POLL_MS: NO_POLL_MS },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /pre-trade check service: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once("exit", (code) => reject(new Error(`the check service exited (${code}) before listening: ${out}`)));
  });
}

async function untilReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${url}/ready`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/ready did not answer 200`);
}

/** Asks `check` again and again until it is true; answers the milliseconds it took (fails after `withinMs`). */
async function millisecondsUntil(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < withinMs) {
    if (await check()) return Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`not within ${withinMs} ms`);
}

describe("the pre-trade check service", () => {
  const db = testClient();
  const services: Service[] = [];
  let token: string;
  let groupingId: string;
  let admin: Awaited<ReturnType<typeof actorFor>>;
  const terms = (over: Record<string, unknown> = {}) => ({ executionFirmId: EF, account: "ACC1", exchange: "CME", productComplex: "EQUITY", product: "ES", derivativeType: "FUTURE", side: "BUY", quantity: 1, timeInForce: "DAY", ...over });
  const post = (s: Service, path: string, body: unknown) =>
    fetch(`${s.url}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const check = async (s: Service, over: Record<string, unknown> = {}) => (await (await post(s, "/api/credit/check", terms(over))).json()) as { decision: string; reason?: string; rule?: string; limit?: string };
  const setLimit = async (futuresLimit: string) => {
    const r = await executeAction(updateGrouping.definition, requestAs(admin), { groupingId, futuresLimit, optionsLimit: "0", clipBuyFutures: "", clipSellFutures: "", clipBuyOptions: "", clipSellOptions: "", includeGtc: false, includeGtd: false, actionEmail: false, actionBlock: false, actionCancel: false, rates: [{ derivativeType: "FUTURE", product: "ES", rate: "10000" }], note: "service test" });
    expect(r.ok).toBe(true);
  };

  beforeAll(async () => {
    admin = await actorFor(db, "risk@dlta.example");
    const key = generateApiKey();
    await db.apiKey.create({ data: { firmId: admin.firmId!, name: "check service test", prefix: key.prefix, secretHash: key.secretHash, createdBy: admin.userId } });
    token = key.token;
    const created = await executeAction(createGrouping.definition, requestAs(admin), { executionFirmId: EF, exchange: "CME", productComplex: "EQUITY" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    groupingId = created.data.id;
    await setLimit("100000"); // ten contracts at 10,000 each
    services.push(...(await Promise.all([startService(), startService()])));
    await Promise.all(services.map((s) => untilReady(s.url)));
  });

  afterAll(async () => {
    await Promise.all(
      services.map((s) => {
        const exited = new Promise((r) => s.child.once("exit", r));
        s.child.kill("SIGTERM");
        return exited;
      }),
    );
    await db.$disconnect();
  });

  it("answers /health and /ready (database, migrations, listening)", async () => {
    const health = await fetch(`${services[0]!.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${services[0]!.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true }, migrations: { ok: true }, notices: { ok: true } } });
  });

  it("refuses a missing key and bad input as the portal's route does, naming the field", async () => {
    const s = services[0]!;
    const noKey = await fetch(`${s.url}/api/credit/check`, { method: "POST", body: "{}" });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: { field: "authorization" } });
    const bad = await post(s, "/api/credit/check", terms({ quantity: 0 }));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: "quantity", message: "quantity must be at least 1" } });
  });

  it("two services on one database never accept together more than the grouping's limit allows", async () => {
    // Both have the firm loaded (the limit leaves room for ten contracts).
    for (const s of services) expect(await check(s)).toMatchObject({ decision: "ACCEPT", limit: "100000.00" });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(services[i % 2]!, "/api/orders", { clientOrderId: `${EF}-${i}`, ...terms() }).then(async (r) => ({ status: r.status, body: (await r.json()) as { decision?: string; rule?: string } }))),
    );
    expect(answers.filter((a) => a.status !== 201 && a.status !== 200)).toEqual([]);
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted.length).toBe(10);
    expect(answers.filter((a) => a.status === 200).every((a) => a.body.decision === "REJECT" && a.body.rule === "LIMIT_EXCEEDED")).toBe(true);
    expect(await db.creditOrder.count({ where: { firmId: admin.firmId!, executionFirmId: EF, state: "WORKING" } })).toBe(10);
    // Each service now refuses the eleventh contract, whichever of them took the orders.
    for (const s of services) expect(await check(s)).toMatchObject({ decision: "REJECT", rule: "LIMIT_EXCEEDED" });
  });

  it("a limit change made in the portal applies on running services by notice, not by a poll", async () => {
    // Twenty more contracts do not fit under 100,000 (both services have the firm loaded now) …
    for (const s of services) expect(await check(s, { quantity: 20 })).toMatchObject({ decision: "REJECT", rule: "LIMIT_EXCEEDED", limit: "100000.00" });
    await setLimit("400000");
    // … and fit under 400,000 as soon as the new version's notice arrives.
    for (const s of services) await millisecondsUntil(async () => (await check(s, { quantity: 20 })).decision === "ACCEPT", 5_000);
  });

  it("two services never fill an order beyond its quantity (fills read the order under the firm's lock)", async () => {
    await setLimit("400000"); // room for the five orders of 5
    const ids = Array.from({ length: 5 }, (_, i) => `${EF}-S${i}`);
    for (const id of ids) expect((await post(services[0]!, "/api/orders", { clientOrderId: id, ...terms({ side: "SELL", quantity: 5 }) })).status).toBe(201);
    // Two fills of 3 for each order of 5, one through each service at the same moment (both with
    // the firm's state loaded): one of the two is refused.
    const answers: { status: number; body: { error?: { field: string } } }[] = [];
    for (const id of ids) {
      for (const s of services) await check(s);
      answers.push(...(await Promise.all(services.map((s, k) => post(s, "/api/fills", { clientFillId: `${id}-F${k}`, clientOrderId: id, quantity: 3, price: "5012.25" }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { field: string } } }))))));
    }
    expect(answers.filter((a) => a.status === 201).length).toBe(ids.length);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.error?.field])).toEqual(ids.map(() => [422, "quantity"]));
    for (const id of ids) {
      const o = await db.creditOrder.findUniqueOrThrow({ where: { firmId_clientOrderId: { firmId: admin.firmId!, clientOrderId: id } }, include: { fills: true } });
      expect([o.filledQuantity, o.fills.reduce((n, f) => n + f.quantity, 0), o.state]).toEqual([3, 3, "PARTIALLY_FILLED"]);
    }
  });

  it("an RMI block made in the portal refuses the next order on a running service", async () => {
    const s = services[1]!;
    expect(await check(s, { account: "RMI1" })).toMatchObject({ decision: "ACCEPT" });
    const b = await executeAction(rmiBlock.definition, requestAs(admin), { executionFirmId: EF, account: "RMI1", reason: "desk review" });
    expect(b.ok).toBe(true);
    await millisecondsUntil(async () => (await check(s, { account: "RMI1" })).rule === "BLOCKED", 5_000);
    expect(await check(s, { account: "ACC1" })).toMatchObject({ decision: "ACCEPT" });
  });

  it("after its listening connection is cut, a service reloads on reconnect (changes in between are not lost)", async () => {
    const s = services[0]!;
    expect(await check(s, { account: "CUT1" })).toMatchObject({ decision: "ACCEPT" });
    const cut = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %'`;
    expect(cut.length).toBe(2); // one per service
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %'`;
    // The change while no one listens: its notice goes nowhere.
    const b = await executeAction(rmiBlock.definition, requestAs(admin), { executionFirmId: EF, account: "CUT1", reason: "while disconnected" });
    expect(b.ok).toBe(true);
    await millisecondsUntil(async () => (await check(s, { account: "CUT1" })).rule === "BLOCKED", 10_000);
    await untilReady(s.url);
  });
});
