/**
 * `npm run test:auction-storm`: sealed bids at the deadline ("correctness under load").
 *
 * Starts the real portal (scripts/start.ts, `next start`) on its own throw-away database with
 * 200 bidding firms (each with an API key) invited to one auction, and has every bidder submit
 * through the HTTP interface in the last second before the close, each with an Idempotency-Key;
 * a share of them retries with the same key, and some bidders submit just after the deadline.
 * Then waits for the auction to close at its deadline (the server's closer) and checks in the
 * database: every acknowledged bid is present once with the amount and time acknowledged, none
 * was accepted at or after the deadline by the database's clock, none is stored twice, the
 * bidders who submitted late were refused, and the close counted exactly the stored bids.
 * Bids that reach the database after the deadline are refused (409) by design: the report
 * counts them, with the answer latency and rate, which depend on the machine's load.
 * Writes the report to reports/auction-storm.json; exit code 0 only when all holds.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateApiKey } from "@/lib/auth/api-keys";
import { createClient } from "@/lib/db/client";
import { createThrowawayDatabase } from "@/lib/db/throwaway";
import { seedDemo } from "@/lib/demo/seed";
import { startPortal, type PortalProcess } from "./support/portal";

const PORT = Number(process.env.AUCTION_STORM_PORT ?? 3396);
const BIDDERS = Number(process.env.AUCTION_STORM_BIDDERS ?? 200);
const LATE = 20;
const RETRIES = 40;
/** Time from the set-up to the deadline: enough to warm every key up first. */
const LEAD_MS = 12_000;
const log = (l: string) => process.stderr.write(`[auction-storm] ${l}\n`);

interface Attempt {
  readonly bidder: number;
  readonly key: string;
  readonly amount: string;
  readonly sentAt: number;
  status: number | null;
  answeredAt?: number;
  receipt?: { reference: string; amount: string; submittedAt: string };
  replayed?: boolean;
  error?: string;
  late: boolean;
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "portal-storm-"));
  await chmod(root, 0o755);
  const database = await createThrowawayDatabase();
  const db = createClient(database.url);
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE, NODE_OPTIONS: process.env.STORM_NODE_OPTIONS, PORTAL_DEMO: "1", PORTAL_THROWAWAY_DB: undefined, PORTAL_DATA_DIR: root, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), TOTP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  process.env.TOTP_ENCRYPTION_KEY = env.TOTP_ENCRYPTION_KEY;
  let portal: PortalProcess | null = null;
  try {
    await seedDemo(db, { databaseUrl: database.url });
    const staff = await db.user.findFirstOrThrow({ where: { role: "CH_RISK_STAFF" } });
    const category = await db.productCategory.findFirstOrThrow({ where: { code: "FX" } });
    const defaulter = await db.firm.update({ where: { code: "ACME" }, data: { status: "IN_DEFAULT" } });
    const today = new Date(new Date().toISOString().slice(0, 10));
    const memberDefault = await db.memberDefault.create({ data: { firmId: defaulter.id, defaultDate: today, reason: "auction storm test", declaredBy: staff.id, coolingOffStart: today, coolingOffEnd: today } });

    // 200 bidding firms, each with an API key for its bidding system.
    const bidders: { firmId: string; token: string }[] = [];
    for (let i = 0; i < BIDDERS; i++) {
      const firm = await db.firm.create({ data: { code: `BD${String(i).padStart(3, "0")}`, legalName: `Bidder ${i} LLC`, legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME"] } });
      const key = generateApiKey();
      await db.apiKey.create({ data: { firmId: firm.id, name: "bidding system", prefix: key.prefix, secretHash: key.secretHash, createdBy: staff.id } });
      bidders.push({ firmId: firm.id, token: key.token });
    }
    portal = await startPortal({ port: PORT, env });
    const url = portal.url;
    const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    const closesAt = new Date(clock!.now.getTime() + LEAD_MS);
    const auction = await db.auction.create({
      data: {
        reference: `AUC-STORM-${randomBytes(3).toString("hex").toUpperCase()}`,
        defaultId: memberDefault.id,
        categoryId: category.id,
        opensAt: clock!.now,
        closesAt,
        portfolio: { positions: [{ contract: "CME:EC:202612", quantity: "4" }] },
        portfolioPerformanceBond: "10000.00",
        createdBy: staff.id,
        invitations: { create: bidders.map((b, i) => ({ firmId: b.firmId, mandated: i % 2 === 0 })) },
      },
    });
    const bidsUrl = `${url}/api/auctions/${auction.id}/bids`;
    // Warm up: each key once (authentication, route loaded), as a bidding system would be connected.
    await Promise.all(bidders.map((b) => fetch(bidsUrl, { headers: { authorization: `Bearer ${b.token}` } }).then((r) => r.arrayBuffer())));
    log(`${BIDDERS} bidders ready; the auction closes at ${closesAt.toISOString()} (database clock)`);

    const send = async (a: Attempt): Promise<void> => {
      try {
        const res = await fetch(bidsUrl, { method: "POST", headers: { authorization: `Bearer ${bidders[a.bidder]!.token}`, "content-type": "application/json", "idempotency-key": a.key }, body: JSON.stringify({ amount: a.amount }) });
        a.status = res.status;
        a.answeredAt = Date.now();
        const body = (await res.json()) as { reference?: string; amount?: string; submittedAt?: string; error?: { message: string } };
        if (res.status === 201) {
          a.receipt = { reference: body.reference!, amount: body.amount!, submittedAt: body.submittedAt! };
          a.replayed = res.headers.get("idempotent-replayed") === "true";
        } else a.error = body.error?.message;
      } catch (e) {
        a.error = e instanceof Error ? e.message : String(e);
      }
    };
    const at = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - Date.now())));
    const deadline = closesAt.getTime();
    const attempts: Attempt[] = [];
    const jobs: Promise<void>[] = [];
    // Every bidder in the last second (spread over its first 900 ms); the first RETRIES bidders
    // retry with the same key right after their first answer; LATE bidders also try after the close.
    for (let i = 0; i < BIDDERS; i++) {
      const amount = ((i * 7919) % 100000 - 50000 + i / 100).toFixed(2);
      const a: Attempt = { bidder: i, key: randomUUID(), amount, sentAt: 0, status: null, late: false };
      attempts.push(a);
      jobs.push(
        (async () => {
          await at(deadline - 1000 + Math.floor(Math.random() * 900));
          (a as { sentAt: number }).sentAt = Date.now();
          await send(a);
          if (i < RETRIES) {
            const retry: Attempt = { ...a, sentAt: Date.now(), status: null, receipt: undefined, replayed: undefined, error: undefined };
            attempts.push(retry);
            await send(retry);
          }
        })(),
      );
    }
    for (let j = 0; j < LATE; j++) {
      const a: Attempt = { bidder: BIDDERS - 1 - j, key: randomUUID(), amount: "999999.99", sentAt: 0, status: null, late: true };
      attempts.push(a);
      jobs.push(
        (async () => {
          await at(deadline + 50 + j * 20);
          (a as { sentAt: number }).sentAt = Date.now();
          await send(a);
        })(),
      );
    }
    await Promise.all(jobs);

    // The close at the deadline, by the server's closer.
    let closed = null;
    for (let waited = 0; waited < 30_000 && !closed; waited += 250) {
      const row = await db.auction.findUniqueOrThrow({ where: { id: auction.id } });
      if (row.status === "CLOSED") closed = row;
      else await new Promise((r) => setTimeout(r, 250));
    }

    const problems: string[] = [];
    const rows = await db.auctionBid.findMany({ where: { auctionId: auction.id }, orderBy: { id: "asc" } });
    const byReference = new Map(rows.map((r) => [r.reference, r]));
    const firstAnswers = attempts.filter((a) => !a.late && a.replayed !== true);
    const acknowledged = attempts.filter((a) => a.status === 201);
    const acknowledgedRefs = new Set(acknowledged.map((a) => a.receipt!.reference));
    for (const a of acknowledged) {
      const row = byReference.get(a.receipt!.reference);
      if (!row) problems.push(`bid ${a.receipt!.reference} of bidder ${a.bidder} was acknowledged but is not stored`);
      else {
        if (row.amount.toFixed(2) !== a.receipt!.amount) problems.push(`bid ${row.reference}: stored ${row.amount.toFixed(2)}, acknowledged ${a.receipt!.amount}`);
        if (row.submittedAt.toISOString() !== a.receipt!.submittedAt) problems.push(`bid ${row.reference}: stored at ${row.submittedAt.toISOString()}, acknowledged at ${a.receipt!.submittedAt}`);
        if (row.firmId !== bidders[a.bidder]!.firmId) problems.push(`bid ${row.reference} stored for another firm`);
      }
    }
    for (const r of rows) {
      if (r.submittedAt.getTime() >= deadline) problems.push(`bid ${r.reference} accepted at ${r.submittedAt.toISOString()}, at or after the deadline`);
      if (!acknowledgedRefs.has(r.reference)) problems.push(`bid ${r.reference} is stored but was never acknowledged`);
    }
    const keys = await db.idempotencyRecord.count({ where: { key: { in: attempts.map((a) => a.key) } } });
    const firstAcks = acknowledged.filter((a) => !a.replayed);
    if (rows.length !== firstAcks.length) problems.push(`${rows.length} bids stored for ${firstAcks.length} first acknowledgements (a retry stored twice or an acknowledged bid is missing)`);
    if (keys !== firstAcks.length) problems.push(`${keys} idempotency records for ${firstAcks.length} acknowledged submissions`);
    const retries = attempts.filter((a, i) => i > 0 && attempts.slice(0, i).some((b) => b.key === a.key));
    for (const r of retries) {
      const first = attempts.find((b) => b.key === r.key)!;
      if (first.status === 201 && (r.status !== 201 || !r.replayed || r.receipt?.reference !== first.receipt?.reference)) problems.push(`retry of bidder ${r.bidder} with the same key gave ${r.status} ${r.receipt?.reference ?? r.error} instead of the stored receipt ${first.receipt?.reference}`);
    }
    const lateAccepted = attempts.filter((a) => a.late && a.status === 201);
    for (const a of lateAccepted) problems.push(`bidder ${a.bidder} sent after the deadline and was accepted (${a.receipt!.submittedAt})`);
    const lateRefused = attempts.filter((a) => a.late && a.status === 409).length;
    const unanswered = attempts.filter((a) => a.status === null);
    for (const a of unanswered) problems.push(`bidder ${a.bidder} got no answer: ${a.error}`);
    const refusedInTime = firstAnswers.filter((a) => a.status !== 201 && a.status !== null);
    if (!closed) problems.push("the auction did not close at its deadline within 30 s");
    else {
      const result = closed.result as { totalBids: number; participants: { firmId: string; bidReference: string | null }[] };
      if (result.totalBids !== rows.length) problems.push(`the close counted ${result.totalBids} bids, ${rows.length} are stored`);
      const lastOf = new Map<string, string>();
      for (const r of rows) lastOf.set(r.firmId, r.reference);
      for (const p of result.participants) {
        if ((lastOf.get(p.firmId) ?? null) !== p.bidReference) problems.push(`the close took ${p.bidReference} as the last bid of ${p.firmId}, the last stored is ${lastOf.get(p.firmId)}`);
      }
      if (closed.closedAt!.getTime() !== deadline) problems.push(`closed at ${closed.closedAt!.toISOString()}, the deadline was ${closesAt.toISOString()}`);
    }
    const answered = attempts.filter((a) => a.answeredAt !== undefined && !a.late);
    const latencies = answered.map((a) => a.answeredAt! - a.sentAt).sort((x, y) => x - y);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? null;
    const window = answered.length ? (Math.max(...answered.map((a) => a.answeredAt!)) - Math.min(...answered.map((a) => a.sentAt))) / 1000 : 0;
    const report = {
      test: `${BIDDERS} bidders submitting sealed bids over HTTP in the last second before the close`,
      ok: problems.length === 0,
      bidders: BIDDERS,
      deadline: closesAt.toISOString(),
      submissions: attempts.length,
      acknowledged: acknowledged.length,
      acknowledgedFirstTime: firstAcks.length,
      retriesReplayed: retries.filter((r) => r.replayed).length,
      refusedBeforeDeadlineBySender: refusedInTime.map((a) => ({ bidder: a.bidder, status: a.status, error: a.error })),
      lateSubmissions: LATE,
      lateRefused,
      stored: rows.length,
      latencyMs: { p50: pct(50), p95: pct(95), max: latencies.at(-1) ?? null },
      answersPerSecond: window ? Math.round((answered.length / window) * 10) / 10 : null,
      loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
      closedAt: closed?.closedAt?.toISOString() ?? null,
      problems,
    };
    await mkdir("reports", { recursive: true });
    await writeFile(path.join("reports", "auction-storm.json"), JSON.stringify(report, null, 2) + "\n");
    process.stdout.write(JSON.stringify({ ...report, refusedBeforeDeadlineBySender: report.refusedBeforeDeadlineBySender.length }, null, 2) + "\n");
    if (!report.ok) process.exitCode = 1;
  } finally {
    await portal?.stop();
    await db.$disconnect();
    await database.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[auction-storm] FAILED: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
