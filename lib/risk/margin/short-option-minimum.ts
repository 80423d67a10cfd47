/**
 * Short option minimum [seed 002 "CME SPAN": "minimum margin requirement for short option
 * positions"; SPEC §5: "a charge per short option"].
 *
 *   shortOptionMinimum = (number of short option contracts, netted per contract) × rate
 */
import { assertExact } from "./minor-units";

/** Kernel: short option minimum in minor units. */
export function shortOptionMinimumUnits(shortOptionContracts: number, ratePerShortOption: number): number {
  return assertExact(shortOptionContracts * ratePerShortOption, "shortOptionMinimum");
}
