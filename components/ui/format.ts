/**
 * The portal's formatters for people to read: money, quantities, prices, times and sizes. Every
 * amount is formatted from its exact decimal (lib/risk/money.ts), never through a JavaScript
 * number; the kit's components (Money, Quantity, Price, DateTime) and the other formatters of
 * the portal (components/format.ts, components/margin/format.ts, components/filings/format.ts,
 * e-mails and PDFs) call these.
 */
import { dec, formatAmount, formatPercent, formatUsd, groupThousands, Rounding } from "@/lib/risk/money";

type DecimalLike = string | { toString(): string };

/**
 * Money in dollars: "$1,234,567.89", rounded half-even to the cent. One convention for negatives
 * everywhere (pages, PDFs, e-mails): a leading minus sign, "-$1,234.50".
 */
export function formatMoney(value: DecimalLike): string {
  return formatUsd(value);
}

export { formatAmount, formatPercent };

/** A quantity with thousands separators and exactly the decimals it has: "1,250", "-3", "0.5". */
export function formatQuantity(value: DecimalLike): string {
  const d = dec(typeof value === "string" ? value.trim() : value.toString(), "quantity");
  return groupedFixed(d.toFixed(), d.isZero());
}

/**
 * A price at the product's tick precision when the tick is known ("1.8" with tick 0.01 →
 * "1.80", 3712.25 with tick 0.25 → "3,712.25", 101 with tick 0.005 → "101.000"), rounded
 * half-even to it; without a tick, the price's own decimals.
 */
export function formatPrice(value: DecimalLike, tick?: DecimalLike | null): string {
  const d = dec(typeof value === "string" ? value.trim() : value.toString(), "price");
  if (tick === undefined || tick === null) return groupedFixed(d.toFixed(), d.isZero());
  const places = dec(typeof tick === "string" ? tick.trim() : tick.toString(), "tick").decimalPlaces();
  return groupedFixed(d.toFixed(places, Rounding.HALF_EVEN), d.isZero());
}

function groupedFixed(fixed: string, zero: boolean): string {
  const negative = fixed.startsWith("-");
  const [whole = "0", fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const body = `${groupThousands(whole)}${fraction === undefined ? "" : `.${fraction}`}`;
  return negative && !zero && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A moment in UTC, to the second, with the zone stated: "2026-11-20 14:03:05 UTC". */
export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A date-only value (YYYY-MM-DD, UTC). */
export function formatDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export { formatBytes } from "@/lib/shared/bytes";
