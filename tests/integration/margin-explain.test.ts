/**
 * Margin explain on stored cycles: a statement is explained against the account's statement of
 * the previous cycle from what the cycles kept (parameter sets, the statements' positions and
 * add-ons); the parts sum exactly to the change in the stored maintenance requirements.
 */
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { D } from "@/lib/risk";
import { closeCyclePools, openCycle, runCycle } from "@/lib/server/margin/cycle";
import { memberStatement } from "@/lib/server/margin/queries";
import { storeRiskParameters, storeSettlementPrices } from "@/lib/server/margin/load";
import type { ExplainLine } from "@/lib/server/margin/explain";
import { demoSpanXmlPath } from "@/lib/demo/seed-margin";
import { testClient, testDatabaseUrl } from "../support/db";

const db = testClient();
afterAll(async () => {
  await closeCyclePools();
  await db.$disconnect();
});

const PRICES = "contract,price\nCME:EC:202612,1.2000\nCME:EC:202703,1.1970\nCME:EC:202612:C:1.150,0.0555\nCME:BP:202612,1.7900\nCME:OPS:202612,817.00\nCME:OPS:202701,810.50\n";

async function runDay(date: string, xml: string): Promise<string> {
  await db.$transaction((tx) => storeRiskParameters(tx, { businessDate: date, source: { xml }, sourceName: `explain-${date}.xml`, fileId: null, userId: null }));
  const { set } = await db.$transaction((tx) => storeSettlementPrices(tx, { businessDate: date, cycle: "1", csv: PRICES, source: "csv", fileId: null, userId: null }));
  const { cycle } = await db.$transaction((tx) => openCycle(tx, { priceSetId: set.id, userId: null }));
  expect((await runCycle(db, cycle.id, { databaseUrl: testDatabaseUrl() })).status).toBe("COMPLETED");
  return cycle.id;
}

async function explained(cycleId: string, accountNumber: string) {
  const account = await db.marginAccount.findFirstOrThrow({ where: { accountNumber } });
  const s = await db.marginStatement.findFirstOrThrow({ where: { cycleId, accountId: account.id } });
  const found = (await memberStatement(account.firmId, s.id))!;
  return { found, statement: s };
}

const sumOf = (l: ExplainLine) => new D(l.positions).plus(l.prices).plus(l.parameters).plus(l.addOns);

describe("margin explain of stored statements", () => {
  it("an account's first statement (the demo's first cycle) says there is no previous cycle", async () => {
    const first = await db.marginCycle.findFirstOrThrow({ where: { businessDate: new Date("2026-11-20T00:00:00Z"), number: 1 } });
    expect(first.previousCycleId).toBeNull();
    const { found } = await explained(first.id, "ACME-H");
    expect(found.explain.status).toBe("first");
  });

  it("the demo's second cycle: ACME-C1002 bought one Euro FX future between the cycles, so its whole change is positions", async () => {
    const second = await db.marginCycle.findFirstOrThrow({ where: { businessDate: new Date("2026-11-20T00:00:00Z"), number: 2 } });
    const { found } = await explained(second.id, "ACME-C1002");
    const e = found.explain;
    if (e.status !== "explained") throw new Error(`not explained: ${JSON.stringify(e)}`);
    expect(e.matchesStatements).toBe(true);
    expect(found.previousLabel).toBe("2026-11-20 cycle 1");
    const change = found.statement.maintenance.minus(found.previous!.maintenance).toFixed(2);
    expect(e.total.change).toBe(change);
    expect(change).not.toBe("0.00");
    expect([e.total.positions, e.total.prices, e.total.parameters, e.total.addOns]).toEqual([change, "0.00", "0.00", "0.00"]);
  });

  it("a new file with a richer Euro FX risk array and a higher calendar spread rate: the parts are prices and risk arrays and parameters, summing to the stored change; British pound explains nothing", async () => {
    const xml = await readFile(demoSpanXmlPath(), "utf8");
    const base = await runDay("2026-11-16", xml);
    const front = "<a>0</a><a>0</a><a>-800</a><a>-800</a><a>800</a><a>800</a><a>-1600</a><a>-1600</a><a>1600</a><a>1600</a><a>-2400</a><a>-2400</a><a>2400</a><a>2400</a><a>-2304</a><a>2304</a>";
    const richer = "<a>0</a><a>0</a><a>-1000</a><a>-1000</a><a>1000</a><a>1000</a><a>-2000</a><a>-2000</a><a>2000</a><a>2000</a><a>-3000</a><a>-3000</a><a>3000</a><a>3000</a><a>-2880</a><a>2880</a>";
    const spread = "<spread>1</spread><chargeMeth>F</chargeMeth><rate><r>1</r><val>100</val></rate>";
    expect(xml).toContain(front);
    expect(xml).toContain(spread);
    const changed = xml.replace(front, richer).replace(spread, spread.replace("<val>100</val>", "<val>250</val>"));
    const next = await runDay("2026-11-17", changed);
    expect((await db.marginCycle.findUniqueOrThrow({ where: { id: next } })).previousCycleId).toBe(base);

    const { found } = await explained(next, "ACME-H");
    const e = found.explain;
    if (e.status !== "explained") throw new Error(`not explained: ${JSON.stringify(e)}`);
    expect(e.matchesStatements).toBe(true);
    for (const l of [...e.lines, e.total]) expect(sumOf(l).toFixed(2)).toBe(l.change);
    expect(e.total.change).toBe(found.statement.maintenance.minus(found.previous!.maintenance).toFixed(2));
    const ec = e.lines.find((l) => l.code === "EC")!;
    expect(ec.positions).toBe("0.00");
    expect(new D(ec.prices).isZero()).toBe(false);
    expect(new D(ec.parameters).isZero()).toBe(false);
    const bp = e.lines.find((l) => l.code === "BP")!;
    expect([bp.positions, bp.prices, bp.parameters, bp.change]).toEqual(["0.00", "0.00", "0.00", "0.00"]);
  });
});
