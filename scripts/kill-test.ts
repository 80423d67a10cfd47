/**
 * `npm run test:kill`: acknowledged submissions survive a crash, exactly once.
 *
 * Starts the real portal (scripts/start.ts, `next start`) on its own throw-away database,
 * streams submissions over HTTP from several clients, each with an Idempotency-Key, and kills
 * the web server with SIGKILL in the middle of the stream (the database keeps running). Then
 * restarts it, retries every submission that got no answer with the same key (as a client
 * would), replays a few acknowledged ones too, and checks in the database that every
 * acknowledged submission is there exactly once, with the id it was acknowledged with, and
 * complete (a document's file on disk, a filing's lines, …), and that the database holds no
 * more of each kind than were submitted. Needs a prior `next build`. Exit code 0 only when all
 * holds.
 *
 * Submission kinds are entries of SUBMISSION_KINDS (document uploads, financial filings, credit
 * limit changes, guaranty fund notice acknowledgements, membership application submissions):
 * another kind is one more entry saying how to prepare, send and count it.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { createClient } from "@/lib/db/client";
import { demoTotpSecret } from "@/lib/demo/second-factor";
import { createThrowawayDatabase } from "@/lib/db/throwaway";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { completeApplication } from "../tests/support/applications";
import { httpSignIn, postJson, startPortal, upload, type PortalProcess } from "./support/portal";

const PORT = Number(process.env.KILL_TEST_PORT ?? 3386);
const CLIENTS = 6;
const ACKS_BEFORE_KILL = 40;
/** acknowledged submissions of each kind replayed after the restart */
const REPLAYS_PER_KIND = 2;
const log = (l: string) => process.stderr.write(`[kill-test] ${l}\n`);

interface Context {
  readonly url: string;
  readonly dataDir: string;
  readonly db: PrismaClient;
}

/** One submission: its key, and what the portal answered for it. */
interface Submission {
  readonly kind: string;
  readonly key: string;
  /** what identifies it in the database (a file's sha256, a notice's id, …) */
  readonly ref: string;
  ackedId?: string;
  /** the request failed without an answer (the server died under it) */
  lost?: boolean;
}

type Answer = { id: string; replayed: boolean } | null;

interface SubmissionKind {
  readonly name: string;
  /** before the stream: sign in, and put in place what every submission of the kind needs */
  setup(ctx: Context): Promise<void>;
  /** a new submission; writes what it alone needs straight to the database, never through the portal (which may be dead) */
  create(ctx: Context, n: number): Promise<Submission>;
  /** sends a new or retried submission; answers the acknowledged id, or null without an answer; throws on a refusal */
  send(ctx: Context, s: Submission): Promise<Answer>;
  /** rows stored for the submission, with the ids it is acknowledged by, and whether everything it needs is in place */
  stored(ctx: Context, s: Submission): Promise<{ ids: string[]; complete: boolean }>;
  /** how many of the kind the database holds from this test in all: one per submission, or something was stored twice */
  total(ctx: Context): Promise<number>;
}

/** Posts a JSON submission: the id the answer names, null when no answer came (connection reset or refused). */
async function sendJson(ctx: Context, jar: Map<string, string>, route: string, s: Submission, body: unknown, idOf: (answer: Record<string, unknown>) => unknown): Promise<Answer> {
  let a;
  try {
    a = await postJson(ctx.url, jar, route, body, { idempotencyKey: s.key });
  } catch {
    return null;
  }
  const id = idOf(a.body);
  if (a.status >= 300 || typeof id !== "string") throw new Error(`refused: ${s.kind} ${s.key} got ${a.status} ${JSON.stringify(a.body)}`);
  return { id, replayed: a.replayed };
}

async function signIn(ctx: Context, email: string, secondFactor = false): Promise<Map<string, string>> {
  return httpSignIn(ctx.url, email, DEMO_PASSWORD, secondFactor ? demoTotpSecret(email) : undefined);
}

async function firmOf(ctx: Context, email: string): Promise<{ id: string; firmId: string }> {
  const u = await ctx.db.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, firmId: u.firmId! };
}

type KindImplementation = Omit<SubmissionKind, "name" | "create"> & { create(ctx: Context, n: number): Promise<Omit<Submission, "kind">> };

/** A kind with its own state: its session's cookies and the bodies of its submissions (by key). */
function kind(name: string, make: (state: { jar: Map<string, string>; bodies: Map<string, Record<string, unknown>> }) => KindImplementation): SubmissionKind {
  const impl = make({ jar: new Map(), bodies: new Map() });
  return { ...impl, name, create: async (ctx, n) => ({ ...(await impl.create(ctx, n)), kind: name }) };
}

const uploads = kind("document upload", ({ jar }) => {
  const files = new Map<string, Uint8Array>();
  return {
    async setup(ctx) {
      for (const [k, v] of await signIn(ctx, "ops@acme.example")) jar.set(k, v);
    },
    async create(_ctx, n) {
      const body = new TextEncoder().encode(`account,amount,nonce\nKILL-${n},${n * 10},${randomBytes(8).toString("hex")}\n`);
      const ref = createHash("sha256").update(body).digest("hex");
      files.set(ref, body);
      return { key: randomUUID(), ref };
    },
    async send(ctx, s) {
      try {
        const a = await upload(ctx.url, jar, { purpose: "filing-document", name: `kill-${s.ref.slice(0, 8)}.csv`, body: files.get(s.ref)!, idempotencyKey: s.key });
        if (a.status !== 201 || !a.body.id) throw new Error(`refused: ${a.status} ${JSON.stringify(a.body)}`);
        return { id: a.body.id, replayed: a.replayed };
      } catch (e) {
        if (e instanceof Error && e.message.startsWith("refused")) throw e;
        return null; // connection reset / refused: no acknowledgement
      }
    },
    async stored(ctx, s) {
      const rows = await ctx.db.storedFile.findMany({ where: { sha256: s.ref }, select: { id: true, storageKey: true } });
      return { ids: rows.map((r) => r.id), complete: rows.every((r) => existsSync(path.join(ctx.dataDir, "uploads", r.storageKey))) };
    },
    total: (ctx) => ctx.db.storedFile.count({ where: { purpose: "filing-document", originalName: { startsWith: "kill-" } } }),
  };
});

/** COBT files monthly statements for month ends before 2000 (no demo filing is that old), one period per submission. */
const filings = kind("financial filing", ({ jar, bodies }) => {
  const email = "ops@cobt.example";
  const lines = { current_assets: "40000000", total_liabilities: "14000000", charge_speculative_proprietary: "700000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" };
  let signedDocumentId = "";
  let firmId = "";
  return {
    async setup(ctx) {
      for (const [k, v] of await signIn(ctx, email)) jar.set(k, v);
      firmId = (await firmOf(ctx, email)).firmId;
      const pdf = await upload(ctx.url, jar, { purpose: "filing-document", name: "signed-original.pdf", body: new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
      if (pdf.status !== 201 || !pdf.body.id) throw new Error(`the signed original was refused: ${JSON.stringify(pdf.body)}`);
      signedDocumentId = pdf.body.id;
    },
    async create(_ctx, n) {
      const periodEnd = new Date(Date.UTC(1980, n + 1, 0)).toISOString().slice(0, 10);
      const s = { key: randomUUID(), ref: periodEnd };
      bodies.set(s.key, { kind: "MONTHLY_1FR", periodEnd, lines, signedDocumentId });
      return s;
    },
    send: (ctx, s) => sendJson(ctx, jar, "/api/filings", s, bodies.get(s.key), (a) => a.id),
    async stored(ctx, s) {
      const rows = await ctx.db.filing.findMany({ where: { firmId, kind: "MONTHLY_1FR", periodEnd: new Date(`${s.ref}T00:00:00Z`) }, include: { lines: true } });
      return { ids: rows.map((r) => r.id), complete: rows.every((r) => r.version === 1 && r.signedDocumentId === signedDocumentId && r.lines.length === 5 && r.adjustedNetCapital.toFixed(2) === "25300000.00") };
    },
    total: (ctx) => ctx.db.filing.count({ where: { firmId, periodEnd: { lt: new Date("2000-01-01") } } }),
  };
});

/** ACME's risk admin (second factor) raises the limits of a grouping of its own per submission (new version 2). */
const limitChanges = kind("credit limit change", ({ jar, bodies }) => {
  const email = "risk@acme.example";
  let user = { id: "", firmId: "" };
  return {
    async setup(ctx) {
      for (const [k, v] of await signIn(ctx, email, true)) jar.set(k, v);
      user = await firmOf(ctx, email);
    },
    async create(ctx, n) {
      const g = await ctx.db.creditGrouping.create({ data: { firmId: user.firmId, executionFirmId: `KILL${n}`, exchange: "CME", productComplex: "EQUITY", currentVersion: 1 } });
      await ctx.db.creditGroupingVersion.create({ data: { groupingId: g.id, version: 1, futuresLimit: "0", optionsLimit: "0", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: false, actionCancel: false, note: "created (limits at zero)", changedBy: user.id, changedByEmail: email } });
      const s = { key: randomUUID(), ref: g.id };
      const settings = { futuresLimit: `${1000 + n}000.00`, optionsLimit: "500000.00", clipBuyFutures: null, clipSellFutures: null, clipBuyOptions: null, clipSellOptions: null };
      bodies.set(s.key, { groupingId: g.id, ...settings, includeGtc: true, includeGtd: false, actionEmail: true, actionBlock: true, actionCancel: false, rates: [{ derivativeType: "FUTURE", product: "ES", rate: "12000" }], note: `kill-${n}: limits raised` });
      return s;
    },
    send: (ctx, s) => sendJson(ctx, jar, "/api/credit-controls/limits", s, bodies.get(s.key), (a) => a.id),
    async stored(ctx, s) {
      const g = await ctx.db.creditGrouping.findUniqueOrThrow({ where: { id: s.ref }, include: { versions: { where: { version: { gt: 1 } }, include: { rates: true } } } });
      const sent = [...bodies.entries()].find(([, b]) => b.groupingId === s.ref)![1];
      return { ids: g.versions.map((v) => v.id), complete: g.currentVersion === 2 && g.versions.every((v) => v.futuresLimit.toFixed(2) === sent.futuresLimit && v.rates.length === 1) };
    },
    total: (ctx) => ctx.db.creditGroupingVersion.count({ where: { note: { startsWith: "kill-" } } }),
  };
});

/** DLTA acknowledges guaranty fund notices, one made in the database per submission. An acknowledgement is counted by its audit row: a second one would be a duplicate. */
const acknowledgements = kind("guaranty fund notice acknowledgement", ({ jar }) => {
  const email = "ops@dlta.example";
  let user = { id: "", firmId: "" };
  return {
    async setup(ctx) {
      for (const [k, v] of await signIn(ctx, email)) jar.set(k, v);
      user = await firmOf(ctx, email);
    },
    async create(ctx) {
      const notice = await ctx.db.gfNotice.create({
        data: { firmId: user.firmId, kind: "ASSESSMENT", noticeDate: new Date("2026-01-15"), required: "0", onDeposit: "0", amountDue: "0", excess: "0", calculation: {}, rule: "kill test", settledAt: new Date() },
      });
      return { key: randomUUID(), ref: notice.id };
    },
    send: (ctx, s) => sendJson(ctx, jar, "/api/guaranty-fund/acknowledgements", s, { noticeId: s.ref }, (a) => a.id),
    async stored(ctx, s) {
      const acks = await ctx.db.auditEvent.findMany({ where: { action: "gf.acknowledgeNotice", outcome: "ok", objectId: s.ref } });
      const notice = await ctx.db.gfNotice.findUniqueOrThrow({ where: { id: s.ref } });
      return { ids: acks.map((a) => a.objectId!), complete: notice.acknowledgedAt !== null && notice.acknowledgedBy === user.id };
    },
    total: (ctx) => ctx.db.auditEvent.count({ where: { action: "gf.acknowledgeNotice", outcome: "ok", firmId: user.firmId } }),
  };
});

/** An applicant of its own per submission (made in the database with a complete draft), signing in when it first sends. */
const applications = kind("membership application", ({ bodies }) => {
  const jars = new Map<string, Map<string, string>>();
  let passwordHash = "";
  return {
    async setup(ctx) {
      passwordHash = (await ctx.db.user.findUniqueOrThrow({ where: { email: "applicant@harborview.example" } })).passwordHash;
    },
    async create(ctx, n) {
      const email = `kill-${n}@applicant.example`;
      const user = await ctx.db.user.create({ data: { email, name: `Kill Applicant ${n}`, role: "APPLICANT", passwordHash } });
      const app = await ctx.db.membershipApplication.create({ data: { applicantUserId: user.id, data: completeApplication({ legalName: `Kill ${n} Futures LLC` }), version: 1 } });
      const s = { key: randomUUID(), ref: app.id };
      bodies.set(s.key, { email });
      return s;
    },
    async send(ctx, s) {
      let jar = jars.get(s.key);
      if (!jar) {
        try {
          jar = await httpSignIn(ctx.url, bodies.get(s.key)!.email as string, DEMO_PASSWORD);
        } catch {
          return null; // not even signed in: nothing was submitted
        }
        jars.set(s.key, jar);
      }
      return sendJson(ctx, jar, "/api/application/submit", s, { version: 1 }, (a) => a.applicationId);
    },
    async stored(ctx, s) {
      const submitted = await ctx.db.applicationTransition.findMany({ where: { applicationId: s.ref, toStatus: "SUBMITTED" } });
      const app = await ctx.db.membershipApplication.findUniqueOrThrow({ where: { id: s.ref } });
      const mails = await ctx.db.outboxMessage.count({ where: { kind: "application.submitted", dedupeKey: { startsWith: `application-submitted:${s.ref}:` } } });
      return { ids: submitted.map((t) => t.applicationId), complete: app.status === "SUBMITTED" && app.submittedVersion === 1 && mails > 0 };
    },
    async total(ctx) {
      const users = await ctx.db.user.findMany({ where: { email: { startsWith: "kill-" }, role: "APPLICANT" }, select: { id: true } });
      return ctx.db.applicationTransition.count({ where: { toStatus: "SUBMITTED", application: { applicantUserId: { in: users.map((u) => u.id) } } } });
    },
  };
});

/**
 * BLUE's risk admin (second factor) bids in a default auction open for an hour (made in the
 * database: GRNT in default, its FX portfolio), a new amount per submission. Each bid is
 * identified by its amount; the acknowledged id is the bid's receipt reference.
 */
const bids = kind("auction bid", ({ jar, bodies }) => {
  const email = "risk@blue.example";
  let auctionId = "";
  return {
    async setup(ctx) {
      for (const [k, v] of await signIn(ctx, email, true)) jar.set(k, v);
      const user = await firmOf(ctx, email);
      const staff = await ctx.db.user.findFirstOrThrow({ where: { role: "CH_RISK_STAFF" } });
      const category = await ctx.db.productCategory.upsert({ where: { code: "FX" }, update: {}, create: { code: "FX", name: "Foreign exchange", productCodes: ["CME:EC"], createdBy: staff.id } });
      const defaulter = await ctx.db.firm.update({ where: { code: "GRNT" }, data: { status: "IN_DEFAULT" } });
      const today = new Date(new Date().toISOString().slice(0, 10));
      const d = await ctx.db.memberDefault.create({ data: { firmId: defaulter.id, defaultDate: today, reason: "kill test", declaredBy: staff.id, coolingOffStart: today, coolingOffEnd: today } });
      const now = new Date();
      const auction = await ctx.db.auction.create({
        data: { reference: "AUC-KILL", defaultId: d.id, categoryId: category.id, opensAt: now, closesAt: new Date(now.getTime() + 3600_000), portfolio: { positions: [] }, portfolioPerformanceBond: "10000.00", createdBy: staff.id, invitations: { create: [{ firmId: user.firmId, mandated: true }] } },
      });
      auctionId = auction.id;
    },
    async create(_ctx, n) {
      const s = { key: randomUUID(), ref: `${100000 + n}.${String(n % 100).padStart(2, "0")}` };
      bodies.set(s.key, { amount: s.ref });
      return s;
    },
    send: (ctx, s) => sendJson(ctx, jar, `/api/auctions/${auctionId}/bids`, s, bodies.get(s.key), (a) => a.reference),
    async stored(ctx, s) {
      const rows = await ctx.db.auctionBid.findMany({ where: { auctionId, amount: s.ref } });
      return { ids: rows.map((r) => r.reference), complete: rows.every((r) => r.submittedBy.startsWith("user:")) };
    },
    total: (ctx) => ctx.db.auctionBid.count({ where: { auctionId } }),
  };
});

const SUBMISSION_KINDS: readonly SubmissionKind[] = [uploads, filings, limitChanges, acknowledgements, applications, bids];

const kindOf = (s: Submission): SubmissionKind => SUBMISSION_KINDS.find((k) => k.name === s.kind)!;

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "portal-kill-"));
  await chmod(root, 0o755);
  const database = await createThrowawayDatabase();
  const env = {
    DATABASE_URL: database.url,
    PORTAL_DEMO: "1",
    PORTAL_THROWAWAY_DB: undefined,
    PORTAL_DATA_DIR: root,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  process.env.TOTP_ENCRYPTION_KEY = env.TOTP_ENCRYPTION_KEY;
  const db = createClient(database.url);
  let portal: PortalProcess | null = null;
  try {
    await seedDemo(db);
    portal = await startPortal({ port: PORT, env });
    const ctx: Context = { url: portal.url, dataDir: root, db };
    for (const kind of SUBMISSION_KINDS) await kind.setup(ctx);
    const all: Submission[] = [];
    let n = 0;
    let acked = 0;
    let killed = false;
    let streamFailure: unknown = null;

    // The stream: clients submit one after another, each kind in turn, until the server is gone.
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      try {
        while (!killed) {
          const kind = SUBMISSION_KINDS[(n + c) % SUBMISSION_KINDS.length]!;
          const s = await kind.create(ctx, n++);
          all.push(s);
          const answer = await kind.send(ctx, s);
          if (answer) {
            s.ackedId = answer.id;
            acked++;
          } else {
            s.lost = true;
          }
        }
      } catch (e) {
        streamFailure ??= e;
        killed = true;
      }
    });
    while (acked < ACKS_BEFORE_KILL && !streamFailure) await new Promise((r) => setTimeout(r, 5));
    if (streamFailure) throw streamFailure;
    const webPid = portal.webPid();
    process.kill(webPid, "SIGKILL");
    killed = true;
    const ackedBeforeKill = acked;
    log(`SIGKILL to the web server (pid ${webPid}) after ${ackedBeforeKill} acknowledged submissions`);
    await Promise.all(clients);
    if (streamFailure) throw streamFailure;
    const inFlight = all.filter((s) => s.lost);
    log(`${all.length} submissions sent, ${all.length - inFlight.length} acknowledged, ${inFlight.length} without an answer`);
    await portal.stop(); // start.ts exits by itself once its web server died; the database is ours and keeps running

    portal = await startPortal({ port: PORT, env });
    const ctx2: Context = { ...ctx, url: portal.url };
    // A client retries what got no answer with the same key; it replays some acknowledged ones too.
    let foundCommitted = 0;
    for (const s of inFlight) {
      const answer = await kindOf(s).send(ctx2, s);
      if (!answer) throw new Error(`retry of ${s.key} got no answer after the restart`);
      if (answer.replayed) foundCommitted++;
      s.ackedId = answer.id;
    }
    const replays = SUBMISSION_KINDS.flatMap((k) => all.filter((s) => s.kind === k.name && !s.lost).slice(0, REPLAYS_PER_KIND));
    for (const s of replays) {
      const answer = await kindOf(s).send(ctx2, s);
      if (!answer?.replayed || answer.id !== s.ackedId) throw new Error(`replaying acknowledged ${s.key} gave ${JSON.stringify(answer)} (expected the stored answer ${s.ackedId})`);
    }

    const problems: string[] = [];
    let exactlyOnce = 0;
    const byKind: Record<string, { submissions: number; withoutAnswerAtKill: number; storedExactlyOnce: number; storedInAll: number }> = {};
    for (const kind of SUBMISSION_KINDS) byKind[kind.name] = { submissions: 0, withoutAnswerAtKill: 0, storedExactlyOnce: 0, storedInAll: 0 };
    for (const s of all) {
      const counts = byKind[s.kind]!;
      counts.submissions++;
      if (s.lost) counts.withoutAnswerAtKill++;
      const { ids, complete } = await kindOf(s).stored(ctx2, s);
      if (ids.length === 0) problems.push(`${s.kind} ${s.key}: acknowledged as ${s.ackedId} but not stored`);
      else if (ids.length > 1) problems.push(`${s.kind} ${s.key}: stored ${ids.length} times`);
      else if (ids[0] !== s.ackedId) problems.push(`${s.kind} ${s.key}: stored as ${ids[0]}, acknowledged as ${s.ackedId}`);
      if (ids.length > 0 && !complete) problems.push(`${s.kind} ${s.key}: stored incompletely`);
      if (ids.length === 1 && ids[0] === s.ackedId && complete) {
        exactlyOnce++;
        counts.storedExactlyOnce++;
      }
    }
    // Nothing beyond the submissions: a duplicate the per-submission lookup cannot see shows here.
    for (const kind of SUBMISSION_KINDS) {
      const counts = byKind[kind.name]!;
      counts.storedInAll = await kind.total(ctx2);
      if (counts.storedInAll !== counts.submissions) problems.push(`${kind.name}: ${counts.storedInAll} stored for ${counts.submissions} submissions`);
      if (counts.submissions === 0) problems.push(`${kind.name}: no submission was made`);
    }
    const records = await db.idempotencyRecord.count();
    if (records !== all.length) problems.push(`${records} idempotency records for ${all.length} submissions`);

    const report = {
      test: "SIGKILL of the web server during a stream of acknowledged submissions",
      ok: problems.length === 0,
      kinds: SUBMISSION_KINDS.map((k) => k.name),
      clients: CLIENTS,
      submissions: all.length,
      acknowledgedBeforeKill: all.length - inFlight.length,
      withoutAnswerAtKill: inFlight.length,
      foundCommittedOnRetry: foundCommitted,
      redoneOnRetry: inFlight.length - foundCommitted,
      acknowledgedReplayed: replays.length,
      storedExactlyOnce: exactlyOnce,
      idempotencyRecords: records,
      byKind,
      problems,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    if (!report.ok) process.exitCode = 1;
  } finally {
    await portal?.stop();
    await db.$disconnect();
    await database.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[kill-test] FAILED: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
