/**
 * Capital surveillance of one filing (SPEC §3; seed 002 "Notification Requirements", Rule 972;
 * seed 001 §§18-19): ANC against the minimum capital requirement (the membership
 * minimum-capital function: greatest of the CFTC 8% term, the SEC term and the exchange
 * minimums) and the early-warning level, the change against the previous filing, and
 * whether the filing was late. Flags:
 *   belowMinimum          ANC < requirement
 *   belowEarlyWarning     ANC < requirement × early-warning percent (setting, default 110%)
 *   substantialReduction  (previous ANC − ANC) / previous ANC ≥ setting (default 20%)
 *   lateFiling            filed date after the due date
 */
import { D, type Dec, ZERO } from "../money";
import { RiskError } from "../errors";
import { bounded, money } from "../calendar/checks";
import { type IsoDate, toDayIndex } from "../calendar/date";
import { computeMinimumCapital, type MinimumCapitalInput, type MinimumCapitalResult } from "../membership/minimum-capital";
import { computeAdjustedNetCapital, type AdjustedNetCapital, type FinancialStatementLines } from "./adjusted-net-capital";

export interface CapitalSettings {
  /** Early-warning level as a percent of the requirement (default 110). */
  readonly earlyWarningPercent?: Dec | string;
  /** Reduction against the previous filing that counts as substantial, percent (default 20). */
  readonly substantialReductionPercent?: Dec | string;
}

export interface CapitalAssessmentInput {
  readonly statement: FinancialStatementLines;
  /** The firm's facts for the minimum capital requirement. */
  readonly requirement: MinimumCapitalInput;
  /** ANC of the previous filing, if any. */
  readonly previousAdjustedNetCapital?: Dec | string;
  readonly dueDate?: IsoDate;
  readonly filedDate?: IsoDate;
  readonly settings?: CapitalSettings;
}

export interface CapitalAssessment {
  readonly adjustedNetCapital: AdjustedNetCapital;
  readonly minimumCapital: MinimumCapitalResult;
  readonly earlyWarningLevel: Dec;
  /** ANC − requirement (negative = deficit). */
  readonly excessOverMinimum: Dec;
  readonly excessOverEarlyWarning: Dec;
  readonly previousAdjustedNetCapital: Dec | null;
  /** Reduction against the previous filing as a percent (positive = lower), null without a positive previous figure. */
  readonly reductionPercent: Dec | null;
  readonly flags: {
    readonly belowMinimum: boolean;
    readonly belowEarlyWarning: boolean;
    readonly substantialReduction: boolean;
    readonly lateFiling: boolean;
  };
  /** Notices the member must file (002 Notification Requirements). */
  readonly noticesRequired: readonly string[];
  /** Calendar days between the due date and the filed date (0 if on time). */
  readonly daysLate: number;
}

/** Assess one filing (see module comment). */
export function assessCapital(input: CapitalAssessmentInput): CapitalAssessment {
  const anc = computeAdjustedNetCapital(input.statement, "statement");
  const minimumCapital = computeMinimumCapital(input.requirement, "requirement");
  const s = input.settings ?? {};
  const ewPct = s.earlyWarningPercent === undefined ? new D(110) : bounded(s.earlyWarningPercent, "settings.earlyWarningPercent", new D(100), new D(1000));
  const redPct = s.substantialReductionPercent === undefined ? new D(20) : bounded(s.substantialReductionPercent, "settings.substantialReductionPercent", ZERO, new D(100));
  const earlyWarningLevel = minimumCapital.requirement.times(ewPct).div(100);
  const value = anc.adjustedNetCapital;
  const previous = input.previousAdjustedNetCapital === undefined || input.previousAdjustedNetCapital === null ? null : money(input.previousAdjustedNetCapital, "previousAdjustedNetCapital", { negative: true });
  const reductionPercent = previous !== null && previous.isPositive() && !previous.isZero() ? previous.minus(value).div(previous).times(100) : null;
  let daysLate = 0;
  if ((input.dueDate === undefined) !== (input.filedDate === undefined)) {
    throw new RiskError("REQUIRED", input.dueDate === undefined ? "dueDate" : "filedDate", "give both dueDate and filedDate to check for late filing");
  }
  if (input.dueDate !== undefined && input.filedDate !== undefined) {
    daysLate = Math.max(0, toDayIndex(input.filedDate, "filedDate") - toDayIndex(input.dueDate, "dueDate"));
  }
  const flags = {
    belowMinimum: value.lessThan(minimumCapital.requirement),
    belowEarlyWarning: value.lessThan(earlyWarningLevel),
    substantialReduction: reductionPercent !== null && reductionPercent.greaterThanOrEqualTo(redPct),
    lateFiling: daysLate > 0,
  };
  const noticesRequired: string[] = [];
  if (flags.belowMinimum) noticesRequired.push("failure to maintain minimum capital");
  if (flags.belowEarlyWarning) noticesRequired.push("failure to maintain early warning capital");
  if (flags.substantialReduction) noticesRequired.push("substantial reduction in capital (Rule 972)");
  return {
    adjustedNetCapital: anc,
    minimumCapital,
    earlyWarningLevel,
    excessOverMinimum: value.minus(minimumCapital.requirement),
    excessOverEarlyWarning: value.minus(earlyWarningLevel),
    previousAdjustedNetCapital: previous,
    reductionPercent,
    flags,
    noticesRequired,
    daysLate,
  };
}
