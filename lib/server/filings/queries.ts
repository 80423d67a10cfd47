/**
 * Reads for the filing pages: a firm's filing calendar (what is due, when, filed, late,
 * missing), its history, one filing with all its versions, and the surveillance board.
 * A member's reads take the firm id from the session; filings are looked up by id AND firm.
 */
import "server-only";
import type { Filing, Firm } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { kindsFor } from "@/lib/filings/capital";
import { FILING_KIND_LABELS, todayUtc, type FilingKindName } from "@/lib/validation/filing";
import { currentFilings, dueDateOf, filingSettings, type FilingSettings } from "./service";
import { dateOnly, isoOf } from "@/lib/shared/dates";
import { D, formatPercent, type Dec } from "@/lib/risk";

export type CalendarStatus = "filed" | "filed late" | "missing" | "due" | "upcoming" | "awaiting regulatory filing";

export interface CalendarEntry {
  readonly kind: FilingKindName;
  readonly kindLabel: string;
  readonly periodEnd: string;
  /** null: a bank report, due five days after its regulatory filing, not yet known */
  readonly dueDate: string | null;
  readonly status: CalendarStatus;
  readonly filing: Pick<Filing, "id" | "version" | "filedAt" | "status"> | null;
}

function monthEndsBack(today: string, count: number): string[] {
  const out: string[] = [];
  const d = dateOnly(`${today.slice(0, 7)}-01`);
  for (let i = 0; i < count; i++) {
    d.setUTCDate(0); // last day of the previous month
    out.push(isoOf(d));
    d.setUTCDate(1);
  }
  return out;
}

/** How far back the calendar looks. */
export const CALENDAR_MONTHS = 12;

/**
 * The reports a firm owes for the last twelve months: monthly (non-banks) or quarterly (banks)
 * and the annual certified statement for the last calendar year end (the firm row holds no
 * fiscal year; December is assumed). Periods before the firm became a member and before its
 * first filing are not owed.
 */
export function filingCalendar(firm: Pick<Firm, "isBank" | "isBrokerDealer" | "createdAt">, filings: readonly Filing[], settings: FilingSettings, today: string): CalendarEntry[] {
  const [periodic, annual] = kindsFor(firm) as [FilingKindName, FilingKindName];
  const byKey = new Map(filings.map((f) => [`${f.kind}|${isoOf(f.periodEnd)}`, f]));
  const earliestFiled = filings.reduce<string | null>((m, f) => (m === null || isoOf(f.periodEnd) < m ? isoOf(f.periodEnd) : m), null);
  const memberSince = isoOf(firm.createdAt);
  const startFrom = earliestFiled && earliestFiled < memberSince ? earliestFiled : memberSince.slice(0, 8) + "01";
  const thisMonthEnd = monthEndsBack(isoOf(new Date(dateOnly(`${today.slice(0, 7)}-01`).getTime() + 40 * 86_400_000)), 1)[0]!;
  const ends = [thisMonthEnd, ...monthEndsBack(today, CALENDAR_MONTHS)];
  const periods: [FilingKindName, string][] = ends
    .filter((e) => !firm.isBank || ["03", "06", "09", "12"].includes(e.slice(5, 7)))
    .map((e) => [periodic, e]);
  const lastYearEnd = `${Number(today.slice(0, 4)) - 1}-12-31`;
  periods.push([annual, lastYearEnd]);
  const owed = periods.filter(([, p]) => p >= startFrom || byKey.has(`${periodic}|${p}`) || byKey.has(`${annual}|${p}`));
  const out: CalendarEntry[] = owed.map(([kind, periodEnd]) => {
    const f = byKey.get(`${kind}|${periodEnd}`) ?? null;
    const dueDate = f ? isoOf(f.dueDate) : dueDateOf(settings, firm, kind, periodEnd, null);
    let status: CalendarStatus;
    if (f) status = f.lateFiling ? "filed late" : "filed";
    else if (periodEnd >= today) status = "upcoming";
    else if (dueDate === null) status = "awaiting regulatory filing";
    else status = dueDate < today ? "missing" : "due";
    return { kind, kindLabel: FILING_KIND_LABELS[kind], periodEnd, dueDate, status, filing: f ? { id: f.id, version: f.version, filedAt: f.filedAt, status: f.status } : null };
  });
  return out.sort((a, b) => (a.periodEnd === b.periodEnd ? a.kind.localeCompare(b.kind) : b.periodEnd.localeCompare(a.periodEnd)));
}

/** The member's filing page: its calendar, its reports (current versions) and the chart's points. */
export async function memberFilingsOverview(firmId: string) {
  const client = db();
  const firm = await client.firm.findUniqueOrThrow({ where: { id: firmId } });
  const settings = await filingSettings(client);
  const filings = await currentFilings(client, firmId);
  const today = todayUtc();
  const openCases = await client.surveillanceCase.findMany({ where: { firmId, closedAt: null }, orderBy: { openedAt: "desc" } });
  return { firm, today, calendar: filingCalendar(firm, filings, settings, today), filings: [...filings].reverse(), history: historyPoints(filings), openCases };
}

export interface HistoryPoint {
  readonly periodEnd: string;
  readonly kind: string;
  readonly adjustedNetCapital: string;
  readonly minimumCapital: string;
  readonly earlyWarningLevel: string;
}

export function historyPoints(filings: readonly Filing[]): HistoryPoint[] {
  return filings.map((f) => ({ periodEnd: isoOf(f.periodEnd), kind: f.kind, adjustedNetCapital: f.adjustedNetCapital.toFixed(2), minimumCapital: f.minimumCapital.toFixed(2), earlyWarningLevel: f.earlyWarningLevel.toFixed(2) }));
}

/**
 * One filing with every version of its report, its lines, reviews and cases, and the firm's
 * history. `firmId` given (a member): a filing of another firm is not found (null).
 */
export async function filingDetail(id: string, firmId: string | null) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const client = db();
  const filing = await client.filing.findFirst({ where: { id, ...(firmId ? { firmId } : {}) }, include: { firm: true, amendedBy: { select: { id: true, version: true } }, signedDocument: true } });
  if (!filing) return null;
  const versions = await client.filing.findMany({
    where: { firmId: filing.firmId, kind: filing.kind, periodEnd: filing.periodEnd },
    orderBy: { version: "asc" },
    include: { lines: true, reviews: { orderBy: { createdAt: "asc" } }, signedDocument: { select: { id: true, originalName: true } } },
  });
  const reviewerIds = [...new Set(versions.flatMap((v) => v.reviews.map((r) => r.reviewerId)))];
  const userIds = [...new Set([...reviewerIds, ...versions.map((v) => v.filedById).filter((x): x is string => !!x)])];
  const users = new Map((await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  const cases = await client.surveillanceCase.findMany({ where: { firmId: filing.firmId }, orderBy: { openedAt: "desc" }, include: { filing: { select: { id: true, kind: true, periodEnd: true, version: true } } } });
  const history = historyPoints(await currentFilings(client, filing.firmId));
  const notices = await client.regulatoryNotice.findMany({ where: { firmId: filing.firmId }, orderBy: { filedAt: "desc" }, take: 20 });
  return { filing, versions, users, cases, history, notices };
}

export type SortKey = "firm" | "anc" | "excess" | "excessPercent" | "flags" | "late" | "missing" | "filed";

export interface BoardRow {
  readonly firm: Pick<Firm, "id" | "code" | "legalName" | "isBank">;
  readonly latest: Filing | null;
  /** Excess over the minimum as a percentage of it, exact to one decimal (half-even), e.g. "14.3"; null without a filing. */
  readonly excessPercent: string | null;
  readonly flags: readonly string[];
  readonly lateCount: number;
  readonly missing: readonly CalendarEntry[];
  readonly openCases: number;
}

/** Every member's latest ANC, excess over the requirement, flags, late and missing filings. */
export async function surveillanceBoard(sort: SortKey, dir: "asc" | "desc"): Promise<BoardRow[]> {
  const client = db();
  const settings = await filingSettings(client);
  const today = todayUtc();
  const firms = await client.firm.findMany({ orderBy: { code: "asc" } });
  const all = await client.filing.findMany({ where: { amendedBy: { is: null } }, orderBy: [{ periodEnd: "asc" }, { filedAt: "asc" }] });
  const open = await client.surveillanceCase.groupBy({ by: ["firmId"], where: { closedAt: null }, _count: { _all: true } });
  const rows: BoardRow[] = firms.map((firm) => {
    const filings = all.filter((f) => f.firmId === firm.id);
    const latest = filings.at(-1) ?? null;
    const calendar = filingCalendar(firm, filings, settings, today);
    const flags: string[] = [];
    if (latest?.belowMinimum) flags.push("below minimum");
    if (latest?.belowEarlyWarning) flags.push("below early warning");
    if (latest?.substantialReduction) flags.push("substantial reduction");
    if (latest?.lateFiling) flags.push("late filing");
    const excessPercent = latest && !latest.minimumCapital.isZero() ? formatPercent(new D(latest.excessOverMinimum.toString()).div(latest.minimumCapital.toString()), 1) : null;
    return {
      firm,
      latest,
      excessPercent,
      flags,
      lateCount: filings.filter((f) => f.lateFiling).length,
      missing: calendar.filter((c) => c.status === "missing"),
      openCases: open.find((o) => o.firmId === firm.id)?._count._all ?? 0,
    };
  });
  // Amounts compare as exact decimals, never as JavaScript numbers; counts and times as numbers.
  const NONE = new D(-Infinity);
  const key = (r: BoardRow): string | number | Dec => {
    switch (sort) {
      case "firm": return r.firm.code;
      case "anc": return r.latest ? new D(r.latest.adjustedNetCapital.toString()) : NONE;
      case "excess": return r.latest ? new D(r.latest.excessOverMinimum.toString()) : NONE;
      case "excessPercent": return r.excessPercent === null ? NONE : new D(r.excessPercent);
      case "flags": return r.flags.length * 10 + r.openCases;
      case "late": return r.lateCount;
      case "missing": return r.missing.length;
      case "filed": return r.latest ? r.latest.filedAt.getTime() : 0;
    }
  };
  const compare = (a: string | number | Dec, b: string | number | Dec): number => (typeof a === "object" && typeof b === "object" ? a.comparedTo(b) : a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => {
    const c = compare(key(a), key(b)) || a.firm.code.localeCompare(b.firm.code);
    return dir === "asc" ? c : -c;
  });
}

/** What the new-filing page starts from: the firm, the filing settings and its current reports. */
export async function newFilingContext(firmId: string) {
  const client = db();
  const firm = await client.firm.findUniqueOrThrow({ where: { id: firmId } });
  const [settings, filings] = await Promise.all([filingSettings(client), currentFilings(client, firm.id)]);
  return { firm, settings, filings };
}

/** A report of the firm to amend, with its lines (looked up by id AND firm: another firm's is not found). */
export async function filingToAmend(firmId: string, id: string) {
  return /^[0-9a-f-]{36}$/i.test(id) ? db().filing.findFirst({ where: { id, firmId }, include: { lines: true, amendedBy: true } }) : null;
}

/** The firm's regulatory notices, its key contacts and its latest sign-off (Rule 983.B). */
export async function memberNotices(firmId: string) {
  const client = db();
  const [notices, contacts, lastSignOff] = await Promise.all([
    client.regulatoryNotice.findMany({ where: { firmId }, orderBy: { filedAt: "desc" }, take: 50 }),
    client.keyPersonContact.findMany({ where: { firmId, removedAt: null }, orderBy: [{ function: "asc" }, { name: "asc" }] }),
    client.keyPersonSignOff.findFirst({ where: { firmId }, orderBy: { signedAt: "desc" } }),
  ]);
  return { notices, contacts, lastSignOff };
}
