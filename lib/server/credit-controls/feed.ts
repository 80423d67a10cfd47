/**
 * The order and fill feed and the pre-trade check, for one firm (always the API key's firm):
 * the check answers from the instance's in-memory state; an accepted order is committed (with
 * the state version bump) before it is acknowledged; a limit refusal fires the grouping's
 * breach actions once per breach.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { formatUsd, fromMicros, type CreditCheckDecision, type RejectReason, type RejectRule } from "@/lib/risk";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import type { FillInput, NewOrderInput, OrderTermsInput } from "@/lib/validation/credit-controls";
import { afterCommit, bumpVersion, dateOnly, engineTerms, firmState, lockVersion, markStale, withFirmLock, type FirmState } from "./state";

/** A refusal of the feed's input: `field` names what is wrong. */
export class FeedError extends Error {
  constructor(readonly field: string, message: string, readonly status = 422) {
    super(message);
  }
}

export interface CheckAnswer {
  readonly decision: "ACCEPT" | "REJECT";
  readonly reason?: RejectReason;
  readonly rule?: RejectRule;
  readonly message?: string;
  readonly grouping: string;
  readonly derivativeType: string;
  readonly utilizationAfter?: string;
  readonly limit?: string;
  readonly tradingDate: string;
}

export function answerOf(d: CreditCheckDecision, tradingDate: string): CheckAnswer {
  if (d.accepted) return { decision: "ACCEPT", grouping: d.groupingKey, derivativeType: d.derivativeType, utilizationAfter: fromMicros(d.utilizationAfter).toFixed(2), limit: fromMicros(d.limit).toFixed(2), tradingDate };
  return {
    decision: "REJECT",
    reason: d.reason,
    rule: d.rule,
    message: d.message,
    grouping: d.groupingKey,
    derivativeType: d.derivativeType,
    ...(d.breach ? { utilizationAfter: fromMicros(d.breach.utilizationAfter).toFixed(2), limit: fromMicros(d.breach.limit).toFixed(2) } : {}),
    tradingDate,
  };
}

function checkOrderOf(o: OrderTermsInput) {
  return { ...engineTerms(o), quantity: BigInt(o.quantity) };
}

/** Fires a grouping's breach actions, once per breach (grouping version × type × trading day), across instances. */
async function fireBreach(db: PrismaClient, s: FirmState, d: Extract<CreditCheckDecision, { accepted: false }>, clientOrderId: string | null): Promise<void> {
  const g = s.groupings.get(d.groupingKey);
  if (!g || !d.breach) return;
  const td = dateOnly(s.tradingDate);
  const [execFirm, exchange, complex] = d.groupingKey.split("|");
  const version = await db.$transaction(async (tx) => {
    const inserted = await tx.creditBreach.createMany({
      data: [{ firmId: s.firmId, groupingId: g.id, groupingVersion: g.version, derivativeType: d.derivativeType, tradingDate: td, utilization: fromMicros(d.breach!.utilizationAfter).toFixed(6), limitAmount: fromMicros(d.breach!.limit).toFixed(2), clientOrderId, actions: [], cancelledCount: 0 }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return null; // another request or instance fired this breach already
    const breach = await tx.creditBreach.findUniqueOrThrow({ where: { groupingId_derivativeType_tradingDate_groupingVersion: { groupingId: g.id, derivativeType: d.derivativeType, tradingDate: td, groupingVersion: g.version } } });
    const actions: string[] = [];
    let cancelled = 0;
    if (g.actionBlock) {
      await tx.creditBlock.create({ data: { firmId: s.firmId, groupingId: g.id, breachId: breach.id, tradingDate: td } });
      actions.push("block");
    }
    if (g.actionCancel) {
      const r = await tx.creditOrder.updateMany({
        where: { firmId: s.firmId, executionFirmId: execFirm, exchange, productComplex: complex, state: { in: ["WORKING", "PARTIALLY_FILLED"] } },
        data: { state: "CANCELLED", cancelReason: "credit limit breach", updatedAt: new Date() },
      });
      cancelled = r.count;
      actions.push("cancel");
    }
    if (g.actionEmail) {
      const type = d.derivativeType === "FUTURE" ? "futures" : "options";
      await enqueue(tx, await firmRecipients(tx, s.firmId, ["MEMBER_RISK_ADMIN"]), {
        kind: "credit.breach",
        subject: `Credit limit breach: ${d.groupingKey} ${type}`,
        body: [
          `The ${type} limit of grouping ${execFirm} × ${exchange} × ${complex} was breached on trading day ${s.tradingDate}.`,
          `Utilization after the refused order${clientOrderId ? ` ${clientOrderId}` : ""}: ${formatUsd(fromMicros(d.breach!.utilizationAfter))} against a limit of ${formatUsd(fromMicros(d.breach!.limit))}.`,
          g.actionBlock ? "New orders in the grouping are blocked until a risk administrator lifts the block or the trading day ends." : "",
          g.actionCancel ? `${cancelled} working order(s) of the grouping were cancelled.` : "",
        ].filter(Boolean).join("\n"),
        dedupeKey: `credit-breach:${breach.id}`,
      });
      actions.push("email");
    }
    await tx.creditBreach.update({ where: { id: breach.id }, data: { actions, cancelledCount: cancelled } });
    return bumpVersion(tx, s.firmId);
  });
  s.engine.markBreached({ executionFirmId: execFirm!, exchange: exchange!, productComplex: complex! }, d.derivativeType);
  if (version !== null) markStale(s.firmId, version);
}

/** POST /api/credit/check: accept or reject, changing nothing unless a limit breach fires its actions. */
export async function checkOrder(db: PrismaClient, firmId: string, order: OrderTermsInput, now = new Date()): Promise<CheckAnswer> {
  const s = await firmState(db, firmId, now);
  const d = s.engine.check(checkOrderOf(order));
  if (!d.accepted && d.breach?.firstOfBreach) {
    await withFirmLock(firmId, async () => {
      const fresh = await firmState(db, firmId, now);
      const again = fresh.engine.check(checkOrderOf(order));
      if (!again.accepted && again.breach?.firstOfBreach) await fireBreach(db, fresh, again, null);
    });
  }
  return answerOf(d, s.tradingDate);
}

export interface OrderAnswer extends CheckAnswer {
  readonly orderId?: string;
  readonly clientOrderId: string;
  readonly state?: string;
}

/** How often an order is checked again after another instance changed the firm's state first. */
const MAX_STALE_RETRIES = 20;

/**
 * POST /api/orders: the check, then (if accepted) the working order is committed before the
 * answer. The firm's state row is locked in the order's transaction and the order is stored
 * only if the copy it was checked against is that version: otherwise (another instance wrote
 * first) the copy is reloaded and the order checked again. So instances on one database never
 * accept together more than a grouping's limit allows.
 */
export async function submitOrder(db: PrismaClient, firmId: string, order: NewOrderInput, source: "api" = "api", now = new Date()): Promise<OrderAnswer> {
  return withFirmLock(firmId, async () => {
    for (let attempt = 0; ; attempt++) {
      const s = await firmState(db, firmId, now);
      if (order.expireDate && order.expireDate < s.tradingDate) throw new FeedError("expireDate", `expireDate ${order.expireDate} is before the trading day ${s.tradingDate}`);
      const d = s.engine.check(checkOrderOf(order));
      if (!d.accepted) {
        if (d.breach?.firstOfBreach) await fireBreach(db, s, d, order.clientOrderId);
        return { ...answerOf(d, s.tradingDate), clientOrderId: order.clientOrderId };
      }
      const stored = await db.$transaction(async (tx) => {
        const current = await lockVersion(tx, firmId);
        if (current !== s.version) return { stored: false as const, current };
        const exists = await tx.creditOrder.findUnique({ where: { firmId_clientOrderId: { firmId, clientOrderId: order.clientOrderId } }, select: { id: true } });
        if (exists) throw new FeedError("clientOrderId", `order ${order.clientOrderId} was already submitted`, 409);
        const row = await tx.creditOrder.create({
          data: { firmId, ...engineTerms(order), clientOrderId: order.clientOrderId, quantity: order.quantity, expireDate: order.expireDate ? dateOnly(order.expireDate) : null, tradingDate: dateOnly(s.tradingDate), state: "WORKING", source },
        });
        return { stored: true as const, row, version: await bumpVersion(tx, firmId) };
      });
      if (!stored.stored) {
        if (attempt >= MAX_STALE_RETRIES) throw new FeedError("-", "the firm's credit state is changing too fast to check the order; nothing was stored, send it again", 503);
        markStale(firmId, stored.current);
        continue;
      }
      const { row, version } = stored;
      afterCommit(s, version, () => s.engine.addOrder({ ...engineTerms(order), id: row.id, remaining: BigInt(order.quantity) }));
      return { ...answerOf(d, s.tradingDate), orderId: row.id, clientOrderId: row.clientOrderId, state: row.state };
    }
  });
}

async function findOrder(db: PrismaClient | Tx, firmId: string, ref: string) {
  const byClient = await db.creditOrder.findUnique({ where: { firmId_clientOrderId: { firmId, clientOrderId: ref } } });
  if (byClient) return byClient;
  if (/^[0-9a-f-]{36}$/i.test(ref)) return db.creditOrder.findFirst({ where: { id: ref, firmId } });
  return null;
}

/** POST /api/orders/{ref}/cancel: a working order (by clientOrderId or id) is cancelled. */
export async function cancelOrder(db: PrismaClient, firmId: string, ref: string, now = new Date()) {
  return withFirmLock(firmId, async () => {
    const s = await firmState(db, firmId, now);
    // Read under the firm's lock: another instance may be filling or cancelling the same order.
    const { order, row, version } = await db.$transaction(async (tx) => {
      await lockVersion(tx, firmId);
      const order = await findOrder(tx, firmId, ref);
      if (!order) throw new FeedError("orderId", `no order ${ref} of your firm`, 404);
      if (order.state !== "WORKING" && order.state !== "PARTIALLY_FILLED") throw new FeedError("orderId", `order ${order.clientOrderId} is ${order.state.toLowerCase().replace("_", " ")}, not working`, 409);
      const row = await tx.creditOrder.update({ where: { id: order.id }, data: { state: "CANCELLED", cancelReason: "cancelled by the member", updatedAt: new Date() } });
      return { order, row, version: await bumpVersion(tx, firmId) };
    });
    afterCommit(s, version, () => s.engine.removeOrder(order.id));
    return { orderId: row.id, clientOrderId: row.clientOrderId, state: row.state };
  });
}

/** POST /api/fills: a fill of a working order; the order becomes partially filled or filled. */
export async function recordFill(db: PrismaClient, firmId: string, fill: FillInput, now = new Date()) {
  return withFirmLock(firmId, async () => {
    const s = await firmState(db, firmId, now);
    // Read under the firm's lock: another instance may be filling or cancelling the same order.
    const { order, row, version } = await db.$transaction(async (tx) => {
      await lockVersion(tx, firmId);
      const order = await tx.creditOrder.findUnique({ where: { firmId_clientOrderId: { firmId, clientOrderId: fill.clientOrderId } } });
      if (!order) throw new FeedError("clientOrderId", `no order ${fill.clientOrderId} of your firm`, 404);
      if (order.state !== "WORKING" && order.state !== "PARTIALLY_FILLED") throw new FeedError("clientOrderId", `order ${order.clientOrderId} is ${order.state.toLowerCase().replace("_", " ")}, not working`, 409);
      const remaining = order.quantity - order.filledQuantity;
      if (fill.quantity > remaining) throw new FeedError("quantity", `the fill (${fill.quantity}) is larger than the ${remaining} still working`);
      if (await tx.creditFill.findUnique({ where: { firmId_clientFillId: { firmId, clientFillId: fill.clientFillId } } })) throw new FeedError("clientFillId", `fill ${fill.clientFillId} was already recorded`, 409);
      const filled = order.filledQuantity + fill.quantity;
      await tx.creditFill.create({ data: { firmId, orderId: order.id, clientFillId: fill.clientFillId, quantity: fill.quantity, price: fill.price, tradingDate: dateOnly(s.tradingDate), source: "api" } });
      const row = await tx.creditOrder.update({ where: { id: order.id }, data: { filledQuantity: filled, state: filled === order.quantity ? "FILLED" : "PARTIALLY_FILLED", updatedAt: new Date() } });
      return { order, row, version: await bumpVersion(tx, firmId) };
    });
    afterCommit(s, version, () => s.engine.fillOrder(order.id, BigInt(fill.quantity)));
    return { orderId: row.id, clientOrderId: row.clientOrderId, state: row.state, filledQuantity: row.filledQuantity, remaining: row.quantity - row.filledQuantity };
  });
}
