import { formatMoney, formatPrice, formatQuantity, formatUtc, formatDay } from "./format";

type DecimalLike = string | { toString(): string };

/** Money from its exact decimal: "$1,234,567.89", negatives "-$1,234.50" (red); "-" for none. */
export function Money({ value, className }: { readonly value: DecimalLike | null | undefined; readonly className?: string }) {
  if (value === null || value === undefined) return <span className={className}>-</span>;
  const text = formatMoney(value);
  return <span className={`tabular-nums whitespace-nowrap ${text.startsWith("-") ? "text-red-800" : ""} ${className ?? ""}`}>{text}</span>;
}

/** A quantity with thousands separators and its own decimals. */
export function Quantity({ value }: { readonly value: DecimalLike | number | bigint }) {
  return <span className="tabular-nums whitespace-nowrap">{formatQuantity(typeof value === "number" || typeof value === "bigint" ? String(value) : value)}</span>;
}

/** A price at the product's tick precision when the tick is known. */
export function Price({ value, tick }: { readonly value: DecimalLike; readonly tick?: DecimalLike | null }) {
  return <span className="tabular-nums whitespace-nowrap">{formatPrice(value, tick)}</span>;
}

/** A moment in UTC, the zone stated ("2026-11-20 14:03:05 UTC"); `day` shows the date only. */
export function DateTime({ value, day }: { readonly value: Date; readonly day?: boolean }) {
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap">
      {day ? formatDay(value) : formatUtc(value)}
    </time>
  );
}
