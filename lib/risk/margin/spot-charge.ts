/**
 * Spot (delivery-month) charge [seed 002 "CME SPAN": "a charge that covers the increased risk of
 * positions in deliverable instruments near expiration"; SPEC §5].
 *
 * For each spot month of the combined commodity: D = |net delta of the contracts of that
 * period|; S = the part of it used in intracommodity spreads (at most the delta its tier gave
 * to spreads); charge = S × spreadRate + (D − S) × outrightRate, each rounded to the minor unit
 * half-even. Rates are money per delta.
 */
import { MICRO, assertExact, mulDiv } from "./minor-units";
import type { CompiledCombinedCommodity } from "./parameters";

/** Kernel: spot charge in minor units from spot-month deltas and per-tier spread usage (micro-deltas). */
export function spotChargeUnits(cc: CompiledCombinedCommodity, spotDelta: Float64Array, consumed: Float64Array): number {
  let charge = 0;
  const spots = cc.spots;
  for (let j = 0; j < spots.length; j++) {
    const spot = spots[j]!;
    const d = Math.abs(spotDelta[cc.spotBase + j]!);
    if (d === 0) continue;
    const inSpread = spot.tier >= 0 ? Math.min(d, consumed[spot.tier]!) : 0;
    charge += mulDiv(inSpread, spot.spreadRate, MICRO, "half-even", "spotCharge") + mulDiv(d - inSpread, spot.outrightRate, MICRO, "half-even", "spotCharge");
  }
  return assertExact(charge, "spotCharge");
}
