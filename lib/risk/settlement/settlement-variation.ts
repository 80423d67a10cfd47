/**
 * Settlement variation (Rule 814) [seed 002 Rule 814; SPEC §5]: at each settlement cycle each
 * open futures position pays or collects
 *
 *   variation = (settlement price − reference price) × quantity × contract multiplier
 *
 * where the reference price is the previous settlement price, or the trade price for a trade
 * done in the cycle. Positive: the member collects; negative: it pays. Prices must be on the
 * product's tick (OFF_TICK otherwise), so the variation is a whole number of tick values
 * (OPS: $0.25 × 25 t = $6.25 per tick).
 */
import { D, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import { toQuantity, type QuantityInput } from "../margin/quantity";
import { assertOnTick } from "./tick";

export interface SettlementProduct {
  readonly code: string;
  /** Units per contract (OPS: 25 metric tons). */
  readonly multiplier: DecInput;
  /** Minimum price fluctuation (OPS: 0.25 USD per metric ton). */
  readonly tick: DecInput;
}

export interface SettlementPositionInput {
  readonly product: string;
  readonly account?: string;
  /** Whole contracts: positive long, negative short. */
  readonly quantity: QuantityInput;
  readonly settlementPrice: DecInput;
  /** For a position carried from the previous cycle. */
  readonly previousSettlementPrice?: DecInput;
  /** For a trade done in this cycle (used instead of the previous settlement). */
  readonly tradePrice?: DecInput;
}

export interface ComputeSettlementVariationInput {
  readonly products: readonly SettlementProduct[];
  readonly positions: readonly SettlementPositionInput[];
}

export interface SettlementVariationLine {
  readonly product: string;
  readonly account?: string;
  readonly quantity: number;
  readonly referencePrice: Dec;
  readonly referenceKind: "previous-settlement" | "trade-price";
  readonly settlementPrice: Dec;
  /** Price change in ticks. */
  readonly ticks: Dec;
  /** Money value of one tick for one contract (tick × multiplier). */
  readonly tickValue: Dec;
  readonly variation: Dec;
}

export interface SettlementVariation {
  readonly lines: readonly SettlementVariationLine[];
  /** Σ variation: positive = the clearing house pays the member. */
  readonly net: Dec;
  readonly collects: Dec;
  readonly pays: Dec;
}

/** Rule 814 settlement variation per position and in total. */
export function computeSettlementVariation(input: ComputeSettlementVariationInput): SettlementVariation {
  if (!Array.isArray(input.products)) throw new RiskError("INVALID_INPUT", "products", "products must be a list");
  if (!Array.isArray(input.positions)) throw new RiskError("INVALID_INPUT", "positions", "positions must be a list");
  const products = new Map<string, { multiplier: Dec; tick: Dec }>();
  input.products.forEach((p, i) => {
    const f = `products[${i}]`;
    if (typeof p.code !== "string" || p.code === "") throw new RiskError("REQUIRED", `${f}.code`, `${f}.code is required`);
    if (products.has(p.code)) throw new RiskError("DUPLICATE", `${f}.code`, `product ${p.code} appears more than once`);
    const multiplier = dec(p.multiplier, `${f}.multiplier`);
    const tick = dec(p.tick, `${f}.tick`);
    if (!multiplier.greaterThan(0)) throw new RiskError("OUT_OF_RANGE", `${f}.multiplier`, `${f}.multiplier must be positive`);
    if (!tick.greaterThan(0)) throw new RiskError("OUT_OF_RANGE", `${f}.tick`, `${f}.tick must be positive`);
    products.set(p.code, { multiplier, tick });
  });
  let net = new D(0);
  let collects = new D(0);
  let pays = new D(0);
  const lines = input.positions.map((pos, i) => {
    const f = `positions[${i}]`;
    const product = products.get(pos.product);
    if (!product) throw new RiskError("UNKNOWN_CONTRACT", `${f}.product`, `${f}.product ${String(pos.product)} is not among the products`);
    const quantity = toQuantity(pos.quantity, `${f}.quantity`);
    const settlement = assertOnTick(pos.settlementPrice, product.tick, `${f}.settlementPrice`);
    const hasPrev = pos.previousSettlementPrice !== undefined;
    const hasTrade = pos.tradePrice !== undefined;
    if (hasPrev === hasTrade) {
      throw new RiskError("INVALID_INPUT", f, `${f} needs exactly one of previousSettlementPrice (carried position) or tradePrice (trade of this cycle)`);
    }
    const reference = hasTrade
      ? assertOnTick(pos.tradePrice!, product.tick, `${f}.tradePrice`)
      : assertOnTick(pos.previousSettlementPrice!, product.tick, `${f}.previousSettlementPrice`);
    const ticks = settlement.minus(reference).div(product.tick);
    const tickValue = product.tick.times(product.multiplier);
    const variation = settlement.minus(reference).times(quantity).times(product.multiplier);
    net = net.plus(variation);
    if (variation.isPositive() && !variation.isZero()) collects = collects.plus(variation);
    else pays = pays.plus(variation.negated());
    return {
      product: pos.product,
      account: pos.account,
      quantity,
      referencePrice: reference,
      referenceKind: hasTrade ? ("trade-price" as const) : ("previous-settlement" as const),
      settlementPrice: settlement,
      ticks,
      tickValue,
      variation,
    };
  });
  return { lines, net, collects, pays };
}
