/** Times are shown in UTC, the audit trail's clock, to the second. */
export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
