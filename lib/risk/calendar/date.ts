/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, computed with integer day numbers (days since
 * 1970-01-01, proleptic Gregorian). No clock, no time zone: callers pass `asOf` dates.
 */
import { RiskError } from "../errors";

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Day number of a civil date (H. Hinnant's days_from_civil). */
function dayIndexOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Parse an ISO date into its day number; throws INVALID_DATE naming the field. */
export function toDayIndex(value: unknown, field = "date"): number {
  if (typeof value !== "string") throw new RiskError("INVALID_DATE", field, `${field} must be a date YYYY-MM-DD`);
  const m = ISO_DATE.exec(value);
  if (!m) throw new RiskError("INVALID_DATE", field, `${field} must be a date YYYY-MM-DD, got "${value}"`);
  const y = Number.parseInt(m[1]!, 10);
  const mo = Number.parseInt(m[2]!, 10);
  const d = Number.parseInt(m[3]!, 10);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RiskError("INVALID_DATE", field, `${field} is not a calendar date: "${value}"`);
  }
  return dayIndexOf(y, mo, d);
}

/** The ISO date of a day number (civil_from_days). */
export function fromDayIndex(day: number): IsoDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Check an ISO date and return it unchanged. */
export function isoDate(value: unknown, field = "date"): IsoDate {
  toDayIndex(value, field);
  return value as IsoDate;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function addCalendarDays(date: IsoDate, days: number, field = "date"): IsoDate {
  return fromDayIndex(toDayIndex(date, field) + days);
}

/** The last day of the month containing `date`. */
export function endOfMonth(date: IsoDate, field = "date"): IsoDate {
  toDayIndex(date, field);
  const y = Number.parseInt(date.slice(0, 4), 10);
  const m = Number.parseInt(date.slice(5, 7), 10);
  return `${date.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayIndex(a, "a") - toDayIndex(b, "b");
}
