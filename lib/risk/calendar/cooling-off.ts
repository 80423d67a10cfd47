/**
 * The Base Cooling Off Period (Rule 802.H as amended, seed 003 Exhibit A):
 * "This maximum shall apply from the date of the original default until the later of (i) the
 * 5th Business Day thereafter and (ii) if another Base Clearing Member defaults during the 5
 * Business Days following the initial or any subsequent default, the 5th Business Day
 * following the last such default".
 */
import { RiskError } from "../errors";
import { addBusinessDays, type BusinessCalendar } from "./business-days";
import { fromDayIndex, type IsoDate, toDayIndex } from "./date";
import { list } from "./checks";

export interface CoolingOffInput {
  /** Dates on which members were declared in default, in any order. */
  readonly defaultDates: readonly IsoDate[];
  /** Business days after the last default (Rule 802.H: 5). */
  readonly businessDays?: number;
  /** If given, `current` is the period containing this date. */
  readonly asOf?: IsoDate;
}

export interface CoolingOffPeriod {
  readonly start: IsoDate;
  /** Last day of the period: the 5th business day after its last default. */
  readonly end: IsoDate;
  /** Defaults inside the period, the first one opening it. */
  readonly defaults: readonly IsoDate[];
  /** How the end moved: each default and the end it set. */
  readonly steps: readonly { readonly default: IsoDate; readonly endAfter: IsoDate }[];
}

export interface CoolingOffResult {
  readonly periods: readonly CoolingOffPeriod[];
  readonly current: CoolingOffPeriod | null;
  readonly rule: string;
}

/**
 * Group default dates into cooling-off periods. A default on or before the current period's
 * end (i.e. during the 5 business days following a default of that period) joins the period
 * and moves its end to the 5th business day after it; a later default opens a new period.
 */
export function coolingOffPeriods(calendar: BusinessCalendar, input: CoolingOffInput): CoolingOffResult {
  const dates = list(input.defaultDates, "defaultDates");
  const n = input.businessDays ?? 5;
  if (!Number.isInteger(n) || n < 1) throw new RiskError("OUT_OF_RANGE", "businessDays", "businessDays must be a whole number of at least 1");
  const days = dates.map((d, i) => toDayIndex(d, `defaultDates[${i}]`)).sort((a, b) => a - b);
  const periods: { start: number; end: number; defaults: number[]; steps: { default: IsoDate; endAfter: IsoDate }[] }[] = [];
  for (const day of days) {
    const iso = fromDayIndex(day);
    const end = toDayIndex(addBusinessDays(calendar, iso, n));
    const open = periods[periods.length - 1];
    if (open && day <= open.end) {
      open.defaults.push(day);
      open.end = Math.max(open.end, end);
      open.steps.push({ default: iso, endAfter: fromDayIndex(open.end) });
    } else {
      periods.push({ start: day, end, defaults: [day], steps: [{ default: iso, endAfter: fromDayIndex(end) }] });
    }
  }
  const out: CoolingOffPeriod[] = periods.map((p) => ({
    start: fromDayIndex(p.start),
    end: fromDayIndex(p.end),
    defaults: p.defaults.map(fromDayIndex),
    steps: p.steps,
  }));
  let current: CoolingOffPeriod | null = null;
  if (input.asOf !== undefined) {
    const asOf = toDayIndex(input.asOf, "asOf");
    const i = periods.findIndex((p) => p.start <= asOf && asOf <= p.end);
    current = i >= 0 ? out[i]! : null;
  }
  return { periods: out, current, rule: `Rule 802.H: from a default to the ${n}th business day after it, extended to the ${n}th business day after any further default inside it` };
}
