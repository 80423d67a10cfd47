import "server-only";
import { db } from "@/lib/db/client";
import { computeCreditUtilization, D, fromMicros, type Dec } from "@/lib/risk";
import { dateOnly, firmState } from "./state";

function percent(amount: Dec, limit: Dec): string | null {
  return limit.isZero() ? null : amount.div(limit).times(100).toFixed(1);
}

/** Every grouping of the firm with its current settings and live utilization (from this instance's state). */
export async function groupingsOverview(firmId: string) {
  const state = await firmState(db(), firmId);
  const groupings = await db().creditGrouping.findMany({
    where: { firmId },
    orderBy: [{ executionFirmId: "asc" }, { exchange: "asc" }, { productComplex: "asc" }],
    include: { versions: { orderBy: { version: "desc" }, take: 1 }, creditBlocks: { where: { liftedAt: null, tradingDate: dateOnly(state.tradingDate) }, select: { id: true } } },
  });
  return {
    tradingDate: state.tradingDate,
    rows: groupings.map((g) => {
      const v = g.versions[0]!;
      const u = state.engine.utilization(g);
      const futures = fromMicros(u.futures);
      const options = fromMicros(u.options);
      const fl = new D(v.futuresLimit.toString());
      const ol = new D(v.optionsLimit.toString());
      return {
        id: g.id,
        key: `${g.executionFirmId} × ${g.exchange} × ${g.productComplex}`,
        version: v.version,
        futures: { amount: futures.toFixed(2), limit: fl.toFixed(2), percent: percent(futures, fl), breached: futures.greaterThan(fl) },
        options: { amount: options.toFixed(2), limit: ol.toFixed(2), percent: percent(options, ol), breached: options.greaterThan(ol) },
        creditBlocked: g.creditBlocks.length > 0,
      };
    }),
  };
}

/** One grouping: its settings, version history, the utilization breakdown with the orders and fills behind it, breaches. */
export async function groupingDetail(firmId: string, id: string) {
  const grouping = await db().creditGrouping.findFirst({ where: { id, firmId }, include: { versions: { orderBy: { version: "desc" }, include: { rates: { orderBy: [{ derivativeType: "asc" }, { product: "asc" }] } } } } });
  if (!grouping) return null;
  const state = await firmState(db(), firmId);
  const td = dateOnly(state.tradingDate);
  const current = grouping.versions[0]!;
  const key = { firmId, executionFirmId: grouping.executionFirmId, exchange: grouping.exchange, productComplex: grouping.productComplex };
  const [working, fills, breaches, creditBlocks] = await Promise.all([
    db().creditOrder.findMany({ where: { ...key, state: { in: ["WORKING", "PARTIALLY_FILLED"] } }, orderBy: { createdAt: "asc" } }),
    db().creditFill.findMany({ where: { firmId, tradingDate: td, order: { executionFirmId: grouping.executionFirmId, exchange: grouping.exchange, productComplex: grouping.productComplex } }, include: { order: true }, orderBy: { createdAt: "asc" } }),
    db().creditBreach.findMany({ where: { groupingId: id }, orderBy: { createdAt: "desc" }, take: 50 }),
    db().creditBlock.findMany({ where: { groupingId: id }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const utilization = computeCreditUtilization({
    futuresLimit: new D(current.futuresLimit.toString()),
    optionsLimit: new D(current.optionsLimit.toString()),
    includeGtc: current.includeGtc,
    includeGtd: current.includeGtd,
    rates: current.rates.map((r) => ({ product: r.product, derivativeType: r.derivativeType, rate: new D(r.rate.toString()) })),
    fills: fills.map((f) => ({ product: f.order.product, derivativeType: f.order.derivativeType, side: f.order.side, quantity: new D(f.quantity) })),
    workingOrders: working.map((o) => ({ id: o.id, product: o.product, derivativeType: o.derivativeType, side: o.side, remaining: new D(o.quantity - o.filledQuantity), timeInForce: o.timeInForce })),
  });
  const activeBlock = creditBlocks.find((b) => !b.liftedAt && b.tradingDate.getTime() === td.getTime()) ?? null;
  return { grouping, current, versions: grouping.versions, tradingDate: state.tradingDate, utilization, working, fills, breaches, creditBlocks, activeBlock };
}

export async function rmiOverview(firmId: string) {
  const [active, history, killSwitches] = await Promise.all([
    db().rmiBlock.findMany({ where: { firmId, liftedAt: null }, orderBy: { createdAt: "desc" } }),
    db().rmiBlock.findMany({ where: { firmId, liftedAt: { not: null } }, orderBy: { liftedAt: "desc" }, take: 100 }),
    db().killSwitchEvent.findMany({ where: { firmId }, orderBy: { at: "desc" }, take: 50 }),
  ]);
  const executionFirms = await db().creditOrder.groupBy({ by: ["executionFirmId"], where: { firmId }, _count: { _all: true } });
  const workingByFirm = await db().creditOrder.groupBy({ by: ["executionFirmId"], where: { firmId, state: { in: ["WORKING", "PARTIALLY_FILLED"] } }, _count: { _all: true } });
  const groupingFirms = await db().creditGrouping.findMany({ where: { firmId }, select: { executionFirmId: true }, distinct: ["executionFirmId"] });
  const entities = [...new Set([...executionFirms.map((e) => e.executionFirmId), ...groupingFirms.map((g) => g.executionFirmId)])].sort();
  const working = Object.fromEntries(workingByFirm.map((w) => [w.executionFirmId, w._count._all]));
  return { active, history, killSwitches, entities: entities.map((e) => ({ executionFirmId: e, working: working[e] ?? 0 })) };
}

export async function recentOrders(firmId: string, take = 200) {
  return db().creditOrder.findMany({ where: { firmId }, orderBy: { createdAt: "desc" }, take });
}
