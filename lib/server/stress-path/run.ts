import "server-only";
/**
 * The member's stress-path run: its own account's positions, collateral and Rule 824 charges,
 * today's risk parameters and settlement prices, carried through a published path or the
 * member's uploaded CSV by the risk core (computeStressPath). Runs in one read-only
 * transaction (SET TRANSACTION READ ONLY, repeatable read) and stores nothing.
 */
import { computeStressPath, RiskError, valueCollateral, type CollateralType, type StressContractInput } from "@/lib/risk";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/server/action";
import { settingsOf } from "@/lib/server/settings/read";
import { compiledParameters, trimPrice } from "@/lib/server/margin/cycle";
import { inputRefused, productFor, productIndex } from "@/lib/server/margin/load";
import { chargesFor } from "@/lib/server/margin/statement";
import { stressPathFromCsv, StressPathCsvError, type ParsedStressPath, type StoredMove } from "./csv";

export interface StressRunInput {
  readonly accountId: string;
  readonly pathId?: string;
  readonly csv?: string;
}

export interface StressRunDay {
  readonly day: number;
  readonly variation: string;
  readonly cumulativeVariation: string;
  readonly maintenance: string;
  readonly initial: string;
  readonly collateral: string;
  readonly call: string;
  readonly liquidityNeed: string;
  readonly multipliers: Readonly<Record<string, string>>;
}

export interface StressRunResult {
  readonly account: { readonly accountNumber: string; readonly origin: string };
  readonly path: { readonly name: string; readonly days: number; readonly source: "published" | "upload" };
  readonly businessDate: string;
  readonly currency: string;
  readonly days: readonly StressRunDay[];
  readonly responsiveness: { readonly ratio: string | null; readonly peakMaintenance: string; readonly peakDay: number; readonly largestIncrease: string; readonly largestIncreaseDay: number | null };
  readonly peakLiquidityNeed: string;
  readonly peakLiquidityNeedDay: number;
  /** Products the path moves that the portfolio does not hold (shown, not an error). */
  readonly unusedProducts: readonly string[];
}

/** A published path by id (a draft or withdrawn one is not offered to members). */
async function publishedPath(tx: Tx, pathId: string): Promise<{ name: string } & ParsedStressPath> {
  const row = await tx.stressPath.findFirst({ where: { id: pathId, status: "PUBLISHED" } });
  if (!row) throw inputRefused("not a published stress path", "pathId");
  return { name: row.name, days: row.days, moves: row.moves as unknown as StoredMove[] };
}

/** Runs the path on the firm's account inside the caller's (read-only) transaction. */
export async function stressRunIn(tx: Tx, firmId: string, input: StressRunInput): Promise<StressRunResult> {
  const account = await tx.marginAccount.findFirst({ where: { id: input.accountId, firmId }, include: { positions: { orderBy: { contract: "asc" } }, holdings: true } });
  if (!account) throw inputRefused("not one of your firm's accounts", "accountId");
  let path: { name: string } & ParsedStressPath;
  if (input.pathId) path = await publishedPath(tx, input.pathId);
  else {
    try {
      path = { name: "Uploaded path", ...stressPathFromCsv(input.csv ?? "") };
    } catch (e) {
      if (e instanceof StressPathCsvError) throw inputRefused(e.message, "csv");
      throw e;
    }
  }
  const set = await tx.riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  if (!set) throw inputRefused("no risk parameters are loaded yet", null);
  const { params, contracts: contractInfo } = compiledParameters(set.id, set.parameters);
  const products = productIndex(await tx.marginProduct.findMany());
  const positions = account.positions.filter((p) => p.quantity !== 0n).map((p) => ({ contract: p.contract, quantity: p.quantity.toString() }));
  const held = [...new Set(positions.map((p) => p.contract))];
  // today's settlement price of each held contract: from the newest price set that has it
  const priceRows = await tx.settlementPrice.findMany({ where: { contract: { in: held } }, include: { priceSet: { select: { businessDate: true, cycleKind: true, cycleNumber: true, createdAt: true } } } });
  const prices = new Map<string, { at: string; price: string }>();
  for (const r of priceRows) {
    const at = `${r.priceSet.businessDate.toISOString()}|${r.priceSet.createdAt.toISOString()}`;
    const seen = prices.get(r.contract);
    if (!seen || at > seen.at) prices.set(r.contract, { at, price: trimPrice(r.price.toString()) });
  }
  const contracts: StressContractInput[] = held.map((id) => {
    const info = contractInfo.get(id);
    if (!info) throw inputRefused(`contract ${id} of account ${account.accountNumber} is not in today's risk parameters`, null);
    const product = productFor(products, info);
    if (!product) throw inputRefused(`product ${info.productCode} of contract ${id} is not set up`, null);
    const price = prices.get(id)?.price;
    if (info.kind === "future" && price === undefined) throw inputRefused(`contract ${id} has no settlement price yet`, null);
    return { contract: id, product: info.productCode, kind: info.kind, multiplier: product.multiplier.toString(), tick: product.tick.toString(), ...(price === undefined ? {} : { price }) };
  });
  const charges = (await tx.additionalCharge.findMany({ where: { firmId, endedAt: null }, orderBy: { createdAt: "asc" } })).map((c) => ({ id: c.id, productCode: c.productCode, side: c.side, amount: c.amount.toFixed(2), reason: c.reason }));
  const collateral = valueCollateral({ requirementType: "core", holdings: account.holdings.map((h) => ({ type: h.type as CollateralType, marketValue: h.marketValue.toFixed(2) })) });
  try {
    const r = computeStressPath({
      parameters: params,
      positions,
      contracts,
      days: path.days,
      moves: path.moves,
      collateralValue: collateral.value,
      accountKind: account.origin === "HOUSE" ? "house" : "customer",
      initialBuffer: await settingsOf(tx).percentFraction("margin.initialBufferPercent"),
      additionalPerformanceBond: chargesFor(account.origin, positions, contractInfo, charges),
    });
    const heldProducts = new Set(contracts.map((c) => c.product));
    return {
      account: { accountNumber: account.accountNumber, origin: account.origin },
      path: { name: path.name, days: path.days, source: input.pathId ? "published" : "upload" },
      businessDate: set.businessDate.toISOString().slice(0, 10),
      currency: set.currency,
      days: r.days.map((d) => ({
        day: d.day,
        variation: d.variation.toFixed(2),
        cumulativeVariation: d.cumulativeVariation.toFixed(2),
        maintenance: d.maintenance.toFixed(2),
        initial: d.initial.toFixed(2),
        collateral: d.collateral.toFixed(2),
        call: d.call.toFixed(2),
        liquidityNeed: d.liquidityNeed.toFixed(2),
        multipliers: d.multipliers,
      })),
      responsiveness: {
        ratio: r.responsiveness.ratio?.toFixed(4) ?? null,
        peakMaintenance: r.responsiveness.peakMaintenance.toFixed(2),
        peakDay: r.responsiveness.peakDay,
        largestIncrease: r.responsiveness.largestIncrease.toFixed(2),
        largestIncreaseDay: r.responsiveness.largestIncreaseDay,
      },
      peakLiquidityNeed: r.peakLiquidityNeed.toFixed(2),
      peakLiquidityNeedDay: r.peakLiquidityNeedDay,
      unusedProducts: [...new Set(path.moves.map((m) => m.product))].filter((p) => !heldProducts.has(p)).sort(),
    };
  } catch (e) {
    if (e instanceof RiskError) throw inputRefused(e.message, e.field);
    throw e;
  }
}

/** The member's run in its own read-only transaction: nothing can be written, nothing is stored. */
export async function stressRun(firmId: string, input: StressRunInput): Promise<StressRunResult> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
      return stressRunIn(tx, firmId, input);
    },
    { isolationLevel: "RepeatableRead", timeout: 20_000 },
  );
}
