/**
 * Writing to the append-only audit trail. The database assigns the id, the time and the hash
 * chain (trigger audit_event_chain); callers pass a transaction so that the audit row commits
 * with the change it describes, or not at all.
 */
import type { Prisma } from "@/generated/prisma/client";

type AuditWriter = { auditEvent: { create: (args: { data: Prisma.AuditEventUncheckedCreateInput }) => Promise<unknown> } };

export interface AuditEntry {
  readonly actor?: { readonly userId: string; readonly email: string; readonly role: string } | null;
  /** the firm whose data it concerns (for member actions, the actor's firm) */
  readonly firmId?: string | null;
  readonly action: string;
  readonly objectType?: string;
  readonly objectId?: string;
  /** "ok", "denied", "invalid", "failed" */
  readonly outcome?: string;
  /** a summary of the change: { before, after } or the reason of a refusal */
  readonly summary?: Prisma.InputJsonValue;
  readonly requestId?: string | null;
  /** used when there is no signed-in actor (failed sign-in) */
  readonly actorEmail?: string;
}

export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? entry.actorEmail ?? null,
      actorRole: entry.actor?.role ?? null,
      firmId: entry.firmId ?? null,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      outcome: entry.outcome ?? "ok",
      summary: entry.summary ?? {},
      requestId: entry.requestId ?? null,
    },
  });
}
