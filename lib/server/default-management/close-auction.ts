import "server-only";
/**
 * Closing an auction at its deadline (the worker) or early by hand.
 */
import { type Tx, UserError } from "@/lib/server/action";
import { recordAudit } from "@/lib/audit/audit";
import { auctionResult, lastBids, notifyAuctionResult } from "./auction-result";

/**
 * Closes an auction: at its deadline (`by: "deadline"`, only once the database's clock has
 * reached it) or early by hand. The row is locked FOR UPDATE, so bids in flight finish first
 * and later ones find it closed. Winners default to the best bid; staff may designate them
 * (802.B.6). Each invited member is told its own result.
 */
export async function closeAuction(tx: Tx, input: { auctionId: string; by: "deadline" | "hand"; reason?: string; winners?: readonly string[] }, userId: string | null) {
  const rows = await tx.$queryRaw<{ status: string; closes_at: Date; now: Date }[]>`
    SELECT status::text AS status, closes_at, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new UserError("No such auction; nothing was closed.");
  if (row.status !== "OPEN") throw new UserError("This auction is already closed; nothing was changed.");
  const early = row.now.getTime() < row.closes_at.getTime();
  if (input.by === "deadline" && early) throw new UserError(`The deadline ${row.closes_at.toISOString()} has not passed; nothing was closed.`);
  if (input.by === "hand" && early && !(input.reason && input.reason.trim().length >= 3)) throw new UserError("Closing before the deadline needs a reason; nothing was closed.", { reason: ["Give the reason for closing early"] });
  const auction = await tx.auction.findUniqueOrThrow({ where: { id: input.auctionId }, include: { category: true, memberDefault: { include: { auctions: false } } } });
  if (input.winners?.length) {
    const bidders = new Set((await lastBids(tx, auction.id)).map((b) => b.firm_id));
    if (input.winners.some((w) => !bidders.has(w))) throw new UserError("A designated winner did not bid; nothing was closed.", { winners: ["Choose among the bidders"] });
  }
  const closedAt = early ? row.now : row.closes_at;
  const result = await auctionResult(tx, auction, input.winners);
  await tx.auction.update({ where: { id: auction.id }, data: { status: "CLOSED", closedAt, closedBy: userId, closeReason: early ? input.reason!.trim() : "deadline", result } });
  await notifyAuctionResult(tx, auction, result, closedAt, "closed", (firmId) => `auction-result:${auction.id}:${firmId}`);
  return { auction, result, early };
}

/** Closes every open auction whose deadline the database's clock has passed (the worker calls this). */
export async function closeDueAuctions(db: { $transaction: <T>(f: (tx: Tx) => Promise<T>) => Promise<T>; $queryRaw: Tx["$queryRaw"] }): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM auction WHERE status = 'OPEN' AND closes_at <= clock_timestamp() ORDER BY closes_at`;
  let closed = 0;
  for (const { id } of due) {
    try {
      await db.$transaction(async (tx) => {
        const { auction, result } = await closeAuction(tx, { auctionId: id, by: "deadline" }, null);
        await recordAudit(tx, { action: "default.closeAuction", objectType: "auction", objectId: auction.id, summary: { reference: auction.reference, by: "deadline", winners: result.winners.map((w) => w.firmCode ?? w.firmId), winningBid: result.winningBid, totalBids: result.totalBids, bidsDigest: result.bidsDigest } });
      });
      closed++;
    } catch (e) {
      if (!(e instanceof UserError)) throw e; // closed meanwhile by hand or by another worker
    }
  }
  return closed;
}
