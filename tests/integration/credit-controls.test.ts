/**
 * Credit controls against the real database (SPEC §4): groupings start at zero, every
 * rejection reason through the feed, a breach fires its actions once, RMI unblock does not
 * lift a credit-control block, kill switch, fills, CSV import all-or-nothing, firm isolation.
 */
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/server/action";
import { createGrouping, killSwitch, liftCreditBlock, rmiBlock, rmiUnblock, updateGrouping } from "@/lib/server/credit-controls/actions";
import { cancelOrder, checkOrder, FeedError, recordFill, submitOrder } from "@/lib/server/credit-controls/feed";
import { importCsv, ImportRefused, parseCsv } from "@/lib/server/credit-controls/csv-import";
import { uploadsDir } from "@/lib/server/files/storage";
import { testClient } from "../support/db";
import { freshStepUpCode } from "../support/step-up";
import { actorFor, requestAs } from "../support/actors";

const EF = `EF${randomUUID().slice(0, 6).toUpperCase()}`;
const order = (over: Record<string, unknown> = {}) => ({ executionFirmId: EF, account: "ACC1", exchange: "CME", productComplex: "EQUITY", product: "ES", derivativeType: "FUTURE" as const, side: "BUY" as const, quantity: 2, timeInForce: "DAY" as const, ...over });
let seq = 0;
const newOrder = (over: Record<string, unknown> = {}) => ({ clientOrderId: `${EF}-${++seq}`, ...order(over) });

describe("credit controls", () => {
  const db = testClient();
  let firmId: string;
  let groupingId: string;
  let admin: Awaited<ReturnType<typeof actorFor>>;
  beforeAll(async () => {
    process.env.PORTAL_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "credit-test-"));
    admin = await actorFor(db, "risk@acme.example");
    firmId = admin.firmId!;
  });
  afterAll(() => db.$disconnect());

  it("a new grouping starts at zero: orders are refused until a limit and a rate are set", async () => {
    expect(await checkOrder(db, firmId, order())).toMatchObject({ decision: "REJECT", reason: "LIMIT", rule: "NO_GROUPING" });
    const created = await executeAction(createGrouping.definition, requestAs(admin), { executionFirmId: EF, exchange: "cme", productComplex: "equity" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    groupingId = created.data.id;
    expect(await checkOrder(db, firmId, order())).toMatchObject({ decision: "REJECT", reason: "LIMIT", rule: "NO_RATE" });
    const dup = await executeAction(createGrouping.definition, requestAs(admin), { executionFirmId: EF, exchange: "CME", productComplex: "EQUITY" });
    expect(dup).toMatchObject({ ok: false, formError: expect.stringMatching(/already exists/) });
  });

  it("refuses bad settings naming the field, and changes nothing", async () => {
    const bad = await executeAction(updateGrouping.definition, requestAs(admin), { groupingId, futuresLimit: "-5", optionsLimit: "0", clipBuyFutures: "", clipSellFutures: "", clipBuyOptions: "", clipSellOptions: "", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: true, actionCancel: false, rates: [{ derivativeType: "FUTURE", product: "ES", rate: "twelve" }], note: "try" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["futuresLimit", "rates.0.rate"]);
    expect((await db.creditGrouping.findUniqueOrThrow({ where: { id: groupingId } })).currentVersion).toBe(1);
  });

  it("sets a limit (a new version with who and when); orders up to the limit are accepted and stored", async () => {
    const ok = await executeAction(updateGrouping.definition, requestAs(admin), { groupingId, futuresLimit: "100000", optionsLimit: "0", clipBuyFutures: "10", clipSellFutures: "", clipBuyOptions: "", clipSellOptions: "", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: true, actionCancel: false, rates: [{ derivativeType: "FUTURE", product: "ES", rate: "12000" }], note: "desk limit" });
    expect(ok).toMatchObject({ ok: true, data: { version: 2 } });
    const v2 = await db.creditGroupingVersion.findUniqueOrThrow({ where: { groupingId_version: { groupingId, version: 2 } } });
    expect(v2).toMatchObject({ changedByEmail: "risk@acme.example", note: "desk limit" });
    for (let i = 0; i < 4; i++) {
      const a = await submitOrder(db, firmId, newOrder());
      expect(a).toMatchObject({ decision: "ACCEPT", state: "WORKING", utilizationAfter: `${(i + 1) * 24000}.00` });
    }
    expect(await db.creditOrder.count({ where: { firmId, executionFirmId: EF, state: "WORKING" } })).toBe(4);
  });

  it("CLIP_SIZE comes before the limit", async () => {
    expect(await checkOrder(db, firmId, order({ quantity: 11 }))).toMatchObject({ decision: "REJECT", reason: "CLIP_SIZE" });
  });

  it("a limit breach rejects, e-mails the risk admins and blocks the grouping, once per breach", async () => {
    const before = await db.outboxMessage.count({ where: { firmId, kind: "credit.breach" } });
    const r = await submitOrder(db, firmId, newOrder({ quantity: 1 }));
    expect(r).toMatchObject({ decision: "REJECT", reason: "LIMIT", rule: "LIMIT_EXCEEDED", utilizationAfter: "108000.00", limit: "100000.00" });
    const mails = await db.outboxMessage.findMany({ where: { firmId, kind: "credit.breach" } });
    expect(mails.length).toBe(before + 1); // acme has one risk admin
    expect(mails.at(-1)!.subject).toContain(EF);
    // the e-mail states money as the portal does everywhere: dollars with separators
    expect(mails.at(-1)!.body).toContain("$108,000.00 against a limit of $100,000.00.");
    // the block action: every order of the grouping is now refused, but the breach does not fire again
    expect(await checkOrder(db, firmId, order({ quantity: 1 }))).toMatchObject({ reason: "LIMIT", rule: "CREDIT_BLOCK" });
    expect(await db.creditBreach.count({ where: { groupingId } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { firmId, kind: "credit.breach" } })).toBe(before + 1);
    expect(await db.creditOrder.count({ where: { firmId, executionFirmId: EF } })).toBe(4);
  });

  it("RMI blocks refuse first; an RMI unblock does not lift the credit-control block", async () => {
    const b = await executeAction(rmiBlock.definition, requestAs(admin), { executionFirmId: EF, account: "ACC1", side: "BUY", reason: "desk review" });
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(await checkOrder(db, firmId, order({ quantity: 50 }))).toMatchObject({ reason: "RMI_BLOCK", rule: "BLOCKED" });
    expect(await checkOrder(db, firmId, order({ side: "SELL" }))).toMatchObject({ rule: "CREDIT_BLOCK" });
    expect((await executeAction(rmiUnblock.definition, requestAs(admin), { blockId: b.data.id })).ok).toBe(true);
    expect(await checkOrder(db, firmId, order())).toMatchObject({ reason: "LIMIT", rule: "CREDIT_BLOCK" });
    // the credit-control block is lifted on the grouping: a new version, and a new breach may fire
    expect((await executeAction(liftCreditBlock.definition, requestAs(admin), { groupingId })).ok).toBe(true);
    expect(await checkOrder(db, firmId, order({ quantity: 1 }))).toMatchObject({ rule: "LIMIT_EXCEEDED" });
    expect(await db.creditBreach.count({ where: { groupingId } })).toBe(2);
  });

  it("fills move working to filled; cancels free the order; unknown orders are refused", async () => {
    const o = await db.creditOrder.findFirstOrThrow({ where: { firmId, executionFirmId: EF, state: "WORKING" }, orderBy: { clientOrderId: "asc" } });
    expect(await recordFill(db, firmId, { clientFillId: `${o.clientOrderId}-f1`, clientOrderId: o.clientOrderId, quantity: 1, price: "5012.25" })).toMatchObject({ state: "PARTIALLY_FILLED", remaining: 1 });
    await expect(recordFill(db, firmId, { clientFillId: `${o.clientOrderId}-f2`, clientOrderId: o.clientOrderId, quantity: 2, price: "5012.25" })).rejects.toThrow(/larger than the 1 still working/);
    await expect(cancelOrder(db, firmId, "NOPE-1")).rejects.toBeInstanceOf(FeedError);
    // another firm's key cannot touch it
    const blue = await actorFor(db, "risk@blue.example");
    await expect(cancelOrder(db, blue.firmId!, o.clientOrderId)).rejects.toThrow(/no order/);
    expect(await cancelOrder(db, firmId, o.clientOrderId)).toMatchObject({ state: "CANCELLED" });
  });

  it("the kill switch blocks all order entry for the entity and cancels its working orders, until an explicit unblock", async () => {
    const working = await db.creditOrder.count({ where: { firmId, executionFirmId: EF, state: { in: ["WORKING", "PARTIALLY_FILLED"] } } });
    expect(working).toBe(3);
    const refused = await executeAction(killSwitch.definition, requestAs(admin), { executionFirmId: EF, confirm: false, secondFactorCode: await freshStepUpCode(db, "risk@acme.example") });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(Array) } });
    const k = await executeAction(killSwitch.definition, requestAs(admin), { executionFirmId: EF, confirm: true, secondFactorCode: await freshStepUpCode(db, "risk@acme.example") });
    expect(k).toMatchObject({ ok: true, data: { cancelled: 3 } });
    if (!k.ok) return;
    expect(await checkOrder(db, firmId, order({ side: "SELL", exchange: "CBOT" }))).toMatchObject({ reason: "RMI_BLOCK", rule: "KILL_SWITCH" });
    expect(await db.creditOrder.count({ where: { firmId, executionFirmId: EF, state: "CANCELLED", cancelReason: "kill switch" } })).toBe(3);
    expect((await executeAction(rmiUnblock.definition, requestAs(admin), { blockId: k.data.blockId })).ok).toBe(true);
    // the second breach's credit-control block still holds after the RMI unblock
    expect(await checkOrder(db, firmId, order({ quantity: 1 }))).toMatchObject({ rule: "CREDIT_BLOCK" });
    expect((await executeAction(liftCreditBlock.definition, requestAs(admin), { groupingId })).ok).toBe(true);
    // only today's filled 1 ES remains: 2 × 12,000 = 24,000
    expect(await checkOrder(db, firmId, order({ quantity: 1 }))).toMatchObject({ decision: "ACCEPT", utilizationAfter: "24000.00" });
  });

  it("refuses a GTD order whose date has passed, naming the field, and stores nothing", async () => {
    const count = await db.creditOrder.count({ where: { firmId } });
    const err = await submitOrder(db, firmId, newOrder({ timeInForce: "GTD", expireDate: "2000-01-03" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ field: "expireDate" });
    expect(await db.creditOrder.count({ where: { firmId } })).toBe(count);
  });

  it("a member user may not change limits", async () => {
    const ops = await actorFor(db, "ops@acme.example");
    expect(await executeAction(rmiBlock.definition, requestAs(ops), { reason: "nope" })).toMatchObject({ ok: false, formError: expect.stringMatching(/^Not allowed/) });
  });

  async function staged(text: string) {
    const dir = path.join(uploadsDir(), "tmp");
    await mkdir(dir, { recursive: true });
    const tempPath = path.join(dir, randomUUID());
    await writeFile(tempPath, text);
    return { tempPath, kind: "csv" as const, size: text.length, sha256: "0".repeat(64), originalName: "orders.csv" };
  }

  it("CSV: a file with a bad row is refused naming row and column, and nothing is stored; a good file is imported whole", async () => {
    expect(parseCsv('a,b\r\n"x,1","y""z"\n')).toEqual([["a", "b"], ["x,1", 'y"z']]);
    const header = "clientOrderId,executionFirmId,account,exchange,productComplex,product,derivativeType,side,quantity,timeInForce,expireDate";
    const bad = [header, `${EF}-C1,${EF},ACC2,CME,EQUITY,ES,FUTURE,BUY,1,DAY,`, `${EF}-C2,${EF},ACC2,CME,EQUITY,ES,FUTURE,HOLD,0,DAY,`, `${EF}-C3,${EF},ACC2,CME,EQUITY,ES,FUTURE,SELL,1,GTD,`].join("\n");
    const count = await db.creditOrder.count({ where: { firmId } });
    const err = await importCsv(db, admin, "orders", await staged(bad), bad, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as ImportRefused).problems).toEqual([
      { row: 3, column: "side", message: "side must be BUY or SELL" },
      { row: 3, column: "quantity", message: "quantity must be at least 1" },
      { row: 4, column: "expireDate", message: "expireDate is required for a GTD order" },
    ]);
    expect(await db.creditOrder.count({ where: { firmId } })).toBe(count);
    const good = [header, `${EF}-C1,${EF},ACC2,CME,EQUITY,ES,FUTURE,BUY,1,DAY,`, `${EF}-C2,${EF},ACC2,CME,EQUITY,ES,FUTURE,SELL,3,GTD,2099-01-02`].join("\n");
    expect(await importCsv(db, admin, "orders", await staged(good), good, null)).toMatchObject({ count: 2 });
    const fills = `clientFillId,clientOrderId,quantity,price\n${EF}-F1,${EF}-C2,4,10.5\n`;
    const ferr = await importCsv(db, admin, "fills", await staged(fills), fills, null).catch((e: unknown) => e);
    expect((ferr as ImportRefused).problems).toEqual([{ row: 2, column: "quantity", message: `the fill (4) is larger than the 3 still working on ${EF}-C2` }]);
  });
});

describe("free text in actions (ASVS 5.0 1.2)", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  it("an RMI block reason with a right-to-left override is refused naming the field, and nothing is blocked", async () => {
    const admin = await actorFor(db, "risk@acme.example");
    const before = await db.rmiBlock.count({ where: { firmId: admin.firmId! } });
    const r = await executeAction(rmiBlock.definition, requestAs(admin), { executionFirmId: "ACMEX9", account: "ACC9", side: "BUY", reason: "desk \u202Eweiver" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors?.reason?.[0]).toMatch(/must not contain invisible direction or control characters \(found U\+202E\)/);
    expect(await db.rmiBlock.count({ where: { firmId: admin.firmId! } })).toBe(before);
  });
});
