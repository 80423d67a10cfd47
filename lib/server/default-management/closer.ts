/**
 * Closes auctions at their deadline by the database's clock. Each server instance runs one;
 * they share the work safely (closeAuction locks the auction row and refuses a closed one).
 * Bidding stops at the deadline whether or not this has run: submitBid checks the clock itself.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { startPolling, type Poller } from "@/lib/server/poll";
import { closeDueAuctions } from "./service";

export function startAuctionCloser(db: PrismaClient, intervalMs = 1000): Poller {
  return startPolling(intervalMs, async () => {
    try {
      await closeDueAuctions(db);
    } catch (e) {
      console.error("[auctions] closing at the deadline failed", e);
    }
  });
}
