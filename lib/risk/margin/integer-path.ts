/**
 * Bulk margining in integers: the same SPAN rules as the decimal path (spread-formation.ts and
 * its neighbours), for the common case where every spread's legs have delta per spread 1, rates
 * are whole units at the parameters' scale, and deltas have at most six places. Spreading deltas
 * are millionths; charges are units of 10^-(scale+6); the intercommodity credit, a fraction
 * (price risk ÷ net delta), stays a numerator over one denominator per combined commodity, so the
 * requirement is exact and rounded once, half-even, as requirementOf rounds it. Where any of that
 * does not hold, or a product would leave the exact range, it answers null and the decimal path
 * margins the portfolio. A property test holds the two paths to the same totals.
 */
import { SCENARIO_COUNT } from "./scenarios";
import type { CompiledRiskParameters, IntegerLeg } from "./parameters";

const SAFE = Number.MAX_SAFE_INTEGER;

/** How often bulk margining finished portfolios in integers, and how often it handed them to the decimal path (for the bench and tests). */
export const integerPathStats = { used: 0, declined: 0 };
const MICRO = 1_000_000n;

/** What the integer path needs from the workspace (portfolio.ts). */
export interface IntegerInputs {
  readonly params: CompiledRiskParameters;
  readonly sums: Float64Array;
  readonly netIdx: Int32Array;
  readonly netQty: Float64Array;
  readonly netCount: number;
  /** The short option minimum in units of 10^-scale (0 without short options), or −1 when only the decimal path has it (tiers). */
  readonly shortsUnits: (c: number) => number;
}

interface Ledger {
  readonly initial: Float64Array;
  readonly rem: Float64Array;
}

function gross(l: Ledger, leg: IntegerLeg, sign: number): number {
  let a = 0;
  for (const r of leg.ranks) {
    const v = l.rem[r]!;
    if (sign > 0 ? v > 0 : v < 0) a += sign > 0 ? v : -v;
  }
  return a;
}

function net(l: Ledger, leg: IntegerLeg, sign: number): number {
  let n = 0;
  for (const r of leg.ranks) n += l.rem[r]!;
  return sign > 0 ? (n > 0 ? n : 0) : n < 0 ? -n : 0;
}

function take(l: Ledger, leg: IntegerLeg, sign: number, amount: number): void {
  let left = amount;
  for (const r of leg.ranks) {
    if (left <= 0) break;
    const v = l.rem[r]!;
    if (!(sign > 0 ? v > 0 : v < 0)) continue;
    const use = Math.min(sign > 0 ? v : -v, left);
    l.rem[r] = sign > 0 ? v - use : v + use;
    left -= use;
  }
}

/** Spreads of one definition (all ratios 1), A long against B short then A short against B long; returns the spreads per direction. */
function form(legs: readonly IntegerLeg[], ledgers: ReadonlyMap<number, Ledger>, mode: "gross" | "net", onFormed: (n: number) => void): boolean {
  for (const direction of [1, -1]) {
    let n = Number.POSITIVE_INFINITY;
    for (const leg of legs) {
      const l = ledgers.get(leg.cc);
      if (!l) return true;
      const sign = leg.sideA ? direction : -direction;
      const a = mode === "gross" ? gross(l, leg, sign) : net(l, leg, sign);
      if (a < n) n = a;
      if (n === 0) break;
    }
    if (!(n > 0)) continue;
    for (const leg of legs) take(ledgers.get(leg.cc)!, leg, leg.sideA ? direction : -direction, n);
    onFormed(n);
  }
  return true;
}

/**
 * The requirements (minor units of the parameters' currency) of the combined commodities `ccs`,
 * summed; null when the integer path does not apply.
 */
export function integerRequirements(w: IntegerInputs, ccs: readonly number[], interLeg: Uint8Array, bound: Float64Array): number | null {
  const total = requirementsOrNull(w, ccs, interLeg, bound);
  if (total === null) integerPathStats.declined++;
  else integerPathStats.used++;
  return total;
}

function requirementsOrNull(w: IntegerInputs, ccs: readonly number[], interLeg: Uint8Array, bound: Float64Array): number | null {
  const p = w.params;
  const ledgers = new Map<number, Ledger>();
  for (const c of ccs) {
    const plan = p.combinedCommodities[c]!.integer;
    if (!plan || !(bound[c]! <= 2 ** 52) || w.shortsUnits(c) < 0) return null;
    ledgers.set(c, { initial: new Float64Array(plan.periods), rem: new Float64Array(plan.periods) });
  }
  // Period deltas in millionths, bounded so every sum is exact.
  const deltaBound = new Map<number, number>();
  for (let i = 0; i < w.netCount; i++) {
    const idx = w.netIdx[i]!;
    const q = w.netQty[i]!;
    const l = ledgers.get(p.ccOf[idx]!);
    if (!l || q === 0) continue;
    const dm = p.deltaMicro[idx]!;
    if (Number.isNaN(dm)) return null;
    if (dm === 0) continue;
    const b = (deltaBound.get(p.ccOf[idx]!) ?? 0) + Math.abs(q * dm);
    if (!(b <= SAFE)) return null;
    deltaBound.set(p.ccOf[idx]!, b);
    l.initial[p.periodRank[idx]!] = l.initial[p.periodRank[idx]!]! + q * dm;
  }
  for (const l of ledgers.values()) l.rem.set(l.initial);

  // Intracommodity spreads and spot charges, units of 10^-(scale+6).
  const charge6 = new Map<number, bigint>();
  for (const c of ccs) {
    const plan = p.combinedCommodities[c]!.integer!;
    const l = ledgers.get(c)!;
    let x = 0n;
    for (const sp of plan.intraSpreads) form(sp.legs, ledgers, "gross", (n) => (x += BigInt(n) * BigInt(sp.rateUnits)));
    for (const spot of plan.spots) {
      let all = 0;
      let outright = 0;
      for (const r of spot.ranks) {
        all += Math.abs(l.initial[r]!);
        outright += Math.abs(l.rem[r]!);
      }
      if (all > 0) x += BigInt(all - outright) * BigInt(spot.spreadUnits) + BigInt(outright) * BigInt(spot.outrightUnits);
    }
    charge6.set(c, x);
  }

  // Intercommodity spreads in priority order: Σ legDelta × rate per combined commodity (10^-12).
  const creditRate = new Map<number, bigint>();
  for (let s = 0; s < p.interSpreads.length; s++) {
    const legs = p.interInteger[s];
    const original = p.interSpreads[s]!.legs;
    if (!original.every((l) => ledgers.has(l.cc) && interLeg[l.cc] === 1)) continue;
    if (!legs) return null;
    form(legs, ledgers, "net", (n) => {
      for (const leg of legs) creditRate.set(leg.cc, (creditRate.get(leg.cc) ?? 0n) + BigInt(n) * BigInt(leg.rateMicro));
    });
  }

  let total = 0;
  for (const c of ccs) {
    const cc = p.combinedCommodities[c]!;
    const o = c * SCENARIO_COUNT;
    let worst = 0;
    let scenario = 0;
    for (let s = 0; s < SCENARIO_COUNT; s++) {
      if (-w.sums[o + s]! > worst) {
        worst = -w.sums[o + s]!;
        scenario = s + 1;
      }
    }
    const scan = BigInt(worst);
    let num = scan * MICRO + charge6.get(c)!;
    let den = 1n;
    const cr = creditRate.get(c) ?? 0n;
    if (cr > 0n) {
      const l = ledgers.get(c)!;
      let nd = 0;
      for (const v of l.initial) nd += v;
      if (nd !== 0) {
        // price risk × 2 = 2 × scan − (loss₁ + loss₂) − |loss_active − loss_paired|, at least 0
        const loss = (s: number): bigint => BigInt(-w.sums[o + s - 1]! + 0);
        let vol2 = 0n;
        if (scenario >= 1 && scenario <= 14) {
          const paired = scenario % 2 === 1 ? scenario + 1 : scenario - 1;
          vol2 = loss(scenario) - loss(paired);
          if (vol2 < 0n) vol2 = -vol2;
        }
        let pr2 = 2n * scan - (loss(1) + loss(2)) - vol2;
        if (pr2 < 0n) pr2 = 0n;
        den = 2n * MICRO * BigInt(Math.abs(nd));
        let credit = cr * pr2; // over den, units of 10^-scale
        if (credit > scan * den) credit = scan * den; // credits never exceed the scan risk
        num = num * den - credit * MICRO;
      }
    }
    const som = BigInt(w.shortsUnits(c)) * MICRO * den;
    if (som > num) num = som;
    if (num < 0n) num = 0n;
    // round half-even to the currency's minor unit: divide by den × 10^6 × 10^(scale − decimals)
    const d = den * MICRO * 10n ** BigInt(p.scale - cc.decimals);
    let q = num / d;
    const r = num % d;
    if (2n * r > d || (2n * r === d && q % 2n === 1n)) q += 1n;
    if (q > BigInt(SAFE)) return null;
    total += Number.parseInt(q.toString(), 10);
    if (!(total <= SAFE)) return null;
  }
  return total;
}
