/**
 * The settlement cycle run [SPEC §5; Rules 814, 820, 824]: for every account, settlement
 * variation, the SPAN requirement with its breakdown, collateral after haircuts, excess or
 * deficit and the call, stored as a statement; then calls to members in deficit via the outbox.
 *
 * Chunked and resumable: accounts are processed in id order, in batches; each batch's
 * statements, its settled trades and the progress cursor commit in one transaction, so an
 * interrupted run continues from the cursor. A lease keeps two runners off the same cycle; the
 * unique (business date, kind, number) key makes a cycle run once; a completed cycle cannot run again.
 * The bulk path reads and writes through node-postgres directly (array parameters, few round trips).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { PrismaClient, Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { databaseUrl } from "@/lib/db/client";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { compileRiskParameters, formatUsd, toQuantity, type CompiledRiskParameters, type RiskParameters } from "@/lib/risk";
import { percentFraction } from "@/lib/settings/values";
import { contractsOf } from "./contracts";
import { inputRefused, isoDate, productIndex } from "./load";
import { buildStatement, type ChargeRow, type OriginName, type StatementAccount, type StatementContext } from "./statement";

type Tx = Prisma.TransactionClient;

const pools = new Map<string, pg.Pool>();
function pool(url: string): pg.Pool {
  let p = pools.get(url);
  if (!p) {
    p = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection dropped by the server (restart, shutdown) is replaced on next use.
    p.on("error", (e) => console.error("[margin cycle] idle database connection lost:", e.message));
    pools.set(url, p);
  }
  return p;
}

/** Closes the bulk path's connections (scripts and tests). */
export async function closeCyclePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}

const compiledCache = new Map<string, { params: CompiledRiskParameters; contracts: ReturnType<typeof contractsOf> }>();

/** Compiled parameters of a stored parameter set, compiled once per process. */
export function compiledParameters(id: string, parameters: unknown) {
  let c = compiledCache.get(id);
  if (!c) {
    const raw = parameters as RiskParameters;
    c = { params: compileRiskParameters(raw), contracts: contractsOf(raw) };
    if (compiledCache.size > 20) compiledCache.clear();
    compiledCache.set(id, c);
  }
  return c;
}

export function cycleLabel(c: { businessDate: Date; kind: string; number: number }): string {
  return `${isoDate(c.businessDate)} ${c.kind === "SCHEDULED" ? `cycle ${c.number}` : `ad hoc ${c.number}`}`;
}

/**
 * Opens the cycle for a price set: a new cycle, or the unfinished one to resume.
 * Refused when the cycle has completed, or the day has no risk parameters.
 */
export async function openCycle(tx: Tx, input: { priceSetId: string; userId: string | null }) {
  const priceSet = await tx.settlementPriceSet.findUnique({ where: { id: input.priceSetId } });
  if (!priceSet) throw inputRefused("no such settlement price set", "priceSetId");
  const existing = await tx.marginCycle.findUnique({ where: { businessDate_kind_number: { businessDate: priceSet.businessDate, kind: priceSet.cycleKind, number: priceSet.cycleNumber } } });
  if (existing?.status === "COMPLETED") throw inputRefused(`${cycleLabel(existing)} has already run (completed ${existing.finishedAt?.toISOString().slice(0, 16).replace("T", " ")} UTC); a cycle runs once`, "priceSetId");
  if (existing) return { cycle: existing, resumed: true };
  const paramSet = await tx.riskParameterSet.findFirst({ where: { businessDate: priceSet.businessDate, createdAt: { lte: new Date() } }, orderBy: { createdAt: "desc" } });
  if (!paramSet) throw inputRefused(`no risk parameters loaded for ${isoDate(priceSet.businessDate)}`, "priceSetId");
  const previous = await tx.marginCycle.findFirst({ where: { status: "COMPLETED" }, orderBy: { finishedAt: "desc" } });
  const totalAccounts = await tx.marginAccount.count();
  const cycle = await tx.marginCycle.create({
    data: {
      businessDate: priceSet.businessDate,
      kind: priceSet.cycleKind,
      number: priceSet.cycleNumber,
      parameterSetId: paramSet.id,
      priceSetId: priceSet.id,
      previousCycleId: previous?.id ?? null,
      totalAccounts,
      startedBy: input.userId,
    },
  });
  return { cycle, resumed: false };
}

export interface RunCycleOptions {
  readonly batchSize?: number;
  /** Stop after this many batches (tests: simulate an interruption). */
  readonly maxBatches?: number;
  readonly actor?: { userId: string; email: string; role: string } | null;
  readonly leaseSeconds?: number;
  /** The bulk path's database (default DATABASE_URL). */
  readonly databaseUrl?: string;
}

export interface RunCycleResult {
  readonly status: "RUNNING" | "COMPLETED" | "FAILED";
  readonly processedAccounts: number;
  readonly totalAccounts: number;
  readonly error: string | null;
  readonly calls: number;
}

async function loadContext(client: pg.PoolClient, cycle: { parameterSetId: string; priceSetId: string; previousCycleId: string | null }): Promise<StatementContext> {
  const ps = await client.query<{ id: string; parameters: unknown }>("SELECT id, parameters FROM risk_parameter_set WHERE id = $1", [cycle.parameterSetId]);
  const { params, contracts } = compiledParameters(ps.rows[0]!.id, ps.rows[0]!.parameters);
  const prices = new Map((await client.query<{ contract: string; price: string }>("SELECT contract, price::text AS price FROM settlement_price WHERE price_set_id = $1", [cycle.priceSetId])).rows.map((r) => [r.contract, trimPrice(r.price)]));
  let previousPrices = new Map<string, string>();
  if (cycle.previousCycleId) {
    const prev = await client.query<{ contract: string; price: string }>("SELECT p.contract, p.price::text AS price FROM settlement_price p JOIN margin_cycle c ON c.price_set_id = p.price_set_id WHERE c.id = $1", [cycle.previousCycleId]);
    previousPrices = new Map(prev.rows.map((r) => [r.contract, trimPrice(r.price)]));
  }
  const products = productIndex((await client.query<{ code: string; kind: string; multiplier: string; tick: string }>("SELECT code, kind::text AS kind, multiplier::text AS multiplier, tick::text AS tick FROM margin_product")).rows);
  const buffer = (await client.query<{ value: string }>("SELECT value FROM setting WHERE key = 'margin.initialBufferPercent'")).rows[0]?.value;
  return { params, contracts, products, prices, previousPrices, initialBuffer: percentFraction("margin.initialBufferPercent", buffer) };
}

/** "815.25000000" → "815.25" (numeric text, trailing zeros dropped). */
export function trimPrice(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Runs (or resumes) a cycle to the end, one committed batch at a time. */
export async function runCycle(prisma: PrismaClient, cycleId: string, options: RunCycleOptions = {}): Promise<RunCycleResult> {
  const batchSize = options.batchSize ?? 2000;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const p = pool(options.databaseUrl ?? databaseUrl());
  const client = await p.connect();
  try {
    const leased = await client.query(
      `UPDATE margin_cycle SET status = 'RUNNING', error = NULL, lease_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND status <> 'COMPLETED' AND (lease_until IS NULL OR lease_until < now())
        RETURNING parameter_set_id, price_set_id, previous_cycle_id, cursor, processed_accounts, total_accounts`,
      [cycleId, leaseSeconds],
    );
    if (leased.rowCount === 0) {
      const c = await client.query<{ status: RunCycleResult["status"]; processed_accounts: number; total_accounts: number; error: string | null }>("SELECT status, processed_accounts, total_accounts, error FROM margin_cycle WHERE id = $1", [cycleId]);
      const row = c.rows[0];
      if (!row) throw inputRefused("no such cycle");
      if (row.status === "COMPLETED") return { status: "COMPLETED", processedAccounts: row.processed_accounts, totalAccounts: row.total_accounts, error: null, calls: 0 };
      throw inputRefused("the cycle is being run by another process; its progress shows here");
    }
    const row = leased.rows[0] as { parameter_set_id: string; price_set_id: string; previous_cycle_id: string | null; cursor: string | null; processed_accounts: number; total_accounts: number };
    const ctx = await loadContext(client, { parameterSetId: row.parameter_set_id, priceSetId: row.price_set_id, previousCycleId: row.previous_cycle_id });
    const charges = new Map<string, ChargeRow[]>();
    for (const c of (await client.query<{ id: string; firm_id: string; product_code: string | null; side: string | null; amount: string; reason: string }>("SELECT id, firm_id, product_code, side, amount::text AS amount, reason FROM additional_charge WHERE ended_at IS NULL")).rows) {
      const list = charges.get(c.firm_id) ?? [];
      list.push({ id: c.id, productCode: c.product_code, side: c.side, amount: c.amount, reason: c.reason });
      charges.set(c.firm_id, list);
    }
    let cursor = row.cursor;
    let processed = row.processed_accounts;
    let batches = 0;
    const timing = { read: 0, build: 0, write: 0 };
    // Reads and margining of batch k+1 overlap the write of batch k (a second connection).
    const writer = await p.connect();
    let pending: Promise<void> | null = null;
    try {
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) {
        if (pending) await pending;
        pending = null;
        await client.query("UPDATE margin_cycle SET lease_until = NULL WHERE id = $1", [cycleId]);
        return { status: "RUNNING", processedAccounts: processed, totalAccounts: row.total_accounts, error: null, calls: 0 };
      }
      const tRead = performance.now();
      const accounts = (
        await client.query<{ id: string; firm_id: string; account_number: string; origin: OriginName; customer_account_id: string | null }>(
          "SELECT id, firm_id, account_number, origin::text AS origin, customer_account_id FROM margin_account WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2",
          [cursor, batchSize],
        )
      ).rows;
      if (accounts.length === 0) break;
      const ids = accounts.map((a) => a.id);
      // One connection: the three reads go one after another.
      const positions = await client.query<{ account_id: string; contract: string; quantity: string }>("SELECT account_id, contract, quantity::text AS quantity FROM position WHERE account_id = ANY($1::uuid[]) ORDER BY account_id, contract", [ids]);
      const trades = await client.query<{ id: string; account_id: string; contract: string; quantity: string; price: string }>("SELECT id, account_id, contract, quantity::text AS quantity, price::text AS price FROM trade WHERE settled_cycle_id IS NULL AND account_id = ANY($1::uuid[]) ORDER BY created_at, id", [ids]);
      const holdings = await client.query<{ account_id: string; type: string; market_value: string }>("SELECT account_id, type, market_value::text AS market_value FROM collateral_holding WHERE account_id = ANY($1::uuid[]) ORDER BY account_id, type", [ids]);
      timing.read += performance.now() - tRead;
      const tBuild = performance.now();
      const posBy = groupBy(positions.rows, (r) => r.account_id);
      const tradesBy = groupBy(trades.rows, (r) => r.account_id);
      const holdBy = groupBy(holdings.rows, (r) => r.account_id);
      const cols = { account: [] as string[], firm: [] as string[], origin: [] as string[], count: [] as number[], variation: [] as string[], maintenance: [] as string[], initial: [] as string[], collateral: [] as string[], excess: [] as string[], call: [] as string[], breakdown: [] as unknown[] };
      try {
        for (const a of accounts) {
          const account: StatementAccount = { id: a.id, firmId: a.firm_id, accountNumber: a.account_number, origin: a.origin, customerAccountId: a.customer_account_id };
          const s = buildStatement(
            ctx,
            account,
            // whole contracts: the engine's one conversion checks each is an integer within ±10^12 (exact as a safe integer)
            (posBy.get(a.id) ?? []).map((r) => ({ contract: r.contract, quantity: toQuantity(r.quantity, "position.quantity") })),
            (tradesBy.get(a.id) ?? []).map((r) => ({ contract: r.contract, quantity: toQuantity(r.quantity, "trade.quantity"), price: trimPrice(r.price) })),
            (holdBy.get(a.id) ?? []).map((r) => ({ type: r.type, marketValue: r.market_value })),
            charges.get(a.firm_id) ?? [],
          );
          cols.account.push(s.accountId);
          cols.firm.push(s.firmId);
          cols.origin.push(s.origin);
          cols.count.push(s.positionCount);
          cols.variation.push(s.variation);
          cols.maintenance.push(s.maintenance);
          cols.initial.push(s.initial);
          cols.collateral.push(s.collateralValue);
          cols.excess.push(s.excess);
          cols.call.push(s.call);
          cols.breakdown.push(s.breakdown);
        }
      } catch (e) {
        if (pending) await pending;
        pending = null;
        const message = e instanceof Error ? e.message : String(e);
        await client.query("UPDATE margin_cycle SET status = 'FAILED', error = $2, lease_until = NULL WHERE id = $1", [cycleId, message]);
        await recordAudit(prisma, { actor: options.actor ?? null, action: "margin.cycle.failed", objectType: "margin-cycle", objectId: cycleId, outcome: "failed", summary: { error: message, processed } });
        return { status: "FAILED", processedAccounts: processed, totalAccounts: row.total_accounts, error: message, calls: 0 };
      }
      timing.build += performance.now() - tBuild;
      const tWrite = performance.now();
      const last = ids[ids.length - 1]!;
      // The previous batch's write must commit before this one (the cursor moves in order).
      if (pending) await pending;
      const tradeIds = trades.rows.map((t) => t.id);
      const count = accounts.length;
      pending = writeBatch(writer, cycleId, JSON.stringify(cols), tradeIds, last, count, leaseSeconds).then(() => {
        timing.write += performance.now() - tWrite;
      });
      // Keep the rejection observed until awaited (the next batch or the end awaits it).
      pending.catch(() => undefined);
      cursor = last;
      processed += accounts.length;
      batches++;
    }
    if (pending) await pending;
    pending = null;
    if (process.env.PORTAL_CYCLE_TIMING) process.stderr.write(`cycle timing ms: ${JSON.stringify(timing)}\n`);
    const calls = await finishCycle(prisma, cycleId, options.actor ?? null);
    return { status: "COMPLETED", processedAccounts: processed, totalAccounts: row.total_accounts, error: null, calls };
    } finally {
      if (pending) await pending.catch(() => undefined);
      writer.release();
    }
  } finally {
    client.release();
  }
}

/** One batch's statements, settled trades and the cursor, in one transaction. */
async function writeBatch(client: pg.PoolClient, cycleId: string, columns: string, tradeIds: readonly string[], last: string, count: number, leaseSeconds: number): Promise<void> {
  await client.query("BEGIN");
  try {
    // Columns as one JSON document: one parameter, parsed once by the server.
    await client.query(
      `WITH c AS (SELECT $2::jsonb AS j)
       INSERT INTO margin_statement (id, cycle_id, firm_id, account_id, origin, position_count, variation, maintenance, initial, collateral_value, excess, call, breakdown)
       SELECT gen_random_uuid(), $1, t.* FROM c, LATERAL (
         SELECT f::uuid, a::uuid, o::"AccountOrigin", n::int, v::numeric, m::numeric, i::numeric, k::numeric, e::numeric, x::numeric, b
           FROM ROWS FROM (
             jsonb_array_elements_text(c.j->'firm'), jsonb_array_elements_text(c.j->'account'), jsonb_array_elements_text(c.j->'origin'),
             jsonb_array_elements_text(c.j->'count'), jsonb_array_elements_text(c.j->'variation'), jsonb_array_elements_text(c.j->'maintenance'),
             jsonb_array_elements_text(c.j->'initial'), jsonb_array_elements_text(c.j->'collateral'), jsonb_array_elements_text(c.j->'excess'),
             jsonb_array_elements_text(c.j->'call'), jsonb_array_elements(c.j->'breakdown')
           ) AS r(f, a, o, n, v, m, i, k, e, x, b)
       ) AS t
       ON CONFLICT (cycle_id, account_id) DO NOTHING`,
      [cycleId, columns],
    );
    if (tradeIds.length) await client.query("UPDATE trade SET settled_cycle_id = $1 WHERE id = ANY($2::uuid[])", [cycleId, tradeIds]);
    await client.query("UPDATE margin_cycle SET cursor = $2, processed_accounts = processed_accounts + $3, lease_until = now() + make_interval(secs => $4) WHERE id = $1", [cycleId, last, count, leaseSeconds]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}


/** Marks the cycle completed and calls members in deficit (one message per firm, once). */
async function finishCycle(prisma: PrismaClient, cycleId: string, actor: RunCycleOptions["actor"]): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.marginCycle.update({ where: { id: cycleId }, data: { status: "COMPLETED", finishedAt: new Date(), leaseUntil: null, totalAccounts: await tx.marginStatement.count({ where: { cycleId } }) } });
    await tx.marginCycle.update({ where: { id: cycleId }, data: { processedAccounts: cycle.totalAccounts } });
    const deficits = await tx.marginStatement.groupBy({ by: ["firmId"], where: { cycleId, call: { gt: 0 } }, _sum: { call: true }, _count: { _all: true } });
    const label = cycleLabel(cycle);
    for (const d of deficits) {
      const recipients = await firmRecipients(tx, d.firmId);
      await enqueue(tx, recipients, {
        kind: "margin.call",
        subject: `Performance bond call: ${formatUsd(d._sum.call ?? "0")} (${label})`,
        body: `Settlement ${label}: ${d._count._all} of your accounts are below their maintenance requirement. Total called: ${formatUsd(d._sum.call ?? "0")}. Customer accounts are called back to the initial level, the house to maintenance. See Margin statements in the portal for each account's breakdown.`,
        dedupeKey: `margin.call:${cycleId}:${d.firmId}`,
      });
    }
    await recordAudit(tx, { actor: actor ?? null, action: "margin.cycle.completed", objectType: "margin-cycle", objectId: cycleId, summary: { cycle: label, accounts: cycle.totalAccounts, firmsCalled: deficits.length } });
    return deficits.length;
  });
}
