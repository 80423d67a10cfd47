/**
 * Notifications: written to the outbox in the same transaction as the business row they
 * announce (so a rolled-back change sends nothing and a committed one is never lost), then
 * delivered by the worker (lib/notify/worker.ts).
 */
import type { Prisma, Role } from "@/generated/prisma/client";

type OutboxWriter = Pick<Prisma.TransactionClient, "outboxMessage" | "user">;

export interface Notification {
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  /** a retried business write enqueues the message once (suffixed per recipient) */
  readonly dedupeKey?: string;
}

export interface Recipient {
  readonly email: string;
  readonly userId?: string | null;
  readonly firmId?: string | null;
}

export async function enqueue(tx: OutboxWriter, recipients: readonly Recipient[], n: Notification): Promise<number> {
  if (recipients.length === 0) return 0;
  const result = await tx.outboxMessage.createMany({
    data: recipients.map((r) => ({
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      toAddress: r.email,
      userId: r.userId ?? null,
      firmId: r.firmId ?? null,
      dedupeKey: n.dedupeKey ? `${n.dedupeKey}:${r.email}` : null,
    })),
    skipDuplicates: true,
  });
  return result.count;
}

/** The users of a firm (optionally of some roles only), as recipients. */
export async function firmRecipients(tx: OutboxWriter, firmId: string, roles?: readonly Role[]): Promise<Recipient[]> {
  const users = await tx.user.findMany({ where: { firmId, disabledAt: null, ...(roles ? { role: { in: [...roles] } } : {}) }, select: { id: true, email: true, firmId: true } });
  return users.map((u) => ({ email: u.email, userId: u.id, firmId: u.firmId }));
}

/** Clearing-house users of the given roles, as recipients. */
export async function clearingHouseRecipients(tx: OutboxWriter, roles: readonly Role[]): Promise<Recipient[]> {
  const users = await tx.user.findMany({ where: { firmId: null, disabledAt: null, role: { in: [...roles] } }, select: { id: true, email: true } });
  return users.map((u) => ({ email: u.email, userId: u.id, firmId: null }));
}
