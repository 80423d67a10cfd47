/**
 * Guaranty fund recalculation, notices and deposits through the database and the real action
 * wrapper: cover 2 over uploaded stress results, Rule 816 requirements from stored margin
 * history, notices e-mailed once, deposits settling them, withdrawals only of the excess, a
 * member acknowledging only its own notices, and overdue notices escalated once.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { computeGuarantyFundRequirements, sizeGuarantyFundCover2, createBusinessCalendar } from "@/lib/risk";
import { executeAction } from "@/lib/server/action";
import { acknowledgeGfNotice, issueGfRecalculation, previewGfRecalculation, recordGfDeposit } from "@/lib/server/guaranty-fund/actions";
import { assessmentDraft, balanceOf, currentRequirement, escalateOverdueNotices, issueNotices, MOVEMENT_KIND_LABELS, noticeRequires, replenishmentDraft } from "@/lib/server/guaranty-fund/notices";
import { noticeLines } from "@/lib/server/guaranty-fund/documents";
import type { RecalculationResult } from "@/lib/server/guaranty-fund/recalculation";
import { startOverdueEscalation } from "@/lib/server/guaranty-fund/escalation";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

const db = testClient();
afterAll(() => db.$disconnect());

const STRESS = ["member,scenario,stress_loss", "ACME,crash,9000000", "ACME,rally,-100000", "BLUE,crash,4000000", "BLUE,rally,12000000", "COBT,crash,2500000.50", "COBT,rally,0"].join("\n");

async function as(role: keyof typeof ROLE_EMAILS) {
  return requestAs(await actorFor(db, ROLE_EMAILS[role]));
}

describe("guaranty fund recalculation", () => {
  let recalculationId = "";
  let acmeNoticeId = "";

  it("refuses bad stress rows naming the row and field, and stores nothing", async () => {
    const before = await db.gfRecalculation.count();
    const cases: [string, RegExp][] = [
      ["member,scenario,stress_loss\nACME,crash,12x", /row 2: stress_loss "12x" is not an amount/],
      // 17 digits of dollars: more cents than a 64-bit integer is sure to hold
      ["member,scenario,stress_loss\nACME,crash,12345678901234567", /row 2: stress_loss "12345678901234567" is not an amount in dollars and cents, at most 16 digits/],
      ["member,scenario,stress_loss\nNOPE,crash,1", /row 2: member "NOPE" is not an active clearing member/],
      ["member,scenario,stress_loss\nACME,crash,1\nBLUE,rally,2", /ACME has no row for scenario "rally"/],
      ["member,scenario,stress_loss\nACME,crash,1\nACME,crash,2", /row 3: ACME in scenario "crash" is already given in row 2/],
      ["member,scenario\nACME,crash", /row 1: the header has no "stress_loss" column/],
    ];
    for (const [entered, message] of cases) {
      const r = await executeAction(previewGfRecalculation.definition, await as("CH_RISK_STAFF"), { kind: "QUARTERLY", asOf: "2026-11-20", noticeDate: "2026-11-20", entered });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.formError).toMatch(message);
    }
    const noHistory = await executeAction(previewGfRecalculation.definition, await as("CH_RISK_STAFF"), { kind: "QUARTERLY", asOf: "2026-05-01", noticeDate: "2026-05-01", entered: STRESS });
    expect(noHistory.ok).toBe(false);
    if (!noHistory.ok) expect(noHistory.formError).toMatch(/No completed settlement cycle between 2026-02-02 and 2026-05-01/);
    expect(await db.gfRecalculation.count()).toBe(before);
  });

  it("previews the cover-2 aggregate and each member's Rule 816 requirement from the stored cycles and trades", async () => {
    const r = await executeAction(previewGfRecalculation.definition, await as("CH_RISK_STAFF"), { kind: "QUARTERLY", asOf: "2026-11-20", noticeDate: "2026-11-20", entered: STRESS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    recalculationId = r.data.id;
    const row = await db.gfRecalculation.findUniqueOrThrow({ where: { id: recalculationId } });
    const result = row.result as unknown as RecalculationResult;
    expect(row.status).toBe("PREVIEW");
    expect(await db.gfStressResult.count({ where: { recalculationId } })).toBe(6);

    // Recompute from the rows directly: performance bond on deposit = collateral of the last cycle.
    const firms = await db.firm.findMany({ where: { status: "ACTIVE" }, orderBy: { code: "asc" } });
    const cycle = await db.marginCycle.findFirstOrThrow({ where: { businessDate: new Date("2026-11-20T00:00:00Z"), status: "COMPLETED" }, orderBy: { number: "desc" } });
    const statements = await db.marginStatement.findMany({ where: { cycleId: cycle.id } });
    const sumBy = (firmId: string, f: "collateralValue" | "maintenance") => statements.filter((s) => s.firmId === firmId).reduce((t, s) => t.plus(s[f]), new Prisma.Decimal(0));
    const losses: Record<string, [string, string]> = { ACME: ["9000000", "-100000"], BLUE: ["4000000", "12000000"], COBT: ["2500000.50", "0"] };
    const cover2 = sizeGuarantyFundCover2({ scenarios: ["crash", "rally"], members: firms.map((f) => ({ id: f.code, performanceBondOnDeposit: sumBy(f.id, "collateralValue").toFixed(2), stressLosses: losses[f.code] ?? ["0", "0"] })) });
    expect(result.cover2.aggregate).toBe(cover2.aggregate.toFixed(2));
    expect(row.aggregate.toFixed(2)).toBe(cover2.aggregate.toFixed(2));
    expect(result.cover2.largestTwo.map((g) => g.group)).toEqual(cover2.largestTwo.map((g) => g.group));
    expect(result.cycleDays).toBe(1);
    expect(result.weights).toEqual({ performanceBond: "95", volume: "5", foreignCurrency: "0" });

    const trades = await db.trade.findMany({ where: { settledCycleId: { not: null } }, include: { account: true } });
    const expected = computeGuarantyFundRequirements({
      aggregate: cover2.aggregate,
      members: firms.map((f) => ({
        id: f.code,
        memberType: f.clearsAgriculturalOtc || f.clearsOtherBaseOtc ? "base-otc" : "futures-options",
        performanceBondHistory: [sumBy(f.id, "maintenance").toFixed(2)],
        riskWeightedContracts: String(trades.filter((t) => t.account.firmId === f.id).reduce((t, x) => t + (x.quantity < 0n ? -x.quantity : x.quantity), 0n)),
      })),
    });
    for (const m of expected.members) {
      const p = result.members.find((x) => x.code === m.id)!;
      expect(p.requirement, m.id).toBe(m.requirement.toFixed(2));
      expect(p.minimumApplied).toBe(m.minimumApplied);
    }
    const acme = result.members.find((m) => m.code === "ACME")!;
    expect(Number(acme.requirement)).toBeGreaterThanOrEqual(500000);
    expect(result.members.reduce((t, m) => t + Number(m.proportionateShare), 0)).toBeCloseTo(Number(result.cover2.aggregate), 2);
  });

  it("gives IRS and CDS clearers the $500,000 Base minimum: the $2,500,000 is for Base OTC excluding IRS and CDS (seed 002 Guaranty Fund Requirements)", async () => {
    const row = await db.gfRecalculation.findUniqueOrThrow({ where: { id: recalculationId } });
    const members = (row.result as unknown as RecalculationResult).members;
    const minimumOf = (code: string) => {
      const m = members.find((x) => x.code === code)!;
      return [m.memberType, m.minimum];
    };
    expect(minimumOf("BLUE")).toEqual(["futures-options", "500000.00"]); // futures and options plus IRS
    expect(minimumOf("DLTA")).toEqual(["futures-options", "500000.00"]); // futures and options plus CDS
    expect(minimumOf("ACME")).toEqual(["futures-options", "500000.00"]);
    expect(minimumOf("EVGR")).toEqual(["base-otc", "2500000.00"]); // agricultural OTC
    expect(minimumOf("GRNT")).toEqual(["base-otc", "2500000.00"]); // other Base OTC
  });

  it("issues a notice per member once, e-mailing the firm's users; issuing again is refused", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const r = await executeAction(issueGfRecalculation.definition, await as("CH_RISK_STAFF"), { recalculationId });
    expect(r.ok).toBe(true);
    const notices = await db.gfNotice.findMany({ where: { recalculationId } });
    expect(notices.length).toBe(await db.firm.count({ where: { status: "ACTIVE" } }));
    const n = notices.find((x) => x.firmId === acme.id)!;
    acmeNoticeId = n.id;
    expect(n.kind).toBe("DEPOSIT");
    expect(n.onDeposit.toFixed(2)).toBe("0.00");
    expect(n.amountDue.toFixed(2)).toBe(n.required.toFixed(2));
    // 2026-11-20 (Fri) + 5 business days, Thanksgiving (11-26) a holiday = 2026-11-30
    expect(n.dueDate!.toISOString().slice(0, 10)).toBe("2026-11-30");
    expect((n.calculation as { weights: unknown }).weights).toEqual({ performanceBond: "95", volume: "5", foreignCurrency: "0" });
    const mails = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `gf.notice:${n.id}:` } } });
    const users = await db.user.findMany({ where: { firmId: acme.id, disabledAt: null } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(users.map((u) => u.email).sort());
    expect(mails[0]!.subject).toMatch(/^Deposit notice: \$[\d,]+\.\d\d due 2026-11-30/);

    const again = await executeAction(issueGfRecalculation.definition, await as("CH_RISK_STAFF"), { recalculationId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.formError).toMatch(/already issued/);
    expect(await db.gfNotice.count({ where: { recalculationId } })).toBe(notices.length);
  });

  it("a member cannot acknowledge another firm's notice; its own is acknowledged once", async () => {
    const blueUser = requestAs(await actorFor(db, "ops@blue.example"));
    const foreign = await executeAction(acknowledgeGfNotice.definition, blueUser, { noticeId: acmeNoticeId });
    expect(foreign).toMatchObject({ ok: false, formError: "No such notice for your firm; nothing was acknowledged." });
    expect((await db.gfNotice.findUniqueOrThrow({ where: { id: acmeNoticeId } })).acknowledgedAt).toBeNull();

    const own = await executeAction(acknowledgeGfNotice.definition, await as("MEMBER_USER"), { noticeId: acmeNoticeId });
    expect(own.ok).toBe(true);
    const n = await db.gfNotice.findUniqueOrThrow({ where: { id: acmeNoticeId } });
    expect(n.acknowledgedBy).toBe((await actorFor(db, ROLE_EMAILS.MEMBER_USER)).userId);
    expect(await db.auditEvent.count({ where: { action: "gf.acknowledgeNotice", objectId: acmeNoticeId, outcome: "ok" } })).toBe(1);
    const twice = await executeAction(acknowledgeGfNotice.definition, await as("MEMBER_USER"), { noticeId: acmeNoticeId });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.formError).toMatch(/already acknowledged/);
  });

  it("escalates an overdue notice to the clearing-house admins once", async () => {
    expect(await db.$transaction((tx) => escalateOverdueNotices(tx, "2026-11-30"))).toBe(0); // due that day: not yet overdue
    const first = await db.$transaction((tx) => escalateOverdueNotices(tx, "2026-12-01"));
    expect(first).toBeGreaterThanOrEqual(1);
    const n = await db.gfNotice.findUniqueOrThrow({ where: { id: acmeNoticeId } });
    expect(n.escalatedAt).not.toBeNull();
    const admins = await db.user.count({ where: { role: "CH_ADMIN", disabledAt: null } });
    expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: `gf.overdue:${acmeNoticeId}:` } } })).toBe(admins);
    expect(await db.$transaction((tx) => escalateOverdueNotices(tx, "2026-12-01"))).toBe(0);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: `gf.overdue:${acmeNoticeId}:` } } })).toBe(admins);
  });

  it("a deposit that covers the requirement settles the notice; only the excess may be withdrawn", async () => {
    const n = await db.gfNotice.findUniqueOrThrow({ where: { id: acmeNoticeId } });
    const part = await executeAction(recordGfDeposit.definition, await as("CH_RISK_STAFF"), { firmCode: "ACME", kind: "DEPOSIT", amount: "100000.00", valueDate: "2026-11-05", reference: "FW-1" });
    expect(part).toMatchObject({ ok: true, data: { settled: 0 } });
    const rest = n.required.minus(100000).plus(250).toFixed(2);
    const full = await executeAction(recordGfDeposit.definition, await as("CH_RISK_STAFF"), { firmCode: "ACME", kind: "DEPOSIT", amount: rest, valueDate: "2026-11-06", reference: "FW-2" });
    expect(full).toMatchObject({ ok: true, data: { settled: 1, balance: n.required.plus(250).toFixed(2) } });
    expect((await db.gfNotice.findUniqueOrThrow({ where: { id: acmeNoticeId } })).settledAt).not.toBeNull();

    const before = await db.gfDeposit.count();
    const tooMuch = await executeAction(recordGfDeposit.definition, await as("CH_RISK_STAFF"), { firmCode: "ACME", kind: "WITHDRAWAL", amount: "250.01", valueDate: "2026-11-09", reference: "WD-1" });
    expect(tooMuch.ok).toBe(false);
    // amounts in dollars with separators, as everywhere in the portal
    if (!tooMuch.ok) expect(tooMuch.fieldErrors?.amount?.[0]).toMatch(/^ACME has \$\d{1,3}(,\d{3})+\.\d\d on deposit against a requirement of \$\d{1,3}(,\d{3})+\.\d\d: only the excess, \$250\.00, may be withdrawn \(Rule 816\)$/);
    expect(await db.gfDeposit.count()).toBe(before);
    const ok = await executeAction(recordGfDeposit.definition, await as("CH_RISK_STAFF"), { firmCode: "ACME", kind: "WITHDRAWAL", amount: "250.00", valueDate: "2026-11-09", reference: "WD-1" });
    expect(ok).toMatchObject({ ok: true, data: { balance: n.required.toFixed(2) } });
  });

  it("issueNotices serves the default flow: a replenishment is due the next business day and settles with the deposit", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const calendar = createBusinessCalendar({ holidays: ["2026-11-26"] });
    const [notice] = await db.$transaction((tx) =>
      issueNotices(tx, [replenishmentDraft(calendar, { firmId: acme.id, usedOn: "2026-11-25", amountApplied: "40000.00", required: "600000.00", onDeposit: "560000.00", calculation: { default: "test" } })], null),
    );
    expect(notice!.kind).toBe("REPLENISHMENT");
    expect(notice!.dueDate!.toISOString().slice(0, 10)).toBe("2026-11-27");
    expect(notice!.settledAt).toBeNull();
    await executeAction(recordGfDeposit.definition, await as("CH_RISK_STAFF"), { firmCode: "ACME", kind: "DEPOSIT", amount: "40000.00", valueDate: "2026-11-27", reference: "RESTORE-1" });
    expect((await db.gfNotice.findUniqueOrThrow({ where: { id: notice!.id } })).settledAt).not.toBeNull();
  });

  it("an assessment notice shows the amount assessed as what it requires, the requirement only as the cap's base (Rule 802.B.1.v)", async () => {
    const cobt = await db.firm.findUniqueOrThrow({ where: { code: "COBT" } });
    const rolledBack = new Error("rolled back");
    await expect(db.$transaction(async (tx) => {
      const [notice] = await issueNotices(tx, [assessmentDraft({ firmId: cobt.id, noticeDate: "2026-11-25", dueDate: "2026-11-25", amount: "125000.00", gfRequirement: "500000.00", coolingOff: { from: "2026-11-25", to: "2026-12-02" }, onDeposit: "500000.00" })], null);
      expect(noticeRequires(notice!).toFixed(2)).toBe("125000.00");
      const amounts = noticeLines(notice!).sections.find((x) => x.title === "Amounts")!.rows;
      expect(amounts).toContainEqual(["Assessed", "$125,000.00"]);
      expect(amounts).toContainEqual(["Guaranty fund requirement (the cap's base)", "$500,000.00"]);
      expect(amounts.find(([k]) => k === "Required")).toBeUndefined();
      const mail = await tx.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: `gf.notice:${notice!.id}` } } });
      expect(mail.body).toContain("Assessed: $125,000.00 (your guaranty fund requirement, the base of the cap: $500,000.00)");
      throw rolledBack;
    })).rejects.toBe(rolledBack);
  });

  it("contribution movements are named for people, not by their enum (a loss applied is not \"loss_applied\")", () => {
    expect(MOVEMENT_KIND_LABELS).toEqual({ DEPOSIT: "Deposit", WITHDRAWAL: "Withdrawal", LOSS_APPLIED: "Applied to a default's loss (Rule 802.B)" });
  });

  it("a later preview shows every member's current requirement, the change, and its contribution on deposit", async () => {
    const r = await executeAction(previewGfRecalculation.definition, await as("CH_RISK_STAFF"), { kind: "INTERIM", asOf: "2026-11-20", noticeDate: "2026-11-30", entered: STRESS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = (await db.gfRecalculation.findUniqueOrThrow({ where: { id: r.data.id } })).result as unknown as RecalculationResult;
    let withDeposit = 0;
    for (const m of result.members) {
      // the one-member reads, as the notices and the deposit screen make them
      const [previous, onDeposit] = await db.$transaction((tx) => Promise.all([currentRequirement(tx, m.firmId), balanceOf(tx, m.firmId)]));
      expect(previous, m.code).not.toBeNull(); // every active member got a deposit notice above
      expect(m.previousRequirement, m.code).toBe(previous!.toFixed(2));
      expect(m.change, m.code).toBe(new Prisma.Decimal(m.requirement).minus(previous!).toFixed(2));
      expect(m.onDeposit, m.code).toBe(onDeposit.toFixed(2));
      if (!onDeposit.isZero()) withDeposit++;
    }
    expect(withDeposit).toBeGreaterThan(0); // ACME's deposits less its withdrawal
  });

  it("a notice that falls overdue is escalated by the background job, once, with nobody opening a page", async () => {
    const cobt = await db.firm.findUniqueOrThrow({ where: { code: "COBT" } });
    const calendar = createBusinessCalendar({ holidays: [] });
    // A replenishment due 2019-12-24 (the next business day): long before any other test's notice.
    const [notice] = await db.$transaction((tx) =>
      issueNotices(tx, [replenishmentDraft(calendar, { firmId: cobt.id, usedOn: "2019-12-23", amountApplied: "1000.00", required: "500000.00", onDeposit: "499000.00", calculation: { default: "escalation test" } })], null),
    );
    const mails = () => db.outboxMessage.count({ where: { dedupeKey: { startsWith: `gf.overdue:${notice!.id}:` } } });
    const admins = await db.user.count({ where: { role: "CH_ADMIN", disabledAt: null } });
    try {
      // On its due date it is not overdue yet.
      const early = startOverdueEscalation(db, 10, () => "2019-12-24");
      await new Promise((r) => setTimeout(r, 100));
      await early.stop();
      expect((await db.gfNotice.findUniqueOrThrow({ where: { id: notice!.id } })).escalatedAt).toBeNull();

      // The day after, two instances' jobs run at once: it is escalated once, each admin e-mailed once.
      const jobs = [startOverdueEscalation(db, 10, () => "2019-12-26"), startOverdueEscalation(db, 10, () => "2019-12-26")];
      for (let i = 0; i < 100 && (await db.gfNotice.findUniqueOrThrow({ where: { id: notice!.id } })).escalatedAt === null; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100)); // more runs of both jobs
      await Promise.all(jobs.map((j) => j.stop()));
      expect((await db.gfNotice.findUniqueOrThrow({ where: { id: notice!.id } })).escalatedAt).not.toBeNull();
      expect(admins).toBeGreaterThan(0);
      expect(await mails()).toBe(admins);
    } finally {
      await db.gfNotice.update({ where: { id: notice!.id }, data: { settledAt: new Date() } }); // not overdue for the tests after this one
    }
  });
});
