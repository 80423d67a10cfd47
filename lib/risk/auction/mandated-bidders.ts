/**
 * Mandated bidders for a Base Product Category (Rule 914, seed 003 Exhibit A and §B):
 * - only members with open interest in the category in their proprietary account during the
 *   preceding six months may be mandated;
 * - they are ranked by (A) relative performance bond and (B) relative intraday trading volume
 *   in the proprietary account for the category, and (C) the clearing house's assessment of
 *   capability (an input: `capable`);
 * - a member may be exempted on one of four grounds: (i) does not trade the products or
 *   product types, (ii) open interest not proportionate to the defaulter's portfolio,
 *   (iii) no active trading desk, (iv) other operational reasons;
 * - no member is required to bid where its proprietary positions in the category are not
 *   proportional to the defaulter's (CFTC 39.16(c)(2)(iii)(C)): here, when its proprietary
 *   performance bond in the category is below `proportionalityMinRatio` × the defaulter's
 *   portfolio performance bond (a setting, default 0.10).
 * score = wPB × relative PB + (1 − wPB) × relative volume, wPB a setting (default 0.5);
 * the `mandatedCount` best-ranked members not excluded above are mandated.
 */
import { D, type Dec, ZERO, ONE } from "../money";
import { RiskError } from "../errors";
import { bounded, flag, list, money, text, unique, wholeCount } from "../calendar/checks";

type Amount = Dec | string;

export const EXEMPTION_GROUNDS = ["does-not-trade", "not-proportionate", "no-trading-desk", "operational"] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];

export interface MandateCandidate {
  readonly id: string;
  /** Open interest in the category in the proprietary account during the preceding six months. */
  readonly proprietaryOpenInterestLastSixMonths: boolean;
  /** Performance bond of the proprietary account for the category. */
  readonly proprietaryPerformanceBond: Amount;
  /** Intraday trading volume of the proprietary account in the category. */
  readonly proprietaryIntradayVolume: Amount;
  /** Clearing house's assessment of capability (Rule 914.C); default true. */
  readonly capable?: boolean;
  /** An exemption requested; `granted` records the clearing house's decision. */
  readonly exemption?: { readonly ground: ExemptionGround; readonly granted: boolean };
}

export interface MandatedBidderInput {
  readonly category: string;
  readonly members: readonly MandateCandidate[];
  /** Performance bond of the defaulter's portfolio in the category (omit for the standing roster). */
  readonly defaulterPortfolioPerformanceBond?: Amount;
  readonly settings: {
    readonly mandatedCount: number;
    readonly proportionalityMinRatio?: Amount;
    readonly performanceBondWeight?: Amount;
  };
}

export type MandateStatus = "mandated" | "not-selected" | "not-eligible" | "not-capable" | "exempt" | "not-proportional";

export interface MandateLine {
  readonly id: string;
  readonly status: MandateStatus;
  readonly reason: string;
  readonly relativePerformanceBond: Dec;
  readonly relativeVolume: Dec;
  readonly score: Dec;
  /** 1 = best, among eligible members; null if not eligible. */
  readonly rank: number | null;
  /** Proprietary PB / defaulter's portfolio PB, if a portfolio is given. */
  readonly proportionality: Dec | null;
}

export interface MandatedBidderSelection {
  readonly category: string;
  readonly mandated: readonly string[];
  readonly members: readonly MandateLine[];
  readonly settings: { readonly mandatedCount: number; readonly proportionalityMinRatio: Dec; readonly performanceBondWeight: Dec };
}

const GROUND_TEXT: Record<ExemptionGround, string> = {
  "does-not-trade": "exempt (i): does not trade the relevant products or product types",
  "not-proportionate": "exempt (ii): open interest not proportionate to the defaulter's portfolio",
  "no-trading-desk": "exempt (iii): no active trading desk for the products",
  operational: "exempt (iv): other operational reasons",
};

/** Select the mandated bidders of a category (see module comment). */
export function selectMandatedBidders(input: MandatedBidderInput): MandatedBidderSelection {
  const category = text(input.category, "category");
  const members = list(input.members, "members");
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  if (!input.settings) throw new RiskError("REQUIRED", "settings", "settings are required");
  const mandatedCount = wholeCount(input.settings.mandatedCount, "settings.mandatedCount", 0);
  const minRatio = input.settings.proportionalityMinRatio === undefined ? new D("0.10") : bounded(input.settings.proportionalityMinRatio, "settings.proportionalityMinRatio", ZERO);
  const wPb = input.settings.performanceBondWeight === undefined ? new D("0.5") : bounded(input.settings.performanceBondWeight, "settings.performanceBondWeight", ZERO, ONE);
  const portfolio = input.defaulterPortfolioPerformanceBond === undefined ? null : money(input.defaulterPortfolioPerformanceBond, "defaulterPortfolioPerformanceBond");
  const rows = members.map((m, i) => {
    const f = `members[${i}]`;
    text(m.id, `${f}.id`);
    const eligible = flag(m.proprietaryOpenInterestLastSixMonths, `${f}.proprietaryOpenInterestLastSixMonths`);
    const pb = money(m.proprietaryPerformanceBond, `${f}.proprietaryPerformanceBond`);
    const vol = money(m.proprietaryIntradayVolume, `${f}.proprietaryIntradayVolume`);
    const capable = m.capable === undefined ? true : flag(m.capable, `${f}.capable`);
    if (m.exemption !== undefined) {
      if (!EXEMPTION_GROUNDS.includes(m.exemption.ground)) throw new RiskError("INVALID_INPUT", `${f}.exemption.ground`, `${f}.exemption.ground must be one of ${EXEMPTION_GROUNDS.join(", ")}`);
      flag(m.exemption.granted, `${f}.exemption.granted`);
    }
    return { m, i, eligible, pb, vol, capable };
  });
  let pbTotal = ZERO;
  let volTotal = ZERO;
  for (const r of rows) {
    if (!r.eligible) continue;
    pbTotal = pbTotal.plus(r.pb);
    volTotal = volTotal.plus(r.vol);
  }
  const scored = rows.map((r) => {
    const relPb = r.eligible && !pbTotal.isZero() ? r.pb.div(pbTotal) : ZERO;
    const relVol = r.eligible && !volTotal.isZero() ? r.vol.div(volTotal) : ZERO;
    return { ...r, relPb, relVol, score: relPb.times(wPb).plus(relVol.times(ONE.minus(wPb))) };
  });
  const ranked = scored.filter((r) => r.eligible).sort((a, b) => b.score.comparedTo(a.score) || a.i - b.i);
  const rankOf = new Map<number, number>();
  ranked.forEach((r, k) => rankOf.set(r.i, k + 1));
  const lines = new Map<number, MandateLine>();
  let taken = 0;
  for (const r of ranked) {
    const proportionality = portfolio && !portfolio.isZero() ? r.pb.div(portfolio) : null;
    let status: MandateStatus;
    let reason: string;
    if (!r.capable) {
      status = "not-capable";
      reason = "Rule 914.C: not assessed as capable of participating";
    } else if (r.m.exemption?.granted) {
      status = "exempt";
      reason = GROUND_TEXT[r.m.exemption.ground];
    } else if (proportionality !== null && proportionality.lessThan(minRatio)) {
      status = "not-proportional";
      reason = `Rule 914: proprietary positions not proportional to the defaulter's (ratio ${proportionality.toDecimalPlaces(4).toString()} < ${minRatio.toString()})`;
    } else if (taken < mandatedCount) {
      taken++;
      status = "mandated";
      reason = `Rule 914: ranked ${rankOf.get(r.i)} by relative performance bond and intraday volume`;
    } else {
      status = "not-selected";
      reason = `Rule 914: ranked ${rankOf.get(r.i)}; the ${mandatedCount} mandated places are filled`;
    }
    lines.set(r.i, { id: r.m.id, status, reason, relativePerformanceBond: r.relPb, relativeVolume: r.relVol, score: r.score, rank: rankOf.get(r.i)!, proportionality });
  }
  const out = scored.map(
    (r) =>
      lines.get(r.i) ?? {
        id: r.m.id,
        status: "not-eligible" as const,
        reason: "Rule 914: no proprietary open interest in the category in the preceding six months",
        relativePerformanceBond: ZERO,
        relativeVolume: ZERO,
        score: ZERO,
        rank: null,
        proportionality: null,
      },
  );
  return {
    category,
    mandated: ranked.filter((r) => lines.get(r.i)!.status === "mandated").map((r) => r.m.id),
    members: out,
    settings: { mandatedCount, proportionalityMinRatio: minRatio, performanceBondWeight: wPb },
  };
}
