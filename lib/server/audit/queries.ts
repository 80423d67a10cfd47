import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { AuditEventKind, AuditFilter } from "@/lib/validation/audit";

/** The rows each kind of event is (the kinds staff filter the trail by, ASVS 16.3). */
const KIND_WHERE: Record<AuditEventKind, Prisma.AuditEventWhereInput> = {
  "sign-in": { action: "auth.sign-in", outcome: "ok" },
  "failed-sign-in": { action: "auth.sign-in", outcome: { not: "ok" } },
  "second-factor-failure": { action: { in: ["auth.second-factor", "auth.step-up"] }, outcome: "denied" },
  "refused-access": { action: { in: ["authz.denied", "security.origin-refused"] } },
  "step-up": { outcome: "ok", summary: { path: ["stepUp"], equals: "totp" } },
  "refused-action": { outcome: { in: ["refused", "invalid"] } },
};

const DAY_MS = 86_400_000;

export function auditWhere(filter: Omit<AuditFilter, "before">): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.kind) and.push(KIND_WHERE[filter.kind]);
  if (filter.user) and.push({ actorEmail: { contains: filter.user, mode: "insensitive" } });
  // Rows written before the access log named it "address" call it "ip".
  if (filter.address) and.push({ OR: [{ summary: { path: ["address"], string_starts_with: filter.address } }, { summary: { path: ["ip"], string_starts_with: filter.address } }] });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.from) and.push({ at: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ at: { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } });
  return and.length ? { AND: and } : {};
}

export async function auditPage(options: { filter?: AuditFilter; take?: number }) {
  const filter = options.filter ?? {};
  const where = auditWhere(filter);
  return db().auditEvent.findMany({
    where: filter.before ? { AND: [where, { id: { lt: BigInt(filter.before) } }] } : where,
    orderBy: { id: "desc" },
    take: options.take ?? 100,
  });
}
