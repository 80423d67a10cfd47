/**
 * Default management through the database and the real action wrapper: categories,
 * mandated bidder selection, exemptions, declaring a default (cooling-off, notice to every
 * member), an auction whose sealed bids are accepted by the database's clock only before the
 * deadline, the close (winner, competitive or not, seniorized / maintained / subordinated), and
 * the waterfall with its replenishment and assessment notices. The test works on firms of its
 * own, withdrawn at the end, so the demo firms other tests use are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { executeAction } from "@/lib/server/action";
import {
  closeDefaultAuction,
  designateDefaultWinners,
  createDefaultAuction,
  declareMemberDefault,
  decideBiddingExemption,
  notifyMandatedBidders,
  previewMandatedBidders,
  requestBiddingExemption,
  runWaterfall,
  saveProductCategory,
} from "@/lib/server/default-management/actions";
import { closeDueAuctions, lastBids, submitBid, type WaterfallJson } from "@/lib/server/default-management/service";
import { testClient } from "../support/db";
import { freshStepUpCode } from "../support/step-up";
import { retireTestFirms } from "../support/test-firms";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";
import { DomainError } from "@/lib/shared/errors";

const db = testClient();
const CODES = ["T10A", "T10B", "T10C", "T10D"] as const;
const firms = new Map<string, string>();

async function staff() {
  return requestAs(await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF));
}

async function makeFirm(code: string, positions: [string, number][], gfRequirement: string) {
  const firm = await db.firm.create({ data: { code, legalName: `Test ${code} LLC`, legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME"] } });
  const account = await db.marginAccount.create({ data: { firmId: firm.id, accountNumber: `${code}-H`, origin: "HOUSE" } });
  for (const [contract, q] of positions) await db.position.create({ data: { accountId: account.id, contract, quantity: BigInt(q) } });
  await db.gfNotice.create({ data: { firmId: firm.id, kind: "DEPOSIT", noticeDate: new Date("2026-11-20"), dueDate: new Date("2026-11-27"), required: gfRequirement, onDeposit: "0", amountDue: gfRequirement, excess: "0", calculation: { test: true }, rule: "Rule 816 (test)", settledAt: new Date() } });
  await db.gfDeposit.create({ data: { firmId: firm.id, kind: "DEPOSIT", amount: gfRequirement, valueDate: new Date("2026-11-20"), reference: "test opening deposit", recordedBy: firm.id } });
  await db.user.create({ data: { email: `risk@${code.toLowerCase()}.test`, name: `Risk ${code}`, role: "MEMBER_RISK_ADMIN", passwordHash: "x", firmId: firm.id } });
  firms.set(code, firm.id);
  return firm.id;
}

async function memberRiskAdmin(code: string) {
  return requestAs(await actorFor(db, `risk@${code.toLowerCase()}.test`));
}

beforeAll(async () => {
  await makeFirm("T10A", [["CME:EC:202612", 20], ["CME:BP:202612", -10]], "5000000.00");
  await makeFirm("T10B", [["CME:EC:202612", -60]], "3000000.00");
  await makeFirm("T10C", [["CME:EC:202612", 40], ["CME:BP:202612", 15]], "2000000.00");
  await makeFirm("T10D", [["CME:BP:202612", 1]], "1000000.00");
});

afterAll(async () => {
  await retireTestFirms(db, CODES);
  await db.$disconnect();
});

describe("default management", () => {
  let categoryId = "";
  let defaultId = "";
  let auctionId = "";

  it("Rule 914: a category holds only products that are set up, and names the unknown one", async () => {
    const bad = await executeAction(saveProductCategory.definition, await staff(), { code: "fx-t10", name: "FX test", description: "", productCodes: "CME:EC, CME:NOPE" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.productCodes?.[0]).toMatch(/CME:NOPE/);
    const ok = await executeAction(saveProductCategory.definition, await staff(), { code: "fx-t10", name: "FX test", description: "", productCodes: "CME:EC CME:BP" });
    expect(ok.ok).toBe(true);
    if (ok.ok) categoryId = ok.data.id;
    const row = await db.productCategory.findUniqueOrThrow({ where: { id: categoryId } });
    expect(row.code).toBe("FX-T10");
    expect(row.productCodes).toEqual(["CME:BP", "CME:EC"]);
  });

  it("Rule 914: mandated bidders ranked by proprietary performance bond and volume, previewed then notified", async () => {
    const notCapable = [firms.get("T10D")!];
    const r = await executeAction(previewMandatedBidders.definition, await staff(), { categoryId, mandatedCount: 2, notCapable });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const lines = await db.mandateLine.findMany({ where: { selectionId: r.data.id } });
    const of = (code: string) => lines.find((l) => l.firmId === firms.get(code))!;
    expect(of("T10D").status).toBe("not-capable");
    // The two largest proprietary FX portfolios (by SPAN performance bond; no volume) rank above the others' few contracts.
    expect([...r.data.mandated].sort()).toEqual(["T10B", "T10C"]);
    expect(of("T10B").rank).toBe(1);
    const outboxBefore = await db.outboxMessage.count({ where: { kind: "default.mandate" } });
    expect((await executeAction(notifyMandatedBidders.definition, await staff(), { selectionId: r.data.id })).ok).toBe(true);
    expect(await db.outboxMessage.count({ where: { kind: "default.mandate" } })).toBeGreaterThan(outboxBefore);
    const again = await executeAction(notifyMandatedBidders.definition, await staff(), { selectionId: r.data.id });
    expect(again.ok).toBe(false);
  });

  it("Rule 914: a mandated member requests an exemption with one of four grounds and evidence; staff decide", async () => {
    const selection = await db.mandateSelection.findFirstOrThrow({ where: { categoryId, status: "NOTIFIED" }, include: { lines: true } });
    const mandated = selection.lines.filter((l) => l.status === "mandated").map((l) => l.firmId);
    const code = [...firms].find(([, id]) => mandated.includes(id))![0];
    const as = await memberRiskAdmin(code);
    const noEvidence = await executeAction(requestBiddingExemption.definition, as, { categoryId, ground: "NO_TRADING_DESK", explanation: "Our FX desk closed on 2026-10-01.", evidenceFileId: "" });
    expect(noEvidence.ok).toBe(false);
    if (!noEvidence.ok) expect(noEvidence.fieldErrors?.evidenceFileId?.[0]).toMatch(/evidence/i);
    const file = await db.storedFile.create({ data: { purpose: "exemption-evidence", firmId: firms.get(code)!, ownerUserId: (await db.user.findUniqueOrThrow({ where: { email: `risk@${code.toLowerCase()}.test` } })).id, originalName: "desk-closure.pdf", contentType: "application/pdf", sizeBytes: 10n, sha256: "0".repeat(64), storageKey: `test/${code}-evidence.pdf` } });
    const r = await executeAction(requestBiddingExemption.definition, as, { categoryId, ground: "NO_TRADING_DESK", explanation: "Our FX desk closed on 2026-10-01.", evidenceFileId: file.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const twice = await executeAction(requestBiddingExemption.definition, as, { categoryId, ground: "OPERATIONAL", explanation: "Another reason given in full here.", evidenceFileId: file.id });
    expect(twice.ok).toBe(false);
    const denied = await executeAction(decideBiddingExemption.definition, await staff(), { exemptionId: r.data.id, decision: "DENIED", note: "The desk is still registered; evidence insufficient." });
    expect(denied.ok).toBe(true);
    expect((await db.exemptionRequest.findUniqueOrThrow({ where: { id: r.data.id } })).status).toBe("DENIED");
  });

  it("Rule 802.H: declaring a default needs the typed confirmation, starts the cooling-off period and notifies every member", async () => {
    const firmId = firms.get("T10A")!;
    const unconfirmed = await executeAction(declareMemberDefault.definition, await staff(), { firmId, firmCode: "T10A", confirmation: "T10", reason: "Failed to meet the settlement variation call of cycle 1.", secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(unconfirmed.ok).toBe(false);
    if (!unconfirmed.ok) expect(unconfirmed.fieldErrors?.confirmation?.[0]).toMatch(/Type the member's code/);
    expect((await db.firm.findUniqueOrThrow({ where: { id: firmId } })).status).toBe("ACTIVE");
    const r = await executeAction(declareMemberDefault.definition, await staff(), { firmId, firmCode: "T10A", confirmation: "t10a", reason: "Failed to meet the settlement variation call of cycle 1.", secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    defaultId = r.data.id;
    expect((await db.firm.findUniqueOrThrow({ where: { id: firmId } })).status).toBe("IN_DEFAULT");
    const d = await db.memberDefault.findUniqueOrThrow({ where: { id: defaultId } });
    expect(d.coolingOffEnd.getTime()).toBeGreaterThan(d.coolingOffStart.getTime());
    const memberUsers = await db.user.count({ where: { firmId: { not: null }, disabledAt: null, role: { in: ["MEMBER_USER", "MEMBER_RISK_ADMIN"] } } });
    const notices = await db.outboxMessage.count({ where: { kind: "default.declared", dedupeKey: { startsWith: `default:${defaultId}:` }, firmId: { not: null } } });
    expect(notices).toBe(memberUsers);
    const twice = await executeAction(declareMemberDefault.definition, await staff(), { firmId, firmCode: "T10A", confirmation: "T10A", reason: "Declared twice by mistake here.", secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(twice.ok).toBe(false);
  });

  it("creates an auction of the defaulter's proprietary FX portfolio with its SPAN performance bond and invites mandated and voluntary bidders", async () => {
    const closesAt = new Date(Date.now() + 60_000).toISOString();
    const r = await executeAction(createDefaultAuction.definition, await staff(), { defaultId, categoryId, opensAt: "", closesAt, voluntaryFirmIds: [firms.get("T10D")!] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    auctionId = r.data.id;
    const a = await db.auction.findUniqueOrThrow({ where: { id: auctionId }, include: { invitations: true } });
    expect((a.portfolio as { positions: unknown[] }).positions).toHaveLength(2);
    expect(a.portfolioPerformanceBond.greaterThan(0)).toBe(true);
    expect(a.invitations.find((i) => i.firmId === firms.get("T10D"))?.mandated).toBe(false);
    expect(a.invitations.some((i) => i.firmId === firms.get("T10A"))).toBe(false);
  });

  it("sealed bids: only invited firms; every bid kept, the last one counts; refused once the database's clock passes the deadline", async () => {
    const bid = (code: string, amount: string) => db.$transaction((tx) => submitBid(tx, { auctionId, firmId: firms.get(code)!, amount, submittedBy: `test:${code}` }));
    const invited = await db.auctionInvitation.findMany({ where: { auctionId } });
    const codeOf = new Map([...firms].map(([c, id]) => [id, c]));
    const bidders = invited.map((i) => codeOf.get(i.firmId)).filter((c): c is string => Boolean(c));
    expect(bidders).toContain("T10D");
    await expect(bid("T10A", "1.00")).rejects.toBeInstanceOf(DomainError);
    for (const code of bidders) await bid(code, "-5000000.00");
    const first = bidders[0]!;
    await bid(first, "250000.00");
    const last = await lastBids(db as never, auctionId);
    expect(last.find((b) => b.firm_id === firms.get(first))?.amount.toFixed(2)).toBe("250000.00");
    expect(Number(last.find((b) => b.firm_id === firms.get(first))?.bids)).toBe(2);
    // Move the deadline to just now, by the database's clock: the next bid is refused, nothing stored.
    await db.$executeRaw`UPDATE auction SET closes_at = clock_timestamp() - interval '1 millisecond' WHERE id = ${auctionId}::uuid`;
    const count = await db.auctionBid.count({ where: { auctionId } });
    await expect(bid(first, "999999.00")).rejects.toThrow(/closed at/);
    expect(await db.auctionBid.count({ where: { auctionId } })).toBe(count);
    const late = await db.auctionBid.findMany({ where: { auctionId } });
    const a = await db.auction.findUniqueOrThrow({ where: { id: auctionId } });
    expect(late.every((b) => b.submittedAt < a.closesAt)).toBe(true);
    await expect(db.$executeRaw`DELETE FROM auction_bid WHERE auction_id = ${auctionId}::uuid`).rejects.toThrow(/append-only/);
  });

  it("closes at the deadline: winner, competitive threshold, seniorized / maintained / subordinated per participant", async () => {
    expect(await closeDueAuctions(db as never)).toBeGreaterThanOrEqual(1);
    const a = await db.auction.findUniqueOrThrow({ where: { id: auctionId } });
    expect(a.status).toBe("CLOSED");
    const result = a.result as { winners: { firmCode: string }[]; winningBid: string; competitiveThreshold: string; participants: { firmCode: string; outcome: string; contribution: string; cap: string; seniorized: string; maintained: string; subordinated: string }[] };
    expect(result.winningBid).toBe("250000.00");
    expect(new Prisma.Decimal(result.competitiveThreshold).eq(a.portfolioPerformanceBond.div(2))).toBe(true);
    for (const p of result.participants) {
      expect(new Prisma.Decimal(p.seniorized).plus(p.maintained).plus(p.subordinated).eq(p.contribution)).toBe(true);
      if (p.outcome === "winning") expect(p.seniorized).toBe(p.cap);
      if (p.outcome === "non-competitive" || p.outcome === "mandated-no-bid") expect(p.subordinated).toBe(p.cap);
    }
    // The cap: min(own requirement, the defaulter's 5,000,000.00).
    const b = result.participants.find((p) => p.firmCode === "T10B");
    if (b) expect(b.cap).toBe("3000000.00");
    const again = await executeAction(closeDefaultAuction.definition, await staff(), { auctionId, reason: "again" });
    expect(again.ok).toBe(false);
  });

  it("seed 003: staff designate another winner with a reason; the auction is classified again and the members whose result changed are told", async () => {
    type Result = { winners: { firmId: string; firmCode: string }[]; winningBid: string; designatedWinners: boolean; designation?: { reason: string; previousWinners: { firmCode: string }[] }; participants: { firmId: string; firmCode: string; outcome: string; bid: string | null; contribution: string; seniorized: string; maintained: string; subordinated: string }[] };
    const before = (await db.auction.findUniqueOrThrow({ where: { id: auctionId } })).result as unknown as Result;
    const best = before.winners[0]!;
    const other = before.participants.find((p) => p.bid !== null && p.firmId !== best.firmId)!;
    const refused = [
      { input: { auctionId, winners: [firms.get("T10A")!], reason: "the defaulter did not bid" }, field: "winners", message: /did not bid/ },
      { input: { auctionId, winners: [best.firmId], reason: "the same winner again" }, field: "winners", message: /already is the winner/ },
      { input: { auctionId, winners: [other.firmId], reason: "" }, field: "reason", message: /Say why these bidders win/ },
      { input: { auctionId, winners: [], reason: "nobody at all" }, field: "winners", message: /Choose at least one winning bidder/ },
    ];
    for (const c of refused) {
      const r = await executeAction(designateDefaultWinners.definition, await staff(), c.input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect([r.formError ?? "", ...Object.values(r.fieldErrors ?? {}).flat()].join(" ")).toMatch(c.message);
      expect(Object.keys(r.fieldErrors ?? {})).toContain(c.field);
    }
    expect((await db.auction.findUniqueOrThrow({ where: { id: auctionId } })).result).toEqual(before);

    const messagesBefore = await db.outboxMessage.count({ where: { kind: "default.auction.result", subject: { contains: "designated anew" } } });
    const r = await executeAction(designateDefaultWinners.definition, await staff(), { auctionId, winners: [other.firmId], reason: "The best bidder cannot take the portfolio's delivery obligations" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const after = (await db.auction.findUniqueOrThrow({ where: { id: auctionId } })).result as unknown as Result;
    expect(after.winners.map((w) => w.firmId)).toEqual([other.firmId]);
    expect(after.winningBid).toBe(other.bid);
    expect(after.designatedWinners).toBe(true);
    expect(after.designation).toMatchObject({ reason: "The best bidder cannot take the portfolio's delivery obligations", previousWinners: [{ firmCode: best.firmCode }] });
    const mine = after.participants.find((p) => p.firmId === other.firmId)!;
    expect(mine.outcome).toBe("winning");
    for (const p of after.participants) expect(new Prisma.Decimal(p.seniorized).plus(p.maintained).plus(p.subordinated).eq(p.contribution)).toBe(true);
    // the members whose outcome or split changed are told, and only they
    const changed = after.participants.filter((p) => { const b = before.participants.find((x) => x.firmId === p.firmId)!; return b.outcome !== p.outcome || b.seniorized !== p.seniorized || b.maintained !== p.maintained || b.subordinated !== p.subordinated; });
    expect(changed.map((p) => p.firmId)).toEqual(expect.arrayContaining([best.firmId, other.firmId]));
    expect(r.data.notified).toBe(changed.length);
    const told = await db.outboxMessage.findMany({ where: { kind: "default.auction.result", subject: { contains: "designated anew" } }, select: { firmId: true } });
    expect(told.length).toBeGreaterThan(messagesBefore);
    expect(new Set(told.map((m) => m.firmId))).toEqual(new Set(changed.map((p) => p.firmId)));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "default.designateWinners", outcome: "ok" }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({ before: [best.firmCode], after: [other.firmCode], reason: "The best bidder cannot take the portfolio's delivery obligations" });

    // and back to the best bid, which the waterfall below then uses
    const back = await executeAction(designateDefaultWinners.definition, await staff(), { auctionId, winners: [best.firmId], reason: "Delivery obligations settled with the best bidder" });
    expect(back.ok).toBe(true);
    const restored = (await db.auction.findUniqueOrThrow({ where: { id: auctionId } })).result as unknown as Result;
    expect(restored.participants).toEqual(before.participants);
  });

  it("Rule 802.B.1: the waterfall allocates the loss layer by layer, applies the guaranty fund used and issues replenishment and assessment notices", async () => {
    const bad = await executeAction(runWaterfall.definition, await staff(), { defaultId, loss: { house: "12x", customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" }, secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {})[0]).toBe("loss.house");
    const before = await db.gfNotice.count({ where: { kind: { in: ["REPLENISHMENT", "ASSESSMENT"] } } });
    const loss = "140000000.00";
    const r = await executeAction(runWaterfall.definition, await staff(), { defaultId, loss: { house: loss, customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "250000" }, secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = await db.defaultWaterfall.findUniqueOrThrow({ where: { defaultId } });
    const result = w.result as unknown as WaterfallJson;
    const applied = result.layers.reduce((s, l) => s.plus(l.applied), new Prisma.Decimal(0));
    expect(result.layers[0]?.applied).toBe(result.defaulterCollateral.applied);
    expect(applied.plus(result.uncovered).toFixed(2)).toBe(loss);
    for (const l of result.layers) {
      if (l.shares.length) expect(l.shares.reduce((s, x) => s.plus(x.amount), new Prisma.Decimal(0)).toFixed(2)).toBe(l.applied);
      for (const s of l.shares) expect(new Prisma.Decimal(s.amount).lessThanOrEqualTo(s.capacity)).toBe(true);
    }
    expect(result.layers.find((l) => l.id === "cme-contribution")?.applied).toBe("100000000.00");
    // Each member's guaranty fund used left its contribution and is called back next business day (802.F).
    // (decimal.js: isPositive() is true for zero; "used" means more than zero.)
    const used = result.members.filter((m) => new Prisma.Decimal(m.guarantyFundUsed).greaterThan(0));
    expect(used.length).toBeGreaterThan(0);
    for (const m of used) {
      // This default's movement and notice (a demo firm may carry ones of another test's default).
      const movement = await db.gfDeposit.findFirstOrThrow({ where: { firmId: m.firmId, kind: "LOSS_APPLIED", reference: { startsWith: "Default of T10A:" } } });
      expect(movement.amount.toFixed(2)).toBe(m.guarantyFundUsed);
      const notice = await db.gfNotice.findFirstOrThrow({ where: { firmId: m.firmId, kind: "REPLENISHMENT", calculation: { path: ["default"], equals: defaultId } } });
      expect(notice.amountDue.toFixed(2)).toBe(m.guarantyFundUsed);
    }
    const issued = (await db.gfNotice.count({ where: { kind: { in: ["REPLENISHMENT", "ASSESSMENT"] } } })) - before;
    expect(issued).toBe(r.data.notices);
    // Every notice of this default, replenishment or assessment, names it (the CH default page lists them by it).
    expect(await db.gfNotice.count({ where: { kind: { in: ["REPLENISHMENT", "ASSESSMENT"] }, calculation: { path: ["default"], equals: defaultId } } })).toBe(r.data.notices);
    expect(await db.gfNotice.count({ where: { kind: "ASSESSMENT", calculation: { path: ["default"], equals: defaultId } } })).toBeGreaterThan(0);
    // Only members charged something get a notice or a loss movement: nothing for a zero.
    expect(await db.gfNotice.count({ where: { kind: { in: ["REPLENISHMENT", "ASSESSMENT"] }, calculation: { path: ["default"], equals: defaultId }, amountDue: 0 } })).toBe(0);
    expect(await db.gfDeposit.count({ where: { kind: "LOSS_APPLIED", amount: 0 } })).toBe(0);
    const charged = result.members.filter((m) => new Prisma.Decimal(m.guarantyFundUsed).greaterThan(0)).length + result.members.filter((m) => new Prisma.Decimal(m.assessed).greaterThan(0)).length;
    expect(r.data.notices).toBe(charged);
    const twice = await executeAction(runWaterfall.definition, await staff(), { defaultId, loss: { house: loss, customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" }, secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(twice.ok).toBe(false);
    // the waterfall ran on the auction's result: its winners can no longer change
    const bidders = ((await db.auction.findUniqueOrThrow({ where: { id: auctionId } })).result as { participants: { firmId: string; bid: string | null; outcome: string }[] }).participants.filter((p) => p.bid !== null && p.outcome !== "winning");
    const late = await executeAction(designateDefaultWinners.definition, await staff(), { auctionId, winners: [bidders[0]!.firmId], reason: "after the waterfall" });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.formError).toMatch(/The waterfall for this default ran at .* its winners can no longer change/);
  });
});
