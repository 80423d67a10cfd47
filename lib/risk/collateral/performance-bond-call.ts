/**
 * Excess or deficit and the performance bond call [seed 002 "Performance Bond Requirements":
 * "when performance bonds on deposit at the customer level fall below the maintenance
 * requirement, the account is re-margined at the required (higher) initial performance bond
 * level"; clearing members post maintenance levels; SPEC §5: "A customer whose equity falls
 * below maintenance is called back to the initial level"].
 *
 *   excess (deficit if negative) = collateral value after haircut − maintenance
 *   customer: value < maintenance ⇒ call = initial − value (back to the initial level); else 0
 *   house (clearing level, margined at maintenance): value < maintenance ⇒ call = maintenance − value
 */
import { D, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";

export interface PerformanceBondCallInput {
  readonly accountKind: "customer" | "house";
  readonly maintenance: DecInput;
  readonly initial: DecInput;
  /** Collateral value after haircut, eligible for the requirement. */
  readonly collateralValue: DecInput;
}

export interface PerformanceBondCall {
  readonly accountKind: "customer" | "house";
  readonly maintenance: Dec;
  readonly initial: Dec;
  readonly collateralValue: Dec;
  /** collateralValue − maintenance: positive excess, negative deficit. */
  readonly excessOverMaintenance: Dec;
  readonly excessOverInitial: Dec;
  readonly status: "excess" | "deficit";
  /** Amount called (0 if none). */
  readonly call: Dec;
  /** The level the call restores: initial for a customer, maintenance for the house; null if no call. */
  readonly callTo: "initial" | "maintenance" | null;
}

/** Excess or deficit against maintenance, and the performance bond call (customers back to initial). */
export function performanceBondCall(input: PerformanceBondCallInput): PerformanceBondCall {
  if (input.accountKind !== "customer" && input.accountKind !== "house") throw new RiskError("INVALID_INPUT", "accountKind", 'accountKind must be "customer" or "house"');
  const maintenance = dec(input.maintenance, "maintenance");
  const initial = dec(input.initial, "initial");
  const value = dec(input.collateralValue, "collateralValue");
  if (maintenance.isNegative()) throw new RiskError("OUT_OF_RANGE", "maintenance", "maintenance must not be negative");
  if (initial.lessThan(maintenance)) throw new RiskError("OUT_OF_RANGE", "initial", "initial must not be below maintenance");
  if (value.isNegative()) throw new RiskError("OUT_OF_RANGE", "collateralValue", "collateralValue must not be negative");
  const excess = value.minus(maintenance);
  const below = value.lessThan(maintenance);
  const callTo = below ? (input.accountKind === "customer" ? "initial" : "maintenance") : null;
  const call = callTo === "initial" ? initial.minus(value) : callTo === "maintenance" ? maintenance.minus(value) : new D(0);
  return {
    accountKind: input.accountKind,
    maintenance,
    initial,
    collateralValue: value,
    excessOverMaintenance: excess,
    excessOverInitial: value.minus(initial),
    status: below ? "deficit" : "excess",
    call,
    callTo,
  };
}
