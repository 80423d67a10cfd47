import { afterAll, describe, expect, it } from "vitest";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { deliverBatch, type Transport } from "@/lib/notify/worker";
import { testClient } from "../support/db";

describe("notification outbox (same transaction as the business row, restartable worker)", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  it("a rolled-back business write leaves no message; a committed one is queued once even when retried", async () => {
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "COBT" } });
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, await firmRecipients(tx, firm.id), { kind: "test.rollback", subject: "never", body: "never" });
        throw new Error("business write failed");
      }),
    ).rejects.toThrow("business write failed");
    expect(await db.outboxMessage.count({ where: { kind: "test.rollback" } })).toBe(0);
    for (let i = 0; i < 2; i++) {
      await db.$transaction(async (tx) => enqueue(tx, await firmRecipients(tx, firm.id), { kind: "test.once", subject: "Notice", body: "Body", dedupeKey: "notice-42" }));
    }
    expect(await db.outboxMessage.count({ where: { kind: "test.once" } })).toBe(2); // two COBT users, once each
  });

  it("a worker killed mid-batch loses nothing and, once the lease runs out, another delivers each message exactly once", async () => {
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "EVGR" } });
    // Deliver what other tests left queued first, so that the batches below hold only this test's messages.
    while ((await deliverBatch(db, { name: "test", send: async () => undefined }, 50)) > 0) {
      // drain
    }
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueue(tx, [{ email: `desk${i}@evgr.example`, firmId: firm.id }], { kind: "test.crash", subject: `m${i}`, body: "b" });
    });
    const delivered: string[] = [];
    let calls = 0;
    // The first worker is killed during its fourth send: nothing of it runs after that point.
    const killed: Transport = {
      name: "test",
      async send(m) {
        if (++calls === 4) return new Promise<void>(() => undefined);
        delivered.push(m.id);
      },
    };
    void deliverBatch(db, killed, 10);
    while (calls < 4) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(await db.outboxMessage.count({ where: { kind: "test.crash", status: "SENT" } })).toBe(3);
    // Messages still leased by the dead worker: expire the lease as time would.
    await db.$executeRaw`UPDATE outbox_message SET leased_until = now() - interval '1 second' WHERE status = 'SENDING' AND kind = 'test.crash'`;
    const healthy: Transport = { name: "test", send: async (m) => void delivered.push(m.id) };
    while ((await deliverBatch(db, healthy, 7)) > 0) {
      // drain
    }
    const rows = await db.outboxMessage.findMany({ where: { kind: "test.crash" } });
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    const ids = rows.map((r) => r.id).sort();
    expect([...new Set(delivered)].sort()).toEqual(ids);
    expect(delivered).toHaveLength(30);
  });
});
