/**
 * Input checks shared by the financial-safeguards folders (calendar, membership, capital,
 * guaranty fund, auction, waterfall). Internal: not re-exported from lib/risk/index.ts.
 * Every check throws a RiskError naming the field (a dotted path into the input).
 */
import { type Dec, dec } from "../money";
import { RiskError } from "../errors";

export interface MoneyCheck {
  /** Allow a negative amount (default: no). */
  readonly negative?: boolean;
  /** Require a whole number of cents (default: no). */
  readonly cents?: boolean;
}

/** A required decimal amount; not negative unless allowed; whole cents if asked. */
export function money(value: unknown, field: string, check: MoneyCheck = {}): Dec {
  if (value === undefined || value === null) throw new RiskError("REQUIRED", field, `${field} is required`);
  const d = dec(value, field);
  if (!check.negative && d.isNegative()) throw new RiskError("OUT_OF_RANGE", field, `${field} must not be negative`);
  if (check.cents && d.decimalPlaces() > 2) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number of cents`);
  return d;
}

/** An optional amount: `fallback` when absent. */
export function optionalMoney(value: unknown, field: string, fallback: Dec, check: MoneyCheck = {}): Dec {
  return value === undefined || value === null ? fallback : money(value, field, check);
}

/** A decimal within [min, max] (inclusive), e.g. a percentage setting. */
export function bounded(value: unknown, field: string, min: Dec, max?: Dec): Dec {
  const d = money(value, field, { negative: true });
  if (d.lessThan(min) || (max !== undefined && d.greaterThan(max))) {
    throw new RiskError("OUT_OF_RANGE", field, `${field} must be between ${min.toString()} and ${max?.toString() ?? "infinity"}`);
  }
  return d;
}

export function text(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new RiskError("REQUIRED", field, `${field} is required`);
  if (typeof value !== "string" || value.trim() === "") throw new RiskError("INVALID_INPUT", field, `${field} must be a non-empty string`);
  return value;
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new RiskError("INVALID_INPUT", field, `${field} must be true or false`);
  return value;
}

/** An optional tri-state fact: true, false, or null/undefined = not yet established (needs review). */
export function triState(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  return flag(value, field);
}

export function list<T>(value: readonly T[] | undefined | null, field: string, minLength = 0): readonly T[] {
  if (!Array.isArray(value)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list`);
  if (value.length < minLength) throw new RiskError("OUT_OF_RANGE", field, `${field} must have at least ${minLength} entr${minLength === 1 ? "y" : "ies"}`);
  return value;
}

export function wholeCount(value: unknown, field: string, min = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number of at least ${min}`);
  }
  return value;
}

/** Throw DUPLICATE naming the second occurrence if two entries share a key. */
export function unique<T>(items: readonly T[], key: (item: T) => string, field: (index: number) => string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw new RiskError("DUPLICATE", field(i), `${field(i)} "${k}" appears more than once`);
    seen.add(k);
  });
}
