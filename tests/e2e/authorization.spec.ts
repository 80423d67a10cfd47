/**
 * Walks every page of the portal (lib/auth/areas.ts) with every role, over HTTP with the
 * role's own session: allowed pages answer 200, others 403 (or the sign-in page for nobody).
 */
import { expect, test } from "@playwright/test";
import { AREAS } from "../../lib/auth/areas";
import { ROLE_PERMISSIONS, type RoleName } from "../../lib/auth/permissions";
import { apiSignIn, USERS } from "./fixtures";

const ROLE_USERS: Record<RoleName, string> = {
  APPLICANT: USERS.applicant,
  MEMBER_USER: USERS.memberUser,
  MEMBER_RISK_ADMIN: USERS.memberRiskAdmin,
  CH_RISK_STAFF: USERS.chRisk,
  CH_ADMIN: USERS.chAdmin,
};

for (const [role, email] of Object.entries(ROLE_USERS) as [RoleName, string][]) {
  test(`${role}: every page answers as its permission says`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    await apiSignIn(request, email, baseURL!);
    for (const area of AREAS) {
      const res = await request.get(area.path, { maxRedirects: 0 });
      const allowed = ROLE_PERMISSIONS[role].includes(area.permission);
      expect(res.status(), `${role} GET ${area.path}`).toBe(allowed ? 200 : 403);
    }
    await request.dispose();
  });
}

test("nobody signed in: every page sends to sign in, health and readiness answer", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  for (const area of AREAS) {
    const res = await request.get(area.path, { maxRedirects: 0 });
    expect(res.status(), area.path).toBe(307);
    expect(res.headers().location, area.path).toContain(`/signin?callbackUrl=${encodeURIComponent(area.path)}`);
  }
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true }, migrations: { ok: true } } });
  await request.dispose();
});

test("a forged session cookie gets nobody in", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: "next-auth.session-token=forged.token.value" } });
  const res = await request.get("/ch/settings", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toContain("expired=1");
  await request.dispose();
});
