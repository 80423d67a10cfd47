/**
 * Forming delta spreads (shared by intracommodity and intercommodity spreads) [SPAN; SPEC §5
 * "Spread formation: net delta per period, then per tier the remaining long and short deltas
 * kept apart, consumed by spreads in priority order by their delta-per-spread ratios"].
 *
 * A combined commodity's spreading deltas are held per contract period (quantity × composite
 * delta × delta scaling factor, netted within the period), exactly in decimals. A leg names a
 * range of periods (a tier, or one period). Side A against side B means opposite signs: a spread
 * forms with every A leg long and every B leg short, or every A leg short and every B leg long.
 * The number of spreads is the least, over the legs, of the delta available to the leg ÷ its
 * delta per spread (fractional spreads form, as SPAN forms them from option deltas); each leg
 * then gives up spreads × its delta per spread.
 *
 * Intracommodity legs take the long or the short deltas of their tier kept apart, so both legs
 * may name the same tier (tier 0 side A against tier 0 side B: the tier's long delta against its
 * short delta). Intercommodity legs take the net remaining delta of their tier.
 */
import { D, ZERO, type Dec } from "../money";
import type { CompiledLeg } from "./parameters";
import { comparePeriods, periodInRange, periodMatches } from "./periods";

/** A combined commodity's spreading deltas by period, as given (initial) and still unspread (remaining). */
export class DeltaLedger {
  readonly periods: string[] = [];
  readonly initial: Dec[] = [];
  readonly remaining: Dec[] = [];

  /** Adds a position's spreading delta to its period. */
  add(period: string, delta: Dec): void {
    let i = this.periods.indexOf(period);
    if (i < 0) {
      i = this.periods.length;
      this.periods.push(period);
      this.initial.push(ZERO);
      this.remaining.push(ZERO);
    }
    this.initial[i] = this.initial[i]!.plus(delta);
    this.remaining[i] = this.initial[i]!;
  }

  /** Orders the periods by date (spreads consume the nearest first). Call once all positions are added. */
  seal(): void {
    const order = this.periods.map((_, i) => i).sort((a, b) => comparePeriods(this.periods[a]!, this.periods[b]!));
    const [p, ini, rem] = [order.map((i) => this.periods[i]!), order.map((i) => this.initial[i]!), order.map((i) => this.remaining[i]!)];
    this.periods.splice(0, p.length, ...p);
    this.initial.splice(0, ini.length, ...ini);
    this.remaining.splice(0, rem.length, ...rem);
  }

  /** Net delta of all periods, before spreading. */
  netInitial(): Dec {
    let n = ZERO;
    for (const d of this.initial) n = n.plus(d);
    return n;
  }

  private inLeg(i: number, leg: CompiledLeg): boolean {
    const p = this.periods[i]!;
    return leg.period !== undefined ? periodMatches(p, leg.period) : periodInRange(p, leg.startPeriod, leg.endPeriod);
  }

  /** Delta on the `sign` side (+1 long, −1 short) of the leg's periods, longs and shorts kept apart. */
  gross(leg: CompiledLeg, sign: number): Dec {
    let a = ZERO;
    for (let i = 0; i < this.periods.length; i++) {
      const r = this.remaining[i]!;
      if (r.isZero() || (r.isNegative() ? -1 : 1) !== sign || !this.inLeg(i, leg)) continue;
      a = a.plus(r.abs());
    }
    return a;
  }

  /** The leg's net remaining delta if it is on the `sign` side, else zero. */
  net(leg: CompiledLeg, sign: number): Dec {
    let n = ZERO;
    for (let i = 0; i < this.periods.length; i++) if (this.inLeg(i, leg)) n = n.plus(this.remaining[i]!);
    if (n.isZero() || (n.isNegative() ? -1 : 1) !== sign) return ZERO;
    return n.abs();
  }

  /** Takes `amount` of delta on the `sign` side from the leg's periods, nearest period first. */
  take(leg: CompiledLeg, sign: number, amount: Dec): void {
    let left = amount;
    for (let i = 0; i < this.periods.length && left.greaterThan(0); i++) {
      const r = this.remaining[i]!;
      if (r.isZero() || (r.isNegative() ? -1 : 1) !== sign || !this.inLeg(i, leg)) continue;
      const use = D.min(r.abs(), left);
      this.remaining[i] = sign > 0 ? r.minus(use) : r.plus(use);
      left = left.minus(use);
    }
  }
}

export interface SpreadsFormed {
  /** Spreads formed (may be fractional). */
  readonly spreads: Dec;
  /** +1: side A long and side B short; −1: side A short and side B long. */
  readonly direction: 1 | -1;
  /** Delta each leg gave up (spreads × its delta per spread), in leg order. */
  readonly legDeltas: readonly Dec[];
}

/**
 * Forms as many spreads of one definition as the remaining deltas allow, A long against B short
 * first, then A short against B long; mutates the ledgers. `ledgerOf(leg)` is the ledger of the
 * leg's combined commodity; `mode` is "gross" (intracommodity) or "net" (intercommodity).
 */
export function formSpreads(legs: readonly CompiledLeg[], ledgerOf: (leg: CompiledLeg) => DeltaLedger | undefined, mode: "gross" | "net"): SpreadsFormed[] {
  const out: SpreadsFormed[] = [];
  for (const direction of [1, -1] as const) {
    let spreads: Dec | null = null;
    for (const leg of legs) {
      const ledger = ledgerOf(leg);
      if (!ledger) return out;
      const sign = leg.sideA ? direction : -direction;
      const available = mode === "gross" ? ledger.gross(leg, sign) : ledger.net(leg, sign);
      const n = available.div(leg.ratio);
      if (spreads === null || n.lessThan(spreads)) spreads = n;
      if (spreads.isZero()) break;
    }
    if (spreads === null || !spreads.greaterThan(0)) continue;
    const legDeltas = legs.map((leg) => {
      const use = spreads!.times(leg.ratio);
      ledgerOf(leg)!.take(leg, leg.sideA ? direction : -direction, use);
      return use;
    });
    out.push({ spreads, direction, legDeltas });
  }
  return out;
}
