/**
 * Position quantities: whole contracts, positive long, negative short. Accepted as a bigint, an
 * integer decimal string, a Dec, or a JavaScript number that is a safe integer (exact); held
 * inside the engine as a safe integer.
 */
import { D, type Dec } from "../money";
import { RiskError } from "../errors";

export type QuantityInput = number | bigint | string | Dec;

const INTEGER = /^[+-]?\d+$/;
const LIMIT = 1e12;

/** A position quantity as a safe integer; OUT_OF_RANGE for fractions, INVALID_NUMBER for non-numbers. */
export function toQuantity(value: unknown, field: string): number {
  let q: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RiskError("INVALID_NUMBER", field, `${field} must be a whole number of contracts`);
    if (!Number.isInteger(value)) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number of contracts, got ${value}`);
    q = value;
  } else if (typeof value === "bigint") {
    q = Number.parseInt(value.toString(), 10);
  } else if (typeof value === "string") {
    const s = value.trim();
    if (!INTEGER.test(s)) {
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number of contracts, got "${value}"`);
      throw new RiskError("INVALID_NUMBER", field, `${field} must be a whole number of contracts, got "${value}"`);
    }
    q = Number.parseInt(s, 10);
  } else if (value instanceof D) {
    if (!value.isInteger()) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number of contracts`);
    if (value.abs().greaterThan(LIMIT)) throw new RiskError("OUT_OF_RANGE", field, `${field} is beyond ±${LIMIT} contracts`);
    q = Number.parseInt(value.toString(), 10);
  } else {
    throw new RiskError("INVALID_NUMBER", field, `${field} must be a whole number of contracts`);
  }
  if (!(Math.abs(q) <= LIMIT)) throw new RiskError("OUT_OF_RANGE", field, `${field} is beyond ±${LIMIT} contracts`);
  return q === 0 ? 0 : q;
}
