import "server-only";
import { db } from "@/lib/db/client";
import { startEnrollment } from "@/lib/auth/second-factor";
import { lookupActor } from "@/lib/auth/session";
import type { RoleName } from "@/lib/auth/permissions";

export type SecondFactorPage =
  | { kind: "signed-out" }
  | { kind: "verify"; email: string }
  | { kind: "enroll"; email: string; required: boolean; secret: string; uri: string }
  | { kind: "enabled"; email: string; role: RoleName };

/** What the second-factor page shows for this request's session. */
export async function secondFactorPage(): Promise<SecondFactorPage> {
  const lookup = await lookupActor();
  if (!lookup.actor && !lookup.secondFactor) return { kind: "signed-out" };
  if (!lookup.actor) {
    const p = lookup.secondFactor!;
    if (p.step === "verify") return { kind: "verify", email: p.email };
    const enrollment = await startEnrollment(db(), { id: p.userId, email: p.email, role: p.role, firmId: p.firmId });
    return { kind: "enroll", email: p.email, required: true, ...enrollment };
  }
  const a = lookup.actor;
  const factor = await db().userSecondFactor.findUnique({ where: { userId: a.userId } });
  if (factor?.confirmedAt) return { kind: "enabled", email: a.email, role: a.role };
  // Optional enrollment for a role that does not require it.
  const enrollment = await startEnrollment(db(), { id: a.userId, email: a.email, role: a.role, firmId: a.firmId });
  return { kind: "enroll", email: a.email, required: false, ...enrollment };
}
