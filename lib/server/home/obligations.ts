/**
 * What a clearing member owes and must do, and the clearing house's queue of work: the home
 * pages' one read. Every figure comes from the feature's own query (margin statements, the
 * guaranty fund position, the filing calendar, default alerts, credit utilization), read in one
 * round of parallel queries; nothing here computes a rule again.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { D } from "@/lib/risk";
import { groupingsOverview } from "@/lib/server/credit-controls/queries";
import { memberDefaultAlerts } from "@/lib/server/default-management/member-queries";
import { memberFilingsOverview, type CalendarEntry } from "@/lib/server/filings/queries";
import { memberFunds, unacknowledgedNotices, type FundPosition } from "@/lib/server/guaranty-fund/queries";
import { balancesOf, currentRequirements, overdueWhere } from "@/lib/server/guaranty-fund/notices";
import { todayIso } from "@/lib/shared/dates";
import { cycleLabel } from "@/lib/server/margin/cycle";

/** A grouping's utilization at or above this share of its limit is "near its limit" (our default; SPEC §4 names none). */
export const NEAR_LIMIT_PERCENT = "80";

/** A firm's margin figures for one completed cycle, summed over its accounts (exact decimal strings). */
export interface CycleFigures {
  readonly cycleId: string;
  readonly label: string;
  readonly businessDate: string;
  readonly maintenance: string;
  readonly initial: string;
  readonly collateral: string;
  readonly excess: string;
  readonly call: string;
}

export interface LimitNearBreach {
  readonly groupingId: string;
  readonly key: string;
  readonly derivative: "futures" | "options";
  readonly amount: string;
  readonly limit: string;
  readonly percent: string | null;
  readonly breached: boolean;
}

/** The firm's latest two completed cycles' figures, newest first (the latest and its previous, for the trend). */
async function latestCycleFigures(firmId: string): Promise<CycleFigures[]> {
  const cycles = await db().marginCycle.findMany({
    where: { status: "COMPLETED", statements: { some: { firmId } } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take: 2,
  });
  if (cycles.length === 0) return [];
  const sums = await db().marginStatement.groupBy({
    by: ["cycleId"],
    where: { firmId, cycleId: { in: cycles.map((c) => c.id) } },
    _sum: { maintenance: true, initial: true, collateralValue: true, excess: true, call: true },
  });
  const byCycle = new Map(sums.map((s) => [s.cycleId, s._sum]));
  const text = (v: Prisma.Decimal | null | undefined) => (v ? v.toFixed(2) : "0.00");
  return cycles.map((c) => {
    const s = byCycle.get(c.id);
    return {
      cycleId: c.id,
      label: cycleLabel(c),
      businessDate: c.businessDate.toISOString().slice(0, 10),
      maintenance: text(s?.maintenance),
      initial: text(s?.initial),
      collateral: text(s?.collateralValue),
      excess: text(s?.excess),
      call: text(s?.call),
    };
  });
}

/** Groupings whose futures or options utilization is at or above NEAR_LIMIT_PERCENT of the limit, or breached. */
function limitsNearBreach(overview: Awaited<ReturnType<typeof groupingsOverview>>): LimitNearBreach[] {
  const near = new D(NEAR_LIMIT_PERCENT);
  return overview.rows.flatMap((g) =>
    (["futures", "options"] as const)
      .filter((d) => g[d].breached || (g[d].percent !== null && new D(g[d].percent!).greaterThanOrEqualTo(near)))
      .map((d) => ({ groupingId: g.id, key: g.key, derivative: d, amount: g[d].amount, limit: g[d].limit, percent: g[d].percent, breached: g[d].breached })),
  );
}

/**
 * Everything a member firm owes and must do, each with where it is done: the latest cycle's
 * performance bond call and its figures against the previous cycle's, each guaranty fund's
 * requirement against its deposit and what is due, reports due and late, open auctions it is
 * invited to, defaults in their cooling-off period (Rule 802.H), limits near breach, notices not
 * yet acknowledged and open surveillance cases.
 */
export async function memberObligations(firmId: string) {
  const [figures, funds, notices, filings, alerts, credit] = await Promise.all([
    latestCycleFigures(firmId),
    memberFunds(firmId),
    unacknowledgedNotices(firmId),
    memberFilingsOverview(firmId),
    memberDefaultAlerts(firmId),
    groupingsOverview(firmId),
  ]);
  const latest = figures[0] ?? null;
  const previous = figures[1] ?? null;
  const reports: CalendarEntry[] = filings.calendar.filter((c) => c.status === "due" || c.status === "missing" || c.status === "awaiting regulatory filing");
  const fundsDue: FundPosition[] = funds.filter((f) => f.amountDue !== null && !f.amountDue.isZero());
  const limits = limitsNearBreach(credit);
  const marginCall = latest && new D(latest.call).greaterThan(0) ? { amount: latest.call, cycleId: latest.cycleId, label: latest.label, due: latest.businessDate } : null;
  const count = (marginCall ? 1 : 0) + fundsDue.length + notices.length + reports.length + alerts.auctions.length + alerts.defaults.length + limits.length + filings.openCases.length;
  return {
    today: filings.today,
    latest,
    previous,
    marginCall,
    funds,
    fundsDue,
    notices,
    reports,
    lateReports: reports.filter((r) => r.status === "missing"),
    auctions: alerts.auctions,
    defaults: alerts.defaults,
    limits,
    openCases: filings.openCases,
    /** How many things are due or to act on (0: "nothing is due"). */
    count,
  };
}

export interface QueueItem {
  readonly key: "applications" | "filings" | "cases" | "overdueNotices" | "gfShortfall" | "marginCalls" | "collateralRequests" | "auctions" | "exemptions";
  readonly label: string;
  readonly count: number;
  readonly href: string;
  /** e.g. the soonest deadline */
  readonly detail?: string;
}

/**
 * The clearing house's queue of work, each with a count and where it is done: applications to
 * review, filings not yet reviewed, open surveillance cases (capital breaches), guaranty fund
 * notices overdue, members short of their guaranty fund requirement, members called in the
 * latest cycle, collateral requests to decide, open auctions and exemption requests to decide.
 */
export async function clearingHouseQueue(now = new Date()): Promise<QueueItem[]> {
  const today = todayIso(now);
  const client = db();
  const [applications, filings, cases, overdue, firms, balances, latestCycle, collateral, auctions, exemptions] = await Promise.all([
    client.membershipApplication.count({ where: { status: { in: ["SUBMITTED", "UNDER_REVIEW"] } } }),
    client.filing.count({ where: { status: "SUBMITTED", amendedBy: { is: null } } }),
    client.surveillanceCase.count({ where: { closedAt: null } }),
    client.gfNotice.count({ where: overdueWhere(today) }),
    client.firm.findMany({ where: { status: { not: "WITHDRAWN" } }, select: { id: true } }),
    balancesOf(client),
    client.marginCycle.findFirst({ where: { status: "COMPLETED" }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }], select: { id: true, businessDate: true, kind: true, number: true } }),
    client.collateralRequest.count({ where: { status: "PENDING" } }),
    client.auction.findMany({ where: { status: "OPEN" }, orderBy: { closesAt: "asc" }, select: { closesAt: true } }),
    client.exemptionRequest.count({ where: { status: "PENDING" } }),
  ]);
  const [requirements, called] = await Promise.all([
    currentRequirements(client, firms.map((f) => f.id)),
    latestCycle ? client.marginStatement.groupBy({ by: ["firmId"], where: { cycleId: latestCycle.id, call: { gt: 0 } } }) : Promise.resolve([]),
  ]);
  const short = firms.filter((f) => {
    const required = requirements.get(f.id);
    const onDeposit = balances.get(f.id);
    return required !== undefined && (onDeposit === undefined ? required.greaterThan(0) : required.greaterThan(onDeposit));
  }).length;
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return [
    { key: "applications", label: "Applications to review", count: applications, href: "/ch/applications" },
    { key: "filings", label: "Financial reports to review", count: filings, href: "/ch/surveillance" },
    { key: "cases", label: "Open surveillance cases (capital breaches)", count: cases, href: "/ch/surveillance" },
    { key: "overdueNotices", label: "Guaranty fund notices overdue", count: overdue, href: "/ch/guaranty-fund" },
    { key: "gfShortfall", label: "Members short of their guaranty fund requirement", count: short, href: "/ch/guaranty-fund" },
    { key: "marginCalls", label: "Members with a performance bond call", count: called.length, href: latestCycle ? `/ch/margin/cycles/${latestCycle.id}` : "/ch/margin", ...(latestCycle ? { detail: `latest cycle ${cycleLabel(latestCycle)}` } : {}) },
    { key: "collateralRequests", label: "Collateral requests to decide", count: collateral, href: "/ch/margin" },
    { key: "auctions", label: "Auctions open", count: auctions.length, href: "/ch/default-management", ...(auctions[0] ? { detail: `first closes ${utc(auctions[0].closesAt)}` } : {}) },
    { key: "exemptions", label: "Bidding exemption requests to decide", count: exemptions, href: "/ch/default-management" },
  ];
}
