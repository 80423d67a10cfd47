/**
 * Each instance's in-memory copy of a firm's credit-control state (groupings, RMI and credit
 * blocks, working orders, the trading day's fills) in the risk core's CreditEngine, so the
 * pre-trade check answers without a database round trip.
 *
 * Staying current across instances: every change bumps the firm's row in
 * credit_state_version and sends `NOTIFY credit_state, '<firm id>:<version>'` in the same
 * transaction (so the notice goes out exactly when the change commits). An instance that
 * listens (the pre-trade check service, listener.ts) trusts its copy until a notice names a
 * newer version; one that does not (or whose listening connection is down) trusts it for
 * CREDIT_STATE_POLL_MS (default 250 ms), then reads that one row. A different version reloads
 * the firm. A change made on this instance is applied to the copy after it commits (orders,
 * fills, cancels) or marks the copy stale at once (settings, blocks, kill switch, breaches).
 * A new trading day reloads too, which expires DAY orders of earlier days and GTD orders past
 * their date, and starts the day's breach state afresh.
 *
 * Writers of the feed (orders, fills, cancels) lock the firm's credit_state_version row first
 * (lockVersion) and go ahead only when the copy they checked against is that very version, so
 * two instances on one database never both pass orders that together exceed a limit.
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { CreditEngine, D, creditTradingDate, type CreditDerivativeType, type OrderSide, type TimeInForce } from "@/lib/risk";
import type { Tx } from "@/lib/server/action";

type Client = PrismaClient | Tx;

const POLL_MS = Number.parseInt(process.env.CREDIT_STATE_POLL_MS ?? "250", 10);

const CHICAGO = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
let lastMinute = -1;
let lastTradingDate = "";

/** The trading day of an instant: 17:00 Chicago time starts the next weekday's (see the risk core). Computed once a minute. */
export function tradingDateAt(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastMinute) return lastTradingDate;
  const parts = Object.fromEntries(CHICAGO.formatToParts(now).map((p) => [p.type, p.value]));
  lastTradingDate = creditTradingDate(`${parts.year}-${parts.month}-${parts.day}`, Number(parts.hour) * 60 + Number(parts.minute));
  lastMinute = minute;
  return lastTradingDate;
}

export function dateOnly(ymd: string): Date {
  return new Date(`${ymd}T00:00:00Z`);
}

export interface GroupingActions {
  readonly id: string;
  readonly version: number;
  readonly actionEmail: boolean;
  readonly actionBlock: boolean;
  readonly actionCancel: boolean;
}

export interface FirmState {
  readonly firmId: string;
  readonly engine: CreditEngine;
  readonly tradingDate: string;
  version: bigint;
  checkedAt: number;
  /** grouping key → its id, version and breach actions */
  readonly groupings: Map<string, GroupingActions>;
}

const g = globalThis as unknown as { __creditStates?: Map<string, FirmState>; __creditLoads?: Map<string, Promise<FirmState>>; __creditLocks?: Map<string, Promise<unknown>>; __creditRequired?: Map<string, bigint> };
const states = (g.__creditStates ??= new Map());
const loads = (g.__creditLoads ??= new Map());
const locks = (g.__creditLocks ??= new Map());
/** a version this instance wrote and has not seen loaded yet */
const required = (g.__creditRequired ??= new Map());

/** The channel on which every change of a firm's credit state is announced as `<firm id>:<version>`. */
export const CREDIT_STATE_CHANNEL = "credit_state";

/**
 * Bumps the firm's state version in the caller's transaction and announces it on
 * CREDIT_STATE_CHANNEL (PostgreSQL delivers the notice when, and only if, the transaction
 * commits); answers the new version.
 */
export async function bumpVersion(tx: Client, firmId: string): Promise<bigint> {
  const rows = await tx.$queryRaw<{ version: bigint }[]>`
    WITH bumped AS (
      INSERT INTO credit_state_version (firm_id, version, updated_at) VALUES (${firmId}::uuid, 1, now())
      ON CONFLICT (firm_id) DO UPDATE SET version = credit_state_version.version + 1, updated_at = now()
      RETURNING version)
    SELECT version, pg_notify(${CREDIT_STATE_CHANNEL}, ${firmId} || ':' || version)::text AS notified FROM bumped`;
  return BigInt(rows[0]!.version);
}

/**
 * Locks the firm's credit_state_version row until the caller's transaction ends (creating it
 * at version 0 when the firm has none) and answers its version: per-firm serialization of the
 * feed's writers across every instance on the database.
 */
export async function lockVersion(tx: Client, firmId: string): Promise<bigint> {
  const rows = await tx.$queryRaw<{ version: bigint }[]>`
    INSERT INTO credit_state_version (firm_id, version, updated_at) VALUES (${firmId}::uuid, 0, now())
    ON CONFLICT (firm_id) DO UPDATE SET version = credit_state_version.version
    RETURNING version`;
  return BigInt(rows[0]!.version);
}

/** After a change that the copy cannot apply itself: the next use reloads once that version is committed. */
export function markStale(firmId: string, version: bigint): void {
  const r = required.get(firmId);
  if (r === undefined || version > r) required.set(firmId, version);
  const s = states.get(firmId);
  if (s) s.checkedAt = 0;
}

export function forgetFirm(firmId: string): void {
  states.delete(firmId);
}

/** `epoch` counts the starts of listening: a load begun before one is not kept after it. */
const listening = (g as { __creditListening?: { on: boolean; epoch: number } }).__creditListening ??= { on: false, epoch: 0 };

/**
 * Whether this instance hears every change through LISTEN (listener.ts). While it does, a
 * firm's copy is trusted until a notice names a newer version; while it does not, for
 * CREDIT_STATE_POLL_MS. Turning it on drops every copy: notices missed while not listening
 * are not replayed, so each firm is read afresh.
 */
export function setListening(on: boolean): void {
  if (on) {
    states.clear();
    listening.epoch++;
  }
  listening.on = on;
}

/** A notice that the firm's state is now at `version` (from any instance, this one too). */
export function versionAnnounced(firmId: string, version: bigint): void {
  const s = states.get(firmId);
  if (s && s.version >= version) return; // this instance's own change, already applied
  markStale(firmId, version);
}

async function readVersion(db: Client, firmId: string): Promise<bigint> {
  const rows = await db.$queryRaw<{ version: bigint }[]>`SELECT version FROM credit_state_version WHERE firm_id = ${firmId}::uuid`;
  return rows.length ? BigInt(rows[0]!.version) : 0n;
}

interface GroupingRow {
  id: string;
  execution_firm_id: string;
  exchange: string;
  product_complex: string;
  version_id: string;
  version: number;
  futures_limit: string;
  options_limit: string;
  clip_buy_futures: number | null;
  clip_sell_futures: number | null;
  clip_buy_options: number | null;
  clip_sell_options: number | null;
  include_gtc: boolean;
  include_gtd: boolean;
  action_email: boolean;
  action_block: boolean;
  action_cancel: boolean;
}

const big = (n: number | null) => (n === null ? null : BigInt(n));

async function load(db: PrismaClient, firmId: string, tradingDate: string): Promise<FirmState> {
  const td = dateOnly(tradingDate);
  // A new trading day: DAY orders of earlier days and GTD orders past their date expire.
  const expired = await db.creditOrder.updateMany({
    where: {
      firmId,
      state: { in: ["WORKING", "PARTIALLY_FILLED"] },
      OR: [{ timeInForce: "DAY", tradingDate: { lt: td } }, { timeInForce: "GTD", expireDate: { lt: td } }],
    },
    data: { state: "EXPIRED", updatedAt: new Date() },
  });
  if (expired.count > 0) await bumpVersion(db, firmId);
  const version = await readVersion(db, firmId);
  const [groupings, rates, creditBlocks, breaches, blocks, orders, fills] = await Promise.all([
    db.$queryRaw<GroupingRow[]>`
      SELECT g.id, g.execution_firm_id, g.exchange, g.product_complex, v.id AS version_id, v.version,
             v.futures_limit::text AS futures_limit, v.options_limit::text AS options_limit,
             v.clip_buy_futures, v.clip_sell_futures, v.clip_buy_options, v.clip_sell_options,
             v.include_gtc, v.include_gtd, v.action_email, v.action_block, v.action_cancel
      FROM credit_grouping g JOIN credit_grouping_version v ON v.grouping_id = g.id AND v.version = g.current_version
      WHERE g.firm_id = ${firmId}::uuid`,
    db.$queryRaw<{ version_id: string; derivative_type: CreditDerivativeType; product: string; rate: string }[]>`
      SELECT r.version_id, r.derivative_type::text AS derivative_type, r.product, r.rate::text AS rate
      FROM credit_reference_rate r
      JOIN credit_grouping_version v ON v.id = r.version_id
      JOIN credit_grouping g ON g.id = v.grouping_id AND v.version = g.current_version
      WHERE g.firm_id = ${firmId}::uuid`,
    db.creditBlock.findMany({ where: { firmId, liftedAt: null, tradingDate: td }, select: { groupingId: true } }),
    db.creditBreach.findMany({ where: { firmId, tradingDate: td }, select: { groupingId: true, groupingVersion: true, derivativeType: true } }),
    db.rmiBlock.findMany({ where: { firmId, liftedAt: null } }),
    db.creditOrder.findMany({ where: { firmId, state: { in: ["WORKING", "PARTIALLY_FILLED"] } } }),
    db.$queryRaw<{ execution_firm_id: string; exchange: string; product_complex: string; product: string; derivative_type: CreditDerivativeType; side: OrderSide; quantity: bigint }[]>`
      SELECT o.execution_firm_id, o.exchange, o.product_complex, o.product, o.derivative_type::text AS derivative_type, o.side::text AS side, SUM(f.quantity)::bigint AS quantity
      FROM credit_fill f JOIN credit_order o ON o.id = f.order_id
      WHERE f.firm_id = ${firmId}::uuid AND f.trading_date = ${td}::date
      GROUP BY 1, 2, 3, 4, 5, 6`,
  ]);
  const engine = new CreditEngine();
  const ratesByVersion = new Map<string, { product: string; derivativeType: CreditDerivativeType; rate: InstanceType<typeof D> }[]>();
  for (const r of rates) {
    let list = ratesByVersion.get(r.version_id);
    if (!list) ratesByVersion.set(r.version_id, (list = []));
    list.push({ product: r.product, derivativeType: r.derivative_type, rate: new D(r.rate) });
  }
  const blocked = new Set(creditBlocks.map((b) => b.groupingId));
  const breached = new Set(breaches.map((b) => `${b.groupingId}|${b.groupingVersion}|${b.derivativeType}`));
  const actions = new Map<string, GroupingActions>();
  for (const row of groupings) {
    const key = { executionFirmId: row.execution_firm_id, exchange: row.exchange, productComplex: row.product_complex };
    engine.setGrouping({
      ...key,
      id: row.id,
      version: row.version,
      futuresLimit: new D(row.futures_limit),
      optionsLimit: new D(row.options_limit),
      clips: { buyFutures: big(row.clip_buy_futures), sellFutures: big(row.clip_sell_futures), buyOptions: big(row.clip_buy_options), sellOptions: big(row.clip_sell_options) },
      includeGtc: row.include_gtc,
      includeGtd: row.include_gtd,
      rates: ratesByVersion.get(row.version_id) ?? [],
      creditBlocked: blocked.has(row.id),
      breached: { FUTURE: breached.has(`${row.id}|${row.version}|FUTURE`), OPTION: breached.has(`${row.id}|${row.version}|OPTION`) },
    });
    actions.set(`${row.execution_firm_id}|${row.exchange}|${row.product_complex}`, { id: row.id, version: row.version, actionEmail: row.action_email, actionBlock: row.action_block, actionCancel: row.action_cancel });
  }
  engine.setBlocks(blocks.map((b) => ({ id: b.id, kind: b.kind, executionFirmId: b.executionFirmId, account: b.account, exchange: b.exchange, derivativeType: b.derivativeType, side: b.side })));
  for (const o of orders) engine.addOrder({ ...engineTerms(o), id: o.id, remaining: BigInt(o.quantity - o.filledQuantity) });
  for (const f of fills) engine.addFilled({ executionFirmId: f.execution_firm_id, exchange: f.exchange, productComplex: f.product_complex, product: f.product, derivativeType: f.derivative_type, side: f.side }, BigInt(f.quantity));
  return { firmId, engine, tradingDate, version, checkedAt: Date.now(), groupings: actions };
}

export function engineTerms(o: { executionFirmId: string; account: string; exchange: string; productComplex: string; product: string; derivativeType: CreditDerivativeType; side: OrderSide; timeInForce: TimeInForce }) {
  return { executionFirmId: o.executionFirmId, account: o.account, exchange: o.exchange, productComplex: o.productComplex, product: o.product, derivativeType: o.derivativeType, side: o.side, timeInForce: o.timeInForce };
}

/** The firm's current state on this instance, loading or reloading it when it is not. */
export async function firmState(db: PrismaClient, firmId: string, now: Date = new Date()): Promise<FirmState> {
  const tradingDate = tradingDateAt(now);
  const s = states.get(firmId);
  const nowMs = now.getTime();
  if (s && s.tradingDate === tradingDate) {
    const need = required.get(firmId);
    if (need === undefined || s.version >= need) {
      if (listening.on || nowMs - s.checkedAt < POLL_MS) return s;
      const v = await readVersion(db, firmId);
      if (v === s.version) {
        s.checkedAt = nowMs;
        return s;
      }
    }
  }
  const key = `${firmId}|${tradingDate}`;
  let p = loads.get(key);
  if (!p) {
    const epoch = listening.epoch;
    p = load(db, firmId, tradingDate).then(
      (loaded) => {
        // Begun before listening (re)started, it may have missed a change: answer once, keep nothing.
        if (epoch === listening.epoch) states.set(firmId, loaded);
        loads.delete(key);
        const need = required.get(firmId);
        if (need !== undefined && loaded.version >= need) required.delete(firmId);
        return loaded;
      },
      (e: unknown) => {
        loads.delete(key);
        throw e;
      },
    );
    loads.set(key, p);
  }
  return p;
}

/** Runs `fn` alone among this instance's writers of the firm's state (orders, fills, cancels, breaches). */
export async function withFirmLock<T>(firmId: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(firmId) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(firmId, tail);
  try {
    return await run;
  } finally {
    if (locks.get(firmId) === tail) locks.delete(firmId);
  }
}

/** After this instance committed version `v`: the copy applies the change itself if it is the next version, else reloads. */
export function afterCommit(s: FirmState, v: bigint, apply: () => void): void {
  if (states.get(s.firmId) === s && v === s.version + 1n) {
    apply();
    s.version = v;
  } else {
    markStale(s.firmId, v);
    states.delete(s.firmId);
  }
}

export { Prisma };
