/**
 * The JSON routes of submissions: a financial filing, a credit limit change, a
 * guaranty fund notice acknowledgement and a membership application submission, each through
 * its real route handler (lib/server/action-route.ts over the action's definition) with a
 * real session and the real database. Only the request context (cookie, headers) is provided.
 * For each: the same Idempotency-Key twice stores once and answers the same (replayed); the
 * same key with another body is refused (422); invalid input is refused naming the field,
 * with nothing stored.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testClient } from "../support/db";
import { completeApplication } from "../support/applications";

const request: { token: string; headers: Headers } = { token: "", headers: new Headers() };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && request.token ? { value: request.token } : undefined) }),
  headers: async () => request.headers,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = testClient();
const ORIGIN = "http://portal.test";

const ROUTES = {
  "/api/filings": () => import("@/app/api/filings/route"),
  "/api/credit-controls/limits": () => import("@/app/api/credit-controls/limits/route"),
  "/api/guaranty-fund/acknowledgements": () => import("@/app/api/guaranty-fund/acknowledgements/route"),
  "/api/application/submit": () => import("@/app/api/application/submit/route"),
} as const;
type RoutePath = keyof typeof ROUTES;

interface Answer {
  readonly status: number;
  readonly body: { id?: string; error?: { field?: string; message?: string; fieldErrors?: Record<string, string[]> } } & Record<string, unknown>;
  readonly replayed: boolean;
}

async function post(path: RoutePath, token: string, body: unknown, options: { key?: string; origin?: string } = {}): Promise<Answer> {
  const { POST } = await ROUTES[path]();
  const headers = new Headers({ origin: options.origin ?? ORIGIN, host: "portal.test", "content-type": "application/json", "x-request-id": `routes-${randomUUID()}` });
  if (options.key) headers.set("idempotency-key", options.key);
  request.headers = headers;
  request.token = token;
  const res = await POST(new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as Answer["body"], replayed: res.headers.get("idempotent-replayed") === "true" };
}

/** A signed-in session (second factor done where the role needs one) as the session cookie's value. */
async function sessionOf(email: string): Promise<{ token: string; userId: string; firmId: string | null }> {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  const s = await db.userSession.create({ data: { userId: u.id, sessionVersion: u.sessionVersion, secondFactorAt: new Date() } });
  return { token: await encode({ token: { sub: u.id, sid: s.id }, secret: process.env.NEXTAUTH_SECRET! }), userId: u.id, firmId: u.firmId };
}

// FOXH, a hedge fund's investment manager, is held to $50,000,000 (002 Hedge Funds): ANC 75.3m stays clear of its early warning.
const LINES = { current_assets: "90000000", total_liabilities: "14000000", charge_speculative_proprietary: "700000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" };

/** What each route needs: who submits, a valid body, a different valid body, an invalid one, and how to count what it stores. */
interface Prepared {
  readonly email: string;
  readonly body: object;
  readonly other: object;
  readonly invalid: { readonly body: object; readonly field: string };
  count(): Promise<number>;
}
interface Case {
  readonly path: RoutePath;
  readonly okStatus: number;
  prepare(): Promise<Prepared>;
}

const CASES: Record<string, Case> = {
  "financial filing": {
    path: "/api/filings",
    okStatus: 201,
    async prepare() {
      const u = await db.user.findUniqueOrThrow({ where: { email: "ops@foxh.example" } });
      const pdf = await db.storedFile.create({ data: { firmId: u.firmId, ownerUserId: u.id, purpose: "filing-document", originalName: "signed.pdf", contentType: "application/pdf", sizeBytes: 100n, sha256: "0".repeat(64), storageKey: `test/${randomUUID()}` } });
      // A period of its own per run: month ends of 2019 not used elsewhere.
      const month = 1 + (await db.filing.count({ where: { firmId: u.firmId!, periodEnd: { lt: new Date("2020-01-01") } } }));
      const monthEnd = (m: number) => new Date(Date.UTC(2019, m, 0)).toISOString().slice(0, 10);
      const body = { kind: "MONTHLY_1FR", periodEnd: monthEnd(month), lines: LINES, signedDocumentId: pdf.id };
      return {
        email: u.email,
        body,
        other: { ...body, periodEnd: monthEnd(month + 1) },
        invalid: { body: { ...body, periodEnd: monthEnd(month + 2), lines: { ...LINES, total_liabilities: "" } }, field: "lines.total_liabilities" },
        count: () => db.filing.count({ where: { firmId: u.firmId! } }),
      };
    },
  },
  "credit limit change": {
    path: "/api/credit-controls/limits",
    okStatus: 201,
    async prepare() {
      const u = await db.user.findUniqueOrThrow({ where: { email: "risk@foxh.example" } });
      const g = await db.creditGrouping.create({ data: { firmId: u.firmId!, executionFirmId: `RT${randomUUID().slice(0, 8).toUpperCase()}`, exchange: "CME", productComplex: "EQUITY", currentVersion: 1 } });
      await db.creditGroupingVersion.create({ data: { groupingId: g.id, version: 1, futuresLimit: "0", optionsLimit: "0", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: false, actionCancel: false, note: "created (limits at zero)", changedBy: u.id, changedByEmail: u.email } });
      const body = {
        groupingId: g.id,
        futuresLimit: "2500000.00",
        optionsLimit: "1000000",
        clipBuyFutures: null,
        clipSellFutures: null,
        clipBuyOptions: null,
        clipSellOptions: null,
        includeGtc: true,
        includeGtd: false,
        actionEmail: true,
        actionBlock: true,
        actionCancel: false,
        rates: [{ derivativeType: "FUTURE", product: "ES", rate: "12000" }],
        note: "limits raised for the route test",
      };
      return {
        email: u.email,
        body,
        other: { ...body, futuresLimit: "3000000" },
        invalid: { body: { ...body, futuresLimit: "-5" }, field: "futuresLimit" },
        count: () => db.creditGroupingVersion.count({ where: { groupingId: g.id } }),
      };
    },
  },
  "guaranty fund notice acknowledgement": {
    path: "/api/guaranty-fund/acknowledgements",
    okStatus: 200,
    async prepare() {
      const u = await db.user.findUniqueOrThrow({ where: { email: "ops@grnt.example" } });
      const notice = () =>
        db.gfNotice.create({ data: { firmId: u.firmId!, kind: "ASSESSMENT", noticeDate: new Date("2026-01-15"), required: "0", onDeposit: "0", amountDue: "0", excess: "0", calculation: {}, rule: "route test", settledAt: new Date() } });
      const [a, b] = [await notice(), await notice()];
      return {
        email: u.email,
        body: { noticeId: a.id },
        other: { noticeId: b.id },
        invalid: { body: { noticeId: "not-a-notice" }, field: "noticeId" },
        count: async () => (await db.gfNotice.count({ where: { id: { in: [a.id, b.id] }, acknowledgedAt: { not: null } } })) + (await db.auditEvent.count({ where: { action: "gf.acknowledgeNotice", objectId: { in: [a.id, b.id] }, outcome: "ok" } })),
      };
    },
  },
  "membership application submission": {
    path: "/api/application/submit",
    okStatus: 200,
    async prepare() {
      const template = await db.user.findUniqueOrThrow({ where: { email: "applicant@harborview.example" } });
      const user = await db.user.create({ data: { email: `routes-${randomUUID().slice(0, 8)}@applicant.example`, name: "Route Applicant", role: "APPLICANT", passwordHash: template.passwordHash } });
      const app = await db.membershipApplication.create({ data: { applicantUserId: user.id, data: completeApplication({ legalName: "Route Test Futures LLC" }), version: 1 } });
      return {
        email: user.email,
        body: { version: 1 },
        other: { version: 2 },
        invalid: { body: { version: 0 }, field: "version" },
        count: async () => (await db.applicationTransition.count({ where: { applicationId: app.id, toStatus: "SUBMITTED" } })) + (await db.outboxMessage.count({ where: { dedupeKey: { startsWith: `application-submitted:${app.id}:` } } })),
      };
    },
  },
};

describe("submission routes honour Idempotency-Key", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  });
  afterAll(() => db.$disconnect());

  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it("the same key twice: stored once, the same answer, the second replayed", async () => {
        const data = await c.prepare();
        const { token, userId } = await sessionOf(data.email);
        const before = await data.count();
        const key = randomUUID();
        const first = await post(c.path, token, data.body, { key });
        expect(first.status, JSON.stringify(first.body)).toBe(c.okStatus);
        expect(first.replayed).toBe(false);
        const stored = await data.count();
        expect(stored).toBeGreaterThan(before);
        const again = await post(c.path, token, data.body, { key });
        expect(again).toEqual({ ...first, replayed: true });
        expect(await data.count()).toBe(stored);
        expect(await db.idempotencyRecord.count({ where: { scope: `user:${userId}`, key } })).toBe(1);
        const audit = await db.auditEvent.findFirst({ where: { actorId: userId, outcome: "ok", summary: { path: ["idempotencyKey"], equals: key } } });
        expect(audit, "the audit row names the key").not.toBeNull();
      });

      it("the same key with a different body: 422 naming the key, nothing stored", async () => {
        const data = await c.prepare();
        const { token } = await sessionOf(data.email);
        const key = randomUUID();
        expect((await post(c.path, token, data.body, { key })).status).toBe(c.okStatus);
        const stored = await data.count();
        const other = await post(c.path, token, data.other, { key });
        expect(other.status).toBe(422);
        expect(other.body.error).toMatchObject({ field: "Idempotency-Key", message: expect.stringMatching(/already used for a different submission/) });
        expect(await data.count()).toBe(stored);
      });

      it("invalid input: 422 naming the field, nothing stored, no key recorded", async () => {
        const data = await c.prepare();
        const { token, userId } = await sessionOf(data.email);
        const before = await data.count();
        const key = randomUUID();
        const bad = await post(c.path, token, data.invalid.body, { key });
        expect(bad.status).toBe(422);
        expect(bad.body.error?.field).toBe(data.invalid.field);
        expect(bad.body.error?.fieldErrors?.[data.invalid.field]?.[0]).toMatch(/\S/);
        expect(await data.count()).toBe(before);
        expect(await db.idempotencyRecord.count({ where: { scope: `user:${userId}`, key } })).toBe(0);
        for (const [raw, what] of [["{not json", "malformed JSON"], ["[1,2]", "an array"]] as const) {
          const r = await post(c.path, token, raw, { key });
          expect(r.status, what).toBe(400);
          expect(r.body.error?.field, what).toBe("body");
        }
        const badKey = await post(c.path, token, data.body, { key: "has space" });
        expect(badKey.status).toBe(400);
        expect(badKey.body.error?.field).toBe("Idempotency-Key");
        expect(await data.count()).toBe(before);
      });
    });
  }

  it("a notice acknowledged without a key is refused the second time (422), and stays acknowledged once", async () => {
    const data = await CASES["guaranty fund notice acknowledgement"]!.prepare();
    const { token } = await sessionOf("ops@grnt.example");
    expect((await post("/api/guaranty-fund/acknowledgements", token, data.body)).status).toBe(200);
    const again = await post("/api/guaranty-fund/acknowledgements", token, data.body);
    expect(again.status).toBe(422);
    expect(again.body.error?.message).toMatch(/already acknowledged/);
    expect(await data.count()).toBe(2); // the notice marked, one audit row
  });

  it("a notice of another firm cannot be acknowledged; nothing changes", async () => {
    const data = await CASES["guaranty fund notice acknowledgement"]!.prepare();
    const { token } = await sessionOf("ops@foxh.example");
    const r = await post("/api/guaranty-fund/acknowledgements", token, data.body, { key: randomUUID() });
    expect(r.status).toBe(422);
    expect(await data.count()).toBe(0);
  });

  it("every route: 401 without a session, 403 for a role without the permission or a foreign Origin; nothing stored", async () => {
    const applicant = await sessionOf("applicant@harborview.example");
    const member = await sessionOf("ops@acme.example");
    for (const path of Object.keys(ROUTES) as RoutePath[]) {
      const records = await db.idempotencyRecord.count();
      expect((await post(path, "", {}, { key: randomUUID() })).status, path).toBe(401);
      const other = path === "/api/application/submit" ? member : applicant;
      const denied = await post(path, other.token, {}, { key: randomUUID() });
      expect(denied.status, path).toBe(403);
      expect((await post(path, member.token, {}, { origin: "https://evil.example" })).status, path).toBe(403);
      expect(await db.idempotencyRecord.count()).toBe(records);
    }
  });
});
