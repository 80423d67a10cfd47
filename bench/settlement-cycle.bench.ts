/**
 * Settlement cycle benchmark: 100 members × 1,000 accounts × 10 positions
 * (1,000,000 positions) on a throw-away database, run end to end through the database — from
 * loaded prices to stored statements (target < 120 s) — then a statement page's data read
 * (the statement, its cycle and the previous cycle's statement; target < 300 ms).
 * Benchmarks measure; tests never assert timings.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { measure, percentile, type BenchSection } from "./run";
import { rng } from "./margin.bench";
import { createThrowawayDatabase } from "../lib/db/throwaway";
import { createClient } from "../lib/db/client";
import { closeCyclePools, openCycle, runCycle } from "../lib/server/margin/cycle";
import type { RiskParameters, ContractParameters } from "../lib/risk";

const FIRMS = Number(process.env.BENCH_FIRMS ?? 100);
const ACCOUNTS_PER_FIRM = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const POSITIONS_PER_ACCOUNT = 10;
const CCS = 20;
const FRACTIONS = [0, 0, 1, 1, -1, -1, 2, 2, -2, -2, 3, 3, -3, -3, 2.88, -2.88];

function parameters(): RiskParameters {
  const combinedCommodities = [];
  for (let c = 0; c < CCS; c++) {
    const code = `C${c}`;
    const scale = 300 + c * 20;
    const contracts: ContractParameters[] = [];
    for (let m = 1; m <= 12; m++) {
      const pe = `2027${String(m).padStart(2, "0")}`;
      contracts.push({ id: `BX:${code}:${pe}`, kind: "future", period: pe, multiplier: "1000", riskArray: FRACTIONS.map((f) => (f * scale).toFixed(2)), delta: "1" });
    }
    for (let k = 0; k < 8; k++) {
      const d = 0.2 + k * 0.08;
      contracts.push({ id: `BX:${code}:202701:C:${(60 + k).toFixed(2)}`, kind: "option", period: "202701", multiplier: "1000", putCall: "call", strike: (60 + k).toFixed(2), underlying: `BX:${code}:202701`, riskArray: FRACTIONS.map((f, s) => (f * scale * d - (s % 2 === 0 ? 15 : -15)).toFixed(2)), delta: d.toFixed(2) });
    }
    combinedCommodities.push({
      code,
      name: `Bench ${code}`,
      priceScanRange: String(scale * 3),
      volatilityScanRange: "0.05",
      shortOptionMinimum: "25",
      tiers: [{ number: 1, startPeriod: "202701", endPeriod: "202706" }, { number: 2, startPeriod: "202707", endPeriod: "202712" }],
      intraSpreads: [{ priority: 1, rate: "150", legs: [{ tier: 1, ratio: "1", side: "A" as const }, { tier: 2, ratio: "1", side: "B" as const }] }],
      contracts,
    });
  }
  const interSpreads = [];
  for (let c = 0; c + 1 < CCS; c += 2) interSpreads.push({ priority: c + 1, rate: "0.5", legs: [{ combinedCommodity: `C${c}`, ratio: "1", side: "A" as const }, { combinedCommodity: `C${c + 1}`, ratio: "1", side: "B" as const }] });
  return { asOf: "2026-11-20", currency: "USD", combinedCommodities, interSpreads };
}

async function loadData(url: string): Promise<{ priceSetId: string; contracts: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const params = parameters();
  const contractIds = params.combinedCommodities.flatMap((c) => c.contracts.map((x) => x.id));
  const rand = rng(42);
  await client.query("BEGIN");
  for (let c = 0; c < CCS; c++) {
    await client.query("INSERT INTO margin_product (id, code, kind, name, multiplier, tick) VALUES (gen_random_uuid(), $1, 'FUTURE', $2, 1000, 0.01), (gen_random_uuid(), $1, 'OPTION', $2, 1000, 0.01)", [`BX:C${c}`, `Bench C${c}`]);
  }
  const ps = await client.query<{ id: string }>("INSERT INTO risk_parameter_set (id, business_date, source_name, currency, contract_count, parameters) VALUES (gen_random_uuid(), '2026-11-20', 'bench', 'USD', $1, $2) RETURNING id", [contractIds.length, JSON.stringify(params)]);
  // The previous cycle's prices, so carried positions have variation.
  const prevSet = await client.query<{ id: string }>("INSERT INTO settlement_price_set (id, business_date, cycle_kind, cycle_number, source) VALUES (gen_random_uuid(), '2026-11-19', 'SCHEDULED', 2, 'bench') RETURNING id");
  const set = await client.query<{ id: string }>("INSERT INTO settlement_price_set (id, business_date, cycle_kind, cycle_number, source) VALUES (gen_random_uuid(), '2026-11-20', 'SCHEDULED', 1, 'bench') RETURNING id");
  const prev = contractIds.map((_, i) => (50 + (i % 37)).toFixed(2));
  const now = contractIds.map((_, i) => (50 + (i % 37) + ((i % 7) - 3) * 0.25).toFixed(2));
  await client.query("INSERT INTO settlement_price (price_set_id, contract, price) SELECT $1, * FROM unnest($2::text[], $3::numeric[])", [prevSet.rows[0]!.id, contractIds, prev]);
  await client.query("INSERT INTO settlement_price (price_set_id, contract, price) SELECT $1, * FROM unnest($2::text[], $3::numeric[])", [set.rows[0]!.id, contractIds, now]);
  await client.query(
    "INSERT INTO margin_cycle (id, business_date, kind, number, status, parameter_set_id, price_set_id, total_accounts, processed_accounts, finished_at) VALUES (gen_random_uuid(), '2026-11-19', 'SCHEDULED', 2, 'COMPLETED', $1, $2, 0, 0, now() - interval '1 day')",
    [ps.rows[0]!.id, prevSet.rows[0]!.id],
  );
  await client.query("COMMIT");
  for (let f = 0; f < FIRMS; f++) {
    const firm = await client.query<{ id: string }>("INSERT INTO firm (id, code, legal_name, legal_form, jurisdiction, is_bank, is_fcm, is_broker_dealer, clears_otc, exchanges) VALUES (gen_random_uuid(), $1, $2, 'LLC', 'Illinois', false, true, false, false, '{CME}') RETURNING id", [`B${f}`, `Bench firm ${f}`]);
    const numbers: string[] = [];
    const origins: string[] = [];
    const customers: (string | null)[] = [];
    for (let a = 0; a < ACCOUNTS_PER_FIRM; a++) {
      numbers.push(`B${f}-${a}`);
      origins.push(a === 0 ? "HOUSE" : "CUSTOMER_SEGREGATED");
      customers.push(a === 0 ? null : `CUST${a}`);
    }
    const accounts = await client.query<{ id: string }>(
      `INSERT INTO margin_account (id, firm_id, account_number, origin, customer_account_id) SELECT gen_random_uuid(), $1, * FROM unnest($2::text[], $3::"AccountOrigin"[], $4::text[]) RETURNING id`,
      [firm.rows[0]!.id, numbers, origins, customers],
    );
    const acc: string[] = [];
    const con: string[] = [];
    const qty: number[] = [];
    const holdAcc: string[] = [];
    const holdVal: string[] = [];
    for (const { id } of accounts.rows) {
      const picked = new Set<number>();
      while (picked.size < POSITIONS_PER_ACCOUNT) picked.add(Math.floor(rand() * contractIds.length));
      for (const i of picked) {
        acc.push(id);
        con.push(contractIds[i]!);
        qty.push((Math.floor(rand() * 20) + 1) * (rand() < 0.5 ? -1 : 1));
      }
      holdAcc.push(id);
      holdVal.push((Math.floor(rand() * 200_000) + 1000).toFixed(2));
    }
    await client.query("INSERT INTO position (account_id, contract, quantity) SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])", [acc, con, qty]);
    await client.query("INSERT INTO collateral_holding (id, account_id, type, market_value) SELECT gen_random_uuid(), a, 'cash', v FROM unnest($1::uuid[], $2::numeric[]) AS t(a, v)", [holdAcc, holdVal]);
  }
  await client.query("ANALYZE");
  await client.end();
  return { priceSetId: set.rows[0]!.id, contracts: contractIds.length };
}

export async function run(): Promise<BenchSection> {
  const database = await createThrowawayDatabase();
  const prisma = createClient(database.url);
  try {
    const t0 = performance.now();
    const { priceSetId, contracts } = await loadData(database.url);
    const loadMs = performance.now() - t0;
    const positions = FIRMS * ACCOUNTS_PER_FIRM * POSITIONS_PER_ACCOUNT;
    process.stderr.write(`bench: loaded ${positions} positions in ${(loadMs / 1000).toFixed(1)} s; running the cycle\n`);
    const load0 = os.loadavg();
    const t1 = performance.now();
    const { cycle } = await prisma.$transaction((tx) => openCycle(tx, { priceSetId, userId: null }));
    const result = await runCycle(prisma, cycle.id, { databaseUrl: database.url, batchSize: 2000 });
    const cycleMs = performance.now() - t1;
    if (result.status !== "COMPLETED") throw new Error(`cycle did not complete: ${result.error}`);
    const statements = await prisma.marginStatement.count({ where: { cycleId: cycle.id } });
    process.stderr.write(`bench: cycle ${(cycleMs / 1000).toFixed(1)} s for ${statements} statements\n`);

    // A statement page's reads: the statement by id and firm, its cycle, the account's previous statement.
    const sample = await prisma.marginStatement.findMany({ where: { cycleId: cycle.id }, select: { id: true, firmId: true, accountId: true }, take: 60, skip: 1234 });
    const times: number[] = [];
    for (const s of sample) {
      const t = performance.now();
      const st = await prisma.marginStatement.findFirst({ where: { id: s.id, firmId: s.firmId }, include: { cycle: true } });
      await prisma.marginAccount.findFirst({ where: { id: s.accountId, firmId: s.firmId } });
      await prisma.marginStatement.findMany({ where: { accountId: s.accountId }, orderBy: { cycle: { startedAt: "desc" } }, take: 30, select: { id: true, maintenance: true, collateralValue: true, cycleId: true } });
      JSON.stringify(st?.breakdown);
      times.push(performance.now() - t);
    }
    const p50 = percentile(times.slice(10), 50);
    const p99 = percentile(times.slice(10), 99);
    return {
      section: "settlement-cycle",
      measurements: [
        measure("cycle end to end through the database (1,000,000 positions)", cycleMs / 1000, "s", { op: "<", value: 120 }, { firms: FIRMS, accounts: FIRMS * ACCOUNTS_PER_FIRM, positions, contracts, statements, loadavgAtStart: load0, loadavgAtEnd: os.loadavg(), dataLoadSeconds: Math.round(loadMs / 100) / 10 }),
        measure("statement page reads p50", p50, "ms", { op: "<", value: 300 }),
        measure("statement page reads p99", p99, "ms", { op: "<", value: 300 }),
      ],
    };
  } finally {
    await closeCyclePools();
    await prisma.$disconnect();
    await database.stop();
  }
}
