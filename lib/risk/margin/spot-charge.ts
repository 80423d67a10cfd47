/**
 * Spot (delivery-month) charge [seed 002 "CME SPAN": "a charge that covers the increased risk of
 * positions in deliverable instruments near expiration"; SPEC §5].
 *
 * For each spot period of the combined commodity, after intracommodity spreading: D = the
 * absolute spreading delta of the positions in that period, R = what of it no intracommodity
 * spread took (outright), S = D − R (in spreads):
 *   spotCharge = Σ S × spreadRate + R × outrightRate   (rates are money per delta; exact)
 */
import { ZERO, type Dec } from "../money";
import type { CompiledCombinedCommodity } from "./parameters";
import { periodMatches } from "./periods";
import type { DeltaLedger } from "./spread-formation";

export function spotCharge(cc: CompiledCombinedCommodity, ledger: DeltaLedger): Dec {
  let charge = ZERO;
  for (const spot of cc.spots) {
    let all = ZERO;
    let outright = ZERO;
    for (let i = 0; i < ledger.periods.length; i++) {
      if (!periodMatches(ledger.periods[i]!, spot.period)) continue;
      all = all.plus(ledger.initial[i]!.abs());
      outright = outright.plus(ledger.remaining[i]!.abs());
    }
    if (all.isZero()) continue;
    const inSpreads = all.minus(outright);
    charge = charge.plus(inSpreads.times(spot.spreadRate)).plus(outright.times(spot.outrightRate));
  }
  return charge;
}
