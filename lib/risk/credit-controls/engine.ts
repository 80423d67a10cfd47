/**
 * The pre-trade check (SPEC §4; GC2 and RMI [001 §§8-10]; Rule 808.J's credit check) over an
 * in-memory state built for speed: per grouping and product, the filled and working
 * quantities (bigint contracts) by side and time-in-force, each product's exposure and each
 * derivative type's utilization kept as running sums in exact micros (see scaled.ts). A check
 * touches one grouping and one product: O(number of RMI blocks) plus O(1).
 *
 * The check tests, in this order, and answers the first that refuses:
 *  1. RMI_BLOCK: an RMI block (or kill switch) matching the order's execution firm, account,
 *     exchange, derivative type and side [001 §10];
 *  2. CLIP_SIZE: the grouping's max quantity clip size for the order's side and type [001 §9];
 *  3. LIMIT: no grouping (a grouping starts at zero), a credit-control block set by a breach
 *     action, no reference margin rate for the product, or utilization after the order over
 *     the grouping's limit for the order's derivative type (SPEC §4).
 * An order whose time-in-force the grouping does not count (GTC/GTD excluded) adds no
 * exposure, so it passes the limit test unless the grouping is blocked or missing.
 */
import type { Dec } from "../money";
import { RiskError } from "../errors";
import { fromMicros, toMicros, toContractQuantity } from "./scaled";
import { groupingKeyString, productKeyString, type CreditDerivativeType, type CreditGroupingKey, type RejectReason, type RejectRule, type OrderSide, type TimeInForce } from "./types";
import type { CreditReferenceRate } from "./utilization";

export interface ClipSizes {
  readonly buyFutures: bigint | null;
  readonly sellFutures: bigint | null;
  readonly buyOptions: bigint | null;
  readonly sellOptions: bigint | null;
}

export interface CreditGroupingConfig extends CreditGroupingKey {
  readonly id: string;
  readonly version: number;
  readonly futuresLimit: Dec;
  readonly optionsLimit: Dec;
  readonly clips: ClipSizes;
  readonly includeGtc: boolean;
  readonly includeGtd: boolean;
  readonly rates: readonly CreditReferenceRate[];
  /** blocked by a breach action: a credit-control block, which an RMI unblock does not lift */
  readonly creditBlocked: boolean;
  /** the breach of each type has already fired its actions (this version, this trading day) */
  readonly breached?: { readonly FUTURE?: boolean; readonly OPTION?: boolean };
}

export interface RmiBlockRule {
  readonly id: string;
  readonly kind: "RMI" | "KILL_SWITCH";
  /** null: any */
  readonly executionFirmId: string | null;
  readonly account: string | null;
  readonly exchange: string | null;
  readonly derivativeType: CreditDerivativeType | null;
  readonly side: OrderSide | null;
}

export interface OrderTerms extends CreditGroupingKey {
  readonly account: string;
  readonly product: string;
  readonly derivativeType: CreditDerivativeType;
  readonly side: OrderSide;
  readonly timeInForce: TimeInForce;
}

export interface CheckOrder extends OrderTerms {
  readonly quantity: bigint;
}

export interface EngineOrder extends OrderTerms {
  readonly id: string;
  /** quantity still working */
  readonly remaining: bigint;
}

export type CreditCheckDecision =
  | { readonly accepted: true; readonly groupingKey: string; readonly groupingId: string; readonly derivativeType: CreditDerivativeType; readonly utilizationAfter: bigint; readonly limit: bigint }
  | {
      readonly accepted: false;
      readonly reason: RejectReason;
      readonly rule: RejectRule;
      readonly message: string;
      readonly groupingKey: string;
      readonly groupingId: string | null;
      readonly derivativeType: CreditDerivativeType;
      readonly blockId?: string;
      /** a limit breach: the first of a breach fires the grouping's actions */
      readonly breach?: { readonly firstOfBreach: boolean; readonly utilizationAfter: bigint; readonly limit: bigint; readonly version: number };
    };

const T = { FUTURE: 0, OPTION: 1 } as const;
const TIF = { DAY: 0, GTC: 1, GTD: 2 } as const;

interface Compiled {
  readonly cfg: CreditGroupingConfig;
  readonly limits: readonly [bigint, bigint];
  /** [type][side]: buy 0, sell 1; -1n when not set */
  readonly clips: readonly [readonly [bigint, bigint], readonly [bigint, bigint]];
  readonly rates: ReadonlyMap<string, bigint>;
  creditBlocked: boolean;
  breached: [boolean, boolean];
}

interface ProductState {
  readonly type: 0 | 1;
  filledLong: bigint;
  filledShort: bigint;
  /** working buys / sells by time-in-force: DAY, GTC, GTD */
  readonly buys: [bigint, bigint, bigint];
  readonly sells: [bigint, bigint, bigint];
  exposure: bigint;
}

interface GroupState {
  readonly key: string;
  compiled: Compiled | null;
  readonly products: Map<string, ProductState>;
  readonly util: [bigint, bigint];
}

interface OrderState {
  readonly group: GroupState;
  readonly productKey: string;
  readonly buy: boolean;
  readonly tif: 0 | 1 | 2;
  remaining: bigint;
  readonly terms: OrderTerms;
}

function compile(cfg: CreditGroupingConfig): Compiled {
  const rates = new Map<string, bigint>();
  cfg.rates.forEach((r, i) => {
    const micros = toMicros(r.rate, `rates[${i}].rate`);
    if (micros < 0n) throw new RiskError("OUT_OF_RANGE", `rates[${i}].rate`, "a reference margin rate must not be negative");
    rates.set(productKeyString(r.derivativeType, r.product), micros);
  });
  const clip = (v: bigint | null, field: string) => (v === null ? -1n : toContractQuantity(v, `clips.${field}`));
  const limits: [bigint, bigint] = [toMicros(cfg.futuresLimit, "futuresLimit"), toMicros(cfg.optionsLimit, "optionsLimit")];
  if (limits[0] < 0n || limits[1] < 0n) throw new RiskError("OUT_OF_RANGE", "limit", "an exposure limit must not be negative");
  return {
    cfg,
    limits,
    clips: [
      [clip(cfg.clips.buyFutures, "buyFutures"), clip(cfg.clips.sellFutures, "sellFutures")],
      [clip(cfg.clips.buyOptions, "buyOptions"), clip(cfg.clips.sellOptions, "sellOptions")],
    ],
    rates,
    creditBlocked: cfg.creditBlocked,
    breached: [cfg.breached?.FUTURE ?? false, cfg.breached?.OPTION ?? false],
  };
}

function sideQuantity(q: readonly [bigint, bigint, bigint], c: Compiled | null): bigint {
  let s = q[0];
  if (c?.cfg.includeGtc) s += q[1];
  if (c?.cfg.includeGtd) s += q[2];
  return s;
}

function exposureOf(p: ProductState, c: Compiled | null, productKey: string): bigint {
  const rate = c?.rates.get(productKey);
  if (rate === undefined) return 0n;
  const long = p.filledLong + sideQuantity(p.buys, c);
  const short = p.filledShort + sideQuantity(p.sells, c);
  return (long > short ? long : short) * rate;
}

const TYPE_LABEL = ["futures", "options"] as const;

function money(micros: bigint): string {
  return fromMicros(micros).toFixed(2);
}

export class CreditEngine {
  private readonly groups = new Map<string, GroupState>();
  private readonly orders = new Map<string, OrderState>();
  private blocks: RmiBlockRule[] = [];

  private group(key: string): GroupState {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { key, compiled: null, products: new Map(), util: [0n, 0n] }));
    return g;
  }

  private product(g: GroupState, productKey: string, type: CreditDerivativeType): ProductState {
    let p = g.products.get(productKey);
    if (!p) g.products.set(productKey, (p = { type: T[type], filledLong: 0n, filledShort: 0n, buys: [0n, 0n, 0n], sells: [0n, 0n, 0n], exposure: 0n }));
    return p;
  }

  private reprice(g: GroupState, productKey: string, p: ProductState): void {
    const e = exposureOf(p, g.compiled, productKey);
    g.util[p.type] += e - p.exposure;
    p.exposure = e;
  }

  /** Sets (or replaces) a grouping's configuration; utilization is recomputed with its rates and flags. */
  setGrouping(cfg: CreditGroupingConfig): void {
    const g = this.group(groupingKeyString(cfg));
    g.compiled = compile(cfg);
    for (const [k, p] of g.products) this.reprice(g, k, p);
  }

  setCreditBlocked(key: CreditGroupingKey, blocked: boolean): void {
    const c = this.groups.get(groupingKeyString(key))?.compiled;
    if (c) c.creditBlocked = blocked;
  }

  /** Records that a breach of this type has fired its actions, so later refusals do not again. */
  markBreached(key: CreditGroupingKey, derivativeType: CreditDerivativeType): void {
    const c = this.groups.get(groupingKeyString(key))?.compiled;
    if (c) c.breached[T[derivativeType]] = true;
  }

  setBlocks(blocks: readonly RmiBlockRule[]): void {
    this.blocks = [...blocks];
  }

  addBlock(block: RmiBlockRule): void {
    this.blocks.push(block);
  }

  removeBlock(id: string): void {
    this.blocks = this.blocks.filter((b) => b.id !== id);
  }

  /** Filled quantity of the trading day, by side. */
  addFilled(terms: CreditGroupingKey & { readonly product: string; readonly derivativeType: CreditDerivativeType; readonly side: OrderSide }, quantity: bigint): void {
    const q = toContractQuantity(quantity);
    const g = this.group(groupingKeyString(terms));
    const pk = productKeyString(terms.derivativeType, terms.product);
    const p = this.product(g, pk, terms.derivativeType);
    if (terms.side === "BUY") p.filledLong += q;
    else p.filledShort += q;
    this.reprice(g, pk, p);
  }

  /** A working order (its remaining quantity) enters the book. */
  addOrder(order: EngineOrder): void {
    if (this.orders.has(order.id)) throw new RiskError("DUPLICATE", "order.id", `order ${order.id} is already working`);
    const remaining = toContractQuantity(order.remaining, "order.remaining");
    const g = this.group(groupingKeyString(order));
    const pk = productKeyString(order.derivativeType, order.product);
    const p = this.product(g, pk, order.derivativeType);
    const buy = order.side === "BUY";
    const tif = TIF[order.timeInForce];
    (buy ? p.buys : p.sells)[tif] += remaining;
    this.orders.set(order.id, { group: g, productKey: pk, buy, tif, remaining, terms: order });
    this.reprice(g, pk, p);
  }

  /** A fill: the working quantity moves to the filled side. Answers the quantity left working. */
  fillOrder(id: string, quantity: bigint): bigint {
    const o = this.orders.get(id);
    if (!o) throw new RiskError("UNKNOWN_REFERENCE", "orderId", `order ${id} is not working`);
    const q = toContractQuantity(quantity);
    if (q > o.remaining) throw new RiskError("OUT_OF_RANGE", "quantity", `the fill (${q}) is larger than the quantity working (${o.remaining})`);
    const p = o.group.products.get(o.productKey)!;
    (o.buy ? p.buys : p.sells)[o.tif] -= q;
    if (o.buy) p.filledLong += q;
    else p.filledShort += q;
    o.remaining -= q;
    if (o.remaining === 0n) this.orders.delete(id);
    this.reprice(o.group, o.productKey, p);
    return o.remaining;
  }

  /** A cancelled or expired order leaves the book: its remaining quantity stops counting. */
  removeOrder(id: string): boolean {
    const o = this.orders.get(id);
    if (!o) return false;
    const p = o.group.products.get(o.productKey)!;
    (o.buy ? p.buys : p.sells)[o.tif] -= o.remaining;
    this.orders.delete(id);
    this.reprice(o.group, o.productKey, p);
    return true;
  }

  /** Ids of the working orders matching a filter (for kill switch and cancel actions). */
  workingOrderIds(match: (terms: OrderTerms) => boolean): string[] {
    const out: string[] = [];
    for (const [id, o] of this.orders) if (match(o.terms)) out.push(id);
    return out;
  }

  /** CreditUtilization of a grouping in micros, futures and options. */
  utilization(key: CreditGroupingKey): { futures: bigint; options: bigint } {
    const g = this.groups.get(groupingKeyString(key));
    return { futures: g?.util[0] ?? 0n, options: g?.util[1] ?? 0n };
  }

  get groupingCount(): number {
    return this.groups.size;
  }

  /** The pre-trade check. Pure: it changes nothing (a caller that accepts the order adds it). */
  check(order: CheckOrder): CreditCheckDecision {
    const type = order.derivativeType;
    const key = groupingKeyString(order);
    for (const b of this.blocks) {
      if (
        (b.executionFirmId === null || b.executionFirmId === order.executionFirmId) &&
        (b.account === null || b.account === order.account) &&
        (b.exchange === null || b.exchange === order.exchange) &&
        (b.derivativeType === null || b.derivativeType === type) &&
        (b.side === null || b.side === order.side)
      ) {
        const g = this.groups.get(key)?.compiled;
        return {
          accepted: false,
          reason: "RMI_BLOCK",
          rule: b.kind === "KILL_SWITCH" ? "KILL_SWITCH" : "BLOCKED",
          message: b.kind === "KILL_SWITCH" ? `order entry for ${order.executionFirmId} is stopped by the kill switch` : "order entry is blocked through the Risk Management Interface",
          groupingKey: key,
          groupingId: g?.cfg.id ?? null,
          derivativeType: type,
          blockId: b.id,
        };
      }
    }
    const g = this.groups.get(key);
    const c = g?.compiled ?? null;
    const quantity = order.quantity;
    const ti = T[type];
    if (c === null || g === undefined) {
      return { accepted: false, reason: "LIMIT", rule: "NO_GROUPING", message: `no credit limit is set for ${key}: a grouping starts at zero`, groupingKey: key, groupingId: null, derivativeType: type };
    }
    const clip = c.clips[ti][order.side === "BUY" ? 0 : 1];
    if (clip >= 0n && quantity > clip) {
      return { accepted: false, reason: "CLIP_SIZE", rule: "CLIP_SIZE", message: `quantity ${quantity} is over the clip size ${clip} for ${order.side.toLowerCase()} ${TYPE_LABEL[ti]}`, groupingKey: key, groupingId: c.cfg.id, derivativeType: type };
    }
    if (c.creditBlocked) {
      return { accepted: false, reason: "LIMIT", rule: "CREDIT_BLOCK", message: `${key} is blocked after a credit limit breach`, groupingKey: key, groupingId: c.cfg.id, derivativeType: type };
    }
    const pk = productKeyString(type, order.product);
    const rate = c.rates.get(pk);
    if (rate === undefined) {
      return { accepted: false, reason: "LIMIT", rule: "NO_RATE", message: `no reference margin rate is set for ${TYPE_LABEL[ti]} ${order.product} in ${key}`, groupingKey: key, groupingId: c.cfg.id, derivativeType: type };
    }
    const limit = c.limits[ti];
    const tif = TIF[order.timeInForce];
    const counted = tif === 0 || (tif === 1 && c.cfg.includeGtc) || (tif === 2 && c.cfg.includeGtd);
    let after = g.util[ti];
    if (counted) {
      const p = g.products.get(pk);
      let long = 0n;
      let short = 0n;
      let before = 0n;
      if (p) {
        long = p.filledLong + sideQuantity(p.buys, c);
        short = p.filledShort + sideQuantity(p.sells, c);
        before = p.exposure;
      }
      if (order.side === "BUY") long += quantity;
      else short += quantity;
      after = after - before + (long > short ? long : short) * rate;
    }
    if (after > limit) {
      const first = !c.breached[ti];
      return {
        accepted: false,
        reason: "LIMIT",
        rule: "LIMIT_EXCEEDED",
        message: `${TYPE_LABEL[ti]} utilization after the order would be ${money(after)}, over the limit of ${money(limit)}`,
        groupingKey: key,
        groupingId: c.cfg.id,
        derivativeType: type,
        breach: { firstOfBreach: first, utilizationAfter: after, limit, version: c.cfg.version },
      };
    }
    return { accepted: true, groupingKey: key, groupingId: c.cfg.id, derivativeType: type, utilizationAfter: after, limit };
  }
}
