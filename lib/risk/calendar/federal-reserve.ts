/**
 * The Federal Reserve's holidays (Fedwire closed), derived by the Board's published rules,
 * so the default holiday list of the business-day calendar follows the Fed and not a list
 * typed by hand:
 *
 * - fixed dates: New Year's Day (Jan 1), Juneteenth (Jun 19), Independence Day (Jul 4),
 *   Veterans Day (Nov 11), Christmas Day (Dec 25);
 * - weekday rules: Martin Luther King Jr. Day (3rd Monday of January), Washington's Birthday
 *   (3rd Monday of February), Memorial Day (last Monday of May), Labor Day (1st Monday of
 *   September), Columbus Day (2nd Monday of October), Thanksgiving Day (4th Thursday of
 *   November);
 * - a fixed date on a Sunday is observed the following Monday; on a Saturday it is not
 *   observed at all (the Federal Reserve, unlike federal offices, stays open the Friday before).
 */
import { RiskError } from "../errors";
import { dayOfWeek, fromDayIndex, type IsoDate, toDayIndex } from "./date";

export interface FederalReserveHoliday {
  readonly name: string;
  /** The day the Federal Reserve is closed. */
  readonly date: IsoDate;
}

const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;
const SUNDAY = 0;

function dayOf(year: number, month: number, day: number): number {
  return toDayIndex(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, "year");
}

/** The `n`th `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayOf(year, month, 1);
  return first + ((weekday - dayOfWeek(first) + 7) % 7) + (n - 1) * 7;
}

/** The last `weekday` of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const next = month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1);
  const last = next - 1;
  return last - ((dayOfWeek(last) - weekday + 7) % 7);
}

/** A fixed-date holiday: Sunday → the Monday after; Saturday → not observed (null). */
function observedFixed(year: number, month: number, day: number): number | null {
  const d = dayOf(year, month, day);
  const w = dayOfWeek(d);
  if (w === SATURDAY) return null;
  return w === SUNDAY ? d + 1 : d;
}

/** The Federal Reserve's holidays of one year, in date order (see the module's rules). */
export function federalReserveHolidays(year: number, field = "year"): FederalReserveHoliday[] {
  if (!Number.isInteger(year) || year < 1971 || year > 9998) {
    throw new RiskError("OUT_OF_RANGE", field, `${field} must be a whole year from 1971 to 9998`);
  }
  const fixed: [string, number, number][] = [
    ["New Year's Day", 1, 1],
    ["Juneteenth National Independence Day", 6, 19],
    ["Independence Day", 7, 4],
    ["Veterans Day", 11, 11],
    ["Christmas Day", 12, 25],
  ];
  const days: [string, number | null][] = [
    ...fixed.map(([name, m, d]): [string, number | null] => [name, observedFixed(year, m, d)]),
    ["Birthday of Martin Luther King, Jr.", nthWeekday(year, 1, MONDAY, 3)],
    ["Washington's Birthday", nthWeekday(year, 2, MONDAY, 3)],
    ["Memorial Day", lastWeekday(year, 5, MONDAY)],
    ["Labor Day", nthWeekday(year, 9, MONDAY, 1)],
    ["Columbus Day", nthWeekday(year, 10, MONDAY, 2)],
    ["Thanksgiving Day", nthWeekday(year, 11, THURSDAY, 4)],
  ];
  return days
    .filter((h): h is [string, number] => h[1] !== null)
    .sort((a, b) => a[1] - b[1])
    .map(([name, day]) => ({ name, date: fromDayIndex(day) }));
}

/** The Federal Reserve's holiday dates of the years `from`..`to` (inclusive), in order. */
export function federalReserveHolidayDates(from: number, to: number): IsoDate[] {
  if (!Number.isInteger(to) || to < from) throw new RiskError("OUT_OF_RANGE", "to", "the last year must be a whole year not before the first");
  const dates: IsoDate[] = [];
  for (let year = from; year <= to; year++) dates.push(...federalReserveHolidays(year, year === from ? "from" : "to").map((h) => h.date));
  return dates;
}
