/**
 * The home pages' obligations (lib/server/home/obligations.ts) against the database: a new member
 * with nothing due gets nothing listed; a member owing a guaranty fund deposit, late reports and
 * a grouping near its credit limit gets each of them with its amount and date; the latest margin
 * figures are the sums of its statements in the latest two completed cycles; the clearing
 * house's queue counts what the tables hold.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberObligations, clearingHouseQueue } from "@/lib/server/home/obligations";
import { dateOnly, tradingDateAt } from "@/lib/server/credit-controls/state";
import { todayIso } from "@/lib/shared/dates";
import { testClient } from "../support/db";
import { retireTestFirms } from "../support/test-firms";

const db = testClient();
const CODES = ["HOM1", "HOM2"] as const;
const ids = new Map<string, string>();
const DAY = 86_400_000;

async function makeFirm(code: string, createdAt: Date) {
  const firm = await db.firm.create({ data: { code, legalName: `Home test ${code} LLC`, legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME"], createdAt } });
  ids.set(code, firm.id);
  return firm.id;
}

beforeAll(async () => {
  await makeFirm("HOM1", new Date());
  // HOM2 has been a member for about 80 days and filed nothing: its earlier monthly reports are late.
  const owing = await makeFirm("HOM2", new Date(Date.now() - 80 * DAY));
  await db.gfNotice.create({ data: { firmId: owing, kind: "DEPOSIT", noticeDate: new Date(Date.now() - 2 * DAY), dueDate: new Date(`${todayIso(new Date(Date.now() + 5 * DAY))}T00:00:00Z`), required: "2500000.00", onDeposit: "0", amountDue: "2500000.00", excess: "0", calculation: { test: true }, rule: "Rule 816 (test)" } });
  // A grouping with a $1,000 futures limit and working orders for 10 contracts at $90: 90% used.
  const grouping = await db.creditGrouping.create({ data: { firmId: owing, executionFirmId: "HOM2X", exchange: "CME", productComplex: "EQUITY", currentVersion: 1 } });
  const version = await db.creditGroupingVersion.create({ data: { groupingId: grouping.id, version: 1, futuresLimit: "1000.00", optionsLimit: "0", includeGtc: true, includeGtd: true, actionEmail: true, actionBlock: false, actionCancel: false, note: "test" } });
  await db.creditReferenceRate.create({ data: { versionId: version.id, derivativeType: "FUTURE", product: "ES", rate: "90" } });
  await db.creditOrder.create({ data: { firmId: owing, clientOrderId: "HOM2-1", executionFirmId: "HOM2X", account: "A1", exchange: "CME", productComplex: "EQUITY", product: "ES", derivativeType: "FUTURE", side: "BUY", quantity: 10, timeInForce: "DAY", tradingDate: dateOnly(tradingDateAt(new Date())), state: "WORKING", source: "test" } });
});

afterAll(async () => {
  await db.creditOrder.updateMany({ where: { firmId: ids.get("HOM2") }, data: { state: "CANCELLED" } });
  await retireTestFirms(db, CODES);
  await db.$disconnect();
});

describe("member home: what is due", () => {
  it("a new member with nothing due gets nothing listed (only defaults in their cooling-off period, which concern every member)", async () => {
    const o = await memberObligations(ids.get("HOM1")!);
    expect(o.marginCall).toBeNull();
    expect(o.latest).toBeNull();
    expect(o.fundsDue).toEqual([]);
    expect(o.notices).toEqual([]);
    expect(o.reports).toEqual([]);
    expect(o.limits).toEqual([]);
    expect(o.auctions).toEqual([]);
    expect(o.count).toBe(o.defaults.length);
  });

  it("a member owing a deposit, late reports and near its credit limit gets each with its amount and date", async () => {
    const o = await memberObligations(ids.get("HOM2")!);
    const base = o.fundsDue.find((f) => f.fund === "base");
    expect(base?.amountDue?.toFixed(2)).toBe("2500000.00");
    expect(base?.dueDate?.toISOString().slice(0, 10)).toBe(todayIso(new Date(Date.now() + 5 * DAY)));
    expect(o.notices.map((n) => n.amountDue.toFixed(2))).toEqual(["2500000.00"]);
    expect(o.lateReports.length).toBeGreaterThanOrEqual(1);
    for (const r of o.lateReports) expect(r.dueDate! < o.today).toBe(true);
    expect(o.limits).toEqual([expect.objectContaining({ derivative: "futures", amount: "900.00", limit: "1000.00", percent: "90.0", breached: false })]);
    expect(o.count).toBeGreaterThanOrEqual(1 + 1 + o.reports.length + 1);
  });

  it("the latest figures are the sums of the firm's statements in its latest two completed cycles (demo firm ACME)", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const cycles = await db.marginCycle.findMany({ where: { status: "COMPLETED", statements: { some: { firmId: acme.id } } }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }], take: 2 });
    expect(cycles.length).toBe(2);
    const sums = async (cycleId: string) => (await db.marginStatement.aggregate({ where: { firmId: acme.id, cycleId }, _sum: { maintenance: true, collateralValue: true, excess: true, call: true } }))._sum;
    const [latest, previous] = [await sums(cycles[0]!.id), await sums(cycles[1]!.id)];
    const o = await memberObligations(acme.id);
    expect(o.latest).toMatchObject({ cycleId: cycles[0]!.id, maintenance: latest.maintenance!.toFixed(2), collateral: latest.collateralValue!.toFixed(2), excess: latest.excess!.toFixed(2), call: latest.call!.toFixed(2) });
    expect(o.previous).toMatchObject({ cycleId: cycles[1]!.id, maintenance: previous.maintenance!.toFixed(2), call: previous.call!.toFixed(2) });
    expect(o.marginCall === null).toBe(latest.call!.isZero());
  });
});

describe("clearing-house home: the queue of work", () => {
  it("counts what the tables hold, each with where it is done", async () => {
    const queue = new Map((await clearingHouseQueue()).map((q) => [q.key, q]));
    expect(queue.get("applications")!.count).toBe(await db.membershipApplication.count({ where: { status: { in: ["SUBMITTED", "UNDER_REVIEW"] } } }));
    expect(queue.get("filings")!.count).toBe(await db.filing.count({ where: { status: "SUBMITTED", amendedBy: { is: null } } }));
    expect(queue.get("cases")!.count).toBe(await db.surveillanceCase.count({ where: { closedAt: null } }));
    expect(queue.get("auctions")!.count).toBe(await db.auction.count({ where: { status: "OPEN" } }));
    expect(queue.get("collateralRequests")!.count).toBe(await db.collateralRequest.count({ where: { status: "PENDING" } }));
    // HOM2's deposit notice is unpaid: it is short of its requirement
    expect(queue.get("gfShortfall")!.count).toBeGreaterThanOrEqual(1);
    const latest = await db.marginCycle.findFirst({ where: { status: "COMPLETED" }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
    const called = await db.marginStatement.findMany({ where: { cycleId: latest!.id, call: { gt: 0 } }, distinct: ["firmId"], select: { firmId: true } });
    expect(queue.get("marginCalls")).toMatchObject({ count: called.length, href: `/ch/margin/cycles/${latest!.id}` });
    expect(queue.get("applications")!.href).toBe("/ch/applications");
  });
});
