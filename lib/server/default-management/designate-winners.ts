import "server-only";
/**
 * The clearing house designating a closed auction's winners itself (seed 003, 802.B.6).
 */
import { type Tx, UserError } from "@/lib/server/action";
import { auctionResult, lastBids, notifyAuctionResult } from "./auction-result";
import { readJson, writeJson } from "@/lib/shared/json-column";
import { auctionResultColumn } from "./columns";

/**
 * The clearing house designates a closed auction's winning bidder(s) itself, with a reason (seed
 * 003: "The Clearing House shall have discretion to select the best bid submitted for any
 * portfolio in an auction, based on the totality of the circumstances"; "Winning Bidder" is the
 * member designated as such). Possible until the default's waterfall has run on the result. The
 * auction is classified again with those winners; members whose result changes are told.
 */
export async function designateAuctionWinners(tx: Tx, input: { auctionId: string; winners: readonly string[]; reason: string }, userId: string) {
  const rows = await tx.$queryRaw<{ status: string; now: Date }[]>`SELECT status::text AS status, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new UserError("No such auction; nothing was changed.");
  if (row.status !== "CLOSED") throw new UserError("Bids are sealed until the close: winners are designated once the auction is closed. Nothing was changed.");
  const auction = await tx.auction.findUniqueOrThrow({ where: { id: input.auctionId }, include: { category: true, memberDefault: { include: { waterfall: { select: { ranAt: true } } } } } });
  if (auction.memberDefault.waterfall) throw new UserError(`The waterfall for this default ran at ${auction.memberDefault.waterfall.ranAt.toISOString()} on this auction's result; its winners can no longer change. Nothing was changed.`);
  const bidders = new Set((await lastBids(tx, auction.id)).map((b) => b.firm_id));
  if (input.winners.some((w) => !bidders.has(w))) throw new UserError("A designated winner did not bid in this auction; nothing was changed.", { winners: ["Choose among the members that bid"] });
  const before = readJson(auctionResultColumn, auction.result, "auction.result");
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (same(before.winners.map((w) => w.firmId), input.winners)) throw new UserError(`${before.winners.map((w) => w.firmCode ?? w.firmId).join(", ")} already ${before.winners.length === 1 ? "is the winner" : "are the winners"}; nothing was changed.`, { winners: ["Choose other winners"] });
  const result = writeJson(auctionResultColumn, { ...(await auctionResult(tx, auction, input.winners)), designation: { reason: input.reason, by: userId, at: row.now.toISOString(), previousWinners: before.winners } }, "auction.result");
  await tx.auction.update({ where: { id: auction.id }, data: { result } });
  // each member whose outcome or split changed is told, once per designation
  const was = new Map(before.participants.map((p) => [p.firmId, `${p.outcome}|${p.seniorized}|${p.maintained}|${p.subordinated}`]));
  const changed = new Set(result.participants.filter((p) => was.get(p.firmId) !== `${p.outcome}|${p.seniorized}|${p.maintained}|${p.subordinated}`).map((p) => p.firmId));
  await notifyAuctionResult(tx, auction, result, row.now, "redesignated", (firmId) => `auction-designation:${auction.id}:${row.now.toISOString()}:${firmId}`, changed);
  return { auction, before, result, notified: changed.size };
}
