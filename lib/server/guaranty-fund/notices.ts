import "server-only";
/**
 * Guaranty fund notices and the contribution balance (Rule 816, 802.F, 802.H). A notice says
 * what is required, what the member has on deposit, what is due and by when, with the
 * calculation behind it. `issueNotices` is the one way notices are written: the recalculation
 * (DEPOSIT, INTERIM_INCREASE) and the default-management feature (REPLENISHMENT, ASSESSMENT)
 * both call it inside their transaction, so each notice and its e-mails commit together.
 */
import { Prisma, type GfNoticeKind } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { clearingHouseRecipients, enqueue, firmRecipients } from "@/lib/notify/outbox";
import {
  assessmentCapacity,
  guarantyFundDepositNotice,
  guarantyFundReplenishment,
  type BusinessCalendar,
} from "@/lib/risk";
import { dateOnly, isoOf } from "@/lib/shared/dates";
import { formatUsd as usd } from "@/lib/shared/money";

/** Notice and movement kinds in words: the one map of labels (lib/shared/labels.ts). */
import { NOTICE_KIND_LABELS, MOVEMENT_KIND_LABELS } from "@/lib/shared/labels";
export { NOTICE_KIND_LABELS, MOVEMENT_KIND_LABELS };

/**
 * What a notice requires of the member, as its "Required" column shows it: the requirement for
 * a deposit, interim or replenishment notice; for an assessment, the amount assessed (the
 * requirement is only the base of its 275%/550% cap, shown with it).
 */
export function noticeRequires(n: { kind: GfNoticeKind; required: Prisma.Decimal; amountDue: Prisma.Decimal }): Prisma.Decimal {
  return n.kind === "ASSESSMENT" ? n.amountDue : n.required;
}

/** Notice kinds that restate the requirement (the latest one is the member's current requirement). */
export const REQUIREMENT_KINDS: readonly GfNoticeKind[] = ["DEPOSIT", "INTERIM_INCREASE"];

/** The guaranty funds a member may contribute to, each with its own requirement (seed 002 "Guaranty Fund Requirements"). */
export type GuarantyFund = "base" | "irs" | "cds";

export const FUND_LABELS: Record<GuarantyFund, { readonly name: string; readonly rule: string }> = {
  base: { name: "Base guaranty fund", rule: "Rule 816" },
  irs: { name: "IRS guaranty fund", rule: "Rule 8G07" },
  cds: { name: "CDS guaranty fund", rule: "Rule 8H07" },
};

/** Business days a deposit notice gives the member (SPEC §6). */
export const DEPOSIT_BUSINESS_DAYS = 5;

/** A notice to be issued; amounts as strings in dollars and cents. */
export interface NoticeDraft {
  readonly firmId: string;
  readonly kind: GfNoticeKind;
  readonly recalculationId?: string | null;
  readonly noticeDate: string;
  readonly dueDate: string | null;
  readonly required: string;
  readonly onDeposit: string;
  readonly amountDue: string;
  readonly excess: string;
  readonly calculation: Prisma.InputJsonValue;
  readonly rule: string;
}

/** The member's guaranty fund contribution on deposit: deposits less withdrawals. */
export async function balanceOf(tx: Tx, firmId: string): Promise<Prisma.Decimal> {
  return (await balancesOf(tx, [firmId])).get(firmId)!;
}

/**
 * balanceOf for many members in one query: the given ones (0 for a member with no movements),
 * or every member with movements when none are given.
 */
export async function balancesOf(tx: Tx, firmIds?: readonly string[]): Promise<Map<string, Prisma.Decimal>> {
  const rows = await tx.gfDeposit.groupBy({ by: ["firmId", "kind"], where: firmIds ? { firmId: { in: [...firmIds] } } : {}, _sum: { amount: true } });
  const out = new Map<string, Prisma.Decimal>((firmIds ?? []).map((id) => [id, new Prisma.Decimal(0)]));
  for (const r of rows) {
    const total = out.get(r.firmId) ?? new Prisma.Decimal(0);
    out.set(r.firmId, r.kind === "DEPOSIT" ? total.plus(r._sum.amount ?? 0) : total.minus(r._sum.amount ?? 0));
  }
  return out;
}

/** currentRequirement for many members in one query (absent: no requirement notice yet). */
export async function currentRequirements(tx: Tx, firmIds: readonly string[]): Promise<Map<string, Prisma.Decimal>> {
  const rows = await tx.$queryRaw<{ firm_id: string; required: Prisma.Decimal }[]>`
    SELECT DISTINCT ON (firm_id) firm_id, required
      FROM gf_notice
     WHERE firm_id = ANY(${[...firmIds]}::uuid[]) AND kind::text = ANY(${[...REQUIREMENT_KINDS]}::text[])
     ORDER BY firm_id, issued_at DESC`;
  return new Map(rows.map((r) => [r.firm_id, new Prisma.Decimal(r.required.toString())]));
}

/** The member's current requirement: the latest issued deposit or interim notice's required amount. */
export async function currentRequirement(tx: Tx, firmId: string): Promise<Prisma.Decimal | null> {
  return (await currentRequirements(tx, [firmId])).get(firmId) ?? null;
}

function noticeEmail(kind: GfNoticeKind, d: NoticeDraft, id: string): { subject: string; body: string } {
  const label = NOTICE_KIND_LABELS[kind];
  const due = new Prisma.Decimal(d.amountDue);
  const lines = [
    `${label} dated ${d.noticeDate}.`,
    kind === "ASSESSMENT"
      ? `Assessed: ${usd(d.amountDue)} (your guaranty fund requirement, the base of the cap: ${usd(d.required)}). On deposit: ${usd(d.onDeposit)}.`
      : `Required: ${usd(d.required)}. On deposit: ${usd(d.onDeposit)}.`,
    due.isZero()
      ? new Prisma.Decimal(d.excess).isZero()
        ? "Nothing is due."
        : `Excess that may be withdrawn: ${usd(d.excess)}.`
      : `Due: ${usd(d.amountDue)} by ${d.dueDate}.`,
    d.rule,
    `See the notice and the calculation behind it, and acknowledge it, at /member/guaranty-fund/notices/${id}.`,
  ];
  return { subject: `${label}: ${due.isZero() ? "nothing due" : `${usd(d.amountDue)} due ${d.dueDate}`} (guaranty fund)`, body: lines.join("\n") };
}

/**
 * Writes the notices, supersedes each firm's older open requirement notices when a new one
 * restates the requirement, marks a notice with nothing due as settled, and e-mails each
 * firm's users (its finance contacts) through the outbox.
 */
export async function issueNotices(tx: Tx, drafts: readonly NoticeDraft[], issuedBy: string | null, now = new Date()) {
  const created = [];
  for (const d of drafts) {
    if (REQUIREMENT_KINDS.includes(d.kind)) {
      await tx.gfNotice.updateMany({ where: { firmId: d.firmId, kind: { in: [...REQUIREMENT_KINDS] }, settledAt: null, supersededAt: null }, data: { supersededAt: now } });
    }
    const nothingDue = new Prisma.Decimal(d.amountDue).isZero();
    const notice = await tx.gfNotice.create({
      data: {
        firmId: d.firmId,
        kind: d.kind,
        recalculationId: d.recalculationId ?? null,
        noticeDate: dateOnly(d.noticeDate),
        dueDate: d.dueDate ? dateOnly(d.dueDate) : null,
        required: d.required,
        onDeposit: d.onDeposit,
        amountDue: d.amountDue,
        excess: d.excess,
        calculation: d.calculation,
        rule: d.rule,
        issuedBy,
        issuedAt: now,
        settledAt: nothingDue ? now : null,
      },
    });
    await enqueue(tx, await firmRecipients(tx, d.firmId, ["MEMBER_USER", "MEMBER_RISK_ADMIN"]), { kind: `gf.notice.${d.kind.toLowerCase()}`, ...noticeEmail(d.kind, d, notice.id), dedupeKey: `gf.notice:${notice.id}` });
    created.push(notice);
  }
  return created;
}

/**
 * A deposit or interim notice for a member from its new requirement and its balance (Rule 816):
 * from a recalculation, or (recalculationId null) the initial requirement set at approval.
 */
export function requirementDraft(calendar: BusinessCalendar, input: { firmId: string; kind: "DEPOSIT" | "INTERIM_INCREASE"; recalculationId: string | null; noticeDate: string; required: string; onDeposit: string; calculation: Prisma.InputJsonValue }): NoticeDraft {
  const n = guarantyFundDepositNotice(calendar, { memberId: input.firmId, noticeDate: input.noticeDate, required: input.required, onDeposit: input.onDeposit, kind: input.kind === "DEPOSIT" ? "quarterly" : "interim" });
  return {
    firmId: input.firmId,
    kind: input.kind,
    recalculationId: input.recalculationId,
    noticeDate: input.noticeDate,
    dueDate: n.dueDate,
    required: n.required.toFixed(2),
    onDeposit: n.onDeposit.toFixed(2),
    amountDue: n.shortfall.toFixed(2),
    excess: n.excess.toFixed(2),
    calculation: input.calculation,
    rule: n.rule,
  };
}

/** Restoration of a used contribution, due by close of business on the next business day (802.F). Used by default management. */
export function replenishmentDraft(calendar: BusinessCalendar, input: { firmId: string; usedOn: string; amountApplied: string; required: string; onDeposit: string; calculation: Prisma.InputJsonValue }): NoticeDraft {
  const r = guarantyFundReplenishment(calendar, { memberId: input.firmId, usedOn: input.usedOn, amountApplied: input.amountApplied });
  return { firmId: input.firmId, kind: "REPLENISHMENT", noticeDate: input.usedOn, dueDate: r.dueDate, required: input.required, onDeposit: input.onDeposit, amountDue: r.amount.toFixed(2), excess: "0.00", calculation: input.calculation, rule: r.rule };
}

/**
 * An assessment after a default (802.B.1.v, 802.H): refused above the member's remaining
 * capacity (275% per default, 550% over the cooling-off period); the cap and the cooling-off
 * period are stated on the notice. Used by default management.
 */
export function assessmentDraft(input: { firmId: string; noticeDate: string; dueDate: string; amount: string; gfRequirement: string; gfRequirementAtPeriodStart?: string; assessedThisDefault?: string; assessedInPeriod?: string; coolingOff: { from: string; to: string }; onDeposit: string }): NoticeDraft {
  const cap = assessmentCapacity({ gfRequirement: input.gfRequirement, gfRequirementAtPeriodStart: input.gfRequirementAtPeriodStart, assessedThisDefault: input.assessedThisDefault, assessedInPeriod: input.assessedInPeriod });
  const amount = new Prisma.Decimal(input.amount);
  if (amount.greaterThan(cap.capacity.toString())) throw new Error(`assessment ${input.amount} exceeds the remaining capacity ${cap.capacity.toFixed(2)} (Rule 802.B.1.v)`);
  return {
    firmId: input.firmId,
    kind: "ASSESSMENT",
    noticeDate: input.noticeDate,
    dueDate: input.dueDate,
    required: input.gfRequirement,
    onDeposit: input.onDeposit,
    amountDue: amount.toFixed(2),
    excess: "0.00",
    calculation: { perDefaultCap: cap.perDefaultCap.toFixed(2), periodCap: cap.periodCap.toFixed(2), remainingThisDefault: cap.remainingThisDefault.toFixed(2), remainingInPeriod: cap.remainingInPeriod.toFixed(2), capacity: cap.capacity.toFixed(2), coolingOff: input.coolingOff },
    rule: `Rule 802.B.1.v / 802.H: at most 275% of the requirement per default (${cap.perDefaultCap.toFixed(2)}) and 550% over the cooling-off period ${input.coolingOff.from} to ${input.coolingOff.to} (${cap.periodCap.toFixed(2)})`,
  };
}

/**
 * Marks the firm's open notices that the contribution now covers as settled: a requirement
 * notice when the balance reaches its required amount; a replenishment or assessment when the
 * deposits recorded since it was issued reach its amount.
 */
export async function settleCoveredNotices(tx: Tx, firmId: string, now = new Date()): Promise<number> {
  const open = await tx.gfNotice.findMany({ where: { firmId, settledAt: null, supersededAt: null } });
  if (open.length === 0) return 0;
  const balance = await balanceOf(tx, firmId);
  let settled = 0;
  for (const n of open) {
    let covered: boolean;
    if (REQUIREMENT_KINDS.includes(n.kind)) covered = balance.greaterThanOrEqualTo(n.required);
    else {
      const since = await tx.gfDeposit.aggregate({ where: { firmId, kind: "DEPOSIT", recordedAt: { gte: n.issuedAt } }, _sum: { amount: true } });
      covered = new Prisma.Decimal(since._sum.amount ?? 0).greaterThanOrEqualTo(n.amountDue);
    }
    if (covered) {
      await tx.gfNotice.update({ where: { id: n.id }, data: { settledAt: now } });
      settled++;
    }
  }
  return settled;
}

/** Open notices whose due date has passed (due date before `today`). */
export function overdueWhere(today: string): Prisma.GfNoticeWhereInput {
  return { settledAt: null, supersededAt: null, dueDate: { lt: dateOnly(today) } };
}

/**
 * Escalates each overdue notice to the clearing-house admins once: the notice is stamped
 * `escalatedAt` (only if it was not yet) and the e-mail carries a per-notice dedupe key, so
 * running this again, or concurrently, sends nothing twice.
 */
export async function escalateOverdueNotices(tx: Tx, today: string, now = new Date()): Promise<number> {
  const due = await tx.gfNotice.findMany({ where: { ...overdueWhere(today), escalatedAt: null }, orderBy: { dueDate: "asc" } });
  if (due.length === 0) return 0;
  const admins = await clearingHouseRecipients(tx, ["CH_ADMIN"]);
  const firmIds = [...new Set(due.map((n) => n.firmId))];
  const firms = new Map((await tx.firm.findMany({ where: { id: { in: firmIds } } })).map((f) => [f.id, f]));
  const balances = await balancesOf(tx, firmIds);
  let escalated = 0;
  for (const n of due) {
    const claimed = await tx.gfNotice.updateMany({ where: { id: n.id, escalatedAt: null }, data: { escalatedAt: now } });
    if (claimed.count === 0) continue;
    const firm = firms.get(n.firmId);
    const balance = balances.get(n.firmId)!;
    await enqueue(tx, admins, {
      kind: "gf.notice.overdue",
      subject: `Overdue guaranty fund notice: ${firm?.code ?? n.firmId} ${usd(n.amountDue)} was due ${isoOf(n.dueDate!)}`,
      body: [
        `${firm?.legalName ?? n.firmId} (${firm?.code ?? ""}) has not met its ${NOTICE_KIND_LABELS[n.kind].toLowerCase()} dated ${isoOf(n.noticeDate)}.`,
        `Due ${usd(n.amountDue)} by ${isoOf(n.dueDate!)}; required ${usd(n.required)}; on deposit now ${usd(balance)}.`,
        n.acknowledgedAt ? `The member acknowledged the notice on ${n.acknowledgedAt.toISOString().slice(0, 10)}.` : "The member has not acknowledged the notice.",
        "See /ch/guaranty-fund (Overdue notices).",
      ].join("\n"),
      dedupeKey: `gf.overdue:${n.id}`,
    });
    escalated++;
  }
  return escalated;
}
