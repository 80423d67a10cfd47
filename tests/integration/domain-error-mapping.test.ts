/**
 * One coded DomainError (lib/shared/errors.ts), mapped once: the server-action wrapper answers
 * it as the form's message and field errors, its JSON route with the error's HTTP status and
 * the field it names; both audit the refusal with its code, and nothing the action wrote is
 * kept. A refusal thrown deep in a service (a bid after the close, a filing, an upload) needs no
 * translation of its own where it is caught.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { executeAction, type ActionDefinition, type ServerAction } from "@/lib/server/action";
import { actionRoute } from "@/lib/server/action-route";
import { DomainError } from "@/lib/shared/errors";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";
import { testClient } from "../support/db";

const request: { token: string; headers: Headers } = { token: "", headers: new Headers() };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && request.token ? { value: request.token } : undefined) }),
  headers: async () => request.headers,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = testClient();
afterAll(() => db.$disconnect());

/** An action whose service writes a row, then refuses with a coded error naming a field (status 409). */
function refusingAction(tag: string): ActionDefinition<z.ZodObject<{ amount: z.ZodString }>, { id: string }> {
  return {
    name: "test.domainRefusal",
    permission: "member.riskAdmin",
    schema: z.object({ amount: z.string() }),
    async run(input, { tx }) {
      await tx.outboxMessage.create({ data: { kind: "test.domain-error", toAddress: "x@example.test", subject: tag, body: input.amount } });
      throw new DomainError("bid-refused", "the auction closed at 2026-01-02T15:00:00.000Z; the bid was not accepted", { closesAt: ["the auction closed at 2026-01-02T15:00:00.000Z"] }, 409);
    },
  };
}

describe("DomainError is mapped once by the action wrapper and its route", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  });

  it("the server action answers the refusal's message and field errors, audits its code, and keeps nothing", async () => {
    const tag = randomUUID();
    const actor = await actorFor(db, ROLE_EMAILS.MEMBER_RISK_ADMIN);
    const ctx = requestAs(actor, { "x-request-id": `domain-${tag}` });
    const result = await executeAction(refusingAction(tag), ctx, { amount: "125000.00" });
    expect(result).toEqual({ ok: false, formError: "the auction closed at 2026-01-02T15:00:00.000Z; the bid was not accepted", fieldErrors: { closesAt: ["the auction closed at 2026-01-02T15:00:00.000Z"] } });
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId: `domain-${tag}` } });
    expect(audit).toMatchObject({ action: "test.domainRefusal", outcome: "refused", summary: { code: "bid-refused" } });
  });

  it("the JSON route answers the refusal's HTTP status with the field it names, and keeps nothing", async () => {
    const tag = randomUUID();
    const u = await db.user.findUniqueOrThrow({ where: { email: ROLE_EMAILS.MEMBER_RISK_ADMIN } });
    const s = await db.userSession.create({ data: { userId: u.id, sessionVersion: u.sessionVersion, secondFactorAt: new Date() } });
    request.token = await encode({ token: { sub: u.id, sid: s.id }, secret: process.env.NEXTAUTH_SECRET! });
    const origin = "http://portal.test";
    request.headers = new Headers({ origin, host: "portal.test", "content-type": "application/json", "x-request-id": `domain-route-${tag}` });
    const def = refusingAction(tag);
    const action: ServerAction<{ id: string }> = Object.assign(async () => ({ ok: false as const }), { actionName: def.name, definition: def });
    const POST = actionRoute(action);
    const res = await POST(new Request(`${origin}/api/test`, { method: "POST", headers: request.headers, body: JSON.stringify({ amount: "125000.00" }) }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { field: "closesAt", message: "the auction closed at 2026-01-02T15:00:00.000Z; the bid was not accepted", fieldErrors: { closesAt: ["the auction closed at 2026-01-02T15:00:00.000Z"] } } });
    expect(await db.outboxMessage.count({ where: { subject: tag } })).toBe(0);
  });

  it("a refusal without a status is a 422, as the wrapper's own refusals (UserError) are", () => {
    const e = new DomainError("refused", "No such category; nothing was saved.");
    expect(e).toMatchObject({ code: "refused", status: 422, field: null });
  });
});
