/**
 * One account's margin statement for a cycle, from rows to the risk core and back: Rule 814
 * settlement variation per position, the SPAN requirement with its breakdown per combined
 * commodity (plus Rule 824 add-ons), Rule 820 collateral with haircuts, excess or deficit and
 * the call. Used by the settlement cycle and by the what-if calculator (without collateral).
 */
import {
  computeSettlementVariation,
  computeSpanRequirement,
  D,
  performanceBondCall,
  valueCollateral,
  type AdditionalPerformanceBondInput,
  type CollateralType,
  type CompiledRiskParameters,
  type SettlementPositionInput,
  type SpanRequirement,
} from "@/lib/risk";
import type { ContractInfo } from "./contracts";
import { productFor, type ProductRow } from "./load";
import { DomainError } from "@/lib/shared/errors";

export type OriginName = "HOUSE" | "CUSTOMER_SEGREGATED" | "SECURED_30_7" | "CLEARED_SWAPS";

export const ORIGIN_LABELS: Record<OriginName, string> = {
  HOUSE: "House",
  CUSTOMER_SEGREGATED: "Customer segregated",
  SECURED_30_7: "Customer secured 30.7",
  CLEARED_SWAPS: "Cleared swaps customer",
};

export interface StatementContext {
  readonly params: CompiledRiskParameters;
  readonly contracts: ReadonlyMap<string, ContractInfo>;
  readonly products: ReadonlyMap<string, ProductRow>;
  readonly prices: ReadonlyMap<string, string>;
  readonly previousPrices: ReadonlyMap<string, string>;
  readonly initialBuffer: string;
}

export interface StatementAccount {
  readonly id: string;
  readonly firmId: string;
  readonly accountNumber: string;
  readonly origin: OriginName;
  readonly customerAccountId: string | null;
}

export interface ChargeRow {
  readonly id: string;
  readonly productCode: string | null;
  readonly side: string | null;
  readonly amount: string;
  readonly reason: string;
}

export interface PositionLine {
  readonly contract: string;
  readonly product: string;
  readonly kind: "future" | "option";
  readonly quantity: number;
  readonly settlementPrice: string;
  readonly previousPrice: string | null;
  readonly trades: readonly { readonly quantity: number; readonly price: string }[];
  /** null for premium-style options (no settlement variation). */
  readonly variation: string | null;
}

export interface SpanBreakdown {
  readonly currency: string;
  readonly combinedCommodities: readonly {
    readonly code: string;
    readonly name: string;
    readonly scanRisk: string;
    readonly worstScenario: number | null;
    readonly intraSpreadCharge: string;
    readonly spotCharge: string;
    readonly interSpreadCredit: string;
    readonly shortOptionMinimum: string;
    readonly shortOptionMinimumApplies: boolean;
    readonly riskRequirement: string;
    /** This combined commodity's currency, when it is not the statement's (statements before multi-currency SPAN files lack it). */
    readonly currency?: string;
    /** The requirement in the statement's currency (converted at the file's rate). */
    readonly requirementInBase?: string;
    /** The spreads formed: intracommodity charges and intercommodity credits, in priority order. */
    readonly spreads?: readonly { readonly kind: "intra" | "inter"; readonly priority: number; readonly legs: string; readonly spreads: string; readonly amount: string }[];
  }[];
  readonly spanRequirement: string;
  readonly additionalPerformanceBonds: readonly { readonly label: string; readonly reason?: string; readonly amount: string }[];
  readonly additionalPerformanceBond: string;
  readonly concentrationCharge: string;
  readonly maintenance: string;
  readonly initialBuffer: string;
  readonly initial: string;
}

export interface StatementBreakdown {
  readonly accountNumber: string;
  readonly origin: OriginName;
  readonly customerAccountId: string | null;
  readonly positions: readonly PositionLine[];
  readonly variation: string;
  readonly span: SpanBreakdown;
  readonly collateral: {
    readonly lines: readonly { readonly type: string; readonly marketValue: string; readonly haircutRate: string; readonly haircut: string; readonly value: string; readonly eligible: boolean }[];
    readonly marketValue: string;
    readonly value: string;
  };
  readonly result: { readonly status: "excess" | "deficit"; readonly excess: string; readonly call: string; readonly callTo: "initial" | "maintenance" | null };
}

export interface StatementRow {
  readonly accountId: string;
  readonly firmId: string;
  readonly origin: OriginName;
  readonly positionCount: number;
  readonly variation: string;
  readonly maintenance: string;
  readonly initial: string;
  readonly collateralValue: string;
  readonly excess: string;
  readonly call: string;
  readonly breakdown: StatementBreakdown;
}

/** Thrown when an account's data cannot be margined (the message names account and contract). */

export function spanBreakdown(r: SpanRequirement): SpanBreakdown {
  return {
    currency: r.currency,
    combinedCommodities: r.combinedCommodities.map((c) => ({
      code: c.combinedCommodity,
      name: c.name,
      scanRisk: c.scanRisk.toFixed(2),
      worstScenario: c.worstScenario,
      intraSpreadCharge: c.intraSpreadCharge.toFixed(2),
      spotCharge: c.spotCharge.toFixed(2),
      interSpreadCredit: c.interSpreadCredit.toFixed(2),
      shortOptionMinimum: c.shortOptionMinimum.toFixed(2),
      shortOptionMinimumApplies: c.shortOptionMinimumApplies,
      riskRequirement: c.riskRequirement.toFixed(2),
      ...(c.currency === r.currency ? {} : { currency: c.currency, requirementInBase: c.requirementInBase.toFixed(2) }),
      spreads: [
        ...c.intraSpreads.map((l) => ({ kind: "intra" as const, priority: l.priority, legs: l.legs, spreads: l.spreads.toString(), amount: l.amount.toFixed(2) })),
        ...c.interSpreads.map((l) => ({ kind: "inter" as const, priority: l.priority, legs: l.legs, spreads: l.spreads.toString(), amount: l.amount.toFixed(2) })),
      ],
    })),
    spanRequirement: r.spanRequirement.toFixed(2),
    additionalPerformanceBonds: r.additionalPerformanceBonds.map((a) => ({ label: a.label, reason: a.reason, amount: a.amount.toFixed(2) })),
    additionalPerformanceBond: r.additionalPerformanceBond.toFixed(2),
    concentrationCharge: r.concentrationCharge.toFixed(2),
    maintenance: r.maintenance.toFixed(2),
    initialBuffer: r.initialBuffer.toString(),
    initial: r.initial.toFixed(2),
  };
}

/**
 * The Rule 824 charges that apply to an account: member-wide ones on the house account; product
 * or side ones on accounts holding them. `origin` null: a portfolio that is no account (the
 * what-if's upload), which only product or side charges reach. Quantities are whole contracts,
 * netted exactly.
 */
export function chargesFor(origin: OriginName | null, positions: readonly { contract: string; quantity: number | string | bigint }[], contracts: ReadonlyMap<string, ContractInfo>, charges: readonly ChargeRow[]): AdditionalPerformanceBondInput[] {
  const out: AdditionalPerformanceBondInput[] = [];
  for (const c of charges) {
    if (!c.productCode) {
      if (origin === "HOUSE") out.push({ reason: c.reason, amount: c.amount, scope: "member" });
      continue;
    }
    const held = positions.filter((p) => contracts.get(p.contract)?.productCode === c.productCode);
    const net = held.reduce((s, p) => s + BigInt(p.quantity), 0n);
    const applies = c.side === "LONG" ? net > 0n : c.side === "SHORT" ? net < 0n : held.length > 0;
    if (applies) out.push({ reason: c.reason, amount: c.amount, scope: `${c.productCode}${c.side ? ` ${c.side.toLowerCase()}` : ""}` });
  }
  return out;
}

/** Builds one account's statement. */
export function buildStatement(
  ctx: StatementContext,
  account: StatementAccount,
  positions: readonly { contract: string; quantity: number }[],
  trades: readonly { contract: string; quantity: number; price: string }[],
  holdings: readonly { type: string; marketValue: string }[],
  charges: readonly ChargeRow[],
): StatementRow {
  const svPositions: SettlementPositionInput[] = [];
  const svProducts = new Map<string, { code: string; multiplier: string; tick: string }>();
  const lines: PositionLine[] = [];
  /** Each line's settlement variation lines [from, to) in svPositions; null for options. */
  const ranges: ([number, number] | null)[] = [];
  const tradesBy = new Map<string, { quantity: number; price: string }[]>();
  for (const t of trades) {
    const list = tradesBy.get(t.contract) ?? [];
    list.push({ quantity: t.quantity, price: t.price });
    tradesBy.set(t.contract, list);
  }
  for (const p of positions) {
    const info = ctx.contracts.get(p.contract);
    if (!info) throw new DomainError("statement", `account ${account.accountNumber}: contract ${p.contract} is not in the cycle's risk parameters`);
    const price = ctx.prices.get(p.contract);
    if (price === undefined) throw new DomainError("statement", `account ${account.accountNumber}: contract ${p.contract} has no settlement price in this cycle`);
    const product = productFor(ctx.products, info);
    if (!product) throw new DomainError("statement", `account ${account.accountNumber}: product ${info.productCode} is not set up`);
    const prev = ctx.previousPrices.get(p.contract) ?? null;
    const ts = tradesBy.get(p.contract) ?? [];
    if (info.kind === "option") {
      lines.push({ contract: p.contract, product: info.productCode, kind: "option", quantity: p.quantity, settlementPrice: price, previousPrice: prev, trades: ts, variation: null });
      ranges.push(null);
      continue;
    }
    svProducts.set(info.productCode, { code: info.productCode, multiplier: product.multiplier.toString(), tick: product.tick.toString() });
    const start = svPositions.length;
    const carried = p.quantity - ts.reduce((s, t) => s + t.quantity, 0);
    // A position first settled in this cycle without a trade has no previous price: it settles from this price (no variation).
    if (carried !== 0) svPositions.push({ product: info.productCode, quantity: carried, settlementPrice: price, previousSettlementPrice: prev ?? price });
    for (const t of ts) svPositions.push({ product: info.productCode, quantity: t.quantity, settlementPrice: price, tradePrice: t.price });
    lines.push({ contract: p.contract, product: info.productCode, kind: "future", quantity: p.quantity, settlementPrice: price, previousPrice: prev, trades: ts, variation: null });
    ranges.push([start, svPositions.length]);
  }
  const sv = computeSettlementVariation({ products: [...svProducts.values()], positions: svPositions });
  const finalLines = lines.map((l, j) => {
    const range = ranges[j];
    if (!range) return l;
    const [a, b] = range;
    let v = new D(0);
    for (let i = a; i < b; i++) v = v.plus(sv.lines[i]!.variation);
    return { ...l, variation: v.toFixed(2) };
  });
  const span = computeSpanRequirement({
    parameters: ctx.params,
    positions,
    initialBuffer: ctx.initialBuffer,
    additionalPerformanceBond: chargesFor(account.origin, positions, ctx.contracts, charges),
  });
  const collateral = valueCollateral({ requirementType: "core", holdings: holdings.map((h) => ({ type: h.type as CollateralType, marketValue: h.marketValue })) });
  const call = performanceBondCall({ accountKind: account.origin === "HOUSE" ? "house" : "customer", maintenance: span.maintenance, initial: span.initial, collateralValue: collateral.value });
  const breakdown: StatementBreakdown = {
    accountNumber: account.accountNumber,
    origin: account.origin,
    customerAccountId: account.customerAccountId,
    positions: finalLines,
    variation: sv.net.toFixed(2),
    span: spanBreakdown(span),
    collateral: {
      lines: collateral.byType.map((t) => {
        const line = collateral.lines.find((l) => l.type === t.type)!;
        return { type: t.type, marketValue: t.marketValue.toFixed(2), haircutRate: line.haircutRate.toString(), haircut: t.haircut.toFixed(2), value: t.value.toFixed(2), eligible: t.eligible };
      }),
      marketValue: collateral.marketValue.toFixed(2),
      value: collateral.value.toFixed(2),
    },
    result: { status: call.status, excess: call.excessOverMaintenance.toFixed(2), call: call.call.toFixed(2), callTo: call.callTo },
  };
  return {
    accountId: account.id,
    firmId: account.firmId,
    origin: account.origin,
    positionCount: positions.length,
    variation: breakdown.variation,
    maintenance: breakdown.span.maintenance,
    initial: breakdown.span.initial,
    collateralValue: breakdown.collateral.value,
    excess: breakdown.result.excess,
    call: breakdown.result.call,
    breakdown,
  };
}
