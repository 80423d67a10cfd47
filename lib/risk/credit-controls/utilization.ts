/**
 * CreditUtilization of a grouping (SPEC §4, after GC2 "Open and Filled Position Calculations" and
 * "Advanced Settings - reference margin rate" [001 §§8-9]):
 *
 *   for each product p:
 *     long(p)     = filled long(p)  + working buys(p)   (working orders counted only if their
 *     short(p)    = filled short(p) + working sells(p)   time-in-force is included: DAY always)
 *     exposure(p) = max(long(p), short(p)) × reference margin rate(p)
 *   utilization(type) = Σ exposure(p) over the products of that derivative type
 *   percent(type)     = utilization(type) / limit(type) × 100
 *
 * Futures and options are reported separately, each against its own limit. A product with
 * exposure but no reference margin rate contributes nothing and is listed as unrated.
 * This is the exact, Decimal reference; the pre-trade check's engine keeps the same sums in
 * scaled integers and the tests hold the two equal.
 */
import { D, ZERO, dec, max, type Dec } from "../money";
import { RiskError } from "../errors";
import { CREDIT_DERIVATIVE_TYPES, productKeyString, tifCounts, type CreditDerivativeType, type OrderSide, type TimeInForce } from "./types";

export interface CreditReferenceRate {
  readonly product: string;
  readonly derivativeType: CreditDerivativeType;
  /** money per contract */
  readonly rate: Dec;
}

export interface CreditFilledQuantity {
  readonly product: string;
  readonly derivativeType: CreditDerivativeType;
  readonly side: OrderSide;
  readonly quantity: Dec;
}

export interface CreditWorkingOrder {
  readonly id?: string;
  readonly product: string;
  readonly derivativeType: CreditDerivativeType;
  readonly side: OrderSide;
  /** quantity still working (ordered minus filled) */
  readonly remaining: Dec;
  readonly timeInForce: TimeInForce;
}

export interface ComputeCreditUtilizationInput {
  readonly futuresLimit: Dec;
  readonly optionsLimit: Dec;
  readonly includeGtc: boolean;
  readonly includeGtd: boolean;
  readonly rates: readonly CreditReferenceRate[];
  readonly fills: readonly CreditFilledQuantity[];
  readonly workingOrders: readonly CreditWorkingOrder[];
}

export interface CreditProductExposure {
  readonly product: string;
  readonly derivativeType: CreditDerivativeType;
  readonly filledLong: Dec;
  readonly filledShort: Dec;
  readonly workingBuys: Dec;
  readonly workingSells: Dec;
  readonly long: Dec;
  readonly short: Dec;
  readonly rate: Dec | null;
  readonly exposure: Dec;
}

export interface CreditTypeUtilization {
  readonly amount: Dec;
  readonly limit: Dec;
  /** amount / limit × 100, or null when the limit is zero */
  readonly percent: Dec | null;
  /** the amount is over the limit */
  readonly breached: boolean;
}

export interface CreditUtilization {
  readonly futures: CreditTypeUtilization;
  readonly options: CreditTypeUtilization;
  readonly products: readonly CreditProductExposure[];
  readonly unratedProducts: readonly string[];
}

interface Acc {
  product: string;
  derivativeType: CreditDerivativeType;
  filledLong: Dec;
  filledShort: Dec;
  workingBuys: Dec;
  workingSells: Dec;
}

function nonNegative(v: Dec, field: string): Dec {
  const d = dec(v, field);
  if (d.isNegative()) throw new RiskError("OUT_OF_RANGE", field, `${field} must not be negative`);
  return d;
}

function creditTypeUtilization(amount: Dec, limit: Dec): CreditTypeUtilization {
  return { amount, limit, percent: limit.isZero() ? null : amount.div(limit).times(100), breached: amount.greaterThan(limit) };
}

/** CreditUtilization of one grouping, futures and options separately, with the per-product breakdown. */
export function computeCreditUtilization(input: ComputeCreditUtilizationInput): CreditUtilization {
  nonNegative(input.futuresLimit, "futuresLimit");
  nonNegative(input.optionsLimit, "optionsLimit");
  const rates = new Map<string, Dec>();
  input.rates.forEach((r, i) => {
    const key = productKeyString(r.derivativeType, r.product);
    if (rates.has(key)) throw new RiskError("DUPLICATE", `rates[${i}]`, `the reference margin rate of ${r.derivativeType.toLowerCase()} ${r.product} is given twice`);
    rates.set(key, nonNegative(r.rate, `rates[${i}].rate`));
  });
  const acc = new Map<string, Acc>();
  const get = (product: string, derivativeType: CreditDerivativeType): Acc => {
    const key = productKeyString(derivativeType, product);
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { product, derivativeType, filledLong: ZERO, filledShort: ZERO, workingBuys: ZERO, workingSells: ZERO }));
    return a;
  };
  input.fills.forEach((f, i) => {
    const q = nonNegative(f.quantity, `fills[${i}].quantity`);
    const a = get(f.product, f.derivativeType);
    if (f.side === "BUY") a.filledLong = a.filledLong.plus(q);
    else a.filledShort = a.filledShort.plus(q);
  });
  input.workingOrders.forEach((o, i) => {
    const q = nonNegative(o.remaining, `workingOrders[${i}].remaining`);
    const a = get(o.product, o.derivativeType);
    if (!tifCounts(o.timeInForce, input.includeGtc, input.includeGtd)) return;
    if (o.side === "BUY") a.workingBuys = a.workingBuys.plus(q);
    else a.workingSells = a.workingSells.plus(q);
  });
  const totals: Record<CreditDerivativeType, Dec> = { FUTURE: ZERO, OPTION: ZERO };
  const products: CreditProductExposure[] = [];
  const unrated: string[] = [];
  for (const [key, a] of [...acc.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const long = a.filledLong.plus(a.workingBuys);
    const short = a.filledShort.plus(a.workingSells);
    const rate = rates.get(key) ?? null;
    const larger = max(long, short);
    if (rate === null && !larger.isZero()) unrated.push(key);
    const exposure = rate === null ? ZERO : larger.times(rate);
    totals[a.derivativeType] = totals[a.derivativeType].plus(exposure);
    products.push({ ...a, long, short, rate, exposure });
  }
  for (const t of CREDIT_DERIVATIVE_TYPES) if (totals[t].isNegative()) throw new RiskError("INCONSISTENT", t, "utilization cannot be negative");
  return {
    futures: creditTypeUtilization(totals.FUTURE, new D(input.futuresLimit)),
    options: creditTypeUtilization(totals.OPTION, new D(input.optionsLimit)),
    products,
    unratedProducts: unrated,
  };
}
