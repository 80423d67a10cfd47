import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ApplicationStatusName } from "@/lib/applications/status";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { settingValue } from "@/lib/server/settings/queries";
import { parseBankList } from "@/lib/applications/checklist";
import { storedChecklist } from "./service";

const DETAIL = {
  documents: { orderBy: { createdAt: "asc" } },
  transitions: { orderBy: { at: "asc" } },
  exemptions: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.MembershipApplicationInclude;

type Detail = Prisma.MembershipApplicationGetPayload<{ include: typeof DETAIL }>;

async function withFiles(app: Detail) {
  const files = await db().storedFile.findMany({ where: { id: { in: app.documents.map((d) => d.fileId) } }, select: { id: true, originalName: true, sizeBytes: true } });
  const byId = new Map(files.map((f) => [f.id, f]));
  return { ...app, documents: app.documents.map((d) => ({ ...d, name: byId.get(d.fileId)?.originalName ?? "(missing file)", size: Number(byId.get(d.fileId)?.sizeBytes ?? 0) })) };
}

/** The signed-in applicant's own application (by owner, never by an id from the request). */
export async function ownApplication(actor: Actor) {
  const app = await db().membershipApplication.findUnique({ where: { applicantUserId: actor.userId }, include: DETAIL });
  return app ? withFiles(app) : null;
}

export async function approvedBanks(): Promise<string[]> {
  return parseBankList(await settingValue("membership.approvedSettlementBanks"));
}

export interface QueueFilters {
  readonly status?: ApplicationStatusName;
  readonly exchange?: string;
  /** submitted at least this many days ago */
  readonly olderThanDays?: number;
}

/** The review queue: applications past draft (drafts are the applicant's business), oldest submission first. */
export async function reviewQueue(filters: QueueFilters) {
  const where: Prisma.MembershipApplicationWhereInput = {
    status: filters.status ? filters.status : { not: "DRAFT" },
    ...(filters.exchange ? { data: { path: ["scope", "exchanges"], array_contains: [filters.exchange] } } : {}),
    ...(filters.olderThanDays ? { submittedAt: { lte: new Date(Date.now() - filters.olderThanDays * 86_400_000) } } : {}),
  };
  const rows = await db().membershipApplication.findMany({ where, orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }], take: 500 });
  const users = await db().user.findMany({ where: { id: { in: rows.map((r) => r.applicantUserId) } }, select: { id: true, email: true, name: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const now = Date.now();
  return rows.map((r) => {
    const data = r.data as { firm?: { legalName?: string }; scope?: { exchanges?: string[] } };
    return { id: r.id, status: r.status, firmName: data.firm?.legalName ?? "(no name yet)", exchanges: data.scope?.exchanges ?? [], applicant: byId.get(r.applicantUserId), submittedAt: r.submittedAt, ageDays: r.submittedAt ? Math.floor((now - r.submittedAt.getTime()) / 86_400_000) : null, updatedAt: r.updatedAt, version: r.version };
  });
}

/** One application for the clearing house: data, documents, transitions, exemptions, checklist. */
export async function applicationForReview(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const app = await db().membershipApplication.findUnique({ where: { id }, include: DETAIL });
  if (!app) return null;
  const applicant = await db().user.findUnique({ where: { id: app.applicantUserId }, select: { email: true, name: true } });
  const checklist = await db().$transaction((tx) => storedChecklist(tx, app));
  return { ...(await withFiles(app)), applicant, checklist };
}
