/**
 * Intracommodity (calendar) spread charge [seed 002 "CME SPAN": "an amount that accounts for
 * risk (basis risk) of calendar spreads or different expirations of the same product"; SPEC §5].
 *
 * Each tier's net delta (Σ quantity × delta of the contracts whose period falls in the tier)
 * is offered to the combined commodity's spreads in priority order; each spread formed costs
 * its rate:  charge = Σ_spreads spreadsFormed × rate, rounded to the minor unit half-even.
 * Delta used in spreads is recorded per tier (the spot charge needs it).
 */
import { MICRO, assertExact, mulDiv } from "./minor-units";
import type { CompiledCombinedCommodity } from "./parameters";
import { formSpread } from "./spread-formation";

/**
 * Kernel: forms `cc`'s intracommodity spreads over the tier deltas in `remaining` (global tier
 * index, micro-deltas; mutated), adds delta used to `consumed`, returns the charge in minor units.
 */
export function intraSpreadChargeUnits(cc: CompiledCombinedCommodity, remaining: Float64Array, consumed: Float64Array): number {
  let charge = 0;
  for (const spread of cc.intraSpreads) {
    const formed = formSpread(spread.legs, remaining, consumed);
    if (formed > 0) charge = assertExact(charge + mulDiv(formed, spread.rate, MICRO, "half-even", "intraSpreadCharge"), "intraSpreadCharge");
  }
  return charge;
}
