/**
 * The financial safeguards waterfall for a Loss limited to the Base product class
 * (Rule 802.B.1 as amended, seed 003 Exhibit A; 802.A.2, 802.G, 802.H; SPEC §7):
 *  1. the defaulter's collateral (802.A.2): its Base guaranty fund contribution, its
 *     performance bond for Base products and its other assets, by account class: customer
 *     collateral of one class covers only that class's loss (802.G: never a house loss, nor
 *     another customer class's); the house assets cover the house loss first and what
 *     remains goes to the customer classes' residual losses pro rata to their performance
 *     bond requirements (802.G.6);
 *  2. the CME Contribution, $100,000,000, at most $100,000,000 over a cooling-off period
 *     (802.H; input: the amount already used in the period);
 *  3. the non-defaulting members' Base guaranty fund (802.B.1.ii): (a) the subordinated
 *     amounts pro rata; (b) the remaining fund of all members excluding the winning bidders'
 *     seniorized amounts, pro rata; (c) the seniorized amounts pro rata; then the Alternate
 *     Tranche (802.B.1.iv), pro rata to each member's alternate-tranche contribution;
 *  4. assessments (802.B.1.v), pro rata to each member's remaining assessment authority,
 *     each capped at 275% of its GF requirement for this default and 550% over the
 *     cooling-off period (input: what was already assessed).
 * What remains is reported as uncovered; the next steps, gains haircuts (802.B.7) and
 * tear-ups (802.B.8), are named but not computed.
 *
 * All amounts are whole cents. Every layer is split member by member with
 * apportionMonotone, so the shares of a layer sum to the layer exactly and raising the loss
 * never lowers a member's charge.
 */
import { D, type Dec, ZERO, min, max, formatUsd, plus, sumExact } from "../money";
import { RiskError } from "../errors";
import { list, money, optionalMoney, text, unique } from "../calendar/checks";
import { allocateProRata } from "../money";
import { assessmentCapacity } from "../guaranty-fund/assessment-capacity";
import { apportionMonotone } from "./apportion";

type Amount = Dec | string;

export const CUSTOMER_CLASSES = ["customerSegregated", "customerSecured", "customerClearedSwaps"] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];
export type AccountClass = "house" | CustomerClass;

export const CME_CONTRIBUTION = new D("100000000");

export interface LossByAccountClass {
  readonly house: Amount;
  readonly customerSegregated?: Amount;
  readonly customerSecured?: Amount;
  readonly customerClearedSwaps?: Amount;
}

export interface DefaulterCollateral {
  /** The defaulter's Base guaranty fund contribution. */
  readonly guarantyFund: Amount;
  /** Its house (proprietary) performance bond for Base products. */
  readonly housePerformanceBond: Amount;
  /** Other assets available to the clearing house (memberships, shares …). */
  readonly otherAssets?: Amount;
  /** Customer collateral by class (usable only for that class's loss). */
  readonly customer?: { readonly [K in CustomerClass]?: Amount };
  /** Customer performance bond requirements of the cycle before the default (802.G.6 weights). */
  readonly customerPerformanceBondRequirements?: { readonly [K in CustomerClass]?: Amount };
}

export interface WaterfallMember {
  readonly id: string;
  readonly gfRequirement: Amount;
  /** Base GF contribution (default: the requirement). */
  readonly gfContribution?: Amount;
  /** From the auctions of this default (combineAuctionOutcomes); default 0. */
  readonly seniorized?: Amount;
  readonly subordinated?: Amount;
  /** Contribution to Alternate Tranches (802.B.1.iv); default 0. */
  readonly alternateTrancheContribution?: Amount;
  readonly assessedThisDefault?: Amount;
  readonly assessedInPeriod?: Amount;
  readonly gfRequirementAtPeriodStart?: Amount;
}

export interface WaterfallInput {
  readonly defaulterId: string;
  readonly loss: LossByAccountClass;
  readonly defaulterCollateral: DefaulterCollateral;
  readonly cmeContribution?: { readonly amount?: Amount; readonly usedInCoolingOffPeriod?: Amount };
  readonly members: readonly WaterfallMember[];
  readonly settings?: { readonly assessmentPerDefaultPercent?: Amount; readonly assessmentPeriodPercent?: Amount };
}

export interface LayerShare {
  readonly memberId: string;
  /** What the member could bear in the layer. */
  readonly capacity: Dec;
  readonly amount: Dec;
}

export type LayerId = "defaulter-collateral" | "cme-contribution" | "gf-subordinated" | "gf-maintained" | "gf-seniorized" | "alternate-tranche" | "assessments";

export interface WaterfallLayer {
  readonly id: LayerId;
  readonly rule: string;
  readonly description: string;
  readonly capacity: Dec;
  readonly applied: Dec;
  readonly remainingLoss: Dec;
  /** Member by member (mutualized layers); sums to `applied`. */
  readonly shares: readonly LayerShare[];
}

export interface DefaulterCollateralUse {
  readonly accountClasses: readonly {
    readonly accountClass: AccountClass;
    readonly loss: Dec;
    readonly fromCustomerCollateral: Dec;
    readonly fromHouseAssets: Dec;
    readonly residual: Dec;
  }[];
  readonly houseAssets: readonly { readonly source: "guaranty-fund" | "house-performance-bond" | "other-assets"; readonly available: Dec; readonly applied: Dec }[];
  readonly applied: Dec;
}

export interface WaterfallMemberResult {
  readonly id: string;
  readonly subordinatedUsed: Dec;
  readonly maintainedUsed: Dec;
  readonly seniorizedUsed: Dec;
  readonly alternateTrancheUsed: Dec;
  /** Guaranty fund used (a + b + c + alternate tranche): to be restored next business day (802.F). */
  readonly guarantyFundUsed: Dec;
  readonly assessed: Dec;
  readonly assessmentCapacity: Dec;
  readonly totalCharge: Dec;
}

export interface WaterfallResult {
  readonly loss: Dec;
  readonly defaulterCollateral: DefaulterCollateralUse;
  readonly layers: readonly WaterfallLayer[];
  readonly members: readonly WaterfallMemberResult[];
  readonly covered: Dec;
  readonly uncovered: Dec;
  readonly nextSteps: readonly string[];
}

const CENTS = { cents: true } as const;

function applyDefaulterCollateral(input: WaterfallInput): DefaulterCollateralUse {
  const c = input.defaulterCollateral;
  if (!c || typeof c !== "object") throw new RiskError("REQUIRED", "defaulterCollateral", "defaulterCollateral is required");
  const l = input.loss;
  if (!l || typeof l !== "object") throw new RiskError("REQUIRED", "loss", "loss is required");
  const houseLoss = money(l.house, "loss.house", CENTS);
  const sources = [
    { source: "guaranty-fund" as const, available: money(c.guarantyFund, "defaulterCollateral.guarantyFund", CENTS), applied: ZERO },
    { source: "house-performance-bond" as const, available: money(c.housePerformanceBond, "defaulterCollateral.housePerformanceBond", CENTS), applied: ZERO },
    { source: "other-assets" as const, available: optionalMoney(c.otherAssets, "defaulterCollateral.otherAssets", ZERO, CENTS), applied: ZERO },
  ];
  const draw = (amount: Dec): Dec => {
    let need = amount;
    for (const s of sources) {
      const take = min(need, s.available.minus(s.applied));
      s.applied = s.applied.plus(take);
      need = need.minus(take);
    }
    return amount.minus(need);
  };
  const houseCovered = draw(houseLoss);
  const customer = CUSTOMER_CLASSES.map((k) => {
    const loss = optionalMoney(l[k], `loss.${k}`, ZERO, CENTS);
    const coll = optionalMoney(c.customer?.[k], `defaulterCollateral.customer.${k}`, ZERO, CENTS);
    const fromCustomer = min(loss, coll);
    const weight = optionalMoney(c.customerPerformanceBondRequirements?.[k], `defaulterCollateral.customerPerformanceBondRequirements.${k}`, ZERO);
    return { k, loss, fromCustomer, weight, fromHouse: ZERO };
  });
  // 802.G.6: house assets left after the house loss go to the customer classes' residuals,
  // pro rata to their performance bond requirements (residuals if none given), capped.
  let avail = min(
    sources.reduce((s, x) => s.plus(x.available.minus(x.applied)), ZERO),
    customer.reduce((s, x) => s.plus(x.loss.minus(x.fromCustomer)), ZERO),
  );
  draw(avail);
  while (avail.isPositive() && !avail.isZero()) {
    const open = customer.filter((x) => x.loss.minus(x.fromCustomer).minus(x.fromHouse).isPositive() && !x.loss.minus(x.fromCustomer).minus(x.fromHouse).isZero());
    const useReq = open.some((x) => !x.weight.isZero());
    const shares = allocateProRata(
      avail,
      open.map((x) => ({ key: x, weight: useReq ? x.weight : x.loss.minus(x.fromCustomer).minus(x.fromHouse) })),
    );
    let over = ZERO;
    for (const s of shares) {
      const room = s.key.loss.minus(s.key.fromCustomer).minus(s.key.fromHouse);
      const give = min(room, s.amount);
      s.key.fromHouse = s.key.fromHouse.plus(give);
      over = over.plus(s.amount.minus(give));
    }
    if (over.eq(avail)) break; // cannot happen: some open class always has weight
    avail = over;
  }
  const accountClasses = [
    { accountClass: "house" as AccountClass, loss: houseLoss, fromCustomerCollateral: ZERO, fromHouseAssets: houseCovered, residual: houseLoss.minus(houseCovered) },
    ...customer.map((x) => ({ accountClass: x.k as AccountClass, loss: x.loss, fromCustomerCollateral: x.fromCustomer, fromHouseAssets: x.fromHouse, residual: x.loss.minus(x.fromCustomer).minus(x.fromHouse) })),
  ];
  const applied = accountClasses.reduce((s, x) => s.plus(x.fromCustomerCollateral).plus(x.fromHouseAssets), ZERO);
  return { accountClasses, houseAssets: sources.map((s) => ({ source: s.source, available: s.available, applied: s.applied })), applied };
}

/** Run the Base waterfall (see module comment). */
export function runBaseWaterfall(input: WaterfallInput): WaterfallResult {
  const defaulterId = text(input.defaulterId, "defaulterId");
  const members = list(input.members, "members");
  unique(members, (m) => m.id, (i) => `members[${i}].id`);
  const s = input.settings ?? {};
  const rows = members.map((m, i) => {
    const f = `members[${i}]`;
    text(m.id, `${f}.id`);
    if (m.id === defaulterId) throw new RiskError("INCONSISTENT", `${f}.id`, "the defaulter is not a non-defaulting member");
    const req = money(m.gfRequirement, `${f}.gfRequirement`, CENTS);
    const contribution = optionalMoney(m.gfContribution, `${f}.gfContribution`, req, CENTS);
    const sen = optionalMoney(m.seniorized, `${f}.seniorized`, ZERO, CENTS);
    const sub = optionalMoney(m.subordinated, `${f}.subordinated`, ZERO, CENTS);
    if (sen.plus(sub).greaterThan(contribution)) throw new RiskError("INCONSISTENT", `${f}.subordinated`, `${f}: seniorized plus subordinated exceed the contribution`);
    const alt = optionalMoney(m.alternateTrancheContribution, `${f}.alternateTrancheContribution`, ZERO, CENTS);
    const cap = assessmentCapacity(
      {
        gfRequirement: req,
        gfRequirementAtPeriodStart: m.gfRequirementAtPeriodStart,
        assessedThisDefault: m.assessedThisDefault,
        assessedInPeriod: m.assessedInPeriod,
        perDefaultPercent: s.assessmentPerDefaultPercent,
        periodPercent: s.assessmentPeriodPercent,
      },
      f,
    );
    return { id: m.id, sub, sen, main: contribution.minus(sen).minus(sub), alt, capacity: cap.capacity };
  });

  const collateral = applyDefaulterCollateral(input);
  const loss = collateral.accountClasses.reduce((t, x) => t.plus(x.loss), ZERO);
  let remaining = loss.minus(collateral.applied);
  const layers: WaterfallLayer[] = [
    {
      id: "defaulter-collateral",
      rule: "Rule 802.A.2, 802.G",
      description: "Defaulter's guaranty fund contribution, Base performance bond and other assets, by account class",
      capacity: collateral.houseAssets.reduce((t, x) => t.plus(x.available), ZERO).plus(collateral.accountClasses.reduce((t, x) => t.plus(x.fromCustomerCollateral), ZERO)),
      applied: collateral.applied,
      remainingLoss: remaining,
      shares: [],
    },
  ];

  const cme = input.cmeContribution ?? {};
  const cmeAmount = optionalMoney(cme.amount, "cmeContribution.amount", CME_CONTRIBUTION, CENTS);
  const cmeUsed = optionalMoney(cme.usedInCoolingOffPeriod, "cmeContribution.usedInCoolingOffPeriod", ZERO, CENTS);
  const cmeAvailable = max(ZERO, cmeAmount.minus(cmeUsed));
  const cmeApplied = min(remaining, cmeAvailable);
  remaining = remaining.minus(cmeApplied);
  layers.push({ id: "cme-contribution", rule: "Rule 802.B.1.i, 802.H", description: `CME Contribution (${formatUsd(cmeAmount)} per cooling-off period, ${formatUsd(cmeUsed)} already used)`, capacity: cmeAvailable, applied: cmeApplied, remainingLoss: remaining, shares: [] });

  const used = rows.map(() => ({ sub: ZERO, main: ZERO, sen: ZERO, alt: ZERO, assessed: ZERO }));
  const mutualLayer = (id: LayerId, rule: string, description: string, weightOf: (r: (typeof rows)[number]) => Dec, record: (i: number, a: Dec) => void): void => {
    const weights = rows.map((r, i) => ({ key: i, weight: weightOf(r) }));
    const capacity = sumExact(weights.map((w) => w.weight));
    const applied = min(remaining, capacity);
    const shares = apportionMonotone(applied, weights);
    remaining = remaining.minus(applied);
    shares.forEach((sh) => record(sh.key, sh.amount));
    layers.push({ id, rule, description, capacity, applied, remainingLoss: remaining, shares: shares.map((sh) => ({ memberId: rows[sh.key]!.id, capacity: weights[sh.key]!.weight, amount: sh.amount })) });
  };
  mutualLayer("gf-subordinated", "Rule 802.B.1.ii.a", "Subordinated amounts of subordinated bidders, pro rata", (r) => r.sub, (i, a) => (used[i]!.sub = a));
  mutualLayer("gf-maintained", "Rule 802.B.1.ii.b", "Remaining guaranty fund of all members, excluding winning bidders' seniorized amounts, pro rata", (r) => r.main, (i, a) => (used[i]!.main = a));
  mutualLayer("gf-seniorized", "Rule 802.B.1.ii.c", "Seniorized amounts of winning bidders, pro rata", (r) => r.sen, (i, a) => (used[i]!.sen = a));
  mutualLayer("alternate-tranche", "Rule 802.B.1.iv", "The Alternate Tranche(s), pro rata", (r) => r.alt, (i, a) => (used[i]!.alt = a));
  mutualLayer("assessments", "Rule 802.B.1.v", "Assessments pro rata to remaining assessment authority (275% per default, 550% per cooling-off period)", (r) => r.capacity, (i, a) => (used[i]!.assessed = a));

  const out = rows.map((r, i) => {
    const u = used[i]!;
    const gf = plus(plus(plus(u.sub, u.main), u.sen), u.alt);
    return { id: r.id, subordinatedUsed: u.sub, maintainedUsed: u.main, seniorizedUsed: u.sen, alternateTrancheUsed: u.alt, guarantyFundUsed: gf, assessed: u.assessed, assessmentCapacity: r.capacity, totalCharge: plus(gf, u.assessed) };
  });
  const nextSteps = remaining.isZero()
    ? []
    : [
        "Rule 802.B.7: Base gains haircuts on collects for settlement cycles of up to 3 business days (not computed here)",
        "Rule 802.B.8: Base partial or full tear-ups of remaining open positions (not computed here)",
      ];
  return { loss, defaulterCollateral: collateral, layers, members: out, covered: loss.minus(remaining), uncovered: remaining, nextSteps };
}
