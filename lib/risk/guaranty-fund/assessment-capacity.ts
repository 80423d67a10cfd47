/**
 * A member's remaining assessment authority (Rule 802.B.1.v as amended, seed 003; 802.H;
 * SPEC §6): assessments on a non-defaulting member may not exceed
 *   (A) 275% of its Base guaranty fund requirement for Losses attributed to a single
 *       defaulted member, and
 *   (B) 550% of its requirement for Losses attributed to all defaults during a Base Cooling
 *       Off Period, "based upon each Base Clearing Member's Base Guaranty Fund requirement …
 *       in effect at the commencement of the Base Cooling Off Period" (802.H).
 * Caps are rounded down to the cent (ROUND_DOWN) so no assessment ever exceeds them.
 */
import { D, type Dec, ZERO, CENT, Rounding, min, max } from "../money";
import { bounded, money, optionalMoney } from "../calendar/checks";

type Amount = Dec | string;

export interface AssessmentCapacityInput {
  /** Base guaranty fund requirement at the time of the default. */
  readonly gfRequirement: Amount;
  /** Requirement in effect when the cooling-off period began (default: gfRequirement). */
  readonly gfRequirementAtPeriodStart?: Amount;
  /** Already assessed for this default. */
  readonly assessedThisDefault?: Amount;
  /** Already assessed for all defaults of the current cooling-off period (including this one). */
  readonly assessedInPeriod?: Amount;
  readonly perDefaultPercent?: Amount;
  readonly periodPercent?: Amount;
}

export interface AssessmentCapacity {
  readonly perDefaultCap: Dec;
  readonly periodCap: Dec;
  readonly remainingThisDefault: Dec;
  readonly remainingInPeriod: Dec;
  /** What may still be assessed for this default: the smaller remainder. */
  readonly capacity: Dec;
}

export const ASSESSMENT_PER_DEFAULT_PERCENT = new D(275);
export const ASSESSMENT_PERIOD_PERCENT = new D(550);

/** Remaining assessment authority of one member (see module comment). */
export function assessmentCapacity(input: AssessmentCapacityInput, field = "member"): AssessmentCapacity {
  const req = money(input.gfRequirement, `${field}.gfRequirement`);
  const reqAtStart = optionalMoney(input.gfRequirementAtPeriodStart, `${field}.gfRequirementAtPeriodStart`, req);
  const perPct = input.perDefaultPercent === undefined ? ASSESSMENT_PER_DEFAULT_PERCENT : bounded(input.perDefaultPercent, `${field}.perDefaultPercent`, ZERO);
  const periodPct = input.periodPercent === undefined ? ASSESSMENT_PERIOD_PERCENT : bounded(input.periodPercent, `${field}.periodPercent`, ZERO);
  const thisDefault = optionalMoney(input.assessedThisDefault, `${field}.assessedThisDefault`, ZERO);
  const inPeriod = optionalMoney(input.assessedInPeriod, `${field}.assessedInPeriod`, ZERO);
  const down = (d: Dec): Dec => d.div(CENT).toDecimalPlaces(0, Rounding.DOWN).times(CENT);
  const perDefaultCap = down(req.times(perPct).div(100));
  const periodCap = down(reqAtStart.times(periodPct).div(100));
  const remainingThisDefault = max(ZERO, perDefaultCap.minus(thisDefault));
  const remainingInPeriod = max(ZERO, periodCap.minus(inPeriod));
  return { perDefaultCap, periodCap, remainingThisDefault, remainingInPeriod, capacity: min(remainingThisDefault, remainingInPeriod) };
}
