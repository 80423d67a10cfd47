import "server-only";
/**
 * An auction's result: the classification of its bids (seed 003 §C / Rule 802.B.1) as stored
 * on the auction, and each participant told its own outcome.
 */
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { type AuctionClassification, classifyAuction } from "@/lib/risk";
import { formatUsd } from "@/lib/shared/money";
import { gfFigures } from "./figures";
import { refuse } from "./internal";
import { writeJson } from "@/lib/shared/json-column";
import { auctionResultColumn, type AuctionResult } from "./columns";

/** Each bidding firm's last bid (the one that counts) and how many bids it made, in the order the last bids came in (ties in amount go to the earlier). */
export async function lastBids(tx: Tx, auctionId: string) {
  return tx.$queryRaw<{ firm_id: string; amount: Prisma.Decimal; reference: string; submitted_at: Date; bids: bigint }[]>`
    SELECT firm_id, amount, reference, submitted_at, bids FROM (
      SELECT DISTINCT ON (firm_id) id, firm_id::text, amount, reference, submitted_at, count(*) OVER (PARTITION BY firm_id) AS bids
      FROM auction_bid WHERE auction_id = ${auctionId}::uuid ORDER BY firm_id, id DESC
    ) last ORDER BY id`;
}

/** Serializable form of a classification (amounts as strings). */
function classificationJson(c: AuctionClassification, codes: ReadonlyMap<string, string>, bids: Awaited<ReturnType<typeof lastBids>>) {
  const bidOf = new Map(bids.map((b) => [b.firm_id, b]));
  return {
    winners: c.winners.map((w) => ({ firmId: w, firmCode: codes.get(w) })),
    winningBid: c.winningBid?.toFixed(2) ?? null,
    competitiveThreshold: c.competitiveThreshold.toFixed(2),
    participants: c.participants.map((p) => ({
      firmId: p.memberId,
      firmCode: codes.get(p.memberId),
      mandated: p.mandated,
      bid: p.bid?.toFixed(2) ?? null,
      bidReference: bidOf.get(p.memberId)?.reference ?? null,
      bidSubmittedAt: bidOf.get(p.memberId)?.submitted_at.toISOString() ?? null,
      bidsSubmitted: Number(bidOf.get(p.memberId)?.bids ?? 0),
      outcome: p.outcome,
      distanceFromWinningBid: p.distanceFromWinningBid?.toFixed(2) ?? null,
      contribution: p.contribution.toFixed(2),
      cap: p.cap.toFixed(2),
      seniorized: p.seniorized.toFixed(2),
      maintained: p.maintained.toFixed(2),
      subordinated: p.subordinated.toFixed(2),
    })),
  };
}

export async function classify(tx: Tx, auction: { id: string; reference: string; portfolioPerformanceBond: Prisma.Decimal; defaultId: string }, category: string, winners?: readonly string[]) {
  const memberDefault = await tx.memberDefault.findUniqueOrThrow({ where: { id: auction.defaultId } });
  const invitations = await tx.auctionInvitation.findMany({ where: { auctionId: auction.id } });
  const bids = await lastBids(tx, auction.id);
  const defaulter = await gfFigures(tx, memberDefault.firmId);
  const participants: { memberId: string; mandated: boolean; gfRequirement: string; gfContribution: string }[] = [];
  for (const inv of invitations) {
    const gf = await gfFigures(tx, inv.firmId);
    participants.push({ memberId: inv.firmId, mandated: inv.mandated, gfRequirement: gf.requirement.toFixed(2), gfContribution: gf.contribution.toFixed(2) });
  }
  const classification = refuse(() =>
    classifyAuction({
      auctionId: auction.reference,
      category,
      portfolioPerformanceBond: auction.portfolioPerformanceBond.toFixed(2),
      defaulterGfRequirement: defaulter.requirement.toFixed(2),
      bids: bids.map((b) => ({ memberId: b.firm_id, amount: b.amount.toFixed(2) })),
      participants,
      ...(winners && winners.length ? { winners } : {}),
    }),
  );
  return { classification, bids, defaulterGfRequirement: defaulter.requirement };
}

/**
 * An auction's result as stored: the classification with each participant's last bid, and a
 * SHA-256 digest of every bid in order (the close's audit row carries it: a bid changed or
 * removed afterwards no longer matches the audit trail). `winners` when the clearing house
 * designates them (seed 003: "discretion to select the best bid"), else the best bid wins.
 */
export async function auctionResult(tx: Tx, auction: { id: string; reference: string; portfolioPerformanceBond: Prisma.Decimal; defaultId: string; category: { code: string } }, winners?: readonly string[]): Promise<AuctionResult> {
  const { classification, bids, defaulterGfRequirement } = await classify(tx, auction, auction.category.code, winners);
  const codes = new Map((await tx.firm.findMany({ select: { id: true, code: true } })).map((f) => [f.id, f.code]));
  const all = await tx.auctionBid.findMany({ where: { auctionId: auction.id }, orderBy: { id: "asc" } });
  const digest = createHash("sha256");
  for (const b of all) digest.update(`${b.id}|${b.reference}|${b.firmId}|${b.amount.toFixed(2)}|${b.submittedAt.toISOString()}|${b.submittedBy}\n`);
  return writeJson(auctionResultColumn, {
    ...classificationJson(classification, codes, bids),
    defaulterGfRequirement: defaulterGfRequirement.toFixed(2),
    portfolioPerformanceBond: auction.portfolioPerformanceBond.toFixed(2),
    totalBids: all.length,
    bidsDigest: digest.digest("hex"),
    designatedWinners: Boolean(winners?.length),
    rule: "Seed 003 §C / Rule 802.B.1: winning bid seniorized; competitive (less than half the portfolio's performance bond from the winning bid) maintained; non-competitive or mandated without a bid subordinated, each up to min(own GF requirement, defaulter's GF requirement)",
  }, "auction.result");
}

/** Tells each invited member its own result (`what`: the auction closed, or its winners were designated anew). */
export async function notifyAuctionResult(tx: Tx, auction: { id: string; reference: string; category: { code: string } }, result: AuctionResult, at: Date, what: "closed" | "redesignated", dedupeKey: (firmId: string) => string, only?: ReadonlySet<string>) {
  for (const p of result.participants) {
    if (only && !only.has(p.firmId)) continue;
    const text = OUTCOME_TEXT[p.outcome];
    await enqueue(tx, await firmRecipients(tx, p.firmId), {
      kind: "default.auction.result",
      subject: what === "closed" ? `Auction ${auction.reference} closed: ${text.short}` : `Auction ${auction.reference}: winners designated anew, ${text.short}`,
      body: [
        what === "closed"
          ? `Auction ${auction.reference} (${auction.category.code}) closed at ${at.toISOString()}.`
          : `The clearing house designated the winners of auction ${auction.reference} (${auction.category.code}) anew at ${at.toISOString()}: ${result.winners.map((w) => w.firmCode ?? w.firmId).join(", ")}. This replaces the result you were sent before.`,
        p.bid === null ? "Your firm did not bid." : `Your last bid: ${formatUsd(p.bid)} (${p.bidReference}).`,
        `Result: ${text.long}`,
        `Your Base guaranty fund contribution ${formatUsd(p.contribution)}: seniorized ${formatUsd(p.seniorized)}, maintained ${formatUsd(p.maintained)}, subordinated ${formatUsd(p.subordinated)} (cap ${formatUsd(p.cap)}).`,
        `See /member/default-management/auctions/${auction.id}.`,
      ].join("\n"),
      dedupeKey: dedupeKey(p.firmId),
    });
  }
}

export const OUTCOME_TEXT = {
  winning: { short: "your bid won", long: "your bid won. Your contribution up to the cap is seniorized: used last in the guaranty fund layers (Rule 802.B.1.ii.c)." },
  competitive: { short: "competitive bid", long: "your bid was competitive (less than half the portfolio's performance bond from the winning bid). Your contribution is maintained: used pro rata with the fund (Rule 802.B.1.ii.b)." },
  "non-competitive": { short: "non-competitive bid", long: "your bid was not competitive (half the portfolio's performance bond or more from the winning bid). Your contribution up to the cap is subordinated: used first (Rule 802.B.1.ii.a)." },
  "mandated-no-bid": { short: "mandated, no bid", long: "your firm was a mandated bidder and did not bid. Your contribution up to the cap is subordinated: used first (Rule 802.B.1.ii.a)." },
  "not-required-no-bid": { short: "no bid (not required)", long: "your firm was not required to bid and did not. Your contribution is maintained (Rule 802.B.1.ii.b)." },
} as const;
