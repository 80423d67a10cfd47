import "server-only";
/**
 * The Rule 802.B.1 waterfall's input from today's figures, and its result as stored and shown.
 */
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { type AuctionClassification, combineAuctionOutcomes, type WaterfallInput, type WaterfallResult } from "@/lib/risk";
import { defaulterCollateral, gfFigures } from "./figures";
import { refuse } from "./internal";
import { readJson } from "@/lib/shared/json-column";
import { waterfallResultColumn, type WaterfallJson } from "./columns";

export interface LossInput {
  readonly house: string;
  readonly customerSegregated: string;
  readonly customerSecured: string;
  readonly customerClearedSwaps: string;
  readonly otherAssets: string;
}

/** The waterfall input for a default from today's figures (members' GF, the defaulter's collateral, the auctions' outcomes). */
export async function waterfallInput(tx: Tx, memberDefault: { id: string; firmId: string; coolingOffStart: Date; coolingOffEnd: Date }, loss: LossInput, reclassified: readonly AuctionClassification[]) {
  const members = await tx.firm.findMany({ where: { status: { in: ["ACTIVE", "SUSPENDED"] }, NOT: { id: memberDefault.firmId } }, orderBy: { code: "asc" } });
  const memberIds = new Set(members.map((m) => m.id));
  const figures = new Map<string, Awaited<ReturnType<typeof gfFigures>>>();
  for (const m of members) figures.set(m.id, await gfFigures(tx, m.id));
  const combined = refuse(() =>
    combineAuctionOutcomes({
      members: members.map((m) => ({ id: m.id, gfRequirement: figures.get(m.id)!.requirement.toFixed(2), gfContribution: figures.get(m.id)!.contribution.toFixed(2) })),
      auctions: reclassified.map((a) => ({ ...a, participants: a.participants.filter((p) => memberIds.has(p.memberId)) })),
    }),
  );
  const incentives = new Map(combined.members.map((m) => [m.id, m]));
  // What each member was already assessed in this cooling-off period (802.H: 550% over the period).
  const assessed = await tx.gfNotice.groupBy({ by: ["firmId"], where: { kind: "ASSESSMENT", noticeDate: { gte: memberDefault.coolingOffStart, lte: memberDefault.coolingOffEnd } }, _sum: { amountDue: true } });
  const assessedOf = new Map(assessed.map((a) => [a.firmId, a._sum.amountDue ?? new Prisma.Decimal(0)]));
  // The CME Contribution already used by other defaults of the period (802.H).
  const others = await tx.defaultWaterfall.findMany({ where: { memberDefault: { coolingOffStart: memberDefault.coolingOffStart, NOT: { id: memberDefault.id } } } });
  let cmeUsed = new Prisma.Decimal(0);
  for (const w of others) {
    const layer = readJson(waterfallResultColumn, w.result, "default_waterfall.result").layers.find((l) => l.id === "cme-contribution");
    if (layer) cmeUsed = cmeUsed.plus(layer.applied);
  }
  const collateral = await defaulterCollateral(tx, memberDefault.firmId);
  const input: WaterfallInput = {
    defaulterId: memberDefault.firmId,
    loss: { house: loss.house, customerSegregated: loss.customerSegregated, customerSecured: loss.customerSecured, customerClearedSwaps: loss.customerClearedSwaps },
    defaulterCollateral: {
      guarantyFund: collateral.guarantyFund,
      housePerformanceBond: collateral.housePerformanceBond,
      otherAssets: loss.otherAssets,
      customer: collateral.customer,
      customerPerformanceBondRequirements: collateral.customerPerformanceBondRequirements,
    },
    cmeContribution: { usedInCoolingOffPeriod: cmeUsed.toFixed(2) },
    members: members.map((m) => {
      const f = figures.get(m.id)!;
      const inc = incentives.get(m.id)!;
      return {
        id: m.id,
        gfRequirement: f.requirement.toFixed(2),
        gfContribution: f.contribution.toFixed(2),
        seniorized: inc.seniorized.toFixed(2),
        subordinated: inc.subordinated.toFixed(2),
        assessedInPeriod: (assessedOf.get(m.id) ?? new Prisma.Decimal(0)).toFixed(2),
      };
    }),
  };
  return { input, members, combined, collateral };
}

/** A layer's totals as strings (the report and the simulator). */
export function layerJson(l: WaterfallResult["layers"][number]) {
  return { id: l.id, rule: l.rule, description: l.description, capacity: l.capacity.toFixed(2), applied: l.applied.toFixed(2), remainingLoss: l.remainingLoss.toFixed(2) };
}

export function waterfallJson(r: WaterfallResult, codes: ReadonlyMap<string, string>): WaterfallJson {
  return {
    loss: r.loss.toFixed(2),
    covered: r.covered.toFixed(2),
    uncovered: r.uncovered.toFixed(2),
    nextSteps: [...r.nextSteps],
    defaulterCollateral: {
      applied: r.defaulterCollateral.applied.toFixed(2),
      accountClasses: r.defaulterCollateral.accountClasses.map((c) => ({ accountClass: c.accountClass, loss: c.loss.toFixed(2), fromCustomerCollateral: c.fromCustomerCollateral.toFixed(2), fromHouseAssets: c.fromHouseAssets.toFixed(2), residual: c.residual.toFixed(2) })),
      houseAssets: r.defaulterCollateral.houseAssets.map((h) => ({ source: h.source, available: h.available.toFixed(2), applied: h.applied.toFixed(2) })),
    },
    layers: r.layers.map((l) => ({
      ...layerJson(l),
      shares: l.shares.map((s) => ({ firmId: s.memberId, firmCode: codes.get(s.memberId), capacity: s.capacity.toFixed(2), amount: s.amount.toFixed(2) })),
    })),
    members: r.members.map((m) => ({
      firmId: m.id,
      firmCode: codes.get(m.id),
      subordinatedUsed: m.subordinatedUsed.toFixed(2),
      maintainedUsed: m.maintainedUsed.toFixed(2),
      seniorizedUsed: m.seniorizedUsed.toFixed(2),
      alternateTrancheUsed: m.alternateTrancheUsed.toFixed(2),
      guarantyFundUsed: m.guarantyFundUsed.toFixed(2),
      assessed: m.assessed.toFixed(2),
      assessmentCapacity: m.assessmentCapacity.toFixed(2),
      totalCharge: m.totalCharge.toFixed(2),
    })),
  };
}

export type { WaterfallJson };
