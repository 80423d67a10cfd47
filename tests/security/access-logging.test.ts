/**
 * Sign-in and access logging (ASVS 16.3): every sign-in, failed sign-in (an unknown user and a
 * wrong password alike, one message to the user), second-factor failure and refused access is
 * an audit row with the client's address and user agent, and staff find them by kind, user,
 * address and date range (the audit trail's filter, validated with zod).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { checkSecondFactorCode } from "@/lib/auth/second-factor";
import { checkSignIn, SIGN_IN_MESSAGES } from "@/lib/auth/sign-in";
import { totpCode, totpStep } from "@/lib/auth/totp";
import { demoTotpSecret } from "@/lib/demo/second-factor";
import { executeAction } from "@/lib/server/action";
import { auditWhere } from "@/lib/server/audit/queries";
import { clientInfo } from "@/lib/server/client";
import { updateSetting } from "@/lib/server/settings/actions";
import { auditFilterSchema } from "@/lib/validation/audit";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";
import { testClient } from "../support/db";

const db = testClient();
const PASSWORD = "Clearing-Demo-2026!";
const UA = "AccessLogTest/2.0 (X11; Linux x86_64)";

afterAll(() => db.$disconnect());

async function lastRow(where: Prisma.AuditEventWhereInput) {
  return db.auditEvent.findFirstOrThrow({ where, orderBy: { id: "desc" } });
}

describe("sign-in and access logging (ASVS 16.3)", () => {
  beforeEach(() => {
    delete process.env.PORTAL_TRUST_PROXY_HEADERS;
  });

  it("a sign-in is an auth.sign-in row with the address and user agent", async () => {
    const outcome = await checkSignIn(db, "ops@blue.example", PASSWORD, "192.0.2.10", null, UA);
    expect(outcome.ok).toBe(true);
    const row = await lastRow({ action: "auth.sign-in", actorEmail: "ops@blue.example" });
    expect(row.outcome).toBe("ok");
    expect(row.summary).toEqual({ address: "192.0.2.10", userAgent: UA });
  });

  it("a wrong password and an unknown user are the same refusal to the user, and each a failed sign-in row with address and user agent", async () => {
    const unknownEmail = `nobody-${randomUUID().slice(0, 6)}@nowhere.example`;
    const wrong = await checkSignIn(db, "ops@cobt.example", "not-the-password", "192.0.2.11", null, UA);
    const unknown = await checkSignIn(db, unknownEmail, "whatever-it-is", "192.0.2.12", null, UA);
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: SIGN_IN_MESSAGES.invalid });
    expect(unknown).toEqual(wrong);
    expect((await lastRow({ action: "auth.sign-in", actorEmail: "ops@cobt.example" })).summary).toEqual({ reason: "invalid", address: "192.0.2.11", userAgent: UA });
    const unknownRow = await lastRow({ action: "auth.sign-in", actorEmail: unknownEmail });
    expect(unknownRow).toMatchObject({ outcome: "denied", actorId: null });
    expect(unknownRow.summary).toEqual({ reason: "invalid", address: "192.0.2.12", userAgent: UA });
  });

  it("a wrong second-factor code is an auth.second-factor denied row with address and user agent", async () => {
    const signedIn = await checkSignIn(db, "risk@grnt.example", PASSWORD, "192.0.2.13", null, UA);
    if (!signedIn.ok) throw new Error(signedIn.message);
    const right = totpCode(demoTotpSecret("risk@grnt.example"), totpStep(Date.now()));
    const wrongCode = right === "000000" ? "111111" : "000000";
    const user = { id: signedIn.user.id, email: signedIn.user.email, role: signedIn.user.role, firmId: signedIn.user.firmId };
    const outcome = await checkSecondFactorCode(db, { user, sessionId: signedIn.sessionId, code: wrongCode, ip: "192.0.2.13", userAgent: UA });
    expect(outcome).toMatchObject({ ok: false, reason: "invalid" });
    const row = await lastRow({ action: "auth.second-factor", actorId: user.id });
    expect(row.outcome).toBe("denied");
    expect(row.summary).toEqual({ reason: "invalid", address: "192.0.2.13", userAgent: UA });
  });

  it("an action refused by the authorization helper is an authz.denied row with address and user agent, and changes nothing", async () => {
    const member = await actorFor(db, ROLE_EMAILS.MEMBER_USER);
    const result = await executeAction(updateSetting.definition, requestAs(member, { "x-forwarded-for": "192.0.2.14", "user-agent": UA }), { key: "capital.earlyWarningPercent", value: "150", reason: "not mine to change" });
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/^Not allowed/) });
    const row = await lastRow({ action: "authz.denied", actorId: member.userId });
    expect(row.summary).toMatchObject({ permission: "settings.edit", address: "192.0.2.14", userAgent: UA });
    expect((await db.setting.findUniqueOrThrow({ where: { key: "capital.earlyWarningPercent" } })).value).not.toBe("150");
  });

  it("the address is the socket's (the only X-Forwarded-For the server leaves) unless a proxy is trusted: then the first forwarded address", () => {
    const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });
    expect(clientInfo(headers({ "x-forwarded-for": "192.0.2.20", "user-agent": UA }))).toEqual({ address: "192.0.2.20", userAgent: UA });
    expect(clientInfo(headers({}))).toEqual({ address: "unknown", userAgent: "" });
    process.env.PORTAL_TRUST_PROXY_HEADERS = "1";
    expect(clientInfo(headers({ "x-forwarded-for": "203.0.113.5, 10.0.0.1" })).address).toBe("203.0.113.5");
    expect(clientInfo(headers({ "user-agent": "x".repeat(1000) })).userAgent).toHaveLength(300);
  });

  it("staff filter the trail by event kind, user, address and date range; a bad filter names the field and its rule", async () => {
    await checkSignIn(db, "ops@foxh.example", "wrong-password-here", "198.51.100.77", null, UA);
    await checkSignIn(db, "ops@foxh.example", PASSWORD, "198.51.100.77", null, UA);
    const find = async (query: Record<string, string>) => {
      const filter = auditFilterSchema.parse(query);
      return db.auditEvent.findMany({ where: auditWhere(filter), orderBy: { id: "desc" } });
    };
    const today = new Date().toISOString().slice(0, 10);
    const failed = await find({ kind: "failed-sign-in", user: "ops@foxh", address: "198.51.100.", from: today, to: today });
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const r of failed) expect(r).toMatchObject({ action: "auth.sign-in", outcome: "denied", actorEmail: "ops@foxh.example" });
    const ok = await find({ kind: "sign-in", user: "OPS@FOXH.EXAMPLE", address: "198.51.100.77" });
    expect(ok.map((r) => r.outcome)).toContain("ok");
    expect(ok.every((r) => r.outcome === "ok")).toBe(true);
    expect(await find({ kind: "failed-sign-in", user: "ops@foxh", to: "2020-01-01" })).toEqual([]);
    expect(await find({ kind: "failed-sign-in", address: "203.0.113.250" })).toEqual([]);
    const refused = await find({ kind: "refused-access", address: "192.0.2.14" });
    expect(refused.every((r) => r.action === "authz.denied" || r.action === "security.origin-refused")).toBe(true);

    const bad = auditFilterSchema.safeParse({ kind: "everything", address: "<script>", from: "2026-02-30", to: "2026-01-01" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Event kind: one of sign-in, failed-sign-in/), expect.stringMatching(/^Address: an IPv4 or IPv6 address/), "From: not a calendar date"]));
    const backwards = auditFilterSchema.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(backwards.error?.issues).toEqual([expect.objectContaining({ path: ["to"], message: "To: on or after From" })]);
    // Empty fields of the GET form are no filter.
    expect(auditFilterSchema.parse({ kind: "", user: " ", address: "", from: "", to: "" })).toEqual({});
  });
});
