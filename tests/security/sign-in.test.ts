import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, checkSignIn, SIGN_IN_MESSAGES } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD } from "@/lib/demo/seed";
import { testClient } from "../support/db";

describe("sign-in (Argon2id, rate limits in Postgres, audit rows)", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  it("signs a demo user in and opens a server-side session", async () => {
    const outcome = await checkSignIn(db, "Ops@Blue.example ", DEMO_PASSWORD, "10.0.0.1");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.user).toMatchObject({ email: "ops@blue.example", role: "MEMBER_USER" });
    const session = await db.userSession.findUniqueOrThrow({ where: { id: outcome.sessionId } });
    expect(session.revokedAt).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { action: "auth.sign-in", objectId: outcome.sessionId } });
    expect(audit?.outcome).toBe("ok");
  });

  it("refuses a wrong password and an unknown user with the same clear message, each with an audit row", async () => {
    const before = await db.auditEvent.count({ where: { action: "auth.sign-in", outcome: "denied" } });
    const wrong = await checkSignIn(db, "ops@cobt.example", "not-the-password", "10.0.0.2");
    const unknown = await checkSignIn(db, "nobody@nowhere.example", "whatever", "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: SIGN_IN_MESSAGES.invalid });
    expect(unknown).toEqual({ ok: false, reason: "invalid", message: SIGN_IN_MESSAGES.invalid });
    expect(await db.auditEvent.count({ where: { action: "auth.sign-in", outcome: "denied" } })).toBe(before + 2);
    expect(await db.userSession.count({ where: { user: { email: "nobody@nowhere.example" } } })).toBe(0);
  });

  it(`locks an account after ${ACCOUNT_MAX_FAILURES} failures, even against the right password`, async () => {
    const email = "ops@dlta.example";
    const results = [];
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) results.push(await checkSignIn(db, email, `wrong-${i}`, `10.1.0.${i}`));
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    const last = results.at(-1)!;
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.message).toMatch(/locked until \d\d:\d\d UTC/);
    const right = await checkSignIn(db, email, DEMO_PASSWORD, "10.1.0.99");
    expect(right.ok).toBe(false);
    if (!right.ok) {
      expect(right.reason).toBe("account-locked");
      expect(right.message).toMatch(/Too many failed sign-in attempts/);
    }
    // Another account is not affected.
    expect((await checkSignIn(db, "risk@dlta.example", DEMO_PASSWORD, "10.1.0.99")).ok).toBe(true);
  });

  it(`refuses an address after ${ADDRESS_MAX_FAILURES} failures across accounts`, async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await checkSignIn(db, `spray-${i}@nowhere.example`, "x", ip);
    const next = await checkSignIn(db, "risk@evgr.example", DEMO_PASSWORD, ip);
    expect(next).toEqual({ ok: false, reason: "address-limited", message: SIGN_IN_MESSAGES.addressLimited });
    expect((await checkSignIn(db, "risk@evgr.example", DEMO_PASSWORD, "10.9.9.10")).ok).toBe(true);
  });
});
