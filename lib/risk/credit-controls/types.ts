/**
 * Credit controls (SPEC §4, GC2 and the Risk Management Interface [001 §§8-10]): the shapes
 * shared by the utilization calculation and the pre-trade check.
 */
export const CREDIT_DERIVATIVE_TYPES = ["FUTURE", "OPTION"] as const;
export type CreditDerivativeType = (typeof CREDIT_DERIVATIVE_TYPES)[number];
export const ORDER_SIDES = ["BUY", "SELL"] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];
/** DAY orders always count toward utilization; GTC and GTD only if the grouping includes them. */
export const TIME_IN_FORCE = ["DAY", "GTC", "GTD"] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

/** Why a pre-trade check refused an order, in the order the check tests them. */
export const REJECT_REASONS = ["RMI_BLOCK", "CLIP_SIZE", "LIMIT"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * The finer rule behind a reason:
 * RMI_BLOCK: BLOCKED (an RMI block) or KILL_SWITCH;
 * CLIP_SIZE: CLIP_SIZE;
 * LIMIT: NO_GROUPING (no limit set: a grouping starts at zero), CREDIT_BLOCK (blocked by a
 * breach action), NO_RATE (no reference margin rate for the product), LIMIT_EXCEEDED.
 */
export type RejectRule = "BLOCKED" | "KILL_SWITCH" | "CLIP_SIZE" | "NO_GROUPING" | "CREDIT_BLOCK" | "NO_RATE" | "LIMIT_EXCEEDED";

/** A grouping is Executing Firm ID × exchange group × product complex [001 §8]. */
export interface CreditGroupingKey {
  readonly executionFirmId: string;
  readonly exchange: string;
  readonly productComplex: string;
}

export function groupingKeyString(k: CreditGroupingKey): string {
  return `${k.executionFirmId}|${k.exchange}|${k.productComplex}`;
}

export function productKeyString(derivativeType: CreditDerivativeType, product: string): string {
  return `${derivativeType}|${product}`;
}

/** Whether a working order's time-in-force counts under a grouping's GTC/GTD flags (SPEC §4). */
export function tifCounts(tif: TimeInForce, includeGtc: boolean, includeGtd: boolean): boolean {
  return tif === "DAY" || (tif === "GTC" && includeGtc) || (tif === "GTD" && includeGtd);
}
