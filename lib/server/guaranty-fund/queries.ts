import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { addBusinessDays } from "@/lib/risk";
import { balancesOf, DEPOSIT_BUSINESS_DAYS, escalateOverdueNotices, FUND_LABELS, NOTICE_KIND_LABELS, overdueWhere, REQUIREMENT_KINDS, type GuarantyFund } from "./notices";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { isoOf, todayIso } from "@/lib/shared/dates";
import { readJson } from "@/lib/shared/json-column";
import { recalculationResultColumn } from "./columns";

/** The latest requirement row (set at approval, guaranty_fund_requirement) of each firm and fund. */
async function fundRequirementRows(firmIds: readonly string[]) {
  const rows = await db().guarantyFundRequirement.findMany({ where: { firmId: { in: [...firmIds] } }, orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }] });
  const out = new Map<string, Map<GuarantyFund, (typeof rows)[number]>>();
  for (const r of rows) {
    const byFund = out.get(r.firmId) ?? new Map<GuarantyFund, (typeof rows)[number]>();
    if (!byFund.has(r.fund as GuarantyFund)) byFund.set(r.fund as GuarantyFund, r);
    out.set(r.firmId, byFund);
  }
  return out;
}

/** The separate funds (IRS, CDS) a firm clears for, or has a requirement in. */
function separateFunds(firm: { clearsIrs: boolean; clearsCds: boolean }, rows: ReadonlyMap<GuarantyFund, unknown> | undefined): GuarantyFund[] {
  return (["irs", "cds"] as const).filter((f) => (f === "irs" ? firm.clearsIrs : firm.clearsCds) || rows?.has(f));
}

export interface FundPosition {
  readonly fund: GuarantyFund;
  readonly name: string;
  readonly rule: string;
  /** null: none set yet. */
  readonly required: Prisma.Decimal | null;
  readonly basis: string;
  /** The contribution recorded in this portal (the Base fund's); null for a fund deposited elsewhere. */
  readonly onDeposit: Prisma.Decimal | null;
  readonly amountDue: Prisma.Decimal | null;
  readonly dueDate: Date | null;
}

/**
 * Each guaranty fund the member contributes to, separately (seed 002 "Guaranty Fund
 * Requirements"; SPEC §6): the Base fund's current requirement (the latest deposit or interim
 * notice, from approval on), its contribution and what is open; the IRS and CDS funds'
 * requirements as set at approval, due 5 business days from then.
 */
export async function memberFunds(firmId: string): Promise<FundPosition[]> {
  const [firm, history, rows, open, calendar] = await Promise.all([
    db().firm.findUniqueOrThrow({ where: { id: firmId } }),
    memberHistory(firmId),
    fundRequirementRows([firmId]),
    db().gfNotice.findFirst({ where: { firmId, kind: { in: [...REQUIREMENT_KINDS] }, settledAt: null, supersededAt: null }, orderBy: { issuedAt: "desc" } }),
    businessCalendar(db()),
  ]);
  const byFund = rows.get(firmId);
  const latest = history.requirements[0] ?? null;
  const baseRow = byFund?.get("base");
  const funds: FundPosition[] = [{
    fund: "base",
    ...FUND_LABELS.base,
    required: history.current ?? baseRow?.amount ?? null,
    basis: latest ? `${NOTICE_KIND_LABELS[latest.kind]} dated ${isoOf(latest.noticeDate)}` : (baseRow?.basis ?? "none issued yet"),
    onDeposit: history.balance,
    amountDue: open && !open.amountDue.isZero() ? open.amountDue : null,
    dueDate: open && !open.amountDue.isZero() ? open.dueDate : null,
  }];
  for (const fund of separateFunds(firm, byFund)) {
    const row = byFund?.get(fund);
    funds.push({
      fund,
      ...FUND_LABELS[fund],
      required: row?.amount ?? null,
      basis: row?.basis ?? `not set yet: the greater of $50,000,000 and the member's share (${FUND_LABELS[fund].rule})`,
      onDeposit: null,
      amountDue: row?.amount ?? null,
      dueDate: row ? new Date(`${addBusinessDays(calendar, isoOf(row.effectiveFrom), DEPOSIT_BUSINESS_DAYS)}T00:00:00Z`) : null,
    });
  }
  return funds;
}

export interface FirmPosition {
  readonly firmId: string;
  readonly code: string;
  readonly name: string;
  readonly required: Prisma.Decimal | null;
  /** The firm's requirements in the separate IRS and CDS funds (null: not set yet). */
  readonly separate: readonly { readonly fund: GuarantyFund; readonly name: string; readonly required: Prisma.Decimal | null }[];
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
  const fundRows = await fundRequirementRows(firms.map((f) => f.id));
  const positions: FirmPosition[] = firms.map((f) => {
    const req = latestRequirement.get(f.id);
    const onDeposit = bal.get(f.id) ?? new Prisma.Decimal(0);
    const rows = fundRows.get(f.id);
    const required = req?.required ?? rows?.get("base")?.amount ?? null;
    const separate = separateFunds(f, rows).map((fund) => ({ fund, name: FUND_LABELS[fund].name, required: rows?.get(fund)?.amount ?? null }));
    return { firmId: f.id, code: f.code, name: f.legalName, required, separate, onDeposit, shortfall: required ? Prisma.Decimal.max(0, required.minus(onDeposit)) : new Prisma.Decimal(0), dueDate: req && !req.settledAt ? req.dueDate : null };
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
  return { recalculation: r, result: readJson(recalculationResultColumn, r.result, "gf_recalculation.result"), stressRows: stress };
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

/** The latest completed margin cycle (the figures a recalculation would start from). */
export async function latestCompletedCycle() {
  return db().marginCycle.findFirst({ where: { status: "COMPLETED" }, orderBy: { businessDate: "desc" } });
}
