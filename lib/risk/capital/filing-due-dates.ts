/**
 * Financial filing due dates (seed 002 "Periodic Financial Reporting Requirements"; SPEC §3):
 * - non-bank monthly statement (Form 1-FR / FOCUS): a setting, default 17 business days after
 *   month end;
 * - annual certified statement: 90 days after fiscal year end (60 if a US broker-dealer);
 * - bank reports (at least quarterly) and the bank annual certified statement: five days after
 *   the filing with the primary banking regulator.
 * "Days" in the 90/60/5-day terms are calendar days; a due date that falls on a weekend or
 * holiday moves to the next business day (our reading; the seeds do not say).
 */
import { RiskError } from "../errors";
import { addBusinessDays, businessDayOnOrAfter, type BusinessCalendar } from "../calendar/business-days";
import { addCalendarDays, endOfMonth, type IsoDate, toDayIndex } from "../calendar/date";

export type FilingKind = "monthly" | "annual-certified" | "bank-periodic" | "bank-annual-certified";

export interface FilingDueDateInput {
  readonly kind: FilingKind;
  /** Month end (monthly), fiscal year end (annual-certified), or the date filed with the banking regulator (bank kinds). */
  readonly periodEnd?: IsoDate;
  readonly regulatorFilingDate?: IsoDate;
  readonly brokerDealer?: boolean;
  readonly settings?: {
    /** Business days after month end for the monthly statement (default 17). */
    readonly monthlyBusinessDays?: number;
    readonly annualDays?: number;
    readonly annualDaysBrokerDealer?: number;
    readonly bankDaysAfterRegulatorFiling?: number;
  };
}

export interface FilingDueDate {
  readonly kind: FilingKind;
  readonly dueDate: IsoDate;
  readonly basis: string;
}

function days(value: number | undefined, fallback: number, field: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole number, not negative`);
  return n;
}

/** The due date of one filing (see module comment). */
export function filingDueDate(calendar: BusinessCalendar, input: FilingDueDateInput): FilingDueDate {
  const s = input.settings ?? {};
  switch (input.kind) {
    case "monthly": {
      if (!input.periodEnd) throw new RiskError("REQUIRED", "periodEnd", "periodEnd (the month end) is required");
      const monthEnd = input.periodEnd;
      if (toDayIndex(monthEnd, "periodEnd") !== toDayIndex(endOfMonth(monthEnd, "periodEnd"))) {
        throw new RiskError("OUT_OF_RANGE", "periodEnd", "periodEnd must be the last day of a month");
      }
      const n = days(s.monthlyBusinessDays, 17, "settings.monthlyBusinessDays");
      return { kind: input.kind, dueDate: addBusinessDays(calendar, monthEnd, n, "periodEnd"), basis: `${n} business days after month end ${monthEnd}` };
    }
    case "annual-certified": {
      if (!input.periodEnd) throw new RiskError("REQUIRED", "periodEnd", "periodEnd (the fiscal year end) is required");
      const n = input.brokerDealer ? days(s.annualDaysBrokerDealer, 60, "settings.annualDaysBrokerDealer") : days(s.annualDays, 90, "settings.annualDays");
      const raw = addCalendarDays(input.periodEnd, n, "periodEnd");
      return { kind: input.kind, dueDate: businessDayOnOrAfter(calendar, raw), basis: `${n} days after fiscal year end ${input.periodEnd}${input.brokerDealer ? " (broker-dealer)" : ""}, rolled to a business day` };
    }
    case "bank-periodic":
    case "bank-annual-certified": {
      if (!input.regulatorFilingDate) throw new RiskError("REQUIRED", "regulatorFilingDate", "regulatorFilingDate is required for bank filings");
      const n = days(s.bankDaysAfterRegulatorFiling, 5, "settings.bankDaysAfterRegulatorFiling");
      const raw = addCalendarDays(input.regulatorFilingDate, n, "regulatorFilingDate");
      return { kind: input.kind, dueDate: businessDayOnOrAfter(calendar, raw), basis: `${n} days after filing with the primary banking regulator on ${input.regulatorFilingDate}, rolled to a business day` };
    }
    default:
      throw new RiskError("INVALID_INPUT", "kind", "kind must be monthly, annual-certified, bank-periodic or bank-annual-certified");
  }
}
