/**
 * Money in the pre-trade check's hot path: exact scaled integers (bigint) of one millionth of
 * the currency unit ("micros"), so a limit (cents) and a reference margin rate (up to six
 * decimal places per contract) times a whole number of contracts are exact without Decimal.
 */
import { D, dec, type Dec } from "../money";
import { RiskError } from "../errors";

export const MICROS_PER_UNIT = 1_000_000n;
const SCALE = new D(1_000_000);

/** A decimal amount as micros; refuses more than six decimal places (it would not be exact). */
export function toMicros(value: Dec | string, field = "amount"): bigint {
  const scaled = dec(value, field).times(SCALE);
  if (!scaled.isInteger()) throw new RiskError("OUT_OF_RANGE", field, `${field} has more than six decimal places`);
  return BigInt(scaled.toFixed(0));
}

export function fromMicros(micros: bigint): Dec {
  return new D(micros.toString()).div(SCALE);
}

/** A whole, non-negative number of contracts. */
export function toContractQuantity(value: Dec | string | bigint, field = "quantity"): bigint {
  if (typeof value === "bigint") {
    if (value < 0n) throw new RiskError("OUT_OF_RANGE", field, `${field} must not be negative`);
    return value;
  }
  const d = dec(value, field);
  if (!d.isInteger() || d.isNegative()) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole, non-negative number of contracts`);
  return BigInt(d.toFixed(0));
}
