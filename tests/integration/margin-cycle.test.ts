/**
 * Settlement cycles through the database: the demo's two cycles, Rule 814 variation from trade
 * prices, calls via the outbox, bad price and position files refused with the row named and
 * nothing stored, a chunked run interrupted and resumed, and a cycle that cannot run twice.
 */
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { computeSpanRequirement, compileRiskParameters, type RiskParameters } from "@/lib/risk";
import { closeCyclePools, openCycle, runCycle } from "@/lib/server/margin/cycle";
import { memberStatements } from "@/lib/server/margin/queries";
import { feedRowsFromCsv, storePositions, storeRiskParameters, storeSettlementPrices } from "@/lib/server/margin/load";
import type { StatementBreakdown } from "@/lib/server/margin/statement";
import { demoSpanXmlPath } from "@/lib/demo/seed-margin";
import { testClient, testDatabaseUrl } from "../support/db";
import { DomainError } from "@/lib/shared/errors";

const db = testClient();
afterAll(async () => {
  await closeCyclePools();
  await db.$disconnect();
});

async function statementOf(accountNumber: string, cycleNumber: number) {
  const account = await db.marginAccount.findFirstOrThrow({ where: { accountNumber } });
  return db.marginStatement.findFirstOrThrow({ where: { accountId: account.id, cycle: { businessDate: new Date("2026-11-20T00:00:00Z"), kind: "SCHEDULED", number: cycleNumber } } });
}

describe("settlement cycle", () => {
  it("the demo ran cycles 1 and 2 of 2026-11-20 to completion, a statement per account", async () => {
    const cycles = await db.marginCycle.findMany({ where: { businessDate: new Date("2026-11-20T00:00:00Z") }, orderBy: { number: "asc" } });
    expect(cycles.map((c) => [c.number, c.status])).toEqual([[1, "COMPLETED"], [2, "COMPLETED"]]);
    const accounts = await db.marginAccount.count();
    for (const c of cycles) expect(await db.marginStatement.count({ where: { cycleId: c.id } })).toBe(accounts);
    expect(cycles[1]!.previousCycleId).toBe(cycles[0]!.id);
  });

  it("Rule 814: the OPS swap settles carried positions from the previous settlement and the cycle's trade from its trade price", async () => {
    const s = await statementOf("BLUE-X3001", 2);
    const b = s.breakdown as unknown as StatementBreakdown;
    const front = b.positions.find((p) => p.contract === "CME:OPS:202612")!;
    // 10 carried long 812.50 → 815.25: 11 ticks × $6.25 × 10 = 687.50; 4 sold at 816.00: +75.00
    expect(front.quantity).toBe(6);
    expect(front.variation).toBe("762.50");
    const back = b.positions.find((p) => p.contract === "CME:OPS:202701")!;
    expect(back.variation).toBe("-175.00"); // −4 × (809.75 − 808.00) × 25
    expect(s.variation.toFixed(2)).toBe("587.50");
    const trade = await db.trade.findFirstOrThrow({ where: { externalId: "DEMO-T1" } });
    expect(trade.settledCycleId).toBe(s.cycleId);
  });

  it("the stored requirement is the risk core's SPAN requirement, with the Rule 824 charge on the short Euro FX side", async () => {
    const s = await statementOf("ACME-H", 1);
    const cycle = await db.marginCycle.findUniqueOrThrow({ where: { id: s.cycleId }, include: { parameterSet: true } });
    const params = compileRiskParameters(cycle.parameterSet.parameters as unknown as RiskParameters);
    const direct = computeSpanRequirement({
      parameters: params,
      positions: [{ contract: "CME:BP:202612", quantity: -2 }, { contract: "CME:EC:202612", quantity: 4 }, { contract: "CME:EC:202612:C:1.150", quantity: -3 }, { contract: "CME:EC:202703", quantity: -2 }],
      additionalPerformanceBond: [{ reason: "x", amount: "500.00" }],
    });
    expect(s.maintenance.toFixed(2)).toBe(direct.maintenance.toFixed(2));
    expect(s.initial.toFixed(2)).toBe(direct.initial.toFixed(2));
    const b = s.breakdown as unknown as StatementBreakdown;
    expect(b.span.additionalPerformanceBond).toBe("500.00");
    expect(b.span.combinedCommodities.map((c) => c.code).sort()).toEqual(["BP", "EC"]);
  });

  it("an account below maintenance is called (customer back to initial) and its firm gets the call through the outbox", async () => {
    const s = await statementOf("ACME-C1002", 1);
    expect(s.excess.isNegative()).toBe(true);
    expect(s.call.toFixed(2)).toBe(s.initial.minus(s.collateralValue).toFixed(2));
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const messages = await db.outboxMessage.findMany({ where: { firmId: firm.id, kind: "margin.call" } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]!.subject).toMatch(/Performance bond call: \$[\d,]+\.\d\d \(2026-11-20 cycle \d\)/);
  });
});

describe("bad input leaves nothing behind", () => {
  const date = "2026-11-23";
  it("loads the day's parameters", async () => {
    const xml = await readFile(demoSpanXmlPath(), "utf8");
    await db.$transaction((tx) => storeRiskParameters(tx, { businessDate: date, source: { xml }, sourceName: "demo.xml", fileId: null, userId: null }));
  });

  it("refuses a price file with an unknown contract, naming the row", async () => {
    const before = await db.settlementPriceSet.count();
    const csv = "contract,price\nCME:EC:202612,1.2000\nCME:XX:202612,5\n";
    await expect(db.$transaction((tx) => storeSettlementPrices(tx, { businessDate: date, cycle: "1", csv, source: "csv", fileId: null, userId: null }))).rejects.toThrow(/row 3: contract "CME:XX:202612" is not in the risk parameters/);
    expect(await db.settlementPriceSet.count()).toBe(before);
  });

  it("refuses a price off the tick, naming the row and the tick", async () => {
    const before = await db.settlementPrice.count();
    const csv = "contract,price\nCME:OPS:202612,815.25\nCME:OPS:202701,809.10\n";
    await expect(db.$transaction((tx) => storeSettlementPrices(tx, { businessDate: date, cycle: "1", csv, source: "csv", fileId: null, userId: null }))).rejects.toThrow(/row 3: price 809.10 of CME:OPS:202701 is off the tick: it must be a multiple of 0.25/);
    expect(await db.settlementPrice.count()).toBe(before);
  });

  it("refuses positions for an unknown account, naming the row; the rows before it are not stored", async () => {
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const { rows, where } = feedRowsFromCsv("account,contract,quantity\nACME-H,CME:EC:202612,99\nNOPE-1,CME:EC:202612,1\n", "positions");
    await expect(db.$transaction((tx) => storePositions(tx, firm.id, rows, where))).rejects.toThrow(/row 3: account "NOPE-1" is not one of your firm's accounts/);
    const acme = await db.marginAccount.findFirstOrThrow({ where: { accountNumber: "ACME-H" } });
    expect((await db.position.findUniqueOrThrow({ where: { accountId_contract: { accountId: acme.id, contract: "CME:EC:202612" } } })).quantity).toBe(BigInt(4));
  });

  it("a firm cannot report positions into another firm's account", async () => {
    const blue = await db.firm.findUniqueOrThrow({ where: { code: "BLUE" } });
    await expect(db.$transaction((tx) => storePositions(tx, blue.id, [{ account: "ACME-H", contract: "CME:EC:202612", quantity: 1 }]))).rejects.toBeInstanceOf(DomainError);
  });
});

describe("a chunked run is resumable and runs once", () => {
  const date = "2026-11-23";
  let cycleId = "";
  it("stops after one batch, then continues from the cursor to the end", async () => {
    const csv = "contract,price\nCME:EC:202612,1.2000\nCME:EC:202703,1.1970\nCME:EC:202612:C:1.150,0.0555\nCME:BP:202612,1.7900\nCME:OPS:202612,817.00\nCME:OPS:202701,810.50\n";
    const { set } = await db.$transaction((tx) => storeSettlementPrices(tx, { businessDate: date, cycle: "1", csv, source: "csv", fileId: null, userId: null }));
    const opened = await db.$transaction((tx) => openCycle(tx, { priceSetId: set.id, userId: null }));
    cycleId = opened.cycle.id;
    const first = await runCycle(db, cycleId, { batchSize: 3, maxBatches: 1, databaseUrl: testDatabaseUrl() });
    expect(first).toMatchObject({ status: "RUNNING", processedAccounts: 3 });
    expect(await db.marginStatement.count({ where: { cycleId } })).toBe(3);
    const again = await db.$transaction((tx) => openCycle(tx, { priceSetId: set.id, userId: null }));
    expect(again).toMatchObject({ resumed: true });
    const done = await runCycle(db, cycleId, { batchSize: 3, databaseUrl: testDatabaseUrl() });
    const accounts = await db.marginAccount.count();
    expect(done).toMatchObject({ status: "COMPLETED", processedAccounts: accounts });
    expect(await db.marginStatement.count({ where: { cycleId } })).toBe(accounts);
  });

  it("a completed cycle cannot run again, and its prices cannot be replaced", async () => {
    const set = await db.settlementPriceSet.findFirstOrThrow({ where: { businessDate: new Date(`${date}T00:00:00Z`), cycleNumber: 1, cycleKind: "SCHEDULED" } });
    await expect(db.$transaction((tx) => openCycle(tx, { priceSetId: set.id, userId: null }))).rejects.toThrow(/has already run/);
    await expect(db.$transaction((tx) => storeSettlementPrices(tx, { businessDate: date, cycle: "1", csv: "contract,price\nCME:EC:202612,1.2\n", source: "csv", fileId: null, userId: null }))).rejects.toThrow(/already run/);
    expect((await runCycle(db, cycleId, { databaseUrl: testDatabaseUrl() })).status).toBe("COMPLETED");
    expect(await db.marginStatement.count({ where: { cycleId } })).toBe(await db.marginAccount.count());
  });
});

describe("a member's statements, a page at a time", () => {
  it("pages through every completed cycle of the firm once, newest first; a cycle not the firm's is not a page", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const all = await db.marginCycle.findMany({ where: { status: "COMPLETED", statements: { some: { firmId: acme.id } } }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(all.length).toBeGreaterThanOrEqual(2); // the demo's two cycles, and this file's runs
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages <= all.length; pages++) {
      const page = (await memberStatements(acme.id, { limit: 1, before }))!;
      seen.push(...page.cycles.map((c) => c.id));
      expect(page.cycles.every((c) => c.statements.length > 0 && c.statements.every((s) => s.accountNumber !== "?"))).toBe(true);
      if (!page.olderBefore) break;
      before = page.olderBefore;
    }
    expect(seen).toEqual(all.map((c) => c.id));
    // one page of everything has no older page
    expect((await memberStatements(acme.id, { limit: all.length }))!.olderBefore).toBeNull();
    // a malformed cursor, or a cycle id that is no cycle of ACME's, is refused
    expect(await memberStatements(acme.id, { before: "not-a-cycle" })).toBeNull();
    expect(await memberStatements(acme.id, { before: acme.id })).toBeNull();
  });
});
