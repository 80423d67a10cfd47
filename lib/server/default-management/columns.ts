/**
 * The JSON columns of default management, one zod schema each (read and written through
 * lib/shared/json-column.ts): amounts are decimal strings to the cent, never numbers.
 */
import { z } from "zod";

const amount = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal amount as a string");
const firmRef = z.object({ firmId: z.string(), firmCode: z.string().optional() });

/** auction.portfolio: the defaulter's positions in the category and the SPAN figures at creation. */
export const auctionPortfolioColumn = z.object({
  positions: z.array(z.object({ contract: z.string(), quantity: z.string().regex(/^-?\d+$/, "a whole quantity as a string") })),
  parametersOf: z.string().nullable(),
  span: z.object({ maintenance: amount, initial: amount }).optional(),
});

/** How a participant's bid was classified (seed 003 §C; lib/risk/auction/classify.ts BidOutcome). */
export const BID_OUTCOMES = ["winning", "competitive", "non-competitive", "mandated-no-bid", "not-required-no-bid"] as const;

/** auction.result: the classification at the close (or at a designation of winners), every participant's line. */
export const auctionResultColumn = z.object({
  winners: z.array(firmRef),
  winningBid: amount.nullable(),
  competitiveThreshold: amount,
  participants: z.array(
    z.object({
      firmId: z.string(),
      firmCode: z.string().optional(),
      mandated: z.boolean(),
      bid: amount.nullable(),
      bidReference: z.string().nullable(),
      bidSubmittedAt: z.string().nullable(),
      bidsSubmitted: z.number().int().nonnegative(),
      outcome: z.enum(BID_OUTCOMES),
      distanceFromWinningBid: amount.nullable(),
      contribution: amount,
      cap: amount,
      seniorized: amount,
      maintained: amount,
      subordinated: amount,
    }),
  ),
  defaulterGfRequirement: amount,
  portfolioPerformanceBond: amount,
  totalBids: z.number().int().nonnegative(),
  bidsDigest: z.string(),
  designatedWinners: z.boolean(),
  rule: z.string(),
  /** When staff designated the winners after the close: why, who, when, and who had won before. */
  designation: z.object({ reason: z.string(), by: z.string(), at: z.string(), previousWinners: z.array(firmRef) }).optional(),
});

export type AuctionResult = z.output<typeof auctionResultColumn>;

/** mandate_selection.inputs: what the selection ran on. */
export const selectionInputsColumn = z.object({
  mandatedCount: z.number().int().positive(),
  notCapable: z.array(z.string()),
  proportionalityMinRatio: z.string(),
  footprints: z.array(
    z.object({ firmId: z.string(), firmCode: z.string(), openInterestLastSixMonths: z.boolean(), proprietaryPerformanceBond: amount, proprietaryIntradayVolume: z.string(), evidence: z.string() }),
  ),
});

/** mandate_selection.result: each member's status, rank and score (Rule 914). */
export const selectionResultColumn = z.object({
  category: z.string(),
  mandated: z.array(z.string()),
  members: z.array(
    z.object({
      firmId: z.string(),
      firmCode: z.string(),
      status: z.string(),
      reason: z.string(),
      rank: z.number().int().nullable(),
      relativePerformanceBond: z.string(),
      relativeVolume: z.string(),
      score: z.string(),
    }),
  ),
});

/** default_waterfall.loss: the realised loss by account class and the defaulter's other assets. */
export const waterfallLossColumn = z.object({
  house: amount,
  customerSegregated: amount,
  customerSecured: amount,
  customerClearedSwaps: amount,
  otherAssets: amount,
});

const layer = { id: z.string(), rule: z.string(), description: z.string(), capacity: amount, applied: amount, remainingLoss: amount };

/** default_waterfall.result: the Rule 802.B.1 waterfall layer by layer and member by member. */
export const waterfallResultColumn = z.object({
  loss: amount,
  covered: amount,
  uncovered: amount,
  nextSteps: z.array(z.string()),
  defaulterCollateral: z.object({
    applied: amount,
    accountClasses: z.array(z.object({ accountClass: z.string(), loss: amount, fromCustomerCollateral: amount, fromHouseAssets: amount, residual: amount })),
    houseAssets: z.array(z.object({ source: z.string(), available: amount, applied: amount })),
  }),
  layers: z.array(z.object({ ...layer, shares: z.array(z.object({ firmId: z.string(), firmCode: z.string().optional(), capacity: amount, amount })) })),
  members: z.array(
    z.object({
      firmId: z.string(),
      firmCode: z.string().optional(),
      subordinatedUsed: amount,
      maintainedUsed: amount,
      seniorizedUsed: amount,
      alternateTrancheUsed: amount,
      guarantyFundUsed: amount,
      assessed: amount,
      assessmentCapacity: amount,
      totalCharge: amount,
    }),
  ),
});

export type WaterfallJson = z.output<typeof waterfallResultColumn>;
