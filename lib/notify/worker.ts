/**
 * Delivers the outbox. Claims a batch with FOR UPDATE SKIP LOCKED under a lease, so several
 * workers (one per instance) never take the same message, and a worker killed mid-batch leaves
 * its messages to be taken again when the lease runs out. Transport: SMTP (SMTP_URL) through
 * nodemailer, with the outbox id as Message-ID so a receiver can drop a repeat after a crash
 * between sending and recording; without SMTP_URL (demo mode) the in-portal outbox page is the
 * mailbox and delivery is the recording itself, exactly once. The same loop does the
 * housekeeping: it prunes idempotency records past their keeping time (lib/db/retention.ts).
 */
import { startPolling, type Poller } from "@/lib/server/poll";
import nodemailer from "nodemailer";
import type { PrismaClient } from "@/generated/prisma/client";
import { pruneIdempotencyRecords } from "@/lib/db/retention";

const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 8;

export interface Transport {
  readonly name: string;
  send(message: { id: string; to: string; subject: string; body: string }): Promise<void>;
}

export function transportFromEnv(): Transport {
  const url = process.env.SMTP_URL;
  if (!url) return { name: "demo-outbox", send: async () => undefined };
  const mailer = nodemailer.createTransport(url);
  const from = process.env.MAIL_FROM ?? "Clearing Member Portal <no-reply@portal.invalid>";
  return {
    name: "smtp",
    async send(m) {
      await mailer.sendMail({ from, to: m.to, subject: m.subject, text: m.body, messageId: `<${m.id}@clearing-member-portal>` });
    },
  };
}

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Delivers one batch; returns how many were sent. */
export async function deliverBatch(db: PrismaClient, transport: Transport, batchSize = 25): Promise<number> {
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE outbox_message SET status = 'SENDING', leased_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox_message
        WHERE (status = 'PENDING' AND available_at <= now()) OR (status = 'SENDING' AND leased_until < now())
        ORDER BY created_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body, attempts`;
  let sent = 0;
  for (const m of claimed) {
    try {
      await transport.send({ id: m.id, to: m.to_address, subject: m.subject, body: m.body });
      await db.outboxMessage.updateMany({ where: { id: m.id, status: "SENDING" }, data: { status: "SENT", sentAt: new Date(), leasedUntil: null, transport: transport.name, lastError: null } });
      sent++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const failed = m.attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id: m.id },
        data: failed
          ? { status: "FAILED", lastError: error, leasedUntil: null }
          : { status: "PENDING", lastError: error, leasedUntil: null, availableAt: new Date(Date.now() + 2 ** m.attempts * 1000) },
      });
    }
  }
  return sent;
}

/** How often the worker does its housekeeping (pruning expired idempotency records). */
const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/** Runs until stopped: drains the outbox, then polls every `intervalMs`; housekeeping at start and every 10 minutes. */
export function startWorker(db: PrismaClient, transport = transportFromEnv(), intervalMs = 2000): Poller {
  let housekeptAt = -Infinity;
  return startPolling(intervalMs, async (stopped) => {
    if (!stopped() && Date.now() - housekeptAt >= HOUSEKEEPING_INTERVAL_MS) {
      housekeptAt = Date.now();
      try {
        await pruneIdempotencyRecords(db);
      } catch (e) {
        console.error("[outbox] pruning idempotency records failed", e);
      }
    }
    try {
      while (!stopped() && (await deliverBatch(db, transport)) > 0) {
        // keep draining
      }
    } catch (e) {
      console.error("[outbox] delivery failed", e);
    }
  });
}
