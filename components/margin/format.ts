import { formatAmount } from "@/lib/risk/money";

/** Money with thousands separators and two decimals ("-" for none), exact: lib/risk/money.ts formatAmount. */
export function money(v: string | { toString(): string } | null | undefined): string {
  return v === null || v === undefined ? "-" : formatAmount(v);
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
