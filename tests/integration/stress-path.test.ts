/**
 * Stress-path simulator against the demo data: a member's own account carried through a
 * published path (the figures agree with the what-if requirement and the responsiveness with the
 * rows), another firm's account refused, a bad uploaded row refused by row and column, nothing
 * stored by a run; staff create a path from CSV, publish and withdraw it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { D } from "@/lib/risk";
import { executeAction } from "@/lib/server/action";
import { closeCyclePools } from "@/lib/server/margin/cycle";
import { isInputRefused } from "@/lib/server/margin/load";
import { whatIfRequirement } from "@/lib/server/margin/what-if";
import { createStressPath, setStressPathStatus } from "@/lib/server/stress-path/actions";
import { publishedStressPaths } from "@/lib/server/stress-path/queries";
import { stressRun } from "@/lib/server/stress-path/run";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

const db = testClient();
afterAll(async () => {
  await closeCyclePools();
  await db.$disconnect();
});

async function account(number: string) {
  return db.marginAccount.findFirstOrThrow({ where: { accountNumber: number }, include: { positions: true } });
}

/** The input refusal `p` ends with: its message and the field it names (null: none). */
async function refusal(p: Promise<unknown>): Promise<{ message: string; field: string | null }> {
  try {
    await p;
  } catch (e) {
    if (isInputRefused(e)) return { message: e.message, field: Object.keys(e.fieldErrors ?? {})[0] ?? null };
    throw e;
  }
  throw new Error("not refused");
}

describe("stress-path simulator", () => {
  it("the demo publishes three paths, the longest 20 days", async () => {
    const paths = await publishedStressPaths();
    expect(paths.map((p) => [p.name, p.days]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))).toEqual([
      ["20-day grind lower", 20],
      ["2008-style 5-day sell-off", 5],
      ["Rates shock", 3],
    ]);
  });

  it("a member's house account through the 5-day sell-off: day 0 is the what-if requirement, Rule 814 variation is paid by the long euro book, responsiveness = peak ÷ day 0", async () => {
    const acme = await account("ACME-H");
    const path = (await publishedStressPaths()).find((p) => p.name === "2008-style 5-day sell-off")!;
    const auditBefore = await db.auditEvent.count();
    const r = await stressRun(acme.firmId, { accountId: acme.id, pathId: path.id });
    expect(r.days).toHaveLength(6);
    const whatIf = await whatIfRequirement(db, acme.firmId, { accountId: acme.id, positions: acme.positions.map((p) => ({ contract: p.contract, quantity: p.quantity.toString() })) });
    expect(r.days[0]!.maintenance).toBe(whatIf.requirement.maintenance);
    // long 4 Dec EC, short 2 Mar EC: net long 2 × 125,000 euros; the euro falls 2.5% on day 1
    expect(new D(r.days[1]!.variation).isNegative()).toBe(true);
    const peak = r.days.slice(1).reduce((m, d) => D.max(m, new D(d.maintenance)), new D(0));
    expect(r.responsiveness.ratio).toBe(peak.div(r.days[0]!.maintenance).toDecimalPlaces(4, D.ROUND_HALF_EVEN).toFixed(4));
    expect(r.days[4]!.multipliers).toEqual({ "CME:BP": "1.5", "CME:EC": "1.5" });
    expect(await db.auditEvent.count()).toBe(auditBefore); // nothing stored
  });

  it("another firm's account is refused as not the member's (the route answers 404)", async () => {
    const acme = await account("ACME-H");
    const blue = await account("BLUE-H");
    const path = (await publishedStressPaths())[0]!;
    const e = await refusal(stressRun(acme.firmId, { accountId: blue.id, pathId: path.id }));
    expect(e.field).toBe("accountId");
  });

  it("an uploaded path with a bad row is refused naming the row and the column; a good one runs and is not stored", async () => {
    const acme = await account("ACME-C1001");
    const bad = "day,product,price_change_percent\n1,CME:EC,-2\n2,CME:EC,minus three\n";
    const e = await refusal(stressRun(acme.firmId, { accountId: acme.id, csv: bad }));
    expect(e.message).toMatch(/^row 3, column price_change_percent: /);
    expect(e.field).toBe("csv");
    const tooLong = "day,product,price_change_percent\n21,CME:EC,-2\n";
    expect((await refusal(stressRun(acme.firmId, { accountId: acme.id, csv: tooLong }))).message).toMatch(/row 2, column day: A whole day number from 1 to 20/);
    const before = await db.stressPath.count();
    const r = await stressRun(acme.firmId, { accountId: acme.id, csv: "day,product,price_change_percent,scan_range_multiplier\n1,CME:EC,-2,\n2,CME:EC,-3,1.5\n" });
    expect(r.days.map((d) => d.day)).toEqual([0, 1, 2]);
    expect(r.path.source).toBe("upload");
    expect(await db.stressPath.count()).toBe(before);
  });

  it("the run's transaction is read only: a write inside it fails", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        await tx.stressPath.create({ data: { name: "never", days: 1, moves: [] } });
      }),
    ).rejects.toThrow(/read-only transaction/);
  });

  it("staff create a path from CSV as a draft (members cannot run it), publish it, then withdraw it", async () => {
    const staff = await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF);
    const refused = await executeAction(createStressPath.definition, requestAs(staff), { name: "Bad path", csv: "day,product,price_change_percent,scan_range_multiplier\n1,CME:EC,-2,0\n" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { csv: [expect.stringMatching(/^row 2, column scan_range_multiplier: /)] } });
    expect(await db.stressPath.count({ where: { name: "Bad path" } })).toBe(0);
    const created = await executeAction(createStressPath.definition, requestAs(staff), { name: "Integration drop", description: "test", csv: "day,product,price_change_percent\n1,CME:BP,-5\n2,CME:BP,-5\n" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const id = (created.data as { id: string }).id;
    const acme = await account("ACME-S2001");
    expect((await refusal(stressRun(acme.firmId, { accountId: acme.id, pathId: id }))).field).toBe("pathId");
    expect(await executeAction(setStressPathStatus.definition, requestAs(staff), { pathId: id, status: "PUBLISHED" })).toMatchObject({ ok: true });
    const r = await stressRun(acme.firmId, { accountId: acme.id, pathId: id });
    // long 5 BP at today's price (the newest price set's: 1.7950 in the demo, so 1.7950 × 0.95 = 1.70525,
    // half a tick (0.0001): ties to the even tick, 1.7052), multiplier 62,500; other tests may have stored a newer day
    const today = await db.settlementPrice.findFirstOrThrow({ where: { contract: "CME:BP:202612" }, orderBy: [{ priceSet: { businessDate: "desc" } }, { priceSet: { createdAt: "desc" } }] });
    const p0 = new D(today.price.toString());
    const p1 = p0.times("0.95").toDecimalPlaces(4, D.ROUND_HALF_EVEN);
    expect(r.days[1]!.variation).toBe(p1.minus(p0).times(5).times(62500).toFixed(2));
    expect(await executeAction(setStressPathStatus.definition, requestAs(staff), { pathId: id, status: "WITHDRAWN" })).toMatchObject({ ok: true });
    expect((await publishedStressPaths()).some((p) => p.id === id)).toBe(false);
    const member = await actorFor(db, ROLE_EMAILS.MEMBER_RISK_ADMIN);
    expect(await executeAction(setStressPathStatus.definition, requestAs(member), { pathId: id, status: "PUBLISHED" })).toMatchObject({ ok: false });
  });
});
