/**
 * Margining one net portfolio in whole minor units: the SPAN engine's hot loop.
 *
 * Per combined commodity: risk arrays summed (quantity × per-contract array), scan risk,
 * intracommodity spread charge, spot charge, short option minimum; then intercommodity credits
 * across combined commodities; then
 *   risk requirement = max(scanRisk + intraSpreadCharge + spotCharge − interSpreadCredit, shortOptionMinimum)
 * [seed 002 "CME SPAN": "sum the scan risk charges, any intracommodity spread and spot charges,
 * apply the offsets for all intercommodity spread credits, compare with any short option minimum,
 * assess the greater"]. All sums are of safe integers and bounded (|Σ| < 2^52) before use, so
 * they are exact; a portfolio beyond that bound is refused with OUT_OF_RANGE.
 */
import { RiskError } from "../errors";
import { SCENARIO_COUNT } from "./scenarios";
import type { CompiledRiskParameters } from "./parameters";
import { scanRiskInto } from "./scan-risk";
import { intraSpreadChargeUnits } from "./intra-spread";
import { spotChargeUnits } from "./spot-charge";
import { shortOptionMinimumUnits } from "./short-option-minimum";
import { interSpreadCreditUnits } from "./inter-credit";
import { assertExact } from "./minor-units";

const EXACT_BOUND = 2 ** 52;

export interface CombinedCommodityUnits {
  readonly cc: number;
  readonly scanRisk: number;
  readonly worstScenario: number;
  readonly intraSpreadCharge: number;
  readonly spotCharge: number;
  readonly interSpreadCredit: number;
  readonly shortOptionMinimum: number;
  readonly riskRequirement: number;
  /** The summed risk array. */
  readonly riskArray: Float64Array;
}

export interface PortfolioUnits {
  readonly combinedCommodities: readonly CombinedCommodityUnits[];
  readonly total: number;
}

/** Scratch memory for margining many portfolios against one compiled parameter set. */
export interface SpanWorkspace {
  readonly params: CompiledRiskParameters;
  readonly sums: Float64Array;
  readonly bound: Float64Array;
  readonly ccDelta: Float64Array;
  readonly ccRemaining: Float64Array;
  readonly shortOptions: Float64Array;
  readonly scan: Float64Array;
  readonly scenario: Float64Array;
  readonly intra: Float64Array;
  readonly spot: Float64Array;
  readonly som: Float64Array;
  readonly credits: Float64Array;
  readonly isTouched: Uint8Array;
  readonly touched: Int32Array;
  readonly tierDelta: Float64Array;
  readonly consumed: Float64Array;
  readonly spotDelta: Float64Array;
  readonly stamp: Int32Array;
  readonly slot: Int32Array;
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
    ccDelta: new Float64Array(nCc),
    ccRemaining: new Float64Array(nCc),
    shortOptions: new Float64Array(nCc),
    scan: new Float64Array(nCc),
    scenario: new Float64Array(nCc),
    intra: new Float64Array(nCc),
    spot: new Float64Array(nCc),
    som: new Float64Array(nCc),
    credits: new Float64Array(nCc),
    isTouched: new Uint8Array(nCc),
    touched: new Int32Array(nCc),
    tierDelta: new Float64Array(params.tierCount),
    consumed: new Float64Array(params.tierCount),
    spotDelta: new Float64Array(params.spotCount),
    stamp: new Int32Array(nK).fill(-1),
    slot: new Int32Array(nK),
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

function touch(ws: SpanWorkspace, c: number, count: number): number {
  const p = ws.params;
  ws.isTouched[c] = 1;
  ws.touched[count] = c;
  const o = c * SCENARIO_COUNT;
  for (let s = 0; s < SCENARIO_COUNT; s++) ws.sums[o + s] = 0;
  ws.bound[c] = 0;
  ws.ccDelta[c] = 0;
  ws.shortOptions[c] = 0;
  const cc = p.combinedCommodities[c]!;
  const tiers = cc.tierNumbers.length;
  for (let t = cc.tierBase; t < cc.tierBase + tiers; t++) {
    ws.tierDelta[t] = 0;
    ws.consumed[t] = 0;
  }
  for (let j = cc.spotBase; j < cc.spotBase + cc.spots.length; j++) ws.spotDelta[j] = 0;
  return count + 1;
}

/**
 * Margins the portfolio built with beginPortfolio/addPosition. Returns the total in minor units
 * and, when `detail` is set, the per-combined-commodity breakdown (in parameter order) with
 * the summed risk arrays. The bulk path (detail off) allocates nothing per portfolio.
 */
export function marginPortfolio(ws: SpanWorkspace, detail = false): PortfolioUnits {
  const p = ws.params;
  const ra = p.riskArrays;
  const sums = ws.sums;
  const { ccOf, magnitude, deltaMicro, tierOf, spotOf, isOption } = p;
  const { netIdx, netQty, bound, ccDelta, tierDelta, spotDelta, shortOptions, isTouched } = ws;
  let count = 0;
  try {
    for (let i = 0; i < ws.netCount; i++) {
      const q = netQty[i]!;
      if (q === 0) continue;
      const idx = netIdx[i]!;
      const c = ccOf[idx]!;
      if (isTouched[c] === 0) count = touch(ws, c, count);
      const base = idx * SCENARIO_COUNT;
      const o = c * SCENARIO_COUNT;
      for (let s = 0; s < SCENARIO_COUNT; s++) sums[o + s] = sums[o + s]! + q * ra[base + s]!;
      bound[c] = bound[c]! + Math.abs(q) * magnitude[idx]!;
      const dm = q * deltaMicro[idx]!;
      ccDelta[c] = ccDelta[c]! + dm;
      const t = tierOf[idx]!;
      if (t >= 0) tierDelta[t] = tierDelta[t]! + dm;
      const sp = spotOf[idx]!;
      if (sp >= 0) spotDelta[sp] = spotDelta[sp]! + dm;
      if (q < 0 && isOption[idx] === 1) shortOptions[c] = shortOptions[c]! - q;
    }
    for (let i = 0; i < count; i++) {
      const c = ws.touched[i]!;
      if (!(ws.bound[c]! <= EXACT_BOUND)) {
        throw new RiskError("OUT_OF_RANGE", "positions", `positions in ${p.combinedCommodities[c]!.code} are too large for exact computation`);
      }
    }
    for (let i = 0; i < count; i++) {
      const c = ws.touched[i]!;
      const cc = p.combinedCommodities[c]!;
      scanRiskInto(sums, c * SCENARIO_COUNT, ws.scan, ws.scenario, c);
      ws.intra[c] = cc.intraSpreads.length > 0 ? intraSpreadChargeUnits(cc, ws.tierDelta, ws.consumed) : 0;
      ws.spot[c] = cc.spots.length > 0 ? spotChargeUnits(cc, ws.spotDelta, ws.consumed) : 0;
      ws.som[c] = cc.shortOptionMinimum > 0 ? shortOptionMinimumUnits(ws.shortOptions[c]!, cc.shortOptionMinimum) : 0;
      ws.credits[c] = 0;
      ws.ccRemaining[c] = ws.ccDelta[c]!;
    }
    if (count > 1 && p.interSpreads.length > 0) interSpreadCreditUnits(p.interSpreads, ws.ccRemaining, ws.ccDelta, ws.scan, ws.credits);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const c = ws.touched[i]!;
      total = assertExact(total + Math.max(ws.scan[c]! + ws.intra[c]! + ws.spot[c]! - ws.credits[c]!, ws.som[c]!), "total");
    }
    if (!detail) return { combinedCommodities: [], total };
    const order = Array.from(ws.touched.subarray(0, count)).sort((a, b) => a - b);
    const out: CombinedCommodityUnits[] = order.map((c) => ({
      cc: c,
      scanRisk: ws.scan[c]!,
      worstScenario: ws.scenario[c]!,
      intraSpreadCharge: ws.intra[c]!,
      spotCharge: ws.spot[c]!,
      interSpreadCredit: ws.credits[c]!,
      shortOptionMinimum: ws.som[c]!,
      riskRequirement: Math.max(ws.scan[c]! + ws.intra[c]! + ws.spot[c]! - ws.credits[c]!, ws.som[c]!),
      riskArray: sums.slice(c * SCENARIO_COUNT, (c + 1) * SCENARIO_COUNT),
    }));
    return { combinedCommodities: out, total };
  } finally {
    for (let i = 0; i < count; i++) {
      const c = ws.touched[i]!;
      ws.isTouched[c] = 0;
      ws.ccRemaining[c] = 0;
      ws.ccDelta[c] = 0;
      ws.scan[c] = 0;
      ws.credits[c] = 0;
    }
  }
}
