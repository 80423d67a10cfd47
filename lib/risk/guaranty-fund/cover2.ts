/**
 * Sizing the aggregate Base guaranty fund by "cover 2" (seed 001 §23, CFTC Regulation
 * 39.33(a); SPEC §6): the fund covers "the potential loss caused by the simultaneous default
 * of the two Clearing Members and their affiliates with the largest potential shortfalls"
 * under extreme but plausible stress scenarios.
 *
 *   member shortfall(s) = max(0, stress loss(s) − performance bond on deposit)
 *   group shortfall(s)  = Σ shortfalls of the members of an affiliate group (one member's
 *                         excess performance bond is not netted against an affiliate's loss)
 *   cover2(s)           = the two largest group shortfalls in scenario s, summed
 *   aggregate           = max over scenarios of cover2(s), rounded up to the cent
 *
 * When every amount is a whole number of cents (the usual case, and always with
 * `stressLossCents`) the computation runs in exact integer cents (bigint), which is far faster
 * than decimal arithmetic over members × scenarios values and gives the same result; otherwise
 * it runs in decimals (sizeGuarantyFundCover2Decimal).
 */
import { type Dec, ZERO, CENT, Rounding, centsFromBigInts, centsToDec, toCentsList, wholeCents } from "../money";
import { RiskError } from "../errors";
import { list, money, text, unique } from "../calendar/checks";

type Amount = Dec | string;

export interface StressMemberInput {
  readonly id: string;
  /** Members with the same group are affiliates and default together (default: its own id). */
  readonly affiliateGroup?: string;
  readonly performanceBondOnDeposit: Amount;
  /** Stress loss per scenario, in the order of `scenarios` (a gain is a negative loss). */
  readonly stressLosses?: readonly Amount[];
  /**
   * Or the same losses in whole cents, as the database can supply them without decimal parsing
   * (e.g. `round(loss * 100)::bigint`, one value per scenario).
   */
  readonly stressLossCents?: BigInt64Array | readonly bigint[];
}

export interface Cover2Input {
  readonly scenarios: readonly string[];
  readonly members: readonly StressMemberInput[];
}

export interface GroupShortfall {
  readonly group: string;
  readonly members: readonly string[];
  readonly shortfall: Dec;
  /** Each member's shortfall in that scenario. */
  readonly memberShortfalls: readonly { readonly id: string; readonly shortfall: Dec }[];
}

export interface ScenarioCover2 {
  readonly scenario: string;
  /** The largest and second-largest group shortfalls (fewer if fewer groups have one). */
  readonly largest: readonly GroupShortfall[];
  readonly cover2: Dec;
}

export interface Cover2Result {
  readonly scenarios: readonly ScenarioCover2[];
  readonly worstScenario: string;
  /** The two groups whose simultaneous default sizes the fund, named. */
  readonly largestTwo: readonly GroupShortfall[];
  readonly aggregate: Dec;
  readonly rounding: string;
}

interface AffiliateGroup {
  readonly name: string;
  readonly members: number[];
}

/** Puts member `i` into its affiliate group (its own id when it names none), checking the names. */
function joinAffiliateGroup(groups: AffiliateGroup[], groupIndex: Map<string, number>, m: StressMemberInput, f: string, i: number): void {
  text(m.id, `${f}.id`);
  const g = m.affiliateGroup === undefined ? m.id : text(m.affiliateGroup, `${f}.affiliateGroup`);
  const gi = groupIndex.get(g);
  if (gi === undefined) {
    groupIndex.set(g, groups.length);
    groups.push({ name: g, members: [i] }); // most groups are one member: a list of exactly one
  } else groups[gi]!.members.push(i);
}

/** The structural checks both paths make first, in the same order, so their errors are the same. */
function checkStructure(input: Cover2Input): { scenarios: readonly string[]; members: readonly StressMemberInput[] } {
  const scenarios = list(input.scenarios, "scenarios", 1);
  scenarios.forEach((s, i) => text(s, `scenarios[${i}]`));
  unique(scenarios, (s) => s, (i) => `scenarios[${i}]`);
  const members = list(input.members, "members", 1);
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  return { scenarios, members };
}

/** Size the aggregate guaranty fund (see module comment). */
export function sizeGuarantyFundCover2(input: Cover2Input): Cover2Result {
  return cover2Cents(input) ?? sizeGuarantyFundCover2Decimal(input);
}

/** A member's losses: the decimal list, or the cents list checked (exactly one of them). */
function lossesOf(m: StressMemberInput, f: string, S: number): { decimals: readonly Amount[] | null; cents: BigInt64Array | readonly bigint[] | null } {
  if (m.stressLossCents !== undefined) {
    if (m.stressLosses !== undefined) throw new RiskError("INCONSISTENT", `${f}.stressLossCents`, "give stressLosses or stressLossCents, not both");
    const c = m.stressLossCents;
    if (!(c instanceof BigInt64Array) && !Array.isArray(c)) throw new RiskError("INVALID_INPUT", `${f}.stressLossCents`, `${f}.stressLossCents must be a list of whole cents (bigint)`);
    if (c.length !== S) throw new RiskError("INCONSISTENT", `${f}.stressLossCents`, `${f}.stressLossCents must have one value per scenario (${S})`);
    for (let s = 0; s < S && !(c instanceof BigInt64Array); s++) {
      if (typeof c[s] !== "bigint") throw new RiskError("INVALID_NUMBER", `${f}.stressLossCents[${s}]`, `${f}.stressLossCents[${s}] must be whole cents as a bigint`);
    }
    return { decimals: null, cents: c };
  }
  const losses = list(m.stressLosses, `${f}.stressLosses`);
  if (losses.length !== S) throw new RiskError("INCONSISTENT", `${f}.stressLosses`, `${f}.stressLosses must have one value per scenario (${S})`);
  return { decimals: losses, cents: null };
}

// The members × scenarios matrix of shortfalls, kept between calls: a new one per call (1.4 MB
// for 2,000 members × 90 days) is memory outside the JavaScript heap, and allocating that
// repeatedly makes the engine collect garbage early. Only cover2Cents uses it, and it runs to
// completion without yielding, so no two calls share it at once.
let shortfallScratch = new Float64Array(0);

const KEPT_CELLS = 4_000_000; // 32 MB: larger matrices are not kept

/** A zeroed matrix of `size` cells (the first `size` of the kept one). */
function shortfallMatrix(size: number): Float64Array {
  if (size > KEPT_CELLS) return new Float64Array(size);
  if (shortfallScratch.length < size) shortfallScratch = new Float64Array(size);
  else shortfallScratch.fill(0, 0, size);
  return shortfallScratch;
}

/**
 * Cover 2 in exact integer cents, held in safe integers (every amount within ±(2^53 - 1) cents
 * and every group sum checked, so each operation is exact). Returns null, before any result,
 * as soon as an amount is not a whole number of cents, out of that range, or not valid (the
 * decimal path then computes or reports it); structural checks run in the same order as the
 * decimal path's, so errors are the same.
 */
function cover2Cents(input: Cover2Input): Cover2Result | null {
  const { scenarios, members } = checkStructure(input);
  const S = scenarios.length;
  const groupIndex = new Map<string, number>();
  const groups: AffiliateGroup[] = [];
  // shortfall of member i in scenario s at [i * S + s], whole cents (member-major: each
  // member's row is written, and each group's rows read, in order)
  const M = members.length;
  const shortfalls = shortfallMatrix(M * S);
  const lossRow = new Float64Array(S); // one member's losses in cents, reused
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const f = `members[${i}]`;
    joinAffiliateGroup(groups, groupIndex, m, f, i);
    const pb = wholeCents(m.performanceBondOnDeposit);
    if (pb === null || pb < 0) return null;
    const { decimals, cents } = lossesOf(m, f, S);
    if (cents !== null) {
      const row = centsFromBigInts(cents, `${f}.stressLossCents`, lossRow);
      if (row === null) return null;
      for (let s = 0; s < S; s++) {
        const loss = row[s]!;
        if (loss > pb) shortfalls[i * S + s] = loss - pb; // 0 < loss - pb <= 2^53 - 1: exact
      }
    } else {
      const row = toCentsList(decimals!, lossRow);
      if (row === null) return null;
      for (let s = 0; s < S; s++) {
        const loss = row[s]!;
        if (loss > pb) shortfalls[i * S + s] = loss - pb; // 0 < loss - pb <= 2^53 - 1: exact
      }
    }
  }

  // a group's member ids, listed once however many scenarios name the group
  const memberIds: (readonly string[] | undefined)[] = [];
  const describe = (g: number, s: number, shortfall: number): GroupShortfall => ({
    group: groups[g]!.name,
    members: (memberIds[g] ??= groups[g]!.members.map((mi) => members[mi]!.id)),
    shortfall: centsToDec(shortfall),
    memberShortfalls: groups[g]!.members.map((mi) => ({ id: members[mi]!.id, shortfall: centsToDec(shortfalls[mi * S + s]!) })),
  });

  // The two largest group shortfalls of every scenario, group by group: each group's rows are
  // read in order, and groups come in order, so ties keep the earlier group (as a scan of each
  // scenario over the groups would).
  const first = new Int32Array(S).fill(-1);
  const second = new Int32Array(S).fill(-1);
  const v1 = new Float64Array(S);
  const v2 = new Float64Array(S);
  const groupSum = new Float64Array(S);
  for (let g = 0; g < groups.length; g++) {
    const ms = groups[g]!.members;
    let row = shortfalls;
    let at = ms[0]! * S;
    if (ms.length > 1) {
      groupSum.fill(0);
      for (const mi of ms) for (let s = 0; s < S; s++) groupSum[s] = groupSum[s]! + shortfalls[mi * S + s]!;
      for (let s = 0; s < S; s++) if (groupSum[s]! > Number.MAX_SAFE_INTEGER) return null; // non-negative terms: every partial sum was exact
      row = groupSum;
      at = 0;
    }
    for (let s = 0; s < S; s++) {
      const v = row[at + s]!;
      if (v === 0) continue;
      if (first[s] === -1 || v > v1[s]!) {
        second[s] = first[s]!;
        v2[s] = v1[s]!;
        first[s] = g;
        v1[s] = v;
      } else if (second[s] === -1 || v > v2[s]!) {
        second[s] = g;
        v2[s] = v;
      }
    }
  }
  const perScenario: ScenarioCover2[] = [];
  let worst = 0;
  for (let s = 0; s < S; s++) {
    const cover2 = v1[s]! + v2[s]!;
    if (cover2 > Number.MAX_SAFE_INTEGER) return null;
    const largest: GroupShortfall[] = [];
    if (first[s]! >= 0) largest.push(describe(first[s]!, s, v1[s]!));
    if (second[s]! >= 0) largest.push(describe(second[s]!, s, v2[s]!));
    perScenario.push({ scenario: scenarios[s]!, largest, cover2: centsToDec(cover2) });
    if (cover2 > v1[worst]! + v2[worst]!) worst = s;
  }
  const w = perScenario[worst]!;
  return {
    scenarios: perScenario,
    worstScenario: w.scenario,
    largestTwo: w.largest,
    aggregate: centsToDec(v1[worst]! + v2[worst]!),
    rounding: "aggregate rounded up to the cent (ROUND_CEIL)",
  };
}

/** Cover 2 in decimal arithmetic (any precision): the general path, and the reference the cents path is tested against. */
export function sizeGuarantyFundCover2Decimal(input: Cover2Input): Cover2Result {
  const { scenarios, members } = checkStructure(input);
  const S = scenarios.length;
  const groupIndex = new Map<string, number>();
  const groups: AffiliateGroup[] = [];
  // shortfall[member][scenario], null when zero (saves work on the common no-shortfall case)
  const shortfalls: (Dec | null)[][] = members.map((m, i) => {
    const f = `members[${i}]`;
    joinAffiliateGroup(groups, groupIndex, m, f, i);
    const pb = money(m.performanceBondOnDeposit, `${f}.performanceBondOnDeposit`);
    const { decimals: losses, cents } = lossesOf(m, f, S);
    const row: (Dec | null)[] = new Array<Dec | null>(S);
    for (let s = 0; s < S; s++) {
      const loss = cents !== null ? centsToDec(cents[s]!) : money(losses![s], `${f}.stressLosses[${s}]`, { negative: true });
      row[s] = loss.greaterThan(pb) ? loss.minus(pb) : null;
    }
    return row;
  });

  const groupShortfall = (g: number, s: number): Dec => {
    const ms = groups[g]!.members;
    if (ms.length === 1) return shortfalls[ms[0]!]![s] ?? ZERO;
    let t = ZERO;
    for (const mi of ms) {
      const v = shortfalls[mi]![s];
      if (v) t = t.plus(v);
    }
    return t;
  };
  const describe = (g: number, s: number, shortfall: Dec): GroupShortfall => ({
    group: groups[g]!.name,
    members: groups[g]!.members.map((mi) => members[mi]!.id),
    shortfall,
    memberShortfalls: groups[g]!.members.map((mi) => ({ id: members[mi]!.id, shortfall: shortfalls[mi]![s] ?? ZERO })),
  });

  const perScenario: ScenarioCover2[] = [];
  let worst = 0;
  for (let s = 0; s < S; s++) {
    let first = -1;
    let second = -1;
    let v1 = ZERO;
    let v2 = ZERO;
    for (let g = 0; g < groups.length; g++) {
      const v = groupShortfall(g, s);
      if (v.isZero()) continue;
      if (first === -1 || v.greaterThan(v1)) {
        second = first;
        v2 = v1;
        first = g;
        v1 = v;
      } else if (second === -1 || v.greaterThan(v2)) {
        second = g;
        v2 = v;
      }
    }
    const largest: GroupShortfall[] = [];
    if (first >= 0) largest.push(describe(first, s, v1));
    if (second >= 0) largest.push(describe(second, s, v2));
    perScenario.push({ scenario: scenarios[s]!, largest, cover2: v1.plus(v2) });
    if (perScenario[s]!.cover2.greaterThan(perScenario[worst]!.cover2)) worst = s;
  }
  const w = perScenario[worst]!;
  return {
    scenarios: perScenario,
    worstScenario: w.scenario,
    largestTwo: w.largest,
    aggregate: w.cover2.div(CENT).toDecimalPlaces(0, Rounding.CEIL).times(CENT),
    rounding: "aggregate rounded up to the cent (ROUND_CEIL)",
  };
}
