/**
 * Short option minimum [seed 002 "CME SPAN": "minimum margin requirement for short option
 * positions"; SPEC §5: "a charge per short option"].
 *
 * Per short option minimum tier (a range of periods; one tier without bounds covers all):
 *   gross (default): (short calls + short puts) × rate;   max [SPAN somMeth MAX]: max(short calls, short puts) × rate
 * summed over the tiers. Short options are counted in contracts, netted per contract first.
 */
import { D, ZERO, type Dec } from "../money";
import type { CompiledCombinedCommodity } from "./parameters";
import { periodInRange } from "./periods";

export interface ShortOption {
  readonly period: string;
  readonly call: boolean;
  /** Short contracts (positive). */
  readonly contracts: number;
}

export function shortOptionMinimum(cc: CompiledCombinedCommodity, shorts: readonly ShortOption[]): Dec {
  let total = ZERO;
  for (const tier of cc.somTiers) {
    let calls = 0;
    let puts = 0;
    for (const s of shorts) {
      if (!periodInRange(s.period, tier.startPeriod, tier.endPeriod)) continue;
      if (s.call) calls += s.contracts;
      else puts += s.contracts;
    }
    const counted = cc.somMethod === "max" ? Math.max(calls, puts) : calls + puts;
    if (counted > 0) total = total.plus(tier.rate.times(new D(counted)));
  }
  return total;
}
