import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/audit";
import { verifyAuditChain } from "@/lib/audit/chain";
import { testClient, testDatabaseUrl } from "../support/db";

describe("audit trail (SPEC §8: append-only, who did what)", () => {
  const db = testClient();
  let raw: pg.Client;
  beforeAll(async () => {
    raw = new pg.Client({ connectionString: testDatabaseUrl() });
    await raw.connect();
  });
  afterAll(async () => {
    await raw.end();
    await db.$disconnect();
  });

  it("chains each row to the one before, also under 60 concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        db.$transaction((tx) => recordAudit(tx, { action: "test.concurrent", objectId: String(i), summary: { i, note: "ünïcode ✓" }, requestId: `r${i}` })),
      ),
    );
    const report = await verifyAuditChain(testDatabaseUrl());
    expect(report).toMatchObject({ ok: true });
    expect(report.rows).toBeGreaterThanOrEqual(60);
    const ids = await raw.query<{ id: string; prev_hash: string }>(`SELECT id::text, prev_hash FROM audit_event ORDER BY audit_event.id`);
    expect(ids.rows[0]!.prev_hash).toBe("0".repeat(64));
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(raw.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(raw.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(raw.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it("the check finds an altered row and a removed row (tampering with the triggers off, rolled back)", async () => {
    await raw.query("BEGIN");
    try {
      await raw.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
      const { rows } = await raw.query<{ id: string }>(`SELECT id::text FROM audit_event ORDER BY audit_event.id OFFSET 5 LIMIT 1`);
      await raw.query(`UPDATE audit_event SET summary = '{"i": 999}' WHERE id = $1`, [rows[0]!.id]);
      const altered = await verifyAuditChain(raw);
      expect(altered).toMatchObject({ ok: false, firstBadId: rows[0]!.id });
      expect(altered.problem).toMatch(/altered/);
      await raw.query(`DELETE FROM audit_event WHERE id = (SELECT id FROM audit_event ORDER BY id OFFSET 2 LIMIT 1)`);
      const removed = await verifyAuditChain(raw);
      expect(removed.ok).toBe(false);
      expect(removed.problem).toMatch(/removed or reordered/);
    } finally {
      await raw.query("ROLLBACK");
    }
    expect((await verifyAuditChain(testDatabaseUrl())).ok).toBe(true);
  });
});
