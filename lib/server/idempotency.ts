/**
 * Idempotent submissions. A client that sends `Idempotency-Key: <key>` with a submission gets,
 * for a retry with the same key, the answer the first one got, and nothing is stored twice.
 * The answer is stored in the same transaction as the submission itself, so "acknowledged"
 * and "stored" are one fact: a crash before the commit leaves neither, after it both.
 * Keys are scoped to who submits (a user or an API key); the same key with a different
 * submission (fingerprint) is refused. Concurrent requests with one key are serialized by a
 * transaction-scoped advisory lock. Answers are kept IDEMPOTENCY_KEEP_DAYS (lib/db/retention.ts;
 * the outbox worker prunes older ones): a retry later than that is a new submission.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY = /^[\x21-\x7e]{1,200}$/;

export interface StoredAnswer {
  readonly status: number;
  readonly body: Prisma.InputJsonValue;
}

export type IdempotentOutcome = { readonly answer: StoredAnswer; readonly replayed: boolean };

export class IdempotencyError extends Error {
  constructor(message: string, readonly status: 400 | 422) {
    super(message);
  }
}

/** The key of a request, or null without one; throws IdempotencyError for a malformed key. */
export function idempotencyKey(headers: { get(name: string): string | null }): string | null {
  const key = headers.get(IDEMPOTENCY_HEADER);
  return key === null ? null : checkedIdempotencyKey(key);
}

/** A key as given (header or a form's call); throws IdempotencyError for a malformed one. */
export function checkedIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new IdempotencyError("Idempotency-Key must be 1 to 200 visible ASCII characters", 400);
  return key;
}

/** JSON with object keys sorted, so that one submission has one fingerprint whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function fingerprint(...parts: readonly string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\n");
  return h.digest("hex");
}

function replay(record: { fingerprint: string; status: number; response: unknown }, expected: string): IdempotentOutcome {
  if (record.fingerprint !== expected) throw new IdempotencyError("this Idempotency-Key was already used for a different submission; use a new key", 422);
  return { answer: { status: record.status, body: record.response as Prisma.InputJsonValue }, replayed: true };
}

/** An earlier answer for the key, if any (checked before doing expensive work). */
export async function priorAnswer(db: PrismaClient, scope: string, key: string | null, print: string): Promise<IdempotentOutcome | null> {
  if (!key) return null;
  const record = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
  return record ? replay(record, print) : null;
}

/**
 * Runs `work` in a transaction and stores its answer under the key in the same transaction;
 * with a key already answered, returns that answer without running `work`. Without a key,
 * just runs `work` in a transaction.
 */
export async function idempotent(
  db: PrismaClient,
  request: { scope: string; key: string | null; fingerprint: string },
  work: (tx: Prisma.TransactionClient) => Promise<StoredAnswer>,
): Promise<IdempotentOutcome> {
  return db.$transaction(async (tx) => {
    if (!request.key) return { answer: await work(tx), replayed: false };
    // Raw SQL on this path: it runs for every keyed submission (a storm of bids at a deadline).
    // The lookup is its own statement after the lock, so its snapshot sees a row committed by
    // a concurrent request with the same key that held the lock before us.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${request.scope}\n${request.key}`}, 0))`;
    const [existing] = await tx.$queryRaw<{ fingerprint: string; status: number; response: unknown }[]>`
      SELECT fingerprint, status, response FROM idempotency_record WHERE scope = ${request.scope} AND key = ${request.key}`;
    if (existing) return replay(existing, request.fingerprint);
    const answer = await work(tx);
    await tx.$executeRaw`
      INSERT INTO idempotency_record (id, scope, key, fingerprint, status, response)
      VALUES (gen_random_uuid(), ${request.scope}, ${request.key}, ${request.fingerprint}, ${answer.status}, ${JSON.stringify(answer.body)}::jsonb)`;
    return { answer, replayed: false };
  });
}

/** Scope of a signed-in user's keys. */
export function userScope(userId: string): string {
  return `user:${userId}`;
}

/** Scope of an API key's keys. */
export function apiKeyScope(keyId: string): string {
  return `api-key:${keyId}`;
}
