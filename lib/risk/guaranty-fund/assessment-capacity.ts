/**
 * A member's remaining assessment authority (Rule 802.B.1.v as amended, seed 003; 802.H;
 * SPEC §6): assessments on a non-defaulting member may not exceed
 *   (A) 275% of its Base guaranty fund requirement for Losses attributed to a single
 *       defaulted member, and
 *   (B) 550% of its requirement for Losses attributed to all defaults during a Base Cooling
 *       Off Period, "based upon each Base Clearing Member's Base Guaranty Fund requirement …
 *       in effect at the commencement of the Base Cooling Off Period" (802.H).
 * Caps are rounded down to the cent (ROUND_DOWN) so no assessment ever exceeds them.
 * Whole-cent amounts are computed in exact integer cents (bigint), others in decimals; the
 * results are the same.
 */
import { D, type Dec, ZERO, CENT, Rounding, min, max, centsToDec, scaledBigInt } from "../money";
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
  const exact = capacityInCents(req, reqAtStart, perPct, periodPct, thisDefault, inPeriod);
  if (exact !== null) return exact;
  const down = (d: Dec): Dec => d.div(CENT).toDecimalPlaces(0, Rounding.DOWN).times(CENT);
  const perDefaultCap = down(req.times(perPct).div(100));
  const periodCap = down(reqAtStart.times(periodPct).div(100));
  const remainingThisDefault = max(ZERO, perDefaultCap.minus(thisDefault));
  const remainingInPeriod = max(ZERO, periodCap.minus(inPeriod));
  return { perDefaultCap, periodCap, remainingThisDefault, remainingInPeriod, capacity: min(remainingThisDefault, remainingInPeriod) };
}

const BIG_LIMIT = 10n ** 38n;

/** The same computation in whole cents (bigint); null unless every amount is whole cents. */
function capacityInCents(req: Dec, reqAtStart: Dec, perPct: Dec, periodPct: Dec, thisDefault: Dec, inPeriod: Dec): AssessmentCapacity | null {
  const r = scaledBigInt(req, 2);
  const r0 = reqAtStart === req ? r : scaledBigInt(reqAtStart, 2);
  const t = scaledBigInt(thisDefault, 2);
  const p = scaledBigInt(inPeriod, 2);
  const pp = perPct.decimalPlaces();
  const qp = periodPct.decimalPlaces();
  if (r === null || r0 === null || t === null || p === null || !(pp <= 12) || !(qp <= 12)) return null;
  const a = scaledBigInt(perPct, pp)!;
  const b = scaledBigInt(periodPct, qp)!;
  if (r * a >= BIG_LIMIT || r0 * b >= BIG_LIMIT) return null;
  // cap = floor(requirement × percent / 100), amounts and percents not negative
  const perC = (r * a) / (100n * 10n ** BigInt(pp));
  const periodC = (r0 * b) / (100n * 10n ** BigInt(qp));
  const restThisC = perC > t ? perC - t : 0n;
  const restPeriodC = periodC > p ? periodC - p : 0n;
  const perDefaultCap = centsToDec(perC);
  const periodCap = periodC === perC ? perDefaultCap : centsToDec(periodC);
  const remainingThisDefault = restThisC === perC ? perDefaultCap : restThisC === 0n ? ZERO : centsToDec(restThisC);
  const remainingInPeriod = restPeriodC === periodC ? periodCap : restPeriodC === restThisC ? remainingThisDefault : restPeriodC === 0n ? ZERO : centsToDec(restPeriodC);
  return { perDefaultCap, periodCap, remainingThisDefault, remainingInPeriod, capacity: restThisC <= restPeriodC ? remainingThisDefault : remainingInPeriod };
}
