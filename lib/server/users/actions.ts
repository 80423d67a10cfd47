"use server";
import { defineAction, UserError } from "@/lib/server/action";
import { revokeSessionsSchema } from "@/lib/validation/users";

/** Signs a user out everywhere at once: bumps the session version every request checks. */
export const revokeUserSessions = defineAction({
  name: "users.revokeSessions",
  permission: "ch.admin",
  schema: revokeSessionsSchema,
  async run(input, { tx }) {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new UserError("No such user; nothing was changed.");
    const updated = await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const revoked = await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: `revoked by the clearing house: ${input.reason}` } });
    return {
      data: { userId: user.id, sessionsRevoked: revoked.count },
      audit: { firmId: user.firmId, action: "users.revokeSessions", objectType: "user", objectId: user.id, summary: { email: user.email, before: user.sessionVersion, after: updated.sessionVersion, sessionsRevoked: revoked.count, reason: input.reason } },
      revalidate: ["/ch/members"],
    };
  },
});
