import { afterAll, describe, expect, it } from "vitest";
import { authenticateApiKey, forgetApiKeys } from "@/lib/auth/api-keys";
import { createApiKey, revokeApiKey } from "@/lib/server/api-keys/actions";
import { executeAction } from "@/lib/server/action";
import { testClient } from "../support/db";
import { actorFor, requestAs } from "../support/actors";

describe("API keys for member feeds", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  it("a risk admin creates a key that acts for its firm only, and revokes it", async () => {
    const admin = await actorFor(db, "risk@acme.example");
    const created = await executeAction(createApiKey.definition, requestAs(admin), { name: "order router" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.secretHash).not.toContain(created.data.token);
    expect(await authenticateApiKey(db, created.data.token)).toMatchObject({ firmId: admin.firmId, firmCode: "ACME" });
    expect(await authenticateApiKey(db, created.data.token.slice(0, -1) + "x")).toBeNull();
    expect(await authenticateApiKey(db, "garbage")).toBeNull();

    // Another firm's admin cannot revoke it.
    const other = await actorFor(db, "risk@blue.example");
    const refused = await executeAction(revokeApiKey.definition, requestAs(other), { keyId: created.data.id });
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/No such active key/) });

    const revoked = await executeAction(revokeApiKey.definition, requestAs(admin), { keyId: created.data.id });
    expect(revoked.ok).toBe(true);
    forgetApiKeys();
    expect(await authenticateApiKey(db, created.data.token)).toBeNull();
  });

  it("requests arriving together with one key make one lookup, not one each (no stampede when the cache expires)", async () => {
    const admin = await actorFor(db, "risk@acme.example");
    const created = await executeAction(createApiKey.definition, requestAs(admin), { name: "stampede" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    let lookups = 0;
    const counting = { apiKey: { findUnique: (...a: Parameters<typeof db.apiKey.findUnique>) => (lookups++, db.apiKey.findUnique(...a)), update: (...a: Parameters<typeof db.apiKey.update>) => db.apiKey.update(...a) } } as unknown as typeof db;
    forgetApiKeys();
    const principals = await Promise.all(Array.from({ length: 50 }, () => authenticateApiKey(counting, created.data.token)));
    expect(principals.every((p) => p?.firmId === admin.firmId)).toBe(true);
    expect(lookups).toBe(1);
  });
});
