import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkSecondFactorCode, pendingSecondFactor, SECOND_FACTOR_MAX_FAILURES, startEnrollment } from "@/lib/auth/second-factor";
import { checkSignIn } from "@/lib/auth/sign-in";
import { totpCode, totpStep } from "@/lib/auth/totp";
import { demoTotpSecret } from "@/lib/demo/second-factor";
import { testClient } from "../support/db";

const db = testClient();
afterAll(() => db.$disconnect());

async function newUser(role: "CH_ADMIN" | "MEMBER_USER") {
  const email = `sf-${randomUUID().slice(0, 8)}@clearinghouse.example`;
  const user = await db.user.create({ data: { email, name: "Second Factor", role, passwordHash: await hashPassword("a-long-password-1") } });
  return { id: user.id, email, role, firmId: null };
}

async function signInSession(email: string) {
  const outcome = await checkSignIn(db, email, "a-long-password-1", "10.0.0.9");
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.sessionId;
}

describe("second factor (TOTP)", () => {
  it("is owed by clearing-house staff and member risk admins, optional for others until they enroll", () => {
    expect(pendingSecondFactor("CH_ADMIN", false, null)).toBe("enroll");
    expect(pendingSecondFactor("CH_RISK_STAFF", false, null)).toBe("enroll");
    expect(pendingSecondFactor("MEMBER_RISK_ADMIN", false, null)).toBe("enroll");
    expect(pendingSecondFactor("MEMBER_USER", false, null)).toBeNull();
    expect(pendingSecondFactor("APPLICANT", false, null)).toBeNull();
    expect(pendingSecondFactor("MEMBER_USER", true, null)).toBe("verify");
    expect(pendingSecondFactor("CH_ADMIN", true, new Date())).toBeNull();
  });

  it("enrollment: the secret is stored encrypted, a wrong code is refused and counted, the right one confirms and marks the session", async () => {
    const user = await newUser("CH_ADMIN");
    const sessionId = await signInSession(user.email);
    const { secret, uri } = await startEnrollment(db, user);
    expect(uri).toContain(`secret=${secret}`);
    const row = await db.userSecondFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretEnc).not.toContain(secret);
    expect(row.confirmedAt).toBeNull();
    // The same pending secret is shown again.
    expect((await startEnrollment(db, user)).secret).toBe(secret);

    const now = new Date();
    const wrong = await checkSecondFactorCode(db, { user, sessionId, code: totpCode(secret, totpStep(now.getTime()) + 5), ip: "10.0.0.9", now });
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).secondFactorAt).toBeNull();

    const right = await checkSecondFactorCode(db, { user, sessionId, code: totpCode(secret, totpStep(now.getTime())), ip: "10.0.0.9", now });
    expect(right).toEqual({ ok: true, enrolled: true });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).secondFactorAt).not.toBeNull();
    expect((await db.userSecondFactor.findUniqueOrThrow({ where: { userId: user.id } })).confirmedAt).not.toBeNull();
    await expect(startEnrollment(db, user)).rejects.toThrow("already set up");

    const audits = await db.auditEvent.findMany({ where: { actorId: user.id, action: { startsWith: "auth.second-factor" } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.outcome])).toEqual([
      ["auth.second-factor", "denied"],
      ["auth.second-factor-enrolled", "ok"],
    ]);
  });

  it("a code works once: the same code in a second session is refused as reused", async () => {
    const user = await newUser("MEMBER_USER");
    const first = await signInSession(user.email);
    const { secret } = await startEnrollment(db, user);
    const now = new Date();
    const code = totpCode(secret, totpStep(now.getTime()));
    expect(await checkSecondFactorCode(db, { user, sessionId: first, code, ip: "10.0.0.9", now })).toMatchObject({ ok: true });
    const second = await signInSession(user.email);
    const reused = await checkSecondFactorCode(db, { user, sessionId: second, code, ip: "10.0.0.9", now });
    expect(reused).toMatchObject({ ok: false, reason: "reused" });
    // The next step's code is fine.
    const next = await checkSecondFactorCode(db, { user, sessionId: second, code: totpCode(secret, totpStep(now.getTime()) + 1), ip: "10.0.0.9", now });
    expect(next).toEqual({ ok: true, enrolled: false });
  });

  it(`locks after ${SECOND_FACTOR_MAX_FAILURES} wrong codes, even for the right one`, async () => {
    const user = await newUser("CH_ADMIN");
    const sessionId = await signInSession(user.email);
    const { secret } = await startEnrollment(db, user);
    const now = new Date();
    let last;
    for (let i = 0; i < SECOND_FACTOR_MAX_FAILURES; i++) last = await checkSecondFactorCode(db, { user, sessionId, code: "000000" === totpCode(secret) ? "111111" : "000000", ip: "10.0.0.8", now });
    expect(last).toMatchObject({ ok: false, reason: "locked" });
    expect(last && !last.ok && last.message).toContain("Too many wrong codes: try again after");
    const right = await checkSecondFactorCode(db, { user, sessionId, code: totpCode(secret, totpStep(now.getTime())), ip: "10.0.0.8", now });
    expect(right).toMatchObject({ ok: false, reason: "locked" });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).secondFactorAt).toBeNull();
  });

  it("demo mode: the demo users who need a second factor have the published secret", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "risk@acme.example" }, include: { secondFactor: true } });
    expect(user.secondFactor?.confirmedAt).not.toBeNull();
    const ops = await db.user.findUniqueOrThrow({ where: { email: "ops@acme.example" }, include: { secondFactor: true } });
    expect(ops.secondFactor).toBeNull();
    const { open } = await import("@/lib/auth/secret-box");
    expect(open(user.secondFactor!.secretEnc, user.id)).toBe(demoTotpSecret("risk@acme.example"));
  });
});
