import "server-only";
/**
 * Sealed bids in a default auction (Rule 914.2), accepted by the database's clock.
 */
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { DomainError, fieldRefusal } from "@/lib/shared/errors";

/** A refused bid (code "bid-refused"): the field it names and the HTTP status the bid route answers. */
function bidRefused(message: string, field: string, status: 403 | 404 | 409 | 422): DomainError {
  return fieldRefusal("bid-refused", message, field, status);
}

export interface BidReceipt {
  readonly reference: string;
  readonly auction: string;
  readonly amount: string;
  readonly submittedAt: string;
  readonly closesAt: string;
}

/**
 * Stores a sealed bid. The database's clock decides: the auction row is read FOR SHARE (so a
 * close, which takes it FOR UPDATE, waits for bids in flight and they for it) and the bid is
 * accepted only while clock_timestamp() is inside [opensAt, closesAt) and the auction is OPEN;
 * the same instant is the bid's submittedAt. A firm's last bid is the one with the highest id
 * (ids are drawn in the order the bids are inserted).
 */
export async function submitBid(tx: Tx, input: { auctionId: string; firmId: string; amount: string; submittedBy: string }): Promise<BidReceipt> {
  // One statement: the check, the stamp and the insert see the same instant of the clock, and a
  // bid costs one round trip however many bidders arrive in the last second.
  const suffix = randomBytes(5).toString("hex").toUpperCase();
  const rows = await tx.$queryRaw<{ reference: string; status: string; opens_at: Date; closes_at: Date; now: Date; invited: boolean; bid: string | null }[]>`
    WITH a AS (
      SELECT id, reference, status::text AS status, opens_at, closes_at, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR SHARE
    ), inv AS (
      SELECT 1 FROM auction_invitation WHERE auction_id = ${input.auctionId}::uuid AND firm_id = ${input.firmId}::uuid
    ), ins AS (
      INSERT INTO auction_bid (reference, auction_id, firm_id, amount, submitted_by, submitted_at)
      SELECT left('BID-' || a.reference, 29) || '-' || ${suffix}, a.id, ${input.firmId}::uuid, ${input.amount}::numeric, ${input.submittedBy}, a.now
      FROM a WHERE EXISTS (SELECT 1 FROM inv) AND a.status = 'OPEN' AND a.now >= a.opens_at AND a.now < a.closes_at
      RETURNING reference
    )
    SELECT a.reference, a.status, a.opens_at, a.closes_at, a.now, EXISTS (SELECT 1 FROM inv) AS invited, (SELECT reference FROM ins) AS bid FROM a`;
  const a = rows[0];
  if (!a) throw bidRefused("no such auction", "auctionId", 404);
  if (!a.invited) throw bidRefused("your firm is not invited to this auction", "auctionId", 403);
  if (a.bid === null) {
    if (a.status !== "OPEN" || a.now.getTime() >= a.closes_at.getTime()) {
      throw bidRefused(`the auction closed at ${a.closes_at.toISOString()} (clearing house clock ${a.now.toISOString()}); the bid was not accepted`, "closesAt", 409);
    }
    throw bidRefused(`the auction opens at ${a.opens_at.toISOString()}; the bid was not accepted`, "opensAt", 409);
  }
  return { reference: a.bid, auction: a.reference, amount: new Prisma.Decimal(input.amount).toFixed(2), submittedAt: a.now.toISOString(), closesAt: a.closes_at.toISOString() };
}
