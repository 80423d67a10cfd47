/**
 * Who is asking: the next-auth JWT names a server-side session; the session row and its user
 * are checked on every request (revoked, idle, absolute timeout, session version, disabled),
 * so a revoked or expired session stops working at once on every instance.
 */
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/audit";
import type { RoleName } from "./permissions";
import { pendingSecondFactor, type SecondFactorStep } from "./second-factor-policy";
import { revokeSession, sessionState, SESSION_TOUCH_MS } from "./session-policy";

export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: RoleName;
  readonly firmId: string | null;
  readonly firmName: string | null;
  readonly sessionId: string;
}

/** A session that passed the password but still owes its second factor: it reaches nothing else. */
export interface PendingSecondFactor {
  readonly step: SecondFactorStep;
  readonly userId: string;
  readonly email: string;
  readonly role: RoleName;
  readonly firmId: string | null;
  readonly sessionId: string;
}

export type ActorLookup = { actor: Actor } | { actor: null; expired: boolean; secondFactor?: PendingSecondFactor };

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export async function requestId(): Promise<string | null> {
  return (await headers()).get("x-request-id");
}

export const lookupActor = cache(async (): Promise<ActorLookup> => {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return { actor: null, expired: false };
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token?.sid) return { actor: null, expired: true };
  const session = await db().userSession.findUnique({ where: { id: token.sid }, include: { user: { include: { firm: true, secondFactor: { select: { confirmedAt: true } } } } } });
  if (!session) return { actor: null, expired: true };
  const now = new Date();
  const state = sessionState(session, session.user, now);
  if (state !== "active") {
    if (!session.revokedAt) {
      await revokeSession(db(), session.id, state);
      await recordAudit(db(), {
        actor: { userId: session.user.id, email: session.user.email, role: session.user.role },
        firmId: session.user.firmId,
        action: "auth.session-ended",
        objectType: "session",
        objectId: session.id,
        outcome: "denied",
        summary: { reason: state },
        requestId: await requestId(),
      });
    }
    return { actor: null, expired: true };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db().userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const u = session.user;
  const step = pendingSecondFactor(u.role, Boolean(u.secondFactor?.confirmedAt), session.secondFactorAt);
  if (step) return { actor: null, expired: false, secondFactor: { step, userId: u.id, email: u.email, role: u.role, firmId: u.firmId, sessionId: session.id } };
  return {
    actor: { userId: u.id, email: u.email, name: u.name, role: u.role, firmId: u.firmId, firmName: u.firm?.legalName ?? null, sessionId: session.id },
  };
});

export async function getActor(): Promise<Actor | null> {
  return (await lookupActor()).actor;
}
