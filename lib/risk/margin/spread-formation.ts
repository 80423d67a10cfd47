/**
 * Forming delta spreads (shared by intracommodity and intercommodity spreads).
 *
 * A spread's legs are on side A or B: every A leg's remaining delta must have one sign and
 * every B leg's the other. The number of spreads is min over legs of |remaining delta| ÷ leg
 * ratio (delta per spread), counted in millionths of a spread (rounded down); each leg then
 * gives up spreads × ratio of its delta (rounded up to the micro-delta, never more than it has).
 */
import { mulDiv } from "./minor-units";
import { RATIO_SCALE, type CompiledSpreadLeg } from "./parameters";

/** Forms as many spreads as the remaining deltas allow; mutates `remaining`; returns micro-spreads. */
export function formSpread(legs: readonly CompiledSpreadLeg[], remaining: Float64Array, consumed?: Float64Array): number {
  let sign = 0;
  for (const leg of legs) {
    if (leg.sideA) {
      sign = Math.sign(remaining[leg.target]!);
      break;
    }
  }
  if (sign === 0) return 0;
  let spreads = Number.POSITIVE_INFINITY;
  for (const leg of legs) {
    const r = remaining[leg.target]!;
    if (Math.sign(r) !== (leg.sideA ? sign : -sign)) return 0;
    const n = mulDiv(Math.abs(r), RATIO_SCALE, leg.ratio, "down", "spread delta");
    if (n < spreads) spreads = n;
  }
  if (!(spreads > 0)) return 0;
  for (const leg of legs) {
    const r = remaining[leg.target]!;
    const use = Math.min(Math.abs(r), mulDiv(spreads, leg.ratio, RATIO_SCALE, "up", "spread delta"));
    remaining[leg.target] = r - Math.sign(r) * use;
    if (consumed) consumed[leg.target] = consumed[leg.target]! + use;
  }
  return spreads;
}
