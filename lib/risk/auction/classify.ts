/**
 * One default management auction's outcome and the incentive framework (seed 003 §C,
 * Rule 802.B as amended, Rule 914.2):
 * - the winning bid is the best bid: the highest amount paid to take the portfolio (a bid
 *   may be negative: the amount the bidder must be paid); ties go to the earlier bid. The
 *   clearing house may designate the winner(s) itself (`winners`), "based on the totality of
 *   the circumstances" (802.B.6);
 * - "A bid is competitive if it is less than half the performance bond requirement for the
 *   relevant trade/portfolio away from the winning bid" (seed 003 note 3);
 * - each participant's Base guaranty fund contribution, up to the cap min(its own GF
 *   requirement, the defaulter's GF requirement), is seniorized (winning bid), maintained
 *   (competitive bid) or subordinated (non-competitive bid; mandated and failed to bid); the
 *   part beyond the cap is maintained, and so is the whole contribution of a member not
 *   required to bid that did not bid.
 */
import { type Dec, ZERO, D, min } from "../money";
import { RiskError } from "../errors";
import { flag, list, money, optionalMoney, text, unique } from "../calendar/checks";

type Amount = Dec | string;

export interface AuctionBid {
  readonly memberId: string;
  readonly amount: Amount;
}

export interface AuctionParticipant {
  readonly memberId: string;
  readonly gfRequirement: Amount;
  /** Base GF contribution on deposit (default: the requirement). */
  readonly gfContribution?: Amount;
  /** A Mandated Base Clearing Member for this auction's category (and required to bid). */
  readonly mandated: boolean;
}

export interface ClassifyAuctionInput {
  readonly auctionId: string;
  readonly category?: string;
  /** Performance bond requirement of the auctioned portfolio. */
  readonly portfolioPerformanceBond: Amount;
  readonly defaulterGfRequirement: Amount;
  readonly bids: readonly AuctionBid[];
  /** Every member considered: bidders, mandated members and (optionally) others. */
  readonly participants: readonly AuctionParticipant[];
  /** Winners designated by the clearing house (default: the highest bid). */
  readonly winners?: readonly string[];
}

export type BidOutcome = "winning" | "competitive" | "non-competitive" | "mandated-no-bid" | "not-required-no-bid";

export interface ParticipantClassification {
  readonly memberId: string;
  readonly mandated: boolean;
  readonly bid: Dec | null;
  readonly outcome: BidOutcome;
  /** |bid − winning bid|, null without a bid. */
  readonly distanceFromWinningBid: Dec | null;
  readonly contribution: Dec;
  readonly cap: Dec;
  readonly seniorized: Dec;
  readonly maintained: Dec;
  readonly subordinated: Dec;
}

export interface AuctionClassification {
  readonly auctionId: string;
  readonly category: string | null;
  readonly winners: readonly string[];
  readonly winningBid: Dec | null;
  /** Half the portfolio's performance bond requirement. */
  readonly competitiveThreshold: Dec;
  readonly participants: readonly ParticipantClassification[];
}

const HALF = new D("0.5");

/** Classify one auction's bids and participants (see module comment). */
export function classifyAuction(input: ClassifyAuctionInput): AuctionClassification {
  const auctionId = text(input.auctionId, "auctionId");
  const pb = money(input.portfolioPerformanceBond, "portfolioPerformanceBond");
  const defaulterReq = money(input.defaulterGfRequirement, "defaulterGfRequirement");
  const participants = list(input.participants, "participants");
  unique(participants, (p) => p.memberId, (i) => `participants[${i}].memberId`);
  const bids = list(input.bids, "bids");
  unique(bids, (b) => b.memberId, (i) => `bids[${i}].memberId`);
  const known = new Set(participants.map((p, i) => text(p.memberId, `participants[${i}].memberId`)));
  const bidOf = new Map<string, Dec>();
  bids.forEach((b, i) => {
    if (!known.has(b.memberId)) throw new RiskError("UNKNOWN_REFERENCE", `bids[${i}].memberId`, `bids[${i}].memberId "${b.memberId}" is not among the participants`);
    bidOf.set(b.memberId, money(b.amount, `bids[${i}].amount`, { negative: true }));
  });
  let winners: string[];
  if (input.winners !== undefined) {
    winners = [...list(input.winners, "winners")];
    winners.forEach((w, i) => {
      if (!bidOf.has(w)) throw new RiskError("UNKNOWN_REFERENCE", `winners[${i}]`, `winners[${i}] "${w}" did not bid`);
    });
    unique(winners, (w) => w, (i) => `winners[${i}]`);
  } else {
    let best: { id: string; amount: Dec } | null = null;
    for (const b of bids) {
      const a = bidOf.get(b.memberId)!;
      if (best === null || a.greaterThan(best.amount)) best = { id: b.memberId, amount: a };
    }
    winners = best ? [best.id] : [];
  }
  let winningBid: Dec | null = null;
  for (const w of winners) {
    const a = bidOf.get(w)!;
    if (winningBid === null || a.greaterThan(winningBid)) winningBid = a;
  }
  const threshold = pb.times(HALF);
  const winnerSet = new Set(winners);
  const out = participants.map((p, i) => {
    const f = `participants[${i}]`;
    const mandated = flag(p.mandated, `${f}.mandated`);
    const req = money(p.gfRequirement, `${f}.gfRequirement`, { cents: true });
    const contribution = optionalMoney(p.gfContribution, `${f}.gfContribution`, req, { cents: true });
    const cap = min(contribution, min(req, defaulterReq)).toDecimalPlaces(2, D.ROUND_DOWN);
    const bid = bidOf.get(p.memberId) ?? null;
    let outcome: BidOutcome;
    let distance: Dec | null = null;
    if (bid === null) outcome = mandated ? "mandated-no-bid" : "not-required-no-bid";
    else {
      distance = bid.minus(winningBid!).abs();
      outcome = winnerSet.has(p.memberId) ? "winning" : distance.lessThan(threshold) ? "competitive" : "non-competitive";
    }
    const seniorized = outcome === "winning" ? cap : ZERO;
    const subordinated = outcome === "non-competitive" || outcome === "mandated-no-bid" ? cap : ZERO;
    return {
      memberId: p.memberId,
      mandated,
      bid,
      outcome,
      distanceFromWinningBid: distance,
      contribution,
      cap,
      seniorized,
      maintained: contribution.minus(seniorized).minus(subordinated),
      subordinated,
    };
  });
  return { auctionId, category: input.category ?? null, winners, winningBid, competitiveThreshold: threshold, participants: out };
}
