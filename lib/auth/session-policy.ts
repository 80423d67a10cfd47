/** Session timeouts and revocation. Must be the same on every instance (README: scaling out). */
import type { PrismaClient } from "@/generated/prisma/client";

function minutesFromEnv(name: string, fallback: number): number {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Signed out after this long without a request. */
export const SESSION_IDLE_MS = minutesFromEnv("SESSION_IDLE_MINUTES", 30) * 60_000;
/** Signed out this long after signing in, active or not. */
export const SESSION_ABSOLUTE_MS = minutesFromEnv("SESSION_ABSOLUTE_MINUTES", 12 * 60) * 60_000;
/** lastSeenAt is written at most this often, to keep the hot path to one read. */
export const SESSION_TOUCH_MS = 30_000;

export async function revokeSession(db: PrismaClient, sessionId: string, reason: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
}

export type SessionState = "active" | "revoked" | "idle" | "expired" | "superseded" | "disabled";

export function sessionState(
  s: { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null; sessionVersion: number },
  user: { sessionVersion: number; disabledAt: Date | null },
  now: Date,
): SessionState {
  if (s.revokedAt) return "revoked";
  if (user.disabledAt) return "disabled";
  if (s.sessionVersion !== user.sessionVersion) return "superseded";
  if (now.getTime() - s.createdAt.getTime() > SESSION_ABSOLUTE_MS) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS) return "idle";
  return "active";
}
