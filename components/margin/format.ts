/** Money with thousands separators and two decimals; negative with a minus sign. */
export function money(v: string | number | { toString(): string } | null | undefined): string {
  if (v === null || v === undefined) return "-";
  const n = typeof v === "number" ? v : Number(v.toString());
  const s = Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return n < 0 ? `-${s}` : s;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
