/** Times are shown in UTC, the audit trail's clock, to the second. */
export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * "$1,234,567.89" from an exact decimal (a string such as "-1234567.8" or a Decimal): the digits
 * are grouped as they are, never parsed into a float. Negative amounts keep their minus sign.
 */
export function formatUsd(value: string | { toFixed(dp: number): string }): string {
  const s = (typeof value === "string" ? value : value.toFixed(2)).trim();
  const negative = s.startsWith("-");
  const [i = "0", f = ""] = (negative ? s.slice(1) : s).split(".");
  const cents = f.padEnd(2, "0").slice(0, 2);
  const zero = /^0*$/.test(i) && /^0*$/.test(cents);
  return `${negative && !zero ? "-" : ""}$${(i.replace(/^0+(?=\d)/, "") || "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

/** A date-only value (YYYY-MM-DD, UTC). */
export function formatDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
