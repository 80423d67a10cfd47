import { D, formatUsd, type Dec } from "@/lib/risk/money";

/**
 * A money axis for the portal's inline SVG charts, computed in decimals: round tick steps
 * (1, 2, 2.5 or 5 × a power of ten), a bottom at or below zero and a top at or above every
 * value. Only `share` (where a value sits on the axis, 0 to 1) becomes a number, to draw with;
 * labels are formatted from the decimal ticks.
 */
export interface MoneyAxis {
  readonly bottom: Dec;
  readonly top: Dec;
  readonly ticks: readonly Dec[];
  /** Position of a value between bottom (0) and top (1), for drawing only. */
  share(value: string | Dec): number;
}

const STEPS = ["1", "2", "2.5", "5", "10"];

export function moneyAxis(values: readonly (string | Dec)[], tickCount = 4): MoneyAxis {
  const ds = values.map((v) => new D(v));
  const max = D.max(0, ...ds);
  const min = D.min(0, ...ds);
  const range = max.minus(min);
  const raw = range.isZero() ? new D(1) : range.div(tickCount);
  const magnitude = new D(10).pow(raw.log(10).floor());
  const step = STEPS.map((m) => magnitude.times(m)).find((s) => s.greaterThanOrEqualTo(raw)) ?? magnitude.times(10);
  const bottom = min.div(step).floor().times(step);
  let top = max.div(step).ceil().times(step);
  if (top.equals(bottom)) top = bottom.plus(step);
  const ticks: Dec[] = [];
  for (let t = bottom; t.lessThanOrEqualTo(top); t = t.plus(step)) ticks.push(t);
  const span = top.minus(bottom);
  return { bottom, top, ticks, share: (v) => new D(v).minus(bottom).div(span).toNumber() };
}

/** A tick label: "$1.5bn", "$27.5m", or whole dollars below a million (from the decimal, exact). */
export function compactUsd(value: Dec): string {
  const abs = value.abs();
  const sign = value.isNegative() ? "-" : "";
  if (abs.greaterThanOrEqualTo(1e9)) return `${sign}$${abs.div(1e9).toDecimalPlaces(2).toString()}bn`;
  if (abs.greaterThanOrEqualTo(1e6)) return `${sign}$${abs.div(1e6).toDecimalPlaces(2).toString()}m`;
  return formatUsd(value.toDecimalPlaces(0)).replace(/\.00$/, "");
}
