/**
 * Margin explain: why an account's maintenance requirement changed between two cycles, per
 * combined commodity, in four parts that sum exactly to the change [SPEC §5; seed 002 "CME SPAN";
 * Rule 824].
 *
 * What each part is, in this engine's data (a cycle's SPAN requirement is a function of the
 * account's positions and of one RiskParameters; settlement prices of the price set only drive
 * Rule 814 variation, never SPAN):
 *   - positions: the account's net positions (trades, expiries, transfers);
 *   - prices and risk arrays: everything the parameter file says about each contract and the
 *     market (given risk arrays, composite deltas and delta scaling, the futures prices, implied
 *     volatilities and rates options are repriced from, contract terms, the as-of date, currency
 *     conversion rates);
 *   - parameters: the clearing house's settings per combined commodity: price and volatility
 *     scan ranges (also a contract's own price scan range), tiers, intracommodity spread rates,
 *     spot charge rates, short option minimum rates and method, the weighted price risk method,
 *     and the intercommodity spreads with their credit rates.
 *   A risk array computed by the engine (futures from the scan range, options by Black-76) is
 *   recomputed in every mixed state, so a scan range change lands in "parameters". A risk array
 *   given by the file (CME's SPAN files) already has the file's scan range in it: there a scan
 *   range change is seen only through the arrays, so it lands in "prices and risk arrays".
 *   - add-ons: Rule 824 additional performance bond and concentration charges, the amounts the
 *     statements state. They are added to the SPAN requirement and interact with nothing, so their
 *     part is their own change, on a line of its own (they are the account's, not a combined
 *     commodity's).
 *
 * The split is symmetric (the Shapley value over the three SPAN factors), not sequential: each
 * part is the average, over the 6 orders in which the three changes can be applied, of the change
 * in the combined commodity's requirement when that factor is switched from the previous cycle's
 * to this cycle's. SPAN is not additive (a max against the short option minimum, spreads that
 * form or not, rounding per combined commodity), so a sequential order would hand every
 * interaction to whichever factor comes last and would change with the order chosen; the
 * symmetric split favours none, is zero for a factor that did not change, and swapping the two
 * cycles negates every part exactly. It needs the requirement at all 8 mixed states (2^3), from
 * 4 mixed parameter sets.
 *
 * Rounding: each state's requirement is the engine's (rounded half-even per combined commodity,
 * converted at the file's rate), in minor units of the statement's currency; a part is one sixth
 * of a whole number of minor units, rounded half-even to the minor unit; if the three rounded
 * parts miss the change (by one minor unit at most), that unit goes to the part rounded furthest
 * the other way (ties: positions, then prices, then parameters). Both rules are odd, so swapping
 * the cycles still negates every part exactly.
 *
 * A contract in only one cycle's file (listed since, or expired) keeps that file's data in the
 * mixed states; a combined commodity in only one file keeps its settings the same way.
 */
import { D, ZERO, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import type { CombinedCommodityParameters, ContractParameters, RiskParameters } from "./parameters";
import { computeSpanRequirement, type PositionInput } from "./requirement";

/** One cycle of an account, as its statement was computed. */
export interface ExplainCycleInput {
  readonly parameters: RiskParameters;
  readonly positions: readonly PositionInput[];
  /** Rule 824 additional performance bond total (default 0). */
  readonly additionalPerformanceBond?: DecInput;
  /** Concentration charge total (default 0). */
  readonly concentrationCharge?: DecInput;
}

export interface ExplainMarginChangeInput {
  readonly previous: ExplainCycleInput;
  readonly current: ExplainCycleInput;
}

/** The four parts, in the statement's currency; they sum exactly to `change`. */
export interface ExplainParts {
  readonly positions: Dec;
  readonly prices: Dec;
  readonly parameters: Dec;
  readonly addOns: Dec;
}

export interface CombinedCommodityExplain extends ExplainParts {
  readonly combinedCommodity: string;
  readonly name: string;
  /** Its requirement in the statement's currency, previous and current cycle. */
  readonly previous: Dec;
  readonly current: Dec;
  readonly change: Dec;
}

export interface MarginExplain extends ExplainParts {
  readonly currency: string;
  readonly method: "shapley";
  /** Per combined commodity held in either cycle, in code order (addOns is zero on these). */
  readonly combinedCommodities: readonly CombinedCommodityExplain[];
  /** Rule 824 and concentration add-ons, previous and current totals. */
  readonly addOnsPrevious: Dec;
  readonly addOnsCurrent: Dec;
  /** Maintenance (SPAN + add-ons) recomputed for each cycle, and its change. */
  readonly previousMaintenance: Dec;
  readonly currentMaintenance: Dec;
  readonly change: Dec;
}

/** What the statement says about the attribution order (shown with the table). */
export const EXPLAIN_METHOD_TEXT =
  "Symmetric split (Shapley value): each part is the average, over the 6 orders in which the changes in positions, in prices and risk arrays, and in parameters can be applied, of the change it makes when applied; no factor is favoured by going first, a factor that did not change explains nothing, and the parts sum exactly to the change (one-sixths rounded half-even to the cent, a remaining cent to the part rounded furthest from it). Add-ons (Rule 824, concentration) are added after SPAN and interact with nothing: their part is their own change.";

function byCode(p: RiskParameters): Map<string, CombinedCommodityParameters> {
  return new Map(p.combinedCommodities.map((c) => [c.code, c]));
}

function contractCc(p: RiskParameters): Map<string, string> {
  const out = new Map<string, string>();
  for (const cc of p.combinedCommodities) for (const k of cc.contracts) out.set(k.id, cc.code);
  return out;
}

function checkCycle(c: ExplainCycleInput | undefined, field: string): ExplainCycleInput {
  if (!c || typeof c !== "object") throw new RiskError("REQUIRED", field, `${field} is required`);
  const p = c.parameters;
  if (!p || typeof p !== "object" || !Array.isArray(p.combinedCommodities)) throw new RiskError("INVALID_INPUT", `${field}.parameters`, `${field}.parameters must be risk parameters with combinedCommodities`);
  for (const cc of p.combinedCommodities) {
    if (!cc || !Array.isArray(cc.contracts)) throw new RiskError("INVALID_INPUT", `${field}.parameters.combinedCommodities`, `${field}.parameters: every combined commodity needs its contracts list`);
  }
  if (!Array.isArray(c.positions)) throw new RiskError("INVALID_INPUT", `${field}.positions`, `${field}.positions must be a list`);
  return c;
}

/**
 * The parameter set of a mixed state: contracts and market data from `market`, the clearing
 * house's settings from `rates`, only for the combined commodities in `keep` (a portfolio's
 * requirement depends on no other; an intercommodity spread with a leg elsewhere cannot form).
 * A contract or combined commodity missing there is taken from the first of `others` that has it.
 */
export function mixParameters(market: RiskParameters, rates: RiskParameters, keep: ReadonlySet<string>, others: readonly RiskParameters[] = []): RiskParameters {
  const marketCcs = byCode(market);
  const rateCcs = byCode(rates);
  const otherCcs = others.map(byCode);
  const marketContracts = contractCc(market);
  const rateContracts = new Map<string, ContractParameters>();
  for (const cc of rates.combinedCommodities) for (const k of cc.contracts) rateContracts.set(k.id, k);
  const withRateScan = (k: ContractParameters): ContractParameters => {
    // A future's own price scan range is a setting: the rates side's when it lists the contract.
    const own = rateContracts.get(k.id);
    if (k.kind !== "future" || own?.kind !== "future" || own.priceScanRange === k.priceScanRange) return k;
    const copy: { -readonly [K in keyof typeof k]: (typeof k)[K] } = { ...k, priceScanRange: own.priceScanRange };
    if (copy.priceScanRange === undefined) delete copy.priceScanRange;
    return copy;
  };
  const combinedCommodities: CombinedCommodityParameters[] = [];
  for (const code of [...keep].sort()) {
    const mc = marketCcs.get(code);
    const settings = rateCcs.get(code) ?? mc ?? otherCcs.map((o) => o.get(code)).find((c) => c !== undefined);
    if (!settings) continue;
    const seen = new Set<string>();
    const contracts: ContractParameters[] = [];
    for (const k of mc?.contracts ?? []) {
      seen.add(k.id);
      contracts.push(withRateScan(k));
    }
    // Contracts listed only in another cycle's file keep that file's data.
    for (const o of otherCcs) {
      for (const k of o.get(code)?.contracts ?? []) {
        if (seen.has(k.id) || marketContracts.has(k.id)) continue;
        seen.add(k.id);
        contracts.push(withRateScan(k));
      }
    }
    combinedCommodities.push({ ...settings, name: (mc ?? settings).name, currency: (mc ?? settings).currency, contracts });
  }
  const currencies = [...(market.currencies ?? [])];
  for (const o of [rates, ...others]) for (const c of o.currencies ?? []) if (!currencies.some((x) => x.code === c.code)) currencies.push(c);
  return {
    asOf: market.asOf,
    currency: market.currency,
    currencyDecimals: market.currencyDecimals,
    ...(currencies.length > 0 ? { currencies } : {}),
    riskArrayDecimals: market.riskArrayDecimals,
    combinedCommodities,
    interSpreads: (rates.interSpreads ?? []).filter((s) => s.legs.every((l) => keep.has(l.combinedCommodity))),
  };
}

/** The combined commodities the positions hold, found in either parameter set. */
function heldCodes(positions: readonly PositionInput[], field: string, a: Map<string, string>, b: Map<string, string>, out: Set<string>): void {
  positions.forEach((pos, i) => {
    const code = pos ? a.get(pos.contract) ?? b.get(pos.contract) : undefined;
    if (code === undefined) throw new RiskError("UNKNOWN_CONTRACT", `${field}[${i}].contract`, `${field}[${i}].contract ${pos ? String(pos.contract) : ""} is in neither cycle's risk parameters`);
    out.add(code);
  });
}

/** Requirement per combined commodity (in the parameters' currency) at one state, and the names. */
function stateRequirements(parameters: RiskParameters, positions: readonly PositionInput[], names: Map<string, string>): Map<string, Dec> {
  const r = computeSpanRequirement({ parameters, positions });
  const out = new Map<string, Dec>();
  for (const c of r.combinedCommodities) {
    out.set(c.combinedCommodity, c.requirementInBase);
    if (!names.has(c.combinedCommodity)) names.set(c.combinedCommodity, c.name);
  }
  return out;
}

/**
 * Splits a change (whole minor units) into the three factors' Shapley values, given six times
 * each value (whole minor units): each rounded half-even, the remaining unit (at most one) to
 * the factor rounded furthest from it; ties in factor order.
 */
export function splitSixths(change: bigint, sixTimes: readonly bigint[]): bigint[] {
  const six = 6n;
  const rounded = sixTimes.map((s) => {
    const sign = s < 0n ? -1n : 1n;
    const a = s * sign;
    let q = a / six;
    const rem = a - q * six;
    if (rem > 3n || (rem === 3n && q % 2n === 1n)) q += 1n;
    return q * sign;
  });
  const residual = change - rounded.reduce((x, y) => x + y, 0n);
  if (residual === 0n) return rounded;
  if (residual > 1n || residual < -1n) throw new RiskError("INCONSISTENT", "explain", `the parts miss the change by ${residual} minor units (they must sum to it)`);
  // Error of each rounding, in sixths: positive when rounded down.
  const errors = sixTimes.map((s, i) => s - rounded[i]! * six);
  let pick = 0;
  for (let i = 1; i < errors.length; i++) {
    if (residual > 0n ? errors[i]! > errors[pick]! : errors[i]! < errors[pick]!) pick = i;
  }
  return rounded.map((v, i) => (i === pick ? v + residual : v));
}

/**
 * The change in maintenance requirement from `previous` to `current`, per combined commodity,
 * split into positions, prices and risk arrays, parameters (Shapley, see the file's comment) and
 * add-ons. Throws RiskError: REQUIRED / INVALID_INPUT (previous.*, current.*), INCONSISTENT (the
 * two cycles' requirements are in different currencies), UNKNOWN_CONTRACT (a position in neither
 * file), and whatever compiling a mixed parameter set throws.
 */
export function explainMarginChange(input: ExplainMarginChangeInput): MarginExplain {
  if (!input || typeof input !== "object") throw new RiskError("REQUIRED", "input", "previous and current cycles are required");
  const prev = checkCycle(input.previous, "previous");
  const cur = checkCycle(input.current, "current");
  const currency = cur.parameters.currency;
  const decimals = cur.parameters.currencyDecimals ?? 2;
  if (prev.parameters.currency !== currency || (prev.parameters.currencyDecimals ?? 2) !== decimals) {
    throw new RiskError("INCONSISTENT", "previous.parameters.currency", `the previous cycle's requirement is in ${String(prev.parameters.currency)}, this one's in ${String(currency)}: a change across currencies is not explained`);
  }
  const prevCc = contractCc(prev.parameters);
  const curCc = contractCc(cur.parameters);
  const keep = new Set<string>();
  heldCodes(prev.positions, "previous.positions", prevCc, curCc, keep);
  heldCodes(cur.positions, "current.positions", curCc, prevCc, keep);

  // The 4 mixed parameter sets, indexed by (prices new ? 1 : 0) + (parameters new ? 2 : 0).
  const both = [prev.parameters, cur.parameters];
  const sets = [0, 1, 2, 3].map((k) => mixParameters(k & 1 ? cur.parameters : prev.parameters, k & 2 ? cur.parameters : prev.parameters, keep, both));
  const names = new Map<string, string>();
  // v[s]: state s = (positions new ? 1 : 0) + (prices new ? 2 : 0) + (parameters new ? 4 : 0).
  const v = Array.from({ length: 8 }, (_, s) => stateRequirements(sets[s >> 1]!, s & 1 ? cur.positions : prev.positions, names));
  const scale = new D(10).pow(decimals);
  const units = (x: Dec | undefined): bigint => BigInt((x ?? ZERO).times(scale).toFixed(0));
  const fromUnits = (x: bigint): Dec => new D(x.toString()).div(scale);

  const combinedCommodities: CombinedCommodityExplain[] = [];
  const totals = [0n, 0n, 0n];
  let prevSpan = 0n;
  let curSpan = 0n;
  for (const code of [...keep].sort()) {
    const val = v.map((m) => units(m.get(code)));
    const change = val[7]! - val[0]!;
    // Shapley with 3 players: weight 2/6 for the empty and the full coalition, 1/6 for each single one.
    const sixTimes = [1, 2, 4].map((bit) => {
      let sum = 0n;
      for (let s = 0; s < 8; s++) {
        if (s & bit) continue;
        const others = ((s & 1) + ((s >> 1) & 1) + ((s >> 2) & 1));
        const weight = others === 1 ? 1n : 2n;
        sum += weight * (val[s | bit]! - val[s]!);
      }
      return sum;
    });
    const parts = splitSixths(change, sixTimes);
    parts.forEach((p, i) => (totals[i] = totals[i]! + p));
    prevSpan += val[0]!;
    curSpan += val[7]!;
    combinedCommodities.push({
      combinedCommodity: code,
      name: names.get(code) ?? code,
      previous: fromUnits(val[0]!),
      current: fromUnits(val[7]!),
      change: fromUnits(change),
      positions: fromUnits(parts[0]!),
      prices: fromUnits(parts[1]!),
      parameters: fromUnits(parts[2]!),
      addOns: ZERO,
    });
  }
  const addOn = (c: ExplainCycleInput, field: string): bigint => {
    const a = dec(c.additionalPerformanceBond ?? "0", `${field}.additionalPerformanceBond`).plus(dec(c.concentrationCharge ?? "0", `${field}.concentrationCharge`));
    if (!a.times(scale).isInteger()) throw new RiskError("OUT_OF_RANGE", `${field}.additionalPerformanceBond`, `${field}: add-ons must be whole minor units of ${currency}`);
    return units(a);
  };
  const addPrev = addOn(prev, "previous");
  const addCur = addOn(cur, "current");
  return {
    currency,
    method: "shapley",
    combinedCommodities,
    positions: fromUnits(totals[0]!),
    prices: fromUnits(totals[1]!),
    parameters: fromUnits(totals[2]!),
    addOns: fromUnits(addCur - addPrev),
    addOnsPrevious: fromUnits(addPrev),
    addOnsCurrent: fromUnits(addCur),
    previousMaintenance: fromUnits(prevSpan + addPrev),
    currentMaintenance: fromUnits(curSpan + addCur),
    change: fromUnits(curSpan + addCur - prevSpan - addPrev),
  };
}
