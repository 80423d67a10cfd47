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
 */
import { type Dec, ZERO, CENT, Rounding } from "../money";
import { RiskError } from "../errors";
import { list, money, text, unique } from "../calendar/checks";

type Amount = Dec | string;

export interface StressMemberInput {
  readonly id: string;
  /** Members with the same group are affiliates and default together (default: its own id). */
  readonly affiliateGroup?: string;
  readonly performanceBondOnDeposit: Amount;
  /** Stress loss per scenario, in the order of `scenarios` (a gain is a negative loss). */
  readonly stressLosses: readonly Amount[];
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

/** Size the aggregate guaranty fund (see module comment). */
export function sizeGuarantyFundCover2(input: Cover2Input): Cover2Result {
  const scenarios = list(input.scenarios, "scenarios", 1);
  scenarios.forEach((s, i) => text(s, `scenarios[${i}]`));
  unique(scenarios, (s) => s, (i) => `scenarios[${i}]`);
  const members = list(input.members, "members", 1);
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  const S = scenarios.length;
  const groupIndex = new Map<string, number>();
  const groups: { name: string; members: number[] }[] = [];
  // shortfall[member][scenario], null when zero (saves work on the common no-shortfall case)
  const shortfalls: (Dec | null)[][] = members.map((m, i) => {
    const f = `members[${i}]`;
    text(m.id, `${f}.id`);
    const g = m.affiliateGroup === undefined ? m.id : text(m.affiliateGroup, `${f}.affiliateGroup`);
    let gi = groupIndex.get(g);
    if (gi === undefined) {
      gi = groups.length;
      groupIndex.set(g, gi);
      groups.push({ name: g, members: [] });
    }
    groups[gi]!.members.push(i);
    const pb = money(m.performanceBondOnDeposit, `${f}.performanceBondOnDeposit`);
    const losses = list(m.stressLosses, `${f}.stressLosses`);
    if (losses.length !== S) throw new RiskError("INCONSISTENT", `${f}.stressLosses`, `${f}.stressLosses must have one value per scenario (${S})`);
    const row: (Dec | null)[] = new Array<Dec | null>(S);
    for (let s = 0; s < S; s++) {
      const loss = money(losses[s], `${f}.stressLosses[${s}]`, { negative: true });
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
