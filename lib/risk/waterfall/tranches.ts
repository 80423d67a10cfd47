/**
 * Guaranty fund tranches for Losses in several product classes (Rule 802.A.4 and 802.B.4 as
 * amended, seed 003 Exhibit A):
 * - the first 80% of the fund contributed for the Base product class is the Base Tranche, the
 *   first 80% contributed for each Alternate Product Class its Alternate Tranche, and the
 *   remaining 20% of all of them the Commingled Tranche (each member's part: 80% of its
 *   contribution for the class, rounded half-even to the cent; the rest is commingled);
 * - each Loss (after the defaulter's collateral and the CME Contribution) is met first by its
 *   own class's tranche (802.B.4.ii), then by the Commingled Tranche, in the order the Losses
 *   are given, i.e. finalized (802.B.4.iii);
 * - what then remains of the other classes' tranches is applied to the remaining Losses "pro
 *   rata relative to the size of the remaining losses" (802.B.4.v); "ultimately the entire Base
 *   Guaranty Fund will be available … regardless of Base Guaranty Fund Product Class" (802.A).
 * Within a tranche, members bear a Loss pro rata to their remaining part (apportionMonotone).
 * The incentive ordering of 802.B.1.ii (subordinated, maintained, seniorized) applies inside
 * the Base waterfall (runBaseWaterfall); this function shows the tranche priority only.
 */
import { D, type Dec, ZERO, min, allocateProRata, toCents } from "../money";
import { RiskError } from "../errors";
import { list, money, text, unique } from "../calendar/checks";
import { apportionMonotone } from "./apportion";

type Amount = Dec | string;

export interface TrancheMember {
  readonly id: string;
  /** Guaranty fund contributed per product class ("base" and alternate classes). */
  readonly contributions: Readonly<Record<string, Amount>>;
}

export interface TrancheLoss {
  readonly productClass: string;
  readonly amount: Amount;
}

export interface TrancheInput {
  readonly members: readonly TrancheMember[];
  readonly losses: readonly TrancheLoss[];
  /** Share of each class's contributions forming its own tranche (default 0.8). */
  readonly ownTrancheShare?: Amount;
}

export interface TrancheSummary {
  readonly tranche: string;
  readonly size: Dec;
  readonly used: Dec;
  readonly remaining: Dec;
}

export interface TrancheLossResult {
  readonly productClass: string;
  readonly amount: Dec;
  readonly fromOwnTranche: Dec;
  readonly fromCommingled: Dec;
  readonly fromOtherTranches: Dec;
  readonly uncovered: Dec;
}

export interface TrancheResult {
  readonly tranches: readonly TrancheSummary[];
  readonly losses: readonly TrancheLossResult[];
  readonly members: readonly { readonly id: string; readonly used: Readonly<Record<string, Dec>>; readonly total: Dec }[];
  readonly uncovered: Dec;
}

export const COMMINGLED = "commingled";

/** Allocate Losses of several product classes over the tranches (see module comment). */
export function allocateTrancheLosses(input: TrancheInput): TrancheResult {
  const members = list(input.members, "members", 1);
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  const share = input.ownTrancheShare === undefined ? new D("0.8") : money(input.ownTrancheShare, "ownTrancheShare");
  if (share.greaterThan(1)) throw new RiskError("OUT_OF_RANGE", "ownTrancheShare", "ownTrancheShare must be between 0 and 1");
  const classes: string[] = [];
  // remaining[tranche][member]
  const remaining = new Map<string, Dec[]>();
  const size = new Map<string, Dec>();
  const ensure = (t: string): Dec[] => {
    let r = remaining.get(t);
    if (!r) {
      r = members.map(() => ZERO);
      remaining.set(t, r);
      size.set(t, ZERO);
    }
    return r;
  };
  ensure(COMMINGLED);
  members.forEach((m, i) => {
    text(m.id, `members[${i}].id`);
    if (!m.contributions || typeof m.contributions !== "object") throw new RiskError("REQUIRED", `members[${i}].contributions`, "contributions are required");
    for (const [cls, amt] of Object.entries(m.contributions)) {
      if (cls === COMMINGLED) throw new RiskError("INVALID_INPUT", `members[${i}].contributions.${cls}`, `"${COMMINGLED}" is not a product class`);
      const c = money(amt, `members[${i}].contributions.${cls}`, { cents: true });
      if (!classes.includes(cls)) classes.push(cls);
      const own = toCents(c.times(share));
      ensure(cls)[i] = ensure(cls)[i]!.plus(own);
      ensure(COMMINGLED)[i] = ensure(COMMINGLED)[i]!.plus(c.minus(own));
      size.set(cls, size.get(cls)!.plus(own));
      size.set(COMMINGLED, size.get(COMMINGLED)!.plus(c.minus(own)));
    }
  });
  const usedBy = members.map(() => new Map<string, Dec>());
  const take = (t: string, amount: Dec): Dec => {
    const rem = remaining.get(t);
    if (!rem) return ZERO;
    const cap = rem.reduce((s, x) => s.plus(x), ZERO);
    const applied = min(amount, cap);
    apportionMonotone(applied, rem.map((w, i) => ({ key: i, weight: w }))).forEach((sh) => {
      rem[sh.key] = rem[sh.key]!.minus(sh.amount);
      usedBy[sh.key]!.set(t, (usedBy[sh.key]!.get(t) ?? ZERO).plus(sh.amount));
    });
    return applied;
  };
  const losses = list(input.losses, "losses", 1).map((l, i) => {
    const productClass = text(l.productClass, `losses[${i}].productClass`);
    if (!classes.includes(productClass)) throw new RiskError("UNKNOWN_REFERENCE", `losses[${i}].productClass`, `no member contributes for product class "${productClass}"`);
    const amount = money(l.amount, `losses[${i}].amount`, { cents: true });
    const fromOwnTranche = take(productClass, amount);
    const fromCommingled = take(COMMINGLED, amount.minus(fromOwnTranche));
    return { productClass, amount, fromOwnTranche, fromCommingled, fromOtherTranches: ZERO, open: amount.minus(fromOwnTranche).minus(fromCommingled) };
  });
  // 802.B.4.v: the remaining tranche funds, pro rata to the remaining losses.
  const openTotal = losses.reduce((s, l) => s.plus(l.open), ZERO);
  const fundsLeft = classes.reduce((s, c) => s.plus(remaining.get(c)!.reduce((a, x) => a.plus(x), ZERO)), ZERO);
  const pool = min(openTotal, fundsLeft);
  if (!pool.isZero()) {
    const perLoss = allocateProRata(pool, losses.map((l, i) => ({ key: i, weight: l.open })));
    for (const pl of perLoss) {
      let need = pl.amount;
      // across the other tranches, pro rata to what remains of each
      const others = classes.filter((c) => c !== losses[pl.key]!.productClass);
      const sizes = others.map((c) => ({ key: c, weight: remaining.get(c)!.reduce((a, x) => a.plus(x), ZERO) }));
      const totalOthers = sizes.reduce((s, x) => s.plus(x.weight), ZERO);
      const draw = min(need, totalOthers);
      if (!draw.isZero()) for (const part of apportionMonotone(draw, sizes)) need = need.minus(take(part.key, part.amount));
      losses[pl.key]!.fromOtherTranches = pl.amount.minus(need);
      losses[pl.key]!.open = losses[pl.key]!.open.minus(pl.amount.minus(need));
    }
  }
  const tranches = [...classes, COMMINGLED].map((t) => {
    const sz = size.get(t)!;
    const rem = remaining.get(t)!.reduce((a, x) => a.plus(x), ZERO);
    return { tranche: t, size: sz, used: sz.minus(rem), remaining: rem };
  });
  const lossResults = losses.map((l) => ({ productClass: l.productClass, amount: l.amount, fromOwnTranche: l.fromOwnTranche, fromCommingled: l.fromCommingled, fromOtherTranches: l.fromOtherTranches, uncovered: l.open }));
  return {
    tranches,
    losses: lossResults,
    members: members.map((m, i) => {
      const used: Record<string, Dec> = {};
      let total = ZERO;
      for (const [t, a] of usedBy[i]!) {
        used[t] = a;
        total = total.plus(a);
      }
      return { id: m.id, used, total };
    }),
    uncovered: lossResults.reduce((s, l) => s.plus(l.uncovered), ZERO),
  };
}
