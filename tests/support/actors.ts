/** Signed-in actors for driving the real action wrapper in tests. */
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor, ActorLookup } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/server/action";

export async function actorFor(db: PrismaClient, email: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, include: { firm: true } });
  return { userId: u.id, email: u.email, name: u.name, role: u.role, firmId: u.firmId, firmName: u.firm?.legalName ?? null, sessionId: "00000000-0000-0000-0000-000000000000" };
}

export const PORTAL_ORIGIN = "http://portal.test";

export function requestAs(actor: Actor | null, headers: Record<string, string | null> = {}): RequestContext {
  const all: Record<string, string | null> = { origin: PORTAL_ORIGIN, host: "portal.test", "x-request-id": `test-${Math.random().toString(36).slice(2)}`, ...headers };
  const lookup: ActorLookup = actor ? { actor } : { actor: null, expired: false };
  return { headers: { get: (n) => all[n.toLowerCase()] ?? null }, lookup: async () => lookup, revalidate: () => undefined };
}

/** One user of each role, from the demo data. */
export const ROLE_EMAILS = {
  APPLICANT: "applicant@harborview.example",
  MEMBER_USER: "ops@acme.example",
  MEMBER_RISK_ADMIN: "risk@acme.example",
  CH_RISK_STAFF: "risk@clearinghouse.example",
  CH_ADMIN: "admin@clearinghouse.example",
} as const;
