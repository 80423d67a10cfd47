import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";

/** The messages a user may read: a member its firm's, an applicant its own, the clearing house all. */
export async function outboxFor(actor: Actor, take = 200) {
  const where =
    actor.role === "CH_ADMIN" || actor.role === "CH_RISK_STAFF"
      ? {}
      : actor.firmId
        ? { firmId: actor.firmId }
        : { userId: actor.userId };
  return db().outboxMessage.findMany({ where, orderBy: { createdAt: "desc" }, take });
}
