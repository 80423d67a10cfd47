import "server-only";
/**
 * Default management as a clearing member sees it: the defaults posted to every
 * member, the firm's own mandate status per Base Product Category (Rule 914), its exemption
 * requests, the auctions it is invited to and, per auction, only its own bids and its own
 * result. The firm id comes from the session; another firm's bid or result never leaves here.
 */
import type { ExemptionGround } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { productCodeOf } from "@/lib/server/margin/contracts";
import { currentMandates, GROUND_LABELS, OUTCOME_TEXT } from "./service";
import { readJson } from "@/lib/shared/json-column";
import { auctionPortfolioColumn, auctionResultColumn } from "./columns";

/** The database's clock: bids are accepted by it, so the pages count down to it. */
async function clock(): Promise<Date> {
  const [row] = await db().$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
}

export type AuctionPhase = "scheduled" | "open" | "closing" | "closed";

/** Open while the database's clock is inside [opensAt, closesAt); "closing": the deadline passed, the close not yet recorded. */
function phaseOf(a: { status: string; opensAt: Date; closesAt: Date }, now: Date): AuctionPhase {
  if (a.status !== "OPEN") return "closed";
  if (now.getTime() >= a.closesAt.getTime()) return "closing";
  if (now.getTime() < a.opensAt.getTime()) return "scheduled";
  return "open";
}

export const MANDATE_STATUS_LABELS: Record<string, string> = {
  mandated: "mandated bidder",
  "exempted-since": "exempt (exemption granted after the selection)",
  exempt: "exempt",
  "not-selected": "not selected",
  "not-eligible": "not eligible",
  "not-capable": "not assessed as capable",
  "not-proportional": "not proportional to the defaulter's portfolio",
  "no-line": "not in the selection",
  "no-selection": "no selection notified yet",
};

/** Everything on the member's default-management page, for the firm of the session. */
export async function memberDefaultManagement(firmId: string) {
  const [now, firms, defaults, categories, exemptions, invitations] = await Promise.all([
    clock(),
    db().firm.findMany({ select: { id: true, code: true, legalName: true } }),
    db().memberDefault.findMany({ orderBy: [{ defaultDate: "desc" }, { declaredAt: "desc" }] }),
    db().productCategory.findMany({ orderBy: { code: "asc" } }),
    db().exemptionRequest.findMany({ where: { firmId }, include: { category: { select: { code: true, name: true } } }, orderBy: { requestedAt: "desc" } }),
    db().auctionInvitation.findMany({ where: { firmId }, include: { auction: { include: { category: { select: { code: true, name: true } }, memberDefault: { select: { firmId: true } } } } } }),
  ]);
  const firmOf = new Map(firms.map((f) => [f.id, f]));
  const files = await db().storedFile.findMany({ where: { id: { in: exemptions.map((e) => e.evidenceFileId) }, firmId }, select: { id: true, originalName: true } });
  const fileName = new Map(files.map((f) => [f.id, f.originalName]));

  const mandates = [];
  for (const c of categories) {
    const selection = await db().mandateSelection.findFirst({
      where: { categoryId: c.id, status: "NOTIFIED" },
      orderBy: { notifiedAt: "desc" },
      select: { id: true, notifiedAt: true, lines: { where: { firmId }, select: { status: true, rank: true, reason: true } } },
    });
    const line = selection?.lines[0] ?? null;
    const mandatedNow = (await currentMandates(db(), c.id)).has(firmId);
    const status = !selection ? "no-selection" : mandatedNow ? "mandated" : line?.status === "mandated" ? "exempted-since" : (line?.status ?? "no-line");
    mandates.push({
      categoryId: c.id,
      code: c.code,
      name: c.name,
      productCodes: c.productCodes,
      mandated: mandatedNow,
      status,
      statusLabel: MANDATE_STATUS_LABELS[status] ?? status,
      reason: line?.reason ?? null,
      rank: line?.rank ?? null,
      notifiedAt: selection?.notifiedAt ?? null,
    });
  }

  const bidCounts = await db().auctionBid.groupBy({ by: ["auctionId"], where: { firmId, auctionId: { in: invitations.map((i) => i.auctionId) } }, _count: { _all: true } });
  const bidsIn = new Map(bidCounts.map((b) => [b.auctionId, b._count._all]));

  return {
    now,
    defaults: defaults.map((d) => ({
      id: d.id,
      firmCode: firmOf.get(d.firmId)?.code ?? "?",
      firmName: firmOf.get(d.firmId)?.legalName ?? "",
      defaultDate: d.defaultDate,
      declaredAt: d.declaredAt,
      reason: d.reason,
      coolingOffStart: d.coolingOffStart,
      coolingOffEnd: d.coolingOffEnd,
      ownFirm: d.firmId === firmId,
    })),
    mandates,
    exemptions: exemptions.map((e) => ({
      id: e.id,
      category: e.category.code,
      ground: GROUND_LABELS[e.ground],
      explanation: e.explanation,
      evidence: fileName.get(e.evidenceFileId) ?? "(file)",
      status: e.status,
      requestedAt: e.requestedAt,
      decidedAt: e.decidedAt,
      decisionNote: e.decisionNote,
    })),
    auctions: invitations
      .map((i) => ({
        id: i.auction.id,
        reference: i.auction.reference,
        category: i.auction.category.code,
        defaulter: firmOf.get(i.auction.memberDefault.firmId)?.code ?? "?",
        mandated: i.mandated,
        opensAt: i.auction.opensAt,
        closesAt: i.auction.closesAt,
        phase: phaseOf(i.auction, now),
        ownBids: bidsIn.get(i.auctionId) ?? 0,
      }))
      .sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime()),
  };
}

export const GROUND_OPTIONS = Object.entries(GROUND_LABELS) as [ExemptionGround, string][];

/**
 * One auction for an invited firm, or null (not invited, or no such auction: the same answer).
 * After the close, only the firm's own line of the result is read out; the winners, the
 * winning bid and the other participants' lines stay on the server.
 */
export async function memberAuction(firmId: string, auctionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(auctionId)) return null;
  const invitation = await db().auctionInvitation.findUnique({
    where: { auctionId_firmId: { auctionId, firmId } },
    include: { auction: { include: { category: true, memberDefault: true } } },
  });
  if (!invitation) return null;
  const a = invitation.auction;
  const [now, defaulter, bids, products] = await Promise.all([
    clock(),
    db().firm.findUniqueOrThrow({ where: { id: a.memberDefault.firmId }, select: { code: true, legalName: true } }),
    db().auctionBid.findMany({ where: { auctionId, firmId }, orderBy: { id: "desc" } }),
    db().marginProduct.findMany({ where: { code: { in: a.category.productCodes } }, select: { code: true, kind: true, name: true } }),
  ]);
  const portfolio = readJson(auctionPortfolioColumn, a.portfolio, "auction.portfolio");
  const nameOf = (contract: string) => {
    const code = productCodeOf(contract);
    const option = contract.split(":").length > 3;
    const candidates = products.filter((p) => p.code === code);
    return (candidates.find((p) => (option ? p.kind === "OPTION" : p.kind !== "OPTION")) ?? candidates[0])?.name ?? code;
  };
  let result = null;
  if (a.status === "CLOSED" && a.result) {
    const stored = readJson(auctionResultColumn, a.result, "auction.result");
    const own = stored.participants.find((p) => p.firmId === firmId);
    if (own) {
      result = {
        outcome: own.outcome,
        short: OUTCOME_TEXT[own.outcome].short,
        long: OUTCOME_TEXT[own.outcome].long,
        mandated: own.mandated,
        bid: own.bid,
        bidReference: own.bidReference,
        bidSubmittedAt: own.bidSubmittedAt,
        bidsSubmitted: own.bidsSubmitted,
        contribution: own.contribution,
        cap: own.cap,
        seniorized: own.seniorized,
        maintained: own.maintained,
        subordinated: own.subordinated,
        competitiveThreshold: stored.competitiveThreshold,
      };
    }
  }
  return {
    now,
    id: a.id,
    reference: a.reference,
    category: { code: a.category.code, name: a.category.name },
    defaulter: { code: defaulter.code, name: defaulter.legalName, defaultDate: a.memberDefault.defaultDate },
    mandated: invitation.mandated,
    opensAt: a.opensAt,
    closesAt: a.closesAt,
    closedAt: a.closedAt,
    closedEarly: a.status === "CLOSED" && a.closeReason !== "deadline",
    phase: phaseOf(a, now),
    portfolio: {
      positions: portfolio.positions.map((p) => ({ contract: p.contract, name: nameOf(p.contract), quantity: p.quantity })),
      parametersOf: portfolio.parametersOf,
      maintenance: a.portfolioPerformanceBond.toFixed(2),
      initial: portfolio.span?.initial ?? null,
    },
    bids: bids.map((b, i) => ({ reference: b.reference, amount: b.amount.toFixed(2), submittedAt: b.submittedAt.toISOString(), counts: i === 0 })),
    result,
  };
}

/** Active members other than the firm: the hypothetical defaulters of the simulator. */
export async function simulatorDefaulters(firmId: string) {
  return db().firm.findMany({ where: { status: "ACTIVE", NOT: { id: firmId } }, orderBy: { code: "asc" }, select: { id: true, code: true, legalName: true } });
}

/**
 * For the member landing page: defaults whose cooling-off period has not ended (Rule 802.H),
 * and the open auctions the firm is invited to, soonest deadline first.
 */
export async function memberDefaultAlerts(firmId: string) {
  const today = new Date(new Date().toISOString().slice(0, 10));
  const [defaults, invitations] = await Promise.all([
    db().memberDefault.findMany({ where: { coolingOffEnd: { gte: today } }, orderBy: { defaultDate: "desc" } }),
    db().auctionInvitation.findMany({ where: { firmId, auction: { status: "OPEN" } }, include: { auction: { select: { id: true, reference: true, closesAt: true, category: { select: { code: true } } } } } }),
  ]);
  const codes = new Map((await db().firm.findMany({ where: { id: { in: defaults.map((d) => d.firmId) } }, select: { id: true, code: true, legalName: true } })).map((f) => [f.id, f]));
  return {
    defaults: defaults.map((d) => ({ id: d.id, firm: codes.get(d.firmId)?.legalName ?? "", code: codes.get(d.firmId)?.code ?? "", defaultDate: d.defaultDate, coolingOffEnd: d.coolingOffEnd })),
    auctions: invitations.map((i) => ({ ...i.auction, mandated: i.mandated })).sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime()),
  };
}
