/**
 * Business dates as the portal stores them: a date-only value is midnight UTC, written
 * YYYY-MM-DD. Client-safe (no I/O); the server, pages and e-mails all use these.
 */

/** The Date a date-only column stores for `iso` (YYYY-MM-DD, midnight UTC). */
export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The YYYY-MM-DD of a date (UTC). */
export function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Today's date (UTC), the business date notices and defaults are counted against. */
export function todayIso(now = new Date()): string {
  return isoOf(now);
}
