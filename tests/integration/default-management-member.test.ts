/**
 * What a clearing member sees of default management (member side): its own mandate
 * status per category, and of an auction only its own bids and its own result, before and after
 * the close; an uninvited firm sees no auction at all. Works on firms of its own, withdrawn at
 * the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/server/action";
import { closeDefaultAuction, createDefaultAuction, declareMemberDefault, notifyMandatedBidders, previewMandatedBidders, saveProductCategory } from "@/lib/server/default-management/actions";
import { memberAuction, memberDefaultManagement } from "@/lib/server/default-management/member-queries";
import { simulateWaterfall, submitBid } from "@/lib/server/default-management/service";
import { testClient } from "../support/db";
import { freshStepUpCode } from "../support/step-up";
import { retireTestFirms } from "../support/test-firms";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

const db = testClient();
const CODES = ["M10A", "M10B", "M10C", "M10D", "M10E"] as const;
const firms = new Map<string, string>();

async function staff() {
  return requestAs(await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF));
}

async function makeFirm(code: string, positions: [string, number][], gfRequirement: string) {
  const firm = await db.firm.create({ data: { code, legalName: `Member test ${code} LLC`, legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME"] } });
  const account = await db.marginAccount.create({ data: { firmId: firm.id, accountNumber: `${code}-H`, origin: "HOUSE" } });
  for (const [contract, q] of positions) await db.position.create({ data: { accountId: account.id, contract, quantity: BigInt(q) } });
  await db.gfNotice.create({ data: { firmId: firm.id, kind: "DEPOSIT", noticeDate: new Date("2026-11-20"), dueDate: new Date("2026-11-27"), required: gfRequirement, onDeposit: "0", amountDue: gfRequirement, excess: "0", calculation: { test: true }, rule: "Rule 816 (test)", settledAt: new Date() } });
  await db.gfDeposit.create({ data: { firmId: firm.id, kind: "DEPOSIT", amount: gfRequirement, valueDate: new Date("2026-11-20"), reference: "test opening deposit", recordedBy: firm.id } });
  firms.set(code, firm.id);
}

const id = (code: string) => firms.get(code)!;

beforeAll(async () => {
  await makeFirm("M10A", [["CME:EC:202612", 30]], "4000000.00");
  await makeFirm("M10B", [["CME:EC:202612", -50]], "3000000.00");
  await makeFirm("M10C", [["CME:EC:202612", 25]], "2000000.00");
  await makeFirm("M10D", [], "1000000.00");
  await makeFirm("M10E", [["CME:EC:202612", 5]], "1000000.00");
});

afterAll(async () => {
  await retireTestFirms(db, CODES);
  await db.$disconnect();
});

describe("default management as a member sees it", () => {
  let categoryId = "";
  let auctionId = "";

  it("the simulator runs a hypothetical default read-only and answers the layers and this firm's own line", async () => {
    const run = (firm: string, defaulter: string, house: string) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        return simulateWaterfall(tx, { firmId: id(firm), defaulterFirmId: id(defaulter), loss: { house, customerSegregated: "0", customerSecured: "0", customerClearedSwaps: "0", otherAssets: "0" } });
      });
    const r = await run("M10B", "M10A", "150000000.00");
    expect(r.loss).toBe("150000000.00");
    expect(r.layers.map((l) => l.id)).toContain("cme-contribution");
    expect(r.layers.find((l) => l.id === "defaulter-collateral")?.yours).toBeNull();
    expect(r.yours?.gfContribution).toBe("3000000.00");
    // The loss beyond the CME Contribution reaches the fund: this firm's contribution is used.
    expect(Number(r.yours?.guarantyFundUsed)).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain(id("M10C"));
    await expect(run("M10B", "M10B", "1.00")).rejects.toThrow(/another member/);
  });

  it("shows each firm its own status per category from the latest notified selection", async () => {
    const saved = await executeAction(saveProductCategory.definition, await staff(), { code: "fx-m10", name: "FX member test", description: "", productCodes: "CME:EC" });
    expect(saved.ok).toBe(true);
    if (saved.ok) categoryId = saved.data.id;
    const before = await memberDefaultManagement(id("M10B"));
    expect(before.mandates.find((m) => m.categoryId === categoryId)?.status).toBe("no-selection");
    // Only this test's firms are assessed as capable, so the roster is theirs.
    const others = (await db.firm.findMany({ where: { status: "ACTIVE", code: { notIn: ["M10A", "M10B", "M10C", "M10D"] } }, select: { id: true } })).map((f) => f.id);
    const preview = await executeAction(previewMandatedBidders.definition, await staff(), { categoryId, mandatedCount: 3, notCapable: others });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect((await executeAction(notifyMandatedBidders.definition, await staff(), { selectionId: preview.data.id })).ok).toBe(true);
    const b = (await memberDefaultManagement(id("M10B"))).mandates.find((m) => m.categoryId === categoryId)!;
    expect(b.mandated).toBe(true);
    expect(b.status).toBe("mandated");
    expect(b.reason).toMatch(/Rule 914/);
    expect(b.notifiedAt).not.toBeNull();
    const d = (await memberDefaultManagement(id("M10D"))).mandates.find((m) => m.categoryId === categoryId)!;
    expect(d.mandated).toBe(false);
    expect(d.status).toBe("not-eligible");
    const e = (await memberDefaultManagement(id("M10E"))).mandates.find((m) => m.categoryId === categoryId)!;
    expect(e.status).toBe("not-capable");
  });

  it("an auction shows the invited firm only its own bids; an uninvited firm gets nothing", async () => {
    const declared = await executeAction(declareMemberDefault.definition, await staff(), { firmId: id("M10A"), firmCode: "M10A", confirmation: "M10A", reason: "Failed to meet a settlement variation call (member view test).", secondFactorCode: await freshStepUpCode(db, ROLE_EMAILS.CH_RISK_STAFF) });
    expect(declared.ok).toBe(true);
    if (!declared.ok) return;
    const posted = await memberDefaultManagement(id("M10D"));
    expect(posted.defaults.some((x) => x.id === declared.data.id && x.firmCode === "M10A")).toBe(true);
    const created = await executeAction(createDefaultAuction.definition, await staff(), { defaultId: declared.data.id, categoryId, opensAt: "", closesAt: new Date(Date.now() + 3_600_000).toISOString(), voluntaryFirmIds: [id("M10D")] });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    auctionId = created.data.id;
    const bid = (code: string, amount: string) => db.$transaction((tx) => submitBid(tx, { auctionId, firmId: id(code), amount, submittedBy: `test:${code}` }));
    await bid("M10B", "-10000.00");
    await bid("M10B", "150000.00");
    const secretC = await bid("M10C", "-7777777.77");

    const b = await memberAuction(id("M10B"), auctionId);
    expect(b?.phase).toBe("open");
    expect(b?.mandated).toBe(true);
    expect(b?.bids.map((x) => [x.amount, x.counts])).toEqual([["150000.00", true], ["-10000.00", false]]);
    expect(b?.portfolio.positions).toEqual([{ contract: "CME:EC:202612", name: "Euro FX futures", quantity: "30" }]);
    const seen = JSON.stringify(b);
    expect(seen).not.toContain("7777777.77");
    expect(seen).not.toContain(secretC.reference);
    expect(seen).not.toContain(id("M10C"));
    const list = await memberDefaultManagement(id("M10D"));
    expect(list.auctions.find((a) => a.id === auctionId)).toMatchObject({ mandated: false, phase: "open", ownBids: 0 });
    expect(await memberAuction(id("M10A"), auctionId)).toBeNull();
    expect(await memberAuction(id("M10E"), auctionId)).toBeNull();
    expect((await memberDefaultManagement(id("M10E"))).auctions.some((a) => a.id === auctionId)).toBe(false);
  });

  it("after the close each firm sees its own outcome and amounts only, never the winners or the other bids", async () => {
    const closed = await executeAction(closeDefaultAuction.definition, await staff(), { auctionId, reason: "All mandated bidders have bid (test)." });
    expect(closed.ok).toBe(true);
    const b = await memberAuction(id("M10B"), auctionId);
    expect(b?.phase).toBe("closed");
    expect(b?.closedEarly).toBe(true);
    expect(b?.result).toMatchObject({ outcome: "winning", bid: "150000.00", bidsSubmitted: 2, cap: "3000000.00", seniorized: "3000000.00" });
    expect(JSON.stringify(b)).not.toContain("7777777.77");
    const c = await memberAuction(id("M10C"), auctionId);
    expect(c?.result?.outcome).toBe("non-competitive");
    expect(c?.result?.subordinated).toBe("2000000.00");
    const seenByC = JSON.stringify(c);
    // The winning bid, the winner and its reference stay on the server.
    expect(seenByC).not.toContain("150000.00");
    expect(seenByC).not.toContain(id("M10B"));
    expect(seenByC).not.toContain("M10B");
    const d = await memberAuction(id("M10D"), auctionId);
    expect(d?.result).toMatchObject({ outcome: "not-required-no-bid", bid: null, maintained: "1000000.00" });
    expect(JSON.stringify(d)).not.toMatch(/150000\.00|7777777\.77/);
  });
});
