import "server-only";
import { db } from "@/lib/db/client";

/** A member's own firm with its users: callers pass the firm id from the session only. */
export async function ownFirm(firmId: string) {
  return db().firm.findUniqueOrThrow({
    where: { id: firmId },
    include: { users: { select: { id: true, name: true, email: true, role: true, disabledAt: true }, orderBy: { email: "asc" } } },
  });
}

export async function listFirms() {
  return db().firm.findMany({ orderBy: { code: "asc" }, include: { _count: { select: { users: true } } } });
}

export async function listClearingHouseAndApplicantUsers() {
  return db().user.findMany({ where: { firmId: null }, orderBy: [{ role: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true, role: true } });
}

export async function recentFirmActivity(firmId: string, take = 10) {
  return db().auditEvent.findMany({ where: { firmId }, orderBy: { id: "desc" }, take, select: { id: true, at: true, actorEmail: true, action: true, outcome: true } });
}

/** One clearing member for the clearing house: its facts, its latest filings' capital figures and the changes made to its facts. */
export async function firmForClearingHouse(code: string) {
  const firm = await db().firm.findUnique({ where: { code }, include: { _count: { select: { users: true } } } });
  if (!firm) return null;
  const [filings, factChanges] = await Promise.all([
    db().filing.findMany({
      where: { firmId: firm.id, amendedBy: null },
      orderBy: [{ periodEnd: "desc" }, { filedAt: "desc" }],
      take: 3,
      select: { id: true, kind: true, periodEnd: true, adjustedNetCapital: true, minimumCapital: true, bindingRequirement: true, filedAt: true },
    }),
    db().auditEvent.findMany({ where: { firmId: firm.id, action: "firms.updateFacts", outcome: "ok" }, orderBy: { id: "desc" }, take: 20, select: { id: true, at: true, actorEmail: true, summary: true } }),
  ]);
  return { firm, filings, factChanges };
}

/** Every member firm's users with their firm's code (the clearing house's members page). */
export async function listMemberUsers() {
  return db().user.findMany({ where: { firmId: { not: null } }, orderBy: { email: "asc" }, include: { firm: { select: { code: true } } } });
}
