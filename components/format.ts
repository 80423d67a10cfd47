/** Times are shown in UTC, the audit trail's clock, to the second. */
export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Money as "$1,234,567.89": the portal's one exact formatter (lib/risk/money.ts). */
export { formatUsd } from "@/lib/shared/money";

/** A date-only value (YYYY-MM-DD, UTC). */
export function formatDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
