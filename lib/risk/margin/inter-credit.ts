/**
 * Intercommodity spread credits [seed 002 "CME SPAN": "margin credit for offsetting positions
 * between correlated products"; SPEC §5: "a credit rate on offsetting positions in correlated
 * combined commodities, by priority tiers"].
 *
 * Spreads are formed in priority order (lowest number first) over each combined commodity's
 * net delta; each spread uses delta that later (lower-priority) spreads can no longer use.
 * For each leg:  credit = spreads × legRatio × creditRate × (scanRisk ÷ |net delta|),
 * where scanRisk ÷ |net delta| is the combined commodity's price risk per delta (this engine
 * treats the whole scan risk as price risk). Rounded to the minor unit half-even; a combined
 * commodity's total credit never exceeds its scan risk.
 */
import { MICRO, mulDivBig } from "./minor-units";
import { RATIO_SCALE, type CompiledSpread } from "./parameters";
import { formSpread } from "./spread-formation";

/**
 * Kernel: credits per combined commodity (minor units, added to `credits`), given each combined
 * commodity's net delta (`remaining`, micro-deltas, mutated) and scan risk. Only combined
 * commodities present in the portfolio have non-zero delta, so absent legs form no spread.
 */
export function interSpreadCreditUnits(spreads: readonly CompiledSpread[], remaining: Float64Array, initialDelta: Float64Array, scanRisk: Float64Array, credits: Float64Array): void {
  for (const spread of spreads) {
    const formed = formSpread(spread.legs, remaining);
    if (formed === 0) continue;
    for (const leg of spread.legs) {
      const c = leg.target;
      const delta = Math.abs(initialDelta[c]!);
      if (delta === 0 || scanRisk[c] === 0) continue;
      const credit = mulDivBig([BigInt(formed), BigInt(leg.ratio), BigInt(spread.rate), BigInt(scanRisk[c]!)], [BigInt(RATIO_SCALE), BigInt(MICRO), BigInt(delta)], "half-even", "interSpreadCredit");
      credits[c] = Math.min(scanRisk[c]!, credits[c]! + credit);
    }
  }
}
