/**
 * `npm run test:kill`: acknowledged submissions survive a crash, exactly once.
 *
 * Starts the real portal (scripts/start.ts, `next start`) on its own throw-away database,
 * streams submissions over HTTP from several clients, each with an Idempotency-Key, and kills
 * the web server with SIGKILL in the middle of the stream (the database keeps running). Then
 * restarts it, retries every submission that got no answer with the same key (as a client
 * would), replays a few acknowledged ones too, and checks in the database that every
 * acknowledged submission is there exactly once, with the id it was acknowledged with, and its
 * file on disk. Needs a prior `next build`. Exit code 0 only when all holds.
 *
 * Submission kinds are entries of SUBMISSION_KINDS: add one per kind (bids, filings, limit
 * changes, notice acknowledgements, applications) with how to send it and how to count it.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { createClient } from "@/lib/db/client";
import { createThrowawayDatabase } from "@/lib/db/throwaway";
import { DEMO_PASSWORD, seedDemo } from "@/lib/db/seed";
import { httpSignIn, startPortal, upload, type PortalProcess } from "./support/portal";

const PORT = Number(process.env.KILL_TEST_PORT ?? 3386);
const CLIENTS = 6;
const ACKS_BEFORE_KILL = 30;
const log = (l: string) => process.stderr.write(`[kill-test] ${l}\n`);

interface Context {
  readonly url: string;
  readonly jar: Map<string, string>;
  readonly dataDir: string;
}

/** One submission: its key, and what the portal answered for it. */
interface Submission {
  readonly kind: string;
  readonly key: string;
  /** what identifies it in the database (e.g. a file's sha256) */
  readonly fingerprint: string;
  ackedId?: string;
  /** the request failed without an answer (the server died under it) */
  lost?: boolean;
}

interface SubmissionKind {
  readonly name: string;
  /** sends a new or retried submission; answers the acknowledged id, or null without an answer */
  send(ctx: Context, s: Submission): Promise<{ id: string; replayed: boolean } | null>;
  create(n: number): Submission;
  /** rows stored for the submission, with their ids, and whether everything it needs is in place */
  stored(db: PrismaClient, ctx: Context, s: Submission): Promise<{ ids: string[]; complete: boolean }>;
}

const bodies = new Map<string, Uint8Array>();

const SUBMISSION_KINDS: readonly SubmissionKind[] = [
  {
    name: "document upload",
    create(n) {
      const body = new TextEncoder().encode(`account,amount,nonce\nKILL-${n},${n * 10},${randomBytes(8).toString("hex")}\n`);
      const fingerprint = createHash("sha256").update(body).digest("hex");
      bodies.set(fingerprint, body);
      return { kind: "document upload", key: randomUUID(), fingerprint };
    },
    async send(ctx, s) {
      try {
        const a = await upload(ctx.url, ctx.jar, { purpose: "filing-document", name: `kill-${s.fingerprint.slice(0, 8)}.csv`, body: bodies.get(s.fingerprint)!, idempotencyKey: s.key });
        if (a.status !== 201 || !a.body.id) throw new Error(`refused: ${a.status} ${JSON.stringify(a.body)}`);
        return { id: a.body.id, replayed: a.replayed };
      } catch (e) {
        if (e instanceof Error && e.message.startsWith("refused")) throw e;
        return null; // connection reset / refused: no acknowledgement
      }
    },
    async stored(db, ctx, s) {
      const rows = await db.storedFile.findMany({ where: { sha256: s.fingerprint }, select: { id: true, storageKey: true } });
      return { ids: rows.map((r) => r.id), complete: rows.every((r) => existsSync(path.join(ctx.dataDir, "uploads", r.storageKey))) };
    },
  },
];

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
    const ctx: Context = { url: portal.url, jar: await httpSignIn(portal.url, "ops@acme.example", DEMO_PASSWORD), dataDir: root };
    const all: Submission[] = [];
    let n = 0;
    let acked = 0;
    let killed = false;

    // The stream: clients submit one after another until the server is gone.
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      while (!killed) {
        const kind = SUBMISSION_KINDS[(n + c) % SUBMISSION_KINDS.length]!;
        const s = kind.create(n++);
        all.push(s);
        const answer = await kind.send(ctx, s);
        if (answer) {
          s.ackedId = answer.id;
          acked++;
        } else {
          s.lost = true;
        }
      }
    });
    while (acked < ACKS_BEFORE_KILL) await new Promise((r) => setTimeout(r, 5));
    const webPid = portal.webPid();
    process.kill(webPid, "SIGKILL");
    killed = true;
    const ackedBeforeKill = acked;
    log(`SIGKILL to the web server (pid ${webPid}) after ${ackedBeforeKill} acknowledged submissions`);
    await Promise.all(clients);
    const inFlight = all.filter((s) => s.lost);
    log(`${all.length} submissions sent, ${all.length - inFlight.length} acknowledged, ${inFlight.length} without an answer`);
    await portal.stop(); // start.ts exits by itself once its web server died; the database is ours and keeps running

    portal = await startPortal({ port: PORT, env });
    const ctx2: Context = { ...ctx, url: portal.url };
    // A client retries what got no answer with the same key; it replays some acknowledged ones too.
    let foundCommitted = 0;
    for (const s of inFlight) {
      const answer = await SUBMISSION_KINDS.find((k) => k.name === s.kind)!.send(ctx2, s);
      if (!answer) throw new Error(`retry of ${s.key} got no answer after the restart`);
      if (answer.replayed) foundCommitted++;
      s.ackedId = answer.id;
    }
    const replays = all.filter((s) => !s.lost).slice(0, 5);
    for (const s of replays) {
      const answer = await SUBMISSION_KINDS.find((k) => k.name === s.kind)!.send(ctx2, s);
      if (!answer?.replayed || answer.id !== s.ackedId) throw new Error(`replaying acknowledged ${s.key} gave ${JSON.stringify(answer)} (expected the stored answer ${s.ackedId})`);
    }

    const problems: string[] = [];
    let exactlyOnce = 0;
    for (const s of all) {
      const kind = SUBMISSION_KINDS.find((k) => k.name === s.kind)!;
      const { ids, complete } = await kind.stored(db, ctx2, s);
      if (ids.length === 0) problems.push(`${s.kind} ${s.key}: acknowledged as ${s.ackedId} but not stored`);
      else if (ids.length > 1) problems.push(`${s.kind} ${s.key}: stored ${ids.length} times`);
      else if (ids[0] !== s.ackedId) problems.push(`${s.kind} ${s.key}: stored as ${ids[0]}, acknowledged as ${s.ackedId}`);
      if (!complete) problems.push(`${s.kind} ${s.key}: its file is missing`);
      if (ids.length === 1 && ids[0] === s.ackedId && complete) exactlyOnce++;
    }
    const storedFiles = await db.storedFile.count({ where: { purpose: "filing-document", originalName: { startsWith: "kill-" } } });
    if (storedFiles !== all.length) problems.push(`${storedFiles} uploads stored for ${all.length} submissions`);
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
