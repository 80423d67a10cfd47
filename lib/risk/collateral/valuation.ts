/**
 * Collateral valuation (Rule 820) [seed 002 Rule 820 and "Acceptable Collateral"; seed 001 §15;
 * SPEC §5]: each type of asset has a haircut and is eligible for some requirement types (core,
 * reserve, concentration, guaranty fund); the value after haircut counts.
 *
 *   haircut amount = market value × haircut rate, rounded UP to the cent (never overvalues)
 *   value          = market value − haircut amount
 *   counted value  = Σ value of holdings eligible for the requirement type
 *
 * The seeds give no haircut numbers: DEFAULT_COLLATERAL_SCHEDULE is a setting (editable by a
 * clearing-house admin), with the defaults named here.
 */
import { D, dec, Rounding, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";

export const COLLATERAL_TYPES = ["cash", "us-treasury", "us-agency", "equity", "mutual-fund", "letter-of-credit", "ief", "gold"] as const;
export type CollateralType = (typeof COLLATERAL_TYPES)[number];

export const REQUIREMENT_TYPES = ["core", "reserve", "concentration", "guaranty-fund"] as const;
export type RequirementType = (typeof REQUIREMENT_TYPES)[number];

export interface CollateralTypeSetting {
  /** Haircut rate, fraction of market value (0.02 = 2%). */
  readonly haircut: DecInput;
  readonly eligibleFor: readonly RequirementType[];
}

/** Setting: haircut and eligibility per collateral type (defaults; admins may change them). */
export const DEFAULT_COLLATERAL_SCHEDULE: Readonly<Record<CollateralType, CollateralTypeSetting>> = {
  cash: { haircut: "0", eligibleFor: ["core", "reserve", "concentration", "guaranty-fund"] },
  "us-treasury": { haircut: "0.02", eligibleFor: ["core", "reserve", "concentration", "guaranty-fund"] },
  "us-agency": { haircut: "0.03", eligibleFor: ["core", "reserve", "concentration", "guaranty-fund"] },
  equity: { haircut: "0.30", eligibleFor: ["core", "reserve"] },
  "mutual-fund": { haircut: "0.05", eligibleFor: ["core", "reserve", "concentration"] },
  "letter-of-credit": { haircut: "0", eligibleFor: ["reserve"] },
  ief: { haircut: "0", eligibleFor: ["core", "reserve", "concentration", "guaranty-fund"] },
  gold: { haircut: "0.15", eligibleFor: ["core", "reserve"] },
};

export interface CollateralHolding {
  readonly id?: string;
  readonly type: CollateralType;
  /** Market value in the requirement's currency. */
  readonly marketValue: DecInput;
}

export interface ValueCollateralInput {
  readonly requirementType: RequirementType;
  readonly holdings: readonly CollateralHolding[];
  /** Overrides of the schedule per type. */
  readonly schedule?: Partial<Readonly<Record<CollateralType, CollateralTypeSetting>>>;
}

export interface CollateralLine {
  readonly id?: string;
  readonly type: CollateralType;
  readonly marketValue: Dec;
  readonly haircutRate: Dec;
  readonly haircut: Dec;
  readonly value: Dec;
  readonly eligible: boolean;
}

export interface CollateralTypeTotal {
  readonly type: CollateralType;
  readonly marketValue: Dec;
  readonly haircut: Dec;
  readonly value: Dec;
  readonly eligible: boolean;
}

export interface CollateralValuation {
  readonly requirementType: RequirementType;
  readonly lines: readonly CollateralLine[];
  readonly byType: readonly CollateralTypeTotal[];
  readonly marketValue: Dec;
  /** Value after haircut of the eligible holdings: what counts against the requirement. */
  readonly value: Dec;
  /** Value after haircut of holdings not eligible for this requirement type. */
  readonly ineligibleValue: Dec;
}

function setting(input: ValueCollateralInput, type: CollateralType): { rate: Dec; eligibleFor: readonly RequirementType[] } {
  const s = input.schedule?.[type] ?? DEFAULT_COLLATERAL_SCHEDULE[type];
  const field = `schedule.${type}.haircut`;
  const rate = dec(s.haircut, field);
  if (rate.isNegative() || rate.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a fraction from 0 to 1`);
  if (!Array.isArray(s.eligibleFor) || s.eligibleFor.some((r) => !(REQUIREMENT_TYPES as readonly string[]).includes(r))) {
    throw new RiskError("INVALID_INPUT", `schedule.${type}.eligibleFor`, `schedule.${type}.eligibleFor must list requirement types (${REQUIREMENT_TYPES.join(", ")})`);
  }
  return { rate, eligibleFor: s.eligibleFor };
}

/** Rule 820 collateral valuation: haircut per type, eligibility for the requirement type, totals. */
export function valueCollateral(input: ValueCollateralInput): CollateralValuation {
  if (!(REQUIREMENT_TYPES as readonly string[]).includes(input.requirementType)) {
    throw new RiskError("INVALID_INPUT", "requirementType", `requirementType must be one of ${REQUIREMENT_TYPES.join(", ")}`);
  }
  if (!Array.isArray(input.holdings)) throw new RiskError("INVALID_INPUT", "holdings", "holdings must be a list");
  const lines: CollateralLine[] = input.holdings.map((h, i) => {
    const f = `holdings[${i}]`;
    if (!(COLLATERAL_TYPES as readonly string[]).includes(h.type)) throw new RiskError("INVALID_INPUT", `${f}.type`, `${f}.type must be one of ${COLLATERAL_TYPES.join(", ")}`);
    const marketValue = dec(h.marketValue, `${f}.marketValue`);
    if (marketValue.isNegative()) throw new RiskError("OUT_OF_RANGE", `${f}.marketValue`, `${f}.marketValue must not be negative`);
    if (!marketValue.times(100).isInteger()) throw new RiskError("OUT_OF_RANGE", `${f}.marketValue`, `${f}.marketValue must be whole cents`);
    const s = setting(input, h.type);
    const haircut = marketValue.times(s.rate).toDecimalPlaces(2, Rounding.UP);
    return { id: h.id, type: h.type, marketValue, haircutRate: s.rate, haircut, value: marketValue.minus(haircut), eligible: s.eligibleFor.includes(input.requirementType) };
  });
  const byType: CollateralTypeTotal[] = [];
  for (const type of COLLATERAL_TYPES) {
    const of = lines.filter((l) => l.type === type);
    if (of.length === 0) continue;
    byType.push({
      type,
      marketValue: of.reduce((s, l) => s.plus(l.marketValue), new D(0)),
      haircut: of.reduce((s, l) => s.plus(l.haircut), new D(0)),
      value: of.reduce((s, l) => s.plus(l.value), new D(0)),
      eligible: of[0]!.eligible,
    });
  }
  return {
    requirementType: input.requirementType,
    lines,
    byType,
    marketValue: lines.reduce((s, l) => s.plus(l.marketValue), new D(0)),
    value: lines.filter((l) => l.eligible).reduce((s, l) => s.plus(l.value), new D(0)),
    ineligibleValue: lines.filter((l) => !l.eligible).reduce((s, l) => s.plus(l.value), new D(0)),
  };
}
