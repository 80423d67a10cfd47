/**
 * The clearing house's business-day calendar: Monday to Friday except the holidays the
 * portal stores as a setting. Every due date of the financial safeguards is computed here.
 */
import { RiskError } from "../errors";
import { dayOfWeek, fromDayIndex, type IsoDate, toDayIndex } from "./date";
import { list } from "./checks";

export interface BusinessCalendarInput {
  /** Exchange holidays (ISO dates); weekends are never business days. */
  readonly holidays: readonly IsoDate[];
}

export interface BusinessCalendar {
  readonly holidays: readonly IsoDate[];
  readonly holidayDays: ReadonlySet<number>;
}

/** Build a calendar from the holiday list; throws INVALID_DATE naming `holidays[i]`. */
export function createBusinessCalendar(input: BusinessCalendarInput, field = "holidays"): BusinessCalendar {
  const holidays = list(input.holidays, field);
  const holidayDays = new Set<number>();
  holidays.forEach((h, i) => holidayDays.add(toDayIndex(h, `${field}[${i}]`)));
  return { holidays: [...holidays], holidayDays };
}

function isBusinessDayIndex(calendar: BusinessCalendar, day: number): boolean {
  const w = dayOfWeek(day);
  return w !== 0 && w !== 6 && !calendar.holidayDays.has(day);
}

/** True when `date` is neither a weekend day nor a holiday. */
export function isBusinessDay(calendar: BusinessCalendar, date: IsoDate, field = "date"): boolean {
  return isBusinessDayIndex(calendar, toDayIndex(date, field));
}

function stepToBusinessDay(calendar: BusinessCalendar, day: number, field: string): number {
  // A run of non-business days is at most the holidays plus the weekends between them.
  const limit = calendar.holidayDays.size * 3 + 7;
  for (let i = 0; i <= limit; i++, day++) if (isBusinessDayIndex(calendar, day)) return day;
  throw new RiskError("NOT_A_BUSINESS_DAY", field, `no business day found after ${field}`);
}

/** The first business day strictly after `date` (e.g. 802.F restoration "next banking day"). */
export function nextBusinessDay(calendar: BusinessCalendar, date: IsoDate, field = "date"): IsoDate {
  return fromDayIndex(stepToBusinessDay(calendar, toDayIndex(date, field) + 1, field));
}

/** `date` itself if a business day, otherwise the next business day (a due date rolled forward). */
export function businessDayOnOrAfter(calendar: BusinessCalendar, date: IsoDate, field = "date"): IsoDate {
  return fromDayIndex(stepToBusinessDay(calendar, toDayIndex(date, field), field));
}

/**
 * The `n`th business day after `date`, counting only business days strictly after it
 * (so the 5th business day after a Friday is the following Friday, absent holidays).
 * n = 0 gives `date` rolled forward to a business day.
 */
export function addBusinessDays(calendar: BusinessCalendar, date: IsoDate, n: number, field = "date"): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RiskError("OUT_OF_RANGE", "businessDays", "the number of business days must be a whole number, not negative");
  let day = toDayIndex(date, field);
  if (n === 0) return fromDayIndex(stepToBusinessDay(calendar, day, field));
  for (let k = 0; k < n; k++) day = stepToBusinessDay(calendar, day + 1, field);
  return fromDayIndex(day);
}

/** Business days d with from < d ≤ to (0 if to ≤ from). */
export function businessDaysBetween(calendar: BusinessCalendar, from: IsoDate, to: IsoDate): number {
  const a = toDayIndex(from, "from");
  const b = toDayIndex(to, "to");
  let count = 0;
  for (let d = a + 1; d <= b; d++) if (isBusinessDayIndex(calendar, d)) count++;
  return count;
}
