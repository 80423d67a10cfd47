import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_KEEP_DAYS, pruneIdempotencyRecords } from "@/lib/db/retention";
import { startWorker } from "@/lib/notify/worker";
import { executeAction } from "@/lib/server/action";
import { updateFirmFacts } from "@/lib/server/firms/actions";
import { canonicalJson, fingerprint, idempotencyKey, idempotent, IdempotencyError, userScope } from "@/lib/server/idempotency";
import { firmFactsOf } from "@/lib/validation/firms";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";
import { testClient } from "../support/db";

const db = testClient();
afterAll(() => db.$disconnect());

/** A submission for the test: one setting-version-free row we can count (an outbox message). */
function submit(tag: string) {
  return async (tx: Parameters<Parameters<typeof idempotent>[2]>[0]) => {
    const row = await tx.outboxMessage.create({ data: { kind: "test.idempotency", toAddress: "x@example.test", subject: tag, body: tag } });
    return { status: 201, body: { id: row.id } };
  };
}

describe("idempotency keys", () => {
  it("a retry with the same key gets the first answer and stores nothing new", async () => {
    const scope = userScope(randomUUID());
    const tag = randomUUID();
    const first = await idempotent(db, { scope, key: "k-1", fingerprint: fingerprint(tag) }, submit(tag));
    const again = await idempotent(db, { scope, key: "k-1", fingerprint: fingerprint(tag) }, submit(tag));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ answer: first.answer, replayed: true });
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(1);
  });

  it("concurrent requests with one key store one submission", async () => {
    const scope = userScope(randomUUID());
    const tag = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => idempotent(db, { scope, key: "same", fingerprint: fingerprint(tag) }, submit(tag))));
    expect(new Set(results.map((r) => JSON.stringify(r.answer))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(1);
  });

  it("keys are scoped: the same key for another user is another submission", async () => {
    const tag = randomUUID();
    await idempotent(db, { scope: userScope(randomUUID()), key: "shared", fingerprint: fingerprint(tag) }, submit(tag));
    await idempotent(db, { scope: userScope(randomUUID()), key: "shared", fingerprint: fingerprint(tag) }, submit(tag));
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(2);
  });

  it("the same key with a different submission is refused (422), and nothing is stored", async () => {
    const scope = userScope(randomUUID());
    const tag = randomUUID();
    await idempotent(db, { scope, key: "k", fingerprint: fingerprint(tag) }, submit(tag));
    const other = randomUUID();
    await expect(idempotent(db, { scope, key: "k", fingerprint: fingerprint(other) }, submit(other))).rejects.toMatchObject({ status: 422 });
    expect(await db.outboxMessage.count({ where: { subject: other } })).toBe(0);
  });

  it("a submission that fails stores no answer: the retry does the work", async () => {
    const scope = userScope(randomUUID());
    const tag = randomUUID();
    await expect(
      idempotent(db, { scope, key: "k", fingerprint: fingerprint(tag) }, async (tx) => {
        await submit(tag)(tx);
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(0);
    const retry = await idempotent(db, { scope, key: "k", fingerprint: fingerprint(tag) }, submit(tag));
    expect(retry.replayed).toBe(false);
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(1);
  });

  it("one submission has one fingerprint whatever the order of its keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it(`records older than ${IDEMPOTENCY_KEEP_DAYS} days are pruned, younger ones kept (a retry within the window still replays)`, async () => {
    const scope = userScope(randomUUID());
    const day = 24 * 3600 * 1000;
    const now = new Date();
    const record = (key: string, ageMs: number) => db.idempotencyRecord.create({ data: { scope, key, fingerprint: "0".repeat(64), status: 201, response: { key }, createdAt: new Date(now.getTime() - ageMs) } });
    await record("old", (IDEMPOTENCY_KEEP_DAYS + 1) * day);
    await record("just-old", IDEMPOTENCY_KEEP_DAYS * day + 60_000);
    await record("young", (IDEMPOTENCY_KEEP_DAYS - 1) * day);
    await record("new", 0);
    expect(await pruneIdempotencyRecords(db, now)).toBeGreaterThanOrEqual(2);
    expect((await db.idempotencyRecord.findMany({ where: { scope }, orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["new", "young"]);
    const replay = await idempotent(db, { scope, key: "young", fingerprint: "0".repeat(64) }, async () => ({ status: 500, body: {} }));
    expect(replay).toEqual({ answer: { status: 201, body: { key: "young" } }, replayed: true });
  });

  it("the outbox worker's loop prunes expired records", async () => {
    const scope = userScope(randomUUID());
    await db.idempotencyRecord.create({ data: { scope, key: "expired", fingerprint: "0".repeat(64), status: 201, response: {}, createdAt: new Date(Date.now() - (IDEMPOTENCY_KEEP_DAYS + 2) * 24 * 3600 * 1000) } });
    await db.idempotencyRecord.create({ data: { scope, key: "current", fingerprint: "0".repeat(64), status: 201, response: {} } });
    const worker = startWorker(db, { name: "test", send: async () => undefined }, 60_000);
    // stop() waits for the running round, the first of which does the housekeeping.
    await worker.stop();
    expect((await db.idempotencyRecord.findMany({ where: { scope } })).map((r) => r.key)).toEqual(["current"]);
  });

  it("refuses a malformed key, naming the header", () => {
    const h = (v: string | null) => ({ get: () => v });
    expect(idempotencyKey(h(null))).toBeNull();
    expect(idempotencyKey(h("abc-123"))).toBe("abc-123");
    for (const bad of ["", "has space", "x".repeat(201), "é"]) expect(() => idempotencyKey(h(bad))).toThrow(IdempotencyError);
    expect(() => idempotencyKey(h(""))).toThrow("Idempotency-Key must be");
  });
});

describe("a form's server action sent again with its submission's key (the answer was lost)", () => {
  const factsOf = async () => ({ firmCode: "COBT", ...firmFactsOf(await db.firm.findUniqueOrThrow({ where: { code: "COBT" } })) });
  const changes = () => db.auditEvent.count({ where: { action: "firms.updateFacts", outcome: "ok" } });

  it("gets the first answer and changes nothing again; the same key with other input, or a malformed key, is refused and changes nothing", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const before = await factsOf();
    const input = { ...before, guaranteesNymexFloorMembers: !before.guaranteesNymexFloorMembers, reason: "Retry after a dropped connection" };
    const key = `form-${randomUUID()}`;
    const count = await changes();

    const first = await executeAction(updateFirmFacts.definition, requestAs(admin), input, { idempotencyKey: key });
    expect(first).toEqual({ ok: true, data: { firmCode: "COBT", changed: ["guaranteesNymexFloorMembers"] } });
    const again = await executeAction(updateFirmFacts.definition, requestAs(admin), input, { idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await changes()).toBe(count + 1);

    const other = await executeAction(updateFirmFacts.definition, requestAs(admin), { ...input, reason: "Another change" }, { idempotencyKey: key });
    expect(other).toEqual({ ok: false, formError: "this Idempotency-Key was already used for a different submission; use a new key; nothing was saved." });
    const malformed = await executeAction(updateFirmFacts.definition, requestAs(admin), input, { idempotencyKey: "bad key" });
    expect(malformed).toEqual({ ok: false, formError: "Idempotency-Key must be 1 to 200 visible ASCII characters; nothing was saved." });
    expect(await changes()).toBe(count + 1);

    // Without a key each call is a submission of its own (and COBT is back as it was).
    const back = await executeAction(updateFirmFacts.definition, requestAs(admin), { ...before, reason: "Restored" });
    expect(back.ok).toBe(true);
    expect(await factsOf()).toEqual(before);
  });
});
