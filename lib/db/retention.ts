/**
 * How long housekeeping keeps things, and the pruning the outbox worker does (lib/notify/worker.ts).
 * Free of Next.js imports: the stand-alone worker (scripts/outbox-worker.ts) runs it too.
 */
import type { PrismaClient } from "@/generated/prisma/client";

/** An Idempotency-Key's stored answer is replayed for this long; after it the key may be reused. */
export const IDEMPOTENCY_KEEP_DAYS = 7;

/** Deletes idempotency records older than IDEMPOTENCY_KEEP_DAYS; answers how many. */
export async function pruneIdempotencyRecords(db: Pick<PrismaClient, "idempotencyRecord">, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEEP_DAYS * 24 * 3600 * 1000);
  const { count } = await db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
