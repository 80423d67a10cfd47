/**
 * SPAN contract period codes [SPAN XML 4.00 PeriodCode: `\d{6}\w{0,3}`]: a year and month,
 * optionally a day (`20160520`), a week (`201606W2`) or another code (`201605S0`, `201605SD`).
 * They are identifiers: the full code tells contracts apart; only the date part orders them
 * and places them in tiers, spot months and short option minimum tiers.
 */

const PERIOD_CODE = /^\d{6}[0-9A-Za-z]{0,3}$/;

export function isPeriodCode(code: unknown): code is string {
  return typeof code === "string" && PERIOD_CODE.test(code);
}

/** The month YYYYMM of a period code. */
export function periodMonth(code: string): string {
  return code.slice(0, 6);
}

/** YYYYMMDD of a period code: the day when the code carries one (two digits), else "00". */
function periodDay(code: string): string {
  const day = code.slice(6, 8);
  return /^\d\d$/.test(day) ? `${code.slice(0, 6)}${day}` : `${code.slice(0, 6)}00`;
}

/** Orders period codes by their date part, then by the whole code (a stable, total order). */
export function comparePeriods(a: string, b: string): number {
  const da = periodDay(a);
  const db = periodDay(b);
  if (da !== db) return da < db ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `code` lies in the range [start, end] (each bound optional; no bounds: the whole
 * combined commodity). A bound with a day compares days; a bound without one compares months.
 */
export function periodInRange(code: string, start: string | undefined, end: string | undefined): boolean {
  if (start !== undefined) {
    if (/^\d{8}/.test(start) && start.slice(6, 8) !== "00" ? periodDay(code) < start.slice(0, 8) : periodMonth(code) < periodMonth(start)) return false;
  }
  if (end !== undefined) {
    if (/^\d{8}/.test(end) && end.slice(6, 8) !== "00" ? periodDay(code) > end.slice(0, 8) : periodMonth(code) > periodMonth(end)) return false;
  }
  return true;
}

/**
 * Whether a contract period is the period a spot rate or a period leg names: the same code, or,
 * when the named period is a bare month (YYYYMM), any period of that month.
 */
export function periodMatches(code: string, named: string): boolean {
  return code === named || (named.length === 6 && periodMonth(code) === named);
}
