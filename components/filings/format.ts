import { formatUsd } from "@/lib/risk/money";

/** "$1,234,567.89" (exact: lib/risk/money.ts formatUsd), negative with a typographic minus ("−$2,500.00"). */
export function formatMoney(value: string | { toString(): string }): string {
  return formatUsd(value).replace(/^-/, "−");
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
