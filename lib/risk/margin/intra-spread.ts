/**
 * Intracommodity (calendar) spread charge [seed 002 "CME SPAN": "an amount that accounts for
 * risk (basis risk) of calendar spreads or different expirations of the same product"; SPEC §5].
 *
 * The combined commodity's spreads are formed in priority order (lowest number first) from its
 * period deltas, each tier's long and short deltas kept apart (spread-formation.ts); each spread
 * formed costs the spread's rate:
 *   intraSpreadCharge = Σ spreadsFormed × rate   (exact; rounded only with the requirement)
 */
import { ZERO, type Dec } from "../money";
import type { CompiledCombinedCommodity } from "./parameters";
import { formSpreads, type DeltaLedger } from "./spread-formation";

/** One spread definition's result, for the statement. */
export interface SpreadLine {
  readonly priority: number;
  /** "tier 1 A / tier 2 B", etc. */
  readonly legs: string;
  readonly spreads: Dec;
  /** Intra: the charge; inter: the credit given to this combined commodity. */
  readonly amount: Dec;
}

export function legsLabel(legs: readonly { readonly label: string; readonly sideA: boolean }[], ccCodes?: readonly string[]): string {
  return legs.map((l, i) => `${ccCodes ? `${ccCodes[i]} ` : ""}${l.label} ${l.sideA ? "A" : "B"}`).join(" / ");
}

/** Forms `cc`'s intracommodity spreads over its ledger (mutated); returns the charge and the lines. */
export function intraSpreadCharge(cc: CompiledCombinedCommodity, ledger: DeltaLedger): { charge: Dec; lines: SpreadLine[] } {
  let charge = ZERO;
  const lines: SpreadLine[] = [];
  for (const spread of cc.intraSpreads) {
    for (const formed of formSpreads(spread.legs, () => ledger, "gross")) {
      const amount = formed.spreads.times(spread.rate);
      charge = charge.plus(amount);
      lines.push({ priority: spread.priority, legs: legsLabel(spread.legs), spreads: formed.spreads, amount });
    }
  }
  return { charge, lines };
}
