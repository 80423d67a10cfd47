/**
 * Margin demo data: the cleared products (Euro FX futures and options, British pound, the OPS
 * palm olein swap), a day's SPAN risk parameters (lib/demo/margin-demo-span.xml), accounts of
 * every origin for a few demo firms with positions and collateral, a Rule 824 charge, and two
 * settlement cycles of 2026-11-20 run by the same code as the portal's (no hand-written
 * numbers). Idempotent: does nothing once products exist.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { openCycle, runCycle } from "@/lib/server/margin/cycle";
import { storeRiskParameters, storeSettlementPrices, storePositions, storeTrades } from "@/lib/server/margin/load";

export const DEMO_BUSINESS_DATE = "2026-11-20";

export const DEMO_PRODUCTS = [
  { code: "CME:EC", kind: "FUTURE", name: "Euro FX futures", multiplier: "125000", tick: "0.00005" },
  { code: "CME:EC", kind: "OPTION", name: "Euro FX options on futures", multiplier: "125000", tick: "0.00005" },
  { code: "CME:BP", kind: "FUTURE", name: "British pound futures", multiplier: "62500", tick: "0.0001" },
  { code: "CME:OPS", kind: "SWAP", name: "Palm olein swap (OPS), 25 metric tons", multiplier: "25", tick: "0.25" },
] as const;

const ACCOUNTS: readonly { firm: string; number: string; origin: "HOUSE" | "CUSTOMER_SEGREGATED" | "SECURED_30_7" | "CLEARED_SWAPS"; customer?: string; positions: readonly [string, number][]; collateral: readonly [string, string][] }[] = [
  { firm: "ACME", number: "ACME-H", origin: "HOUSE", positions: [["CME:EC:202612", 4], ["CME:EC:202703", -2], ["CME:EC:202612:C:1.150", -3], ["CME:BP:202612", -2]], collateral: [["cash", "25000.00"], ["us-treasury", "40000.00"]] },
  { firm: "ACME", number: "ACME-C1001", origin: "CUSTOMER_SEGREGATED", customer: "C1001", positions: [["CME:EC:202612", 2], ["CME:EC:202612:C:1.150", -1]], collateral: [["cash", "12000.00"], ["equity", "5000.00"]] },
  { firm: "ACME", number: "ACME-C1002", origin: "CUSTOMER_SEGREGATED", customer: "C1002", positions: [["CME:EC:202612", 3]], collateral: [["cash", "1500.00"]] },
  { firm: "ACME", number: "ACME-S2001", origin: "SECURED_30_7", customer: "S2001", positions: [["CME:BP:202612", 5]], collateral: [["us-agency", "20000.00"]] },
  { firm: "BLUE", number: "BLUE-H", origin: "HOUSE", positions: [["CME:EC:202612", -6], ["CME:BP:202612", 6]], collateral: [["cash", "30000.00"], ["gold", "10000.00"]] },
  { firm: "BLUE", number: "BLUE-X3001", origin: "CLEARED_SWAPS", customer: "X3001", positions: [["CME:OPS:202612", 10], ["CME:OPS:202701", -4]], collateral: [["cash", "8000.00"]] },
  { firm: "COBT", number: "COBT-H", origin: "HOUSE", positions: [["CME:OPS:202612", -20]], collateral: [["cash", "20000.00"]] },
  { firm: "EVGR", number: "EVGR-H", origin: "HOUSE", positions: [["CME:OPS:202612", 15], ["CME:OPS:202701", 5]], collateral: [["us-treasury", "50000.00"]] },
];

const PRICES_1 = "contract,price\nCME:EC:202612,1.1960\nCME:EC:202703,1.1930\nCME:EC:202612:C:1.150,0.0520\nCME:BP:202612,1.8000\nCME:OPS:202612,812.50\nCME:OPS:202701,808.00\n";
const PRICES_2 = "contract,price\nCME:EC:202612,1.1985\nCME:EC:202703,1.1950\nCME:EC:202612:C:1.150,0.0540\nCME:BP:202612,1.7950\nCME:OPS:202612,815.25\nCME:OPS:202701,809.75\n";

export function demoSpanXmlPath(): string {
  return path.join(process.cwd(), "lib", "demo", "margin-demo-span.xml");
}

export async function seedMarginDemo(db: PrismaClient, options: { databaseUrl: string }): Promise<{ seeded: boolean }> {
  if ((await db.marginProduct.count()) > 0) return { seeded: false };
  const firms = new Map((await db.firm.findMany({ select: { id: true, code: true } })).map((f) => [f.code, f.id]));
  const staff = await db.user.findFirst({ where: { role: "CH_RISK_STAFF" } });
  const xml = await readFile(demoSpanXmlPath(), "utf8");
  await db.$transaction(async (tx) => {
    for (const p of DEMO_PRODUCTS) await tx.marginProduct.create({ data: { ...p } });
    await storeRiskParameters(tx, { businessDate: DEMO_BUSINESS_DATE, source: { xml }, sourceName: "margin-demo-span.xml", fileId: null, userId: staff?.id ?? null });
    for (const a of ACCOUNTS) {
      const account = await tx.marginAccount.create({ data: { firmId: firms.get(a.firm)!, accountNumber: a.number, origin: a.origin, customerAccountId: a.customer ?? null } });
      for (const [type, marketValue] of a.collateral) await tx.collateralHolding.create({ data: { accountId: account.id, type, marketValue } });
    }
    for (const code of new Set(ACCOUNTS.map((a) => a.firm))) {
      await storePositions(tx, firms.get(code)!, ACCOUNTS.filter((a) => a.firm === code).flatMap((a) => a.positions.map(([contract, quantity]) => ({ account: a.number, contract, quantity }))));
    }
    await tx.additionalCharge.create({ data: { firmId: firms.get("ACME")!, productCode: "CME:EC", side: "SHORT", amount: "500.00", reason: "Concentrated short Euro FX calls ahead of the ECB meeting (demo)", createdBy: staff?.id ?? firms.get("ACME")! } });
    await storeSettlementPrices(tx, { businessDate: DEMO_BUSINESS_DATE, cycle: "1", csv: PRICES_1, source: "csv", fileId: null, userId: staff?.id ?? null });
  });
  const set1 = await db.settlementPriceSet.findFirstOrThrow({ where: { cycleNumber: 1 } });
  const c1 = await db.$transaction((tx) => openCycle(tx, { priceSetId: set1.id, userId: staff?.id ?? null }));
  await runCycle(db, c1.cycle.id, { databaseUrl: options.databaseUrl });
  // Intraday trades between the cycles settle from their trade prices in cycle 2 (Rule 814).
  await db.$transaction(async (tx) => {
    await storeTrades(tx, firms.get("BLUE")!, [{ account: "BLUE-X3001", contract: "CME:OPS:202612", quantity: -4, price: "816.00", tradeId: "DEMO-T1" }]);
    await storeTrades(tx, firms.get("ACME")!, [{ account: "ACME-C1002", contract: "CME:EC:202612", quantity: 1, price: "1.1975", tradeId: "DEMO-T2" }]);
    await storeSettlementPrices(tx, { businessDate: DEMO_BUSINESS_DATE, cycle: "2", csv: PRICES_2, source: "csv", fileId: null, userId: staff?.id ?? null });
  });
  const set2 = await db.settlementPriceSet.findFirstOrThrow({ where: { cycleNumber: 2 } });
  const c2 = await db.$transaction((tx) => openCycle(tx, { priceSetId: set2.id, userId: staff?.id ?? null }));
  await runCycle(db, c2.cycle.id, { databaseUrl: options.databaseUrl });
  return { seeded: true };
}
