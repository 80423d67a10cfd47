/**
 * Prices on the product's tick [seed 002 OPS contract specs: "minimum price fluctuations shall
 * be in multiples of USD $0.25 per metric ton which shall equal USD $6.25 per contract";
 * Rule 813 settlement: "if the calculated settlement price is not a standard tick increment,
 * [it] will be rounded either to the nearest tick or to the tick closer to the previous day's
 * settlement price"; SPEC §5].
 */
import { dec, Rounding, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";

function positiveTick(tick: DecInput, field: string): Dec {
  const t = dec(tick, field);
  if (!t.greaterThan(0)) throw new RiskError("OUT_OF_RANGE", field, `${field} must be positive`);
  return t;
}

/** Throws OFF_TICK naming `field` unless price is a whole multiple of tick. Returns the price. */
export function assertOnTick(price: DecInput, tick: DecInput, field = "price"): Dec {
  const p = dec(price, field);
  const t = positiveTick(tick, "tick");
  if (!p.mod(t).isZero()) throw new RiskError("OFF_TICK", field, `${field} ${p.toString()} is not a multiple of the tick ${t.toString()}`);
  return p;
}

export interface RoundToTickInput {
  readonly price: DecInput;
  readonly tick: DecInput;
  /** "nearest" (ties away from zero) or "toward-previous" (the adjacent tick closer to the previous settlement). */
  readonly mode?: "nearest" | "toward-previous";
  readonly previousSettlement?: DecInput;
}

/**
 * Round a calculated settlement price to the tick: nearest = round(price / tick) × tick, ties
 * half-up; toward-previous = the tick just above the price if the previous settlement is above
 * it, else the tick just below (nearest when the price equals the previous settlement).
 */
export function roundToTick(input: RoundToTickInput): Dec {
  const p = dec(input.price, "price");
  const t = positiveTick(input.tick, "tick");
  const ticks = p.div(t);
  if (input.mode === "toward-previous") {
    if (input.previousSettlement === undefined) throw new RiskError("REQUIRED", "previousSettlement", "previousSettlement is required to round toward it");
    const prev = dec(input.previousSettlement, "previousSettlement");
    if (prev.greaterThan(p)) return ticks.toDecimalPlaces(0, Rounding.CEIL).times(t);
    if (prev.lessThan(p)) return ticks.toDecimalPlaces(0, Rounding.FLOOR).times(t);
  } else if (input.mode !== undefined && input.mode !== "nearest") {
    throw new RiskError("INVALID_INPUT", "mode", 'mode must be "nearest" or "toward-previous"');
  }
  return ticks.toDecimalPlaces(0, Rounding.HALF_UP).times(t);
}
