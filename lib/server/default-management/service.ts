import "server-only";
/**
 * Default management (SPEC §7; Rule 914; Rule 802 as amended, seed 003): the public index of its
 * use cases, one per file. Every function runs inside the caller's transaction; the formulas are
 * the risk core's.
 *
 * - categories.ts: Base Product Categories
 * - mandates.ts: mandated bidder selection (preview, notify, the current roster)
 * - exemptions.ts: exemption requests and their decisions
 * - declare-default.ts: declaring a default and its cooling-off period
 * - create-auction.ts, submit-bid.ts, close-auction.ts, designate-winners.ts: auctions
 *   (auction-result.ts: the classification stored on a closed auction)
 * - run-waterfall.ts: the loss waterfall and its notices (waterfall-input.ts: its input and result)
 * - simulate.ts: the members' waterfall simulator
 */
export { GROUND_FROM_DB, GROUND_LABELS } from "./internal";
export { saveCategory } from "./categories";
export { currentMandates, notifyMandateSelection, previewMandateSelection } from "./mandates";
export { decideExemption, requestExemption } from "./exemptions";
export { declareDefault } from "./declare-default";
export { createAuction } from "./create-auction";
export { submitBid, type BidReceipt } from "./submit-bid";
export { lastBids, OUTCOME_TEXT } from "./auction-result";
export { closeAuction, closeDueAuctions } from "./close-auction";
export { designateAuctionWinners } from "./designate-winners";
export { waterfallJson, type LossInput, type WaterfallJson } from "./waterfall-input";
export { BID_OUTCOMES, type AuctionResult } from "./columns";
export { runDefaultWaterfall } from "./run-waterfall";
export { simulateWaterfall } from "./simulate";
