/**
 * Intercommodity spread credits [seed 002 "CME SPAN": "margin credit for offsetting positions
 * between correlated products"; SPEC §5: "a credit rate on offsetting positions in correlated
 * combined commodities, by priority tiers"].
 *
 * After intracommodity spreading, spreads are formed in priority order (lowest number first)
 * from each leg's net remaining delta (its intercommodity tier, or the whole combined commodity),
 * by the legs' delta-per-spread ratios and sides. For each leg the credit is
 *   spreads × legRatio × weightedPriceRisk × creditRate
 * where the weighted (futures) price risk is the combined commodity's price risk per delta:
 *   timeRisk       = (loss₁ + loss₂) / 2                         (price unchanged, volatility up / down)
 *   volatilityRisk = (loss_active − loss_paired) / 2            (the scan-risk scenario and the one with the
 *                                                                same price move and the other volatility; 0 for 15, 16)
 *   priceRisk      = max(0, scanRisk − timeRisk − volatilityRisk)
 *   normal: priceRisk ÷ |net delta|;  scan-range: the price scan range;  scan-range-cap: the lesser.
 * A combined commodity's credits never exceed its scan risk. Exact; rounded with the requirement.
 */
import { D, ZERO, type Dec } from "../money";
import type { CompiledCombinedCommodity, CompiledSpread } from "./parameters";
import { formSpreads, type DeltaLedger } from "./spread-formation";
import { legsLabel, type SpreadLine } from "./intra-spread";

export interface PriceRisk {
  readonly timeRisk: Dec;
  readonly volatilityRisk: Dec;
  readonly priceRisk: Dec;
  /** Price risk per delta used for credits. */
  readonly weightedPriceRisk: Dec;
}

/** Splits a combined commodity's scan risk (losses positive, scenario 1-16 of the largest loss or 0). */
export function priceRiskOf(cc: CompiledCombinedCommodity, loss: (scenario: number) => Dec, scanRisk: Dec, worstScenario: number, netDelta: Dec): PriceRisk {
  const timeRisk = loss(1).plus(loss(2)).div(2);
  let volatilityRisk = ZERO;
  if (worstScenario >= 1 && worstScenario <= 14) {
    const paired = worstScenario % 2 === 1 ? worstScenario + 1 : worstScenario - 1;
    volatilityRisk = loss(worstScenario).minus(loss(paired)).div(2).abs();
  }
  const priceRisk = D.max(ZERO, scanRisk.minus(timeRisk).minus(volatilityRisk));
  const normal = netDelta.isZero() ? ZERO : priceRisk.div(netDelta.abs());
  const weightedPriceRisk = cc.weightedPriceRiskMethod === "scan-range" ? cc.priceScanRange : cc.weightedPriceRiskMethod === "scan-range-cap" ? D.min(normal, cc.priceScanRange) : normal;
  return { timeRisk, volatilityRisk, priceRisk, weightedPriceRisk };
}

export interface InterCreditInput {
  readonly spreads: readonly CompiledSpread[];
  readonly combinedCommodities: readonly CompiledCombinedCommodity[];
  /** Ledgers of the combined commodities in the portfolio (by index), after intracommodity spreading. */
  readonly ledgers: ReadonlyMap<number, DeltaLedger>;
  readonly weightedPriceRisk: ReadonlyMap<number, Dec>;
}

/** Forms the intercommodity spreads; returns each combined commodity's credit and lines. */
export function interSpreadCredits(input: InterCreditInput): Map<number, { credit: Dec; lines: SpreadLine[] }> {
  const out = new Map<number, { credit: Dec; lines: SpreadLine[] }>();
  for (const spread of input.spreads) {
    const formed = formSpreads(spread.legs, (leg) => input.ledgers.get(leg.cc), "net");
    for (const f of formed) {
      const label = legsLabel(spread.legs, spread.legs.map((l) => input.combinedCommodities[l.cc]!.code));
      spread.legs.forEach((leg, i) => {
        const wpr = input.weightedPriceRisk.get(leg.cc) ?? ZERO;
        const credit = f.legDeltas[i]!.times(wpr).times(leg.rate ?? spread.rate);
        const entry = out.get(leg.cc) ?? { credit: ZERO, lines: [] };
        entry.credit = entry.credit.plus(credit);
        entry.lines.push({ priority: spread.priority, legs: label, spreads: f.spreads, amount: credit });
        out.set(leg.cc, entry);
      });
    }
  }
  return out;
}
