import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { balancesOf, escalateOverdueNotices, isoOf, overdueWhere, REQUIREMENT_KINDS, todayIso } from "./notices";
import type { RecalculationResult } from "./recalculation";

export interface FirmPosition {
  readonly firmId: string;
  readonly code: string;
  readonly name: string;
  readonly required: Prisma.Decimal | null;
  readonly onDeposit: Prisma.Decimal;
  readonly shortfall: Prisma.Decimal;
  readonly dueDate: Date | null;
}

/**
 * The clearing house's guaranty fund page. Opening it escalates newly overdue notices to the
 * clearing-house admins at once (once per notice; see escalateOverdueNotices), as the
 * background escalation (escalation.ts) does within a minute of a notice falling overdue.
 */
export async function chGuarantyFund(overdueOn?: string) {
  const today = todayIso();
  await db().$transaction((tx) => escalateOverdueNotices(tx, today));
  // The list may look ahead ("who will be overdue on …"); only what is overdue today escalates.
  const listOn = overdueOn && overdueOn > today ? overdueOn : today;
  const [recalculations, firms, bal, notices, overdue, deposits] = await Promise.all([
    db().gfRecalculation.findMany({ orderBy: { createdAt: "desc" }, take: 10 }),
    db().firm.findMany({ where: { status: { not: "WITHDRAWN" } }, orderBy: { code: "asc" } }),
    balancesOf(db()),
    db().gfNotice.findMany({ orderBy: { issuedAt: "desc" }, take: 50 }),
    db().gfNotice.findMany({ where: overdueWhere(listOn), orderBy: { dueDate: "asc" } }),
    db().gfDeposit.findMany({ orderBy: { recordedAt: "desc" }, take: 20 }),
  ]);
  const latestRequirement = new Map<string, (typeof notices)[number]>();
  const reqNotices = await db().gfNotice.findMany({ where: { kind: { in: [...REQUIREMENT_KINDS] } }, orderBy: { issuedAt: "desc" }, distinct: ["firmId"] });
  for (const n of reqNotices) latestRequirement.set(n.firmId, n);
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const positions: FirmPosition[] = firms.map((f) => {
    const req = latestRequirement.get(f.id);
    const onDeposit = bal.get(f.id) ?? new Prisma.Decimal(0);
    const required = req?.required ?? null;
    return { firmId: f.id, code: f.code, name: f.legalName, required, onDeposit, shortfall: required ? Prisma.Decimal.max(0, required.minus(onDeposit)) : new Prisma.Decimal(0), dueDate: req && !req.settledAt ? req.dueDate : null };
  });
  const users = await db().user.findMany({ where: { id: { in: [...new Set([...notices, ...overdue].map((n) => n.acknowledgedBy).filter((x): x is string => Boolean(x)))] } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const firmCode = (id: string) => firmById.get(id)?.code ?? id;
  return { today, listOn, recalculations, positions, notices, overdue, deposits, firmCode, acknowledgedByEmail: (id: string | null) => (id ? (emailOf.get(id) ?? id) : null) };
}

export async function recalculationPreview(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const r = await db().gfRecalculation.findUnique({ where: { id } });
  if (!r) return null;
  const stress = await db().gfStressResult.count({ where: { recalculationId: id } });
  return { recalculation: r, result: r.result as unknown as RecalculationResult, stressRows: stress };
}

/** The firm's notices, newest first. */
export async function memberNotices(firmId: string) {
  return db().gfNotice.findMany({ where: { firmId }, orderBy: { issuedAt: "desc" } });
}

/** One notice of the signed-in member's firm (null for another firm's id: the page answers 404). */
export async function memberNotice(firmId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const notice = await db().gfNotice.findFirst({ where: { id, firmId } });
  if (!notice) return null;
  const ackBy = notice.acknowledgedBy ? await db().user.findUnique({ where: { id: notice.acknowledgedBy }, select: { email: true } }) : null;
  return { notice, acknowledgedByEmail: ackBy?.email ?? null };
}

export async function unacknowledgedNotices(firmId: string) {
  return db().gfNotice.findMany({ where: { firmId, acknowledgedAt: null }, orderBy: { issuedAt: "desc" } });
}

/** The firm's requirement over time (each requirement notice) and its deposits and withdrawals, with the running balance. */
export async function memberHistory(firmId: string) {
  const [requirements, movements] = await Promise.all([
    db().gfNotice.findMany({ where: { firmId, kind: { in: [...REQUIREMENT_KINDS] } }, orderBy: { issuedAt: "asc" } }),
    db().gfDeposit.findMany({ where: { firmId }, orderBy: { recordedAt: "asc" } }),
  ]);
  let running = new Prisma.Decimal(0);
  const withBalance = movements.map((m) => {
    running = m.kind === "DEPOSIT" ? running.plus(m.amount) : running.minus(m.amount);
    return { ...m, balance: running };
  });
  const current = requirements.length ? requirements[requirements.length - 1]!.required : null;
  return { requirements: [...requirements].reverse(), movements: withBalance.reverse(), balance: running, current };
}

export function isOverdue(n: { settledAt: Date | null; supersededAt: Date | null; dueDate: Date | null }, today = todayIso()): boolean {
  return !n.settledAt && !n.supersededAt && n.dueDate !== null && isoOf(n.dueDate) < today;
}
