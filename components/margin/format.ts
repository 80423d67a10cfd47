import { formatAmount, formatDay } from "@/components/ui/format";

/** Money with thousands separators and two decimals ("-" for none), exact: the kit's formatAmount. */
export function money(v: string | { toString(): string } | null | undefined): string {
  return v === null || v === undefined ? "-" : formatAmount(v);
}

export const isoDay = formatDay;
