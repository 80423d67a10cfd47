/**
 * Margining one net portfolio: the SPAN engine's hot loop and its exact finish.
 *
 * Per combined commodity: risk arrays summed (quantity × per-contract array, in whole units of
 * 10^-scale, so every product and sum is an exact integer), scan risk; then, where they can
 * apply, intracommodity spread charge, spot charge, short option minimum and intercommodity
 * credits, computed exactly in decimals (spread-formation.ts and its neighbours); then
 *   risk requirement = max(scanRisk + intraSpreadCharge + spotCharge − interSpreadCredit, shortOptionMinimum)
 * [seed 002 "CME SPAN": "sum the scan risk charges, any intracommodity spread and spot charges,
 * apply the offsets for all intercommodity spread credits, compare with any short option minimum,
 * assess the greater"], rounded once, half-even, to the combined commodity's currency
 * (requirementOf below: the one place a SPAN figure is rounded), and converted to the
 * parameters' currency at the file's rate (rounded half-even). The portfolio requirement is the
 * sum of those.
 *
 * A combined commodity where no spread, spot charge, short option minimum or conversion can
 * apply (outright futures or long options in one currency) is finished in integers; the others
 * take the decimal path. Sums too large for exact integers (|Σ| ≥ 2^52 units) are summed again
 * as BigInt.
 */
import { D, ZERO, type Dec } from "../money";
import { SCENARIO_COUNT } from "./scenarios";
import { wholeUnits, type CompiledCombinedCommodity, type CompiledRiskParameters } from "./parameters";
import { assertExact, mulDiv, unitsToDec } from "./minor-units";
import { DeltaLedger } from "./spread-formation";
import { intraSpreadCharge, type SpreadLine } from "./intra-spread";
import { spotCharge } from "./spot-charge";
import { shortOptionMinimum, type ShortOption } from "./short-option-minimum";
import { interSpreadCredits, priceRiskOf, type PriceRisk } from "./inter-credit";
import { integerRequirements } from "./integer-path";

const EXACT_BOUND = 2 ** 52;

/** One combined commodity's SPAN figures, exact (rounded only in `riskRequirement`). */
export interface CombinedCommodityResult {
  readonly cc: number;
  readonly currency: string;
  /** The summed risk array: P&L per scenario (gains positive), at full precision. */
  readonly riskArray: readonly Dec[];
  readonly scanRisk: Dec;
  /** 1-16, or 0 when no scenario is a loss. */
  readonly worstScenario: number;
  readonly intraSpreadCharge: Dec;
  readonly intraSpreads: readonly SpreadLine[];
  readonly spotCharge: Dec;
  readonly interSpreadCredit: Dec;
  readonly interSpreads: readonly SpreadLine[];
  readonly priceRisk: PriceRisk | null;
  readonly shortOptionMinimum: Dec;
  readonly shortOptionMinimumApplies: boolean;
  /** max(scan + intra + spot − inter, short option minimum), rounded half-even to the currency. */
  readonly riskRequirement: Dec;
  /** The requirement in the parameters' currency (rounded half-even); the same figure when the currencies agree. */
  readonly requirementInBase: Dec;
}

export interface PortfolioResult {
  /** Per combined commodity, in parameter order (only when detail was asked for). */
  readonly combinedCommodities: readonly CombinedCommodityResult[];
  /** The portfolio requirement in whole minor units of the parameters' currency. */
  readonly total: number;
}

/** Scratch memory for margining many portfolios against one compiled parameter set. */
export interface SpanWorkspace {
  readonly params: CompiledRiskParameters;
  readonly sums: Float64Array;
  readonly bound: Float64Array;
  readonly isTouched: Uint8Array;
  readonly touched: Int32Array;
  /** Bit flags per combined commodity: 1 long delta, 2 short delta, 4 spot month, 8 short option. */
  readonly flags: Uint8Array;
  /** Short option contracts per combined commodity (for a short option minimum without tiers). */
  readonly shortCalls: Float64Array;
  readonly shortPuts: Float64Array;
  /** Short option minimum rate in risk-array units when it has one untiered rate exact at that scale, else −1. */
  readonly somUnits: Float64Array;
  /** 1 for combined commodities that are legs of an intercommodity spread that may form in this portfolio. */
  readonly interLeg: Uint8Array;
  readonly stamp: Int32Array;
  readonly slot: Int32Array;
  /** 10^(scale − decimals) per combined commodity: risk-array units per minor unit. */
  readonly unitsPerMinor: Float64Array;
  stampCounter: number;
  netIdx: Int32Array;
  netQty: Float64Array;
  netCount: number;
}

export function createWorkspace(params: CompiledRiskParameters): SpanWorkspace {
  const nCc = params.combinedCommodities.length;
  const nK = params.contractIds.length;
  return {
    params,
    sums: new Float64Array(nCc * SCENARIO_COUNT),
    bound: new Float64Array(nCc),
    isTouched: new Uint8Array(nCc),
    touched: new Int32Array(nCc),
    flags: new Uint8Array(nCc),
    shortCalls: new Float64Array(nCc),
    shortPuts: new Float64Array(nCc),
    interLeg: new Uint8Array(nCc),
    somUnits: Float64Array.from(params.combinedCommodities.map((cc) => somRateUnits(cc, params.scale))),
    stamp: new Int32Array(nK).fill(-1),
    slot: new Int32Array(nK),
    unitsPerMinor: Float64Array.from(params.combinedCommodities.map((cc) => 10 ** (params.scale - cc.decimals))),
    stampCounter: 0,
    netIdx: new Int32Array(64),
    netQty: new Float64Array(64),
    netCount: 0,
  };
}

/** Starts a new portfolio in the workspace (positions added next are netted per contract). */
export function beginPortfolio(ws: SpanWorkspace): void {
  ws.stampCounter = ws.stampCounter >= 2 ** 30 ? 0 : ws.stampCounter + 1;
  if (ws.stampCounter === 0) ws.stamp.fill(-1);
  ws.netCount = 0;
}

/** Adds `quantity` (a safe integer, + long / − short) of contract index `idx`, netting repeats. */
export function addPosition(ws: SpanWorkspace, idx: number, quantity: number): void {
  if (ws.stamp[idx] === ws.stampCounter) {
    const s = ws.slot[idx]!;
    ws.netQty[s] = assertExact(ws.netQty[s]! + quantity, "quantity");
    return;
  }
  if (ws.netCount === ws.netIdx.length) {
    const idxs = new Int32Array(ws.netCount * 2);
    idxs.set(ws.netIdx);
    const qtys = new Float64Array(ws.netCount * 2);
    qtys.set(ws.netQty);
    ws.netIdx = idxs;
    ws.netQty = qtys;
  }
  ws.stamp[idx] = ws.stampCounter;
  ws.slot[idx] = ws.netCount;
  ws.netIdx[ws.netCount] = idx;
  ws.netQty[ws.netCount] = quantity;
  ws.netCount++;
}

/** An untiered short option minimum rate as whole risk-array units, or −1 (tiers, or a finer rate). */
function somRateUnits(cc: CompiledCombinedCommodity, scale: number): number {
  if (cc.somTiers.length === 0) return 0;
  if (cc.somTiers.length !== 1) return -1;
  const t = cc.somTiers[0]!;
  if (t.startPeriod !== undefined || t.endPeriod !== undefined) return -1;
  const u = wholeUnits(t.rate, scale);
  return Number.isNaN(u) ? -1 : u;
}

const LONG = 1;
const SHORT = 2;
const SPOT = 4;
const SHORT_OPTION = 8;

/** Whether a combined commodity needs the decimal path (anything beyond scan risk can apply). */
function needsDecimals(ws: SpanWorkspace, c: number, cc: CompiledCombinedCommodity): boolean {
  const f = ws.flags[c]!;
  return ws.interLeg[c] === 1
    || !(ws.bound[c]! <= EXACT_BOUND)
    || cc.currency !== ws.params.currency
    || (cc.intraSpreads.length > 0 && (f & (LONG | SHORT)) === (LONG | SHORT))
    || (f & SPOT) !== 0
    || ((f & SHORT_OPTION) !== 0 && ws.somUnits[c]! < 0);
}

/**
 * Marks (interLeg) the combined commodities of every intercommodity spread that may form: every
 * leg's combined commodity holds delta. Returns whether any may form.
 */
function markInterLegs(ws: SpanWorkspace, count: number): boolean {
  const p = ws.params;
  if (count < 2 || p.interSpreads.length === 0) return false;
  let any = false;
  for (let i = 0; i < count; i++) {
    const c = ws.touched[i]!;
    if ((ws.flags[c]! & (LONG | SHORT)) === 0) continue;
    for (const s of p.combinedCommodities[c]!.interSpreads) {
      const legs = p.interSpreads[s]!.legs;
      if (legs.every((l) => ws.isTouched[l.cc] === 1 && (ws.flags[l.cc]! & (LONG | SHORT)) !== 0)) {
        for (const l of legs) ws.interLeg[l.cc] = 1;
        any = true;
      }
    }
  }
  return any;
}

/** Short options counted for the short option minimum: calls + puts (gross) or the greater (max). */
function shortsCounted(ws: SpanWorkspace, c: number, cc: CompiledCombinedCommodity): number {
  return cc.somMethod === "max" ? Math.max(ws.shortCalls[c]!, ws.shortPuts[c]!) : ws.shortCalls[c]! + ws.shortPuts[c]!;
}

/** The untiered short option minimum in units of 10^-scale, 0 without short options, −1 when it has tiers. */
function shortsUnits(ws: SpanWorkspace, c: number): number {
  if ((ws.flags[c]! & SHORT_OPTION) === 0) return 0;
  const rate = ws.somUnits[c]!;
  return rate < 0 ? -1 : assertExact(shortsCounted(ws, c, ws.params.combinedCommodities[c]!) * rate, "shortOptionMinimum");
}

/** The one place a SPAN requirement is rounded: half-even to the currency's minor unit. */
export function requirementOf(exact: Dec, decimals: number): Dec {
  return exact.toDecimalPlaces(decimals, D.ROUND_HALF_EVEN);
}

/** A combined commodity's summed P&L per scenario, as decimals (BigInt sums when the floats could not be exact). */
function summedRiskArray(ws: SpanWorkspace, c: number): Dec[] {
  const p = ws.params;
  const out: Dec[] = [];
  if (ws.bound[c]! <= EXACT_BOUND) {
    for (let s = 0; s < SCENARIO_COUNT; s++) out.push(unitsToDec(ws.sums[c * SCENARIO_COUNT + s]! + 0, p.scale));
    return out;
  }
  const big = new Array<bigint>(SCENARIO_COUNT).fill(0n);
  for (let i = 0; i < ws.netCount; i++) {
    const idx = ws.netIdx[i]!;
    if (p.ccOf[idx] !== c || ws.netQty[i] === 0) continue;
    const q = BigInt(ws.netQty[i]!);
    for (let s = 0; s < SCENARIO_COUNT; s++) big[s] = big[s]! + q * BigInt(p.riskArrays[idx * SCENARIO_COUNT + s]!);
  }
  const divisor = new D(10).pow(p.scale);
  for (const v of big) out.push(new D(v.toString()).div(divisor));
  return out;
}

interface DecimalWork {
  readonly c: number;
  readonly cc: CompiledCombinedCommodity;
  /** Losses per scenario (positive), made when first needed. */
  readonly loss: (scenario: number) => Dec;
  readonly scanRisk: Dec;
  readonly worstScenario: number;
  readonly ledger: DeltaLedger;
  readonly shorts: ShortOption[];
  intra: Dec;
  intraLines: SpreadLine[];
  spot: Dec;
  som: Dec;
  priceRisk: PriceRisk | null;
}

function decimalWork(ws: SpanWorkspace, c: number): DecimalWork {
  const p = ws.params;
  const cc = p.combinedCommodities[c]!;
  let scanRisk = ZERO;
  let worstScenario = 0;
  let loss: (scenario: number) => Dec;
  if (ws.bound[c]! <= EXACT_BOUND) {
    // Integer sums are exact: the largest loss in units, one Dec for it.
    const o = c * SCENARIO_COUNT;
    let worst = 0;
    for (let s = 0; s < SCENARIO_COUNT; s++) {
      if (-ws.sums[o + s]! > worst) {
        worst = -ws.sums[o + s]!;
        worstScenario = s + 1;
      }
    }
    scanRisk = unitsToDec(worst, p.scale);
    loss = (s) => unitsToDec(-ws.sums[o + s - 1]! + 0, p.scale);
  } else {
    const losses = summedRiskArray(ws, c).map((v) => (v.isZero() ? ZERO : v.negated()));
    losses.forEach((l, s) => {
      if (l.greaterThan(scanRisk)) {
        scanRisk = l;
        worstScenario = s + 1;
      }
    });
    loss = (s) => losses[s - 1]!;
  }
  const ledger = new DeltaLedger();
  const shorts: ShortOption[] = [];
  for (let i = 0; i < ws.netCount; i++) {
    const idx = ws.netIdx[i]!;
    const q = ws.netQty[i]!;
    if (p.ccOf[idx] !== c || q === 0) continue;
    if (p.deltaSign[idx] !== 0) ledger.add(p.tierPeriod[idx]!, p.spreadDelta[idx]!.times(q));
    if (q < 0 && p.optionKind[idx] !== 0) shorts.push({ period: p.tierPeriod[idx]!, call: p.optionKind[idx] === 1, contracts: -q });
  }
  ledger.seal();
  return { c, cc, loss, scanRisk, worstScenario, ledger, shorts, intra: ZERO, intraLines: [], spot: ZERO, som: ZERO, priceRisk: null };
}

/**
 * Margins the portfolio built with beginPortfolio/addPosition. Returns the total in minor units
 * of the parameters' currency and, when `detail` is set, the per-combined-commodity breakdown
 * (in parameter order). The bulk path (detail off, outright positions) allocates nothing per
 * portfolio.
 */
export function marginPortfolio(ws: SpanWorkspace, detail = false): PortfolioResult {
  const p = ws.params;
  const ra = p.riskArrays;
  const sums = ws.sums;
  const { ccOf, magnitude, deltaSign, optionKind, inSpotMonth } = p;
  const { netIdx, netQty, bound, flags, isTouched } = ws;
  let count = 0;
  try {
    for (let i = 0; i < ws.netCount; i++) {
      const q = netQty[i]!;
      if (q === 0) continue;
      const idx = netIdx[i]!;
      const c = ccOf[idx]!;
      if (isTouched[c] === 0) {
        isTouched[c] = 1;
        ws.touched[count++] = c;
        const o = c * SCENARIO_COUNT;
        for (let s = 0; s < SCENARIO_COUNT; s++) sums[o + s] = 0;
        bound[c] = 0;
        flags[c] = 0;
        ws.shortCalls[c] = 0;
        ws.shortPuts[c] = 0;
      }
      const base = idx * SCENARIO_COUNT;
      const o = c * SCENARIO_COUNT;
      for (let s = 0; s < SCENARIO_COUNT; s++) sums[o + s] = sums[o + s]! + q * ra[base + s]!;
      bound[c] = bound[c]! + Math.abs(q) * magnitude[idx]!;
      const ds = deltaSign[idx]! * (q > 0 ? 1 : -1);
      let fl = flags[c]! | (ds > 0 ? LONG : ds < 0 ? SHORT : 0);
      if (inSpotMonth[idx] === 1 && ds !== 0) fl |= SPOT;
      if (q < 0 && optionKind[idx] !== 0) {
        fl |= SHORT_OPTION;
        if (optionKind[idx] === 1) ws.shortCalls[c] = ws.shortCalls[c]! - q;
        else ws.shortPuts[c] = ws.shortPuts[c]! - q;
      }
      flags[c] = fl;
    }
    const inter = markInterLegs(ws, count);
    let total = 0;
    const work: DecimalWork[] = [];
    const fast: number[] = [];
    const decimal: number[] = [];
    for (let i = 0; i < count; i++) {
      const c = ws.touched[i]!;
      const cc = p.combinedCommodities[c]!;
      if (needsDecimals(ws, c, cc)) {
        decimal.push(c);
        continue;
      }
      // Scan risk (and an untiered short option minimum), same currency: whole units, rounded half-even to the minor unit.
      let worst = 0;
      const o = c * SCENARIO_COUNT;
      for (let s = 0; s < SCENARIO_COUNT; s++) if (-sums[o + s]! > worst) worst = -sums[o + s]!;
      if ((flags[c]! & SHORT_OPTION) !== 0) worst = Math.max(worst, assertExact(shortsCounted(ws, c, cc) * ws.somUnits[c]!, "shortOptionMinimum"));
      total = assertExact(total + mulDiv(worst, 1, ws.unitsPerMinor[c]!, "half-even", "requirement"), "total");
      if (detail) fast.push(c);
    }
    if (!detail && decimal.length > 0) {
      const t = integerRequirements({ params: p, sums, netIdx, netQty, netCount: ws.netCount, shortsUnits: (c) => shortsUnits(ws, c) }, decimal, ws.interLeg, bound);
      if (t !== null) return { combinedCommodities: [], total: assertExact(total + t, "total") };
    }
    for (const c of decimal) work.push(decimalWork(ws, c));
    const results: CombinedCommodityResult[] = [];
    if (work.length > 0) {
      for (const w of work) {
        if (w.cc.intraSpreads.length > 0) ({ charge: w.intra, lines: w.intraLines } = intraSpreadCharge(w.cc, w.ledger));
        if (w.cc.spots.length > 0) w.spot = spotCharge(w.cc, w.ledger);
        if (w.cc.somTiers.length > 0 && w.shorts.length > 0) w.som = shortOptionMinimum(w.cc, w.shorts);
      }
      let credits = new Map<number, { credit: Dec; lines: SpreadLine[] }>();
      if (inter) {
        const wpr = new Map<number, Dec>();
        for (const w of work) {
          w.priceRisk = priceRiskOf(w.cc, w.loss, w.scanRisk, w.worstScenario, w.ledger.netInitial());
          wpr.set(w.c, w.priceRisk.weightedPriceRisk);
        }
        credits = interSpreadCredits({ spreads: p.interSpreads, combinedCommodities: p.combinedCommodities, ledgers: new Map(work.map((w) => [w.c, w.ledger])), weightedPriceRisk: wpr });
      }
      const baseScale = new D(10).pow(p.decimals);
      for (const w of work) {
        const credit = D.min(credits.get(w.c)?.credit ?? ZERO, w.scanRisk);
        const scanBased = w.scanRisk.plus(w.intra).plus(w.spot).minus(credit);
        const exact = D.max(scanBased, w.som, ZERO);
        const riskRequirement = requirementOf(exact, w.cc.decimals);
        const requirementInBase = w.cc.currency === p.currency ? riskRequirement : requirementOf(riskRequirement.times(w.cc.rateToBase), p.decimals);
        total = assertExact(total + Number.parseInt(requirementInBase.times(baseScale).toFixed(0), 10), "total");
        if (detail) {
          results.push({
            cc: w.c,
            currency: w.cc.currency,
            riskArray: summedRiskArray(ws, w.c),
            scanRisk: w.scanRisk,
            worstScenario: w.worstScenario,
            intraSpreadCharge: w.intra,
            intraSpreads: w.intraLines,
            spotCharge: w.spot,
            interSpreadCredit: credit,
            interSpreads: credits.get(w.c)?.lines ?? [],
            priceRisk: w.priceRisk,
            shortOptionMinimum: w.som,
            shortOptionMinimumApplies: w.som.greaterThan(scanBased) && w.som.greaterThan(0),
            riskRequirement,
            requirementInBase,
          });
        }
      }
    }
    if (!detail) return { combinedCommodities: [], total };
    for (const c of fast) {
      const cc = p.combinedCommodities[c]!;
      const riskArray = summedRiskArray(ws, c);
      let scanRisk = ZERO;
      let worstScenario = 0;
      riskArray.forEach((v, s) => {
        if (v.negated().greaterThan(scanRisk)) {
          scanRisk = v.negated();
          worstScenario = s + 1;
        }
      });
      const som = (ws.flags[c]! & SHORT_OPTION) !== 0 ? unitsToDec(shortsCounted(ws, c, cc) * ws.somUnits[c]!, p.scale) : ZERO;
      const riskRequirement = requirementOf(D.max(scanRisk, som), cc.decimals);
      results.push({
        cc: c, currency: cc.currency, riskArray, scanRisk, worstScenario, intraSpreadCharge: ZERO, intraSpreads: [], spotCharge: ZERO,
        interSpreadCredit: ZERO, interSpreads: [], priceRisk: null, shortOptionMinimum: som, shortOptionMinimumApplies: som.greaterThan(scanRisk), riskRequirement, requirementInBase: riskRequirement,
      });
    }
    results.sort((a, b) => a.cc - b.cc);
    return { combinedCommodities: results, total };
  } finally {
    for (let i = 0; i < count; i++) {
      ws.isTouched[ws.touched[i]!] = 0;
      ws.interLeg[ws.touched[i]!] = 0;
    }
  }
}
