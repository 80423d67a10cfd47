/**
 * Combining the auctions of one default (Rule 802.B.1 as amended, seed 003 Exhibit A): a
 * default may be managed through several auctions (one per Base Product Category or
 * portfolio), and 802.B.1.ii uses, per member, the sums over them:
 *   "Aggregate Subordinated Amount" means the sum of all subordinated amounts;
 *   "Final Aggregate Seniorized Amount" means the sum of all seniorized amounts.
 * A member's amounts are combined as:
 *   subordinated = min(contribution, Σ subordinated over the auctions)
 *   seniorized   = min(contribution − subordinated, Σ seniorized over the auctions)
 *   maintained   = contribution − subordinated − seniorized
 * so the three always sum to the contribution. Where a member is both seniorized in one
 * auction and subordinated in another beyond its contribution, subordination takes the room
 * first (our reading: the Base Default Management Guidelines that settle this are
 * confidential; the penalty is not diluted by the reward). A member in no auction is
 * maintained in full.
 */
import { type Dec, ZERO, min } from "../money";
import { RiskError } from "../errors";
import { list, money, optionalMoney, text, unique } from "../calendar/checks";
import type { AuctionClassification } from "./classify";

type Amount = Dec | string;

export interface DefaultMemberContribution {
  readonly id: string;
  readonly gfRequirement: Amount;
  /** Base GF contribution (default: the requirement). */
  readonly gfContribution?: Amount;
}

export interface CombineAuctionsInput {
  readonly members: readonly DefaultMemberContribution[];
  readonly auctions: readonly AuctionClassification[];
}

export interface MemberIncentiveAmounts {
  readonly id: string;
  readonly gfRequirement: Dec;
  readonly contribution: Dec;
  readonly seniorized: Dec;
  readonly maintained: Dec;
  readonly subordinated: Dec;
  /** The per-auction amounts behind the totals. */
  readonly byAuction: readonly { readonly auctionId: string; readonly outcome: string; readonly seniorized: Dec; readonly subordinated: Dec }[];
}

export interface CombinedIncentives {
  readonly members: readonly MemberIncentiveAmounts[];
  readonly aggregateSubordinatedAmount: Dec;
  readonly finalAggregateSeniorizedAmount: Dec;
  readonly totalMaintained: Dec;
}

/** Combine the auctions of one default into each member's seniorized / maintained / subordinated amounts. */
export function combineAuctionOutcomes(input: CombineAuctionsInput): CombinedIncentives {
  const members = list(input.members, "members");
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  const auctions = list(input.auctions, "auctions");
  unique(auctions, (a) => a.auctionId, (i) => `auctions[${i}].auctionId`);
  const index = new Map<string, number>();
  const rows = members.map((m, i) => {
    text(m.id, `members[${i}].id`);
    index.set(m.id, i);
    const gfRequirement = money(m.gfRequirement, `members[${i}].gfRequirement`, { cents: true });
    const contribution = optionalMoney(m.gfContribution, `members[${i}].gfContribution`, gfRequirement, { cents: true });
    return { id: m.id, gfRequirement, contribution, sen: ZERO, sub: ZERO, byAuction: [] as MemberIncentiveAmounts["byAuction"][number][] };
  });
  auctions.forEach((a, ai) => {
    a.participants.forEach((p, pi) => {
      const i = index.get(p.memberId);
      if (i === undefined) throw new RiskError("UNKNOWN_REFERENCE", `auctions[${ai}].participants[${pi}].memberId`, `"${p.memberId}" is not among the members`);
      const r = rows[i]!;
      if (!p.contribution.eq(r.contribution)) {
        throw new RiskError("INCONSISTENT", `auctions[${ai}].participants[${pi}].gfContribution`, `the contribution of "${p.memberId}" differs from the member list`);
      }
      r.sen = r.sen.plus(p.seniorized);
      r.sub = r.sub.plus(p.subordinated);
      r.byAuction.push({ auctionId: a.auctionId, outcome: p.outcome, seniorized: p.seniorized, subordinated: p.subordinated });
    });
  });
  let totalSub = ZERO;
  let totalSen = ZERO;
  let totalMain = ZERO;
  const out = rows.map((r) => {
    const subordinated = min(r.contribution, r.sub);
    const seniorized = min(r.contribution.minus(subordinated), r.sen);
    const maintained = r.contribution.minus(subordinated).minus(seniorized);
    totalSub = totalSub.plus(subordinated);
    totalSen = totalSen.plus(seniorized);
    totalMain = totalMain.plus(maintained);
    return { id: r.id, gfRequirement: r.gfRequirement, contribution: r.contribution, seniorized, maintained, subordinated, byAuction: r.byAuction };
  });
  return { members: out, aggregateSubordinatedAmount: totalSub, finalAggregateSeniorizedAmount: totalSen, totalMaintained: totalMain };
}
