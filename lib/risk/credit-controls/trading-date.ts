/**
 * The trading day an instant belongs to. Credit controls reset at the start of each trading
 * day [001 §9]; CME Globex's trading day starts at 17:00 Chicago time on the previous
 * business day, so an instant at or after the cutoff belongs to the next weekday, and a
 * Saturday or Sunday to the Monday. Callers pass the local (exchange time zone) date and
 * minutes after midnight; no clock here.
 */
import { RiskError } from "../errors";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function creditTradingDate(localDate: string, minutesAfterMidnight: number, cutoffMinutes = 17 * 60): string {
  const m = DATE.exec(localDate);
  if (!m) throw new RiskError("INVALID_DATE", "localDate");
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== localDate) throw new RiskError("INVALID_DATE", "localDate");
  if (!Number.isInteger(minutesAfterMidnight) || minutesAfterMidnight < 0 || minutesAfterMidnight >= 24 * 60) throw new RiskError("OUT_OF_RANGE", "minutesAfterMidnight", "minutes after midnight must be 0-1439");
  if (minutesAfterMidnight >= cutoffMinutes) d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
