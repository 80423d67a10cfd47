import "server-only";
/**
 * The figures default management reads from the rest of the portal: a portfolio's SPAN
 * performance bond under the latest risk parameters, each member's proprietary footprint in a
 * Base Product Category (Rule 914), its guaranty fund requirement and contribution (Rule 816),
 * and a defaulter's collateral by account class (Rule 802.A.2, 802.G).
 */
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { computeSpanRequirement, type SpanRequirement } from "@/lib/risk";
import { compiledParameters } from "@/lib/server/margin/cycle";
import { productCodeOf } from "@/lib/server/margin/contracts";
import { balanceOf, currentRequirement } from "@/lib/server/guaranty-fund/notices";
import { settingsOf } from "@/lib/server/settings/read";

export interface PortfolioPosition {
  readonly account: string;
  readonly contract: string;
  readonly quantity: string;
}

/** The contracts of `positions` whose product ("EXCH:CODE") is one of `productCodes`. */
export function inCategory<T extends { contract: string }>(positions: readonly T[], productCodes: readonly string[]): T[] {
  const codes = new Set(productCodes);
  return positions.filter((p) => codes.has(productCodeOf(p.contract)));
}

/** SPAN maintenance performance bond of a set of positions under the latest risk parameters (SPEC §5). */
export async function spanOf(tx: Tx, positions: readonly { contract: string; quantity: string | number | bigint }[]): Promise<{ requirement: SpanRequirement | null; businessDate: string | null }> {
  const set = await tx.riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  if (!set) return { requirement: null, businessDate: null };
  // Net by contract: a portfolio of several accounts is margined as one.
  const net = new Map<string, bigint>();
  for (const p of positions) net.set(p.contract, (net.get(p.contract) ?? 0n) + BigInt(p.quantity));
  const list = [...net].filter(([, q]) => q !== 0n).map(([contract, q]) => ({ contract, quantity: q }));
  const businessDate = set.businessDate.toISOString().slice(0, 10);
  if (list.length === 0) return { requirement: null, businessDate };
  const { params } = compiledParameters(set.id, set.parameters);
  const initialBuffer = await settingsOf(tx).percentFraction("margin.initialBufferPercent");
  return { requirement: computeSpanRequirement({ parameters: params, positions: list, initialBuffer }), businessDate };
}

/** A firm's proprietary (house) positions, optionally limited to a category's products. */
export async function housePositions(tx: Tx, firmId: string, productCodes?: readonly string[]): Promise<PortfolioPosition[]> {
  const accounts = await tx.marginAccount.findMany({ where: { firmId, origin: "HOUSE" }, include: { positions: { orderBy: { contract: "asc" } } } });
  const all = accounts.flatMap((a) => a.positions.filter((p) => p.quantity !== 0n).map((p) => ({ account: a.accountNumber, contract: p.contract, quantity: p.quantity.toString() })));
  return productCodes ? inCategory(all, productCodes) : all;
}

export interface CategoryFootprint {
  readonly firmId: string;
  /** Rule 914: open interest in the category in the proprietary account in the preceding six months. */
  readonly openInterestLastSixMonths: boolean;
  readonly proprietaryPerformanceBond: string;
  /** Contracts traded in the proprietary account in the category over the six months (intraday volume). */
  readonly proprietaryIntradayVolume: string;
  readonly evidence: string;
}

const SIX_MONTHS_MS = 183 * 24 * 3600 * 1000;

/**
 * Each active member's proprietary footprint in a category (Rule 914): current house positions
 * and house trades of the last six months in the category's products, and the SPAN performance
 * bond of those positions.
 */
export async function categoryFootprints(tx: Tx, productCodes: readonly string[], now = new Date()): Promise<CategoryFootprint[]> {
  const firms = await tx.firm.findMany({ where: { status: "ACTIVE" }, orderBy: { code: "asc" } });
  const since = new Date(now.getTime() - SIX_MONTHS_MS);
  const out: CategoryFootprint[] = [];
  for (const f of firms) {
    const positions = await housePositions(tx, f.id, productCodes);
    const trades = inCategory(
      await tx.trade.findMany({ where: { account: { firmId: f.id, origin: "HOUSE" }, createdAt: { gte: since } }, select: { contract: true, quantity: true } }),
      productCodes,
    );
    const volume = trades.reduce((s, t) => s + (t.quantity < 0n ? -t.quantity : t.quantity), 0n);
    const span = await spanOf(tx, positions);
    out.push({
      firmId: f.id,
      openInterestLastSixMonths: positions.length > 0 || trades.length > 0,
      proprietaryPerformanceBond: span.requirement ? span.requirement.maintenance.toFixed(2) : "0.00",
      proprietaryIntradayVolume: volume.toString(),
      evidence: `${positions.length} open house position(s) and ${trades.length} house trade(s) since ${since.toISOString().slice(0, 10)} in ${productCodes.join(", ")}`,
    });
  }
  return out;
}

export interface GfFigures {
  readonly requirement: Prisma.Decimal;
  readonly contribution: Prisma.Decimal;
}

/** A member's guaranty fund requirement (latest issued notice; 0 without one) and contribution on deposit. */
export async function gfFigures(tx: Tx, firmId: string): Promise<GfFigures> {
  const [requirement, contribution] = await Promise.all([currentRequirement(tx, firmId), balanceOf(tx, firmId)]);
  return { requirement: requirement ?? new Prisma.Decimal(0), contribution: Prisma.Decimal.max(0, contribution) };
}

/**
 * The defaulter's collateral from its latest margin statements (Rule 802.A.2, 802.G): the
 * collateral value of its house accounts, and per customer class the collateral value and the
 * performance bond requirement (the 802.G.6 weights).
 */
export async function defaulterCollateral(tx: Tx, firmId: string) {
  const cycle = await tx.marginCycle.findFirst({ where: { status: "COMPLETED", statements: { some: { firmId } } }, orderBy: { startedAt: "desc" } });
  const rows = cycle ? await tx.marginStatement.groupBy({ by: ["origin"], where: { cycleId: cycle.id, firmId }, _sum: { collateralValue: true, maintenance: true } }) : [];
  const by = (origin: string) => rows.find((r) => r.origin === origin);
  const value = (origin: string) => (by(origin)?._sum.collateralValue ?? new Prisma.Decimal(0)).toFixed(2);
  const requirement = (origin: string) => (by(origin)?._sum.maintenance ?? new Prisma.Decimal(0)).toFixed(2);
  const gf = await gfFigures(tx, firmId);
  return {
    cycle: cycle ? { id: cycle.id, businessDate: cycle.businessDate.toISOString().slice(0, 10), kind: cycle.kind, number: cycle.number } : null,
    guarantyFund: gf.contribution.toFixed(2),
    gfRequirement: gf.requirement.toFixed(2),
    housePerformanceBond: value("HOUSE"),
    customer: { customerSegregated: value("CUSTOMER_SEGREGATED"), customerSecured: value("SECURED_30_7"), customerClearedSwaps: value("CLEARED_SWAPS") },
    customerPerformanceBondRequirements: { customerSegregated: requirement("CUSTOMER_SEGREGATED"), customerSecured: requirement("SECURED_30_7"), customerClearedSwaps: requirement("CLEARED_SWAPS") },
  };
}
