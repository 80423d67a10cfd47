import { expect, type APIRequestContext, type Locator, type Page, type Route } from "@playwright/test";
import { totpCode, totpStep, TOTP_STEP_SECONDS } from "../../lib/auth/totp";
import { demoTotpSecret } from "../../lib/demo/second-factor";

export const DEMO_PASSWORD = "Clearing-Demo-2026!";

export const USERS = {
  applicant: "applicant@harborview.example",
  memberUser: "ops@acme.example",
  memberRiskAdmin: "risk@acme.example",
  chRisk: "risk@clearinghouse.example",
  chAdmin: "admin@clearinghouse.example",
  otherFirmUser: "ops@blue.example",
} as const;

/** Secrets the fixtures enrolled for users a test created (per worker process). */
const enrolled = new Map<string, string>();

/** The demo users with a second factor (README): clearing-house staff and member risk admins. */
export function demoUserHasSecondFactor(email: string): boolean {
  return enrolled.has(email) || email.endsWith("@clearinghouse.example") || /^risk@[a-z]{4}\.example$/.test(email);
}

function secretFor(email: string): string {
  return enrolled.get(email) ?? demoTotpSecret(email);
}

/**
 * A code for the demo user's published secret. A code works once per user (RFC 6238 §5.2),
 * and tests running in parallel sign the same users in: try the current step, then the next
 * (the portal accepts one step of drift), then wait for a new step.
 */
async function submitCodes(email: string, submit: (code: string) => Promise<{ ok: boolean; reused: boolean; message: string }>): Promise<void> {
  const secret = secretFor(email);
  for (let round = 0; round < 4; round++) {
    const now = totpStep(Date.now());
    for (const step of [now, now + 1]) {
      const r = await submit(totpCode(secret, step));
      if (r.ok) return;
      if (!r.reused) throw new Error(`second factor for ${email} refused: ${r.message}`);
    }
    const nextStepAt = (now + 1) * TOTP_STEP_SECONDS * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, nextStepAt - Date.now()) + 50));
  }
  throw new Error(`second factor for ${email}: every code was already used`);
}

/** Signs in through the sign-in page, as a person would, with the second factor where the user has one. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in, or asked for a code, or (a user a test created with a role that requires it) asked to enroll.
  const verify = page.getByRole("heading", { name: "Enter your authentication code" });
  const enroll = page.getByRole("heading", { name: "Set up your authenticator app" });
  // password hashing (argon2) is deliberately slow: allow for a busy machine
  await expect(page.getByTestId("signed-in-as").or(verify).or(enroll)).toBeVisible({ timeout: 30_000 });
  if (await enroll.isVisible()) enrolled.set(email, (await page.getByTestId("totp-secret").textContent())!.trim());
  if ((await verify.isVisible()) || (await enroll.isVisible())) {
    const button = (await verify.isVisible()) ? "Verify" : "Confirm and continue";
    await submitCodes(email, async (code) => {
      await page.getByLabel("Authentication code").fill(code);
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/second-factor") && r.request().method() === "POST");
      await page.getByRole("button", { name: button }).click();
      const res = await answer;
      // On success the page navigates on at once (its body is gone); a refusal stays.
      if (res.status() === 200) return { ok: true, reused: false, message: "" };
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      return { ok: false, reused: body.error?.code === "reused", message: body.error?.message ?? String(res.status()) };
    });
  }
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 30_000 });
}

/**
 * Step-up (ASVS 7.5.3): the kill switch, declaring a default, running the waterfall and approving
 * a membership ask for a fresh code. Types the user's current code into the form's "Second-factor
 * code" field and submits it with `submit`; a code already used (tests in parallel sign the same
 * users in) is refused, so the next one is tried, as at sign-in. Reads the server action's answer.
 */
export async function submitWithStepUp(form: Locator, email: string, submit: () => Promise<void>): Promise<void> {
  const page = form.page();
  // The action's answer is read as it passes (its streamed body is gone once the page refreshes).
  let answered: (body: string) => void = () => undefined;
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() !== "POST" || request.headers()["next-action"] === undefined) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    await route.fulfill({ response, body });
    answered(body);
  };
  await page.route("**/*", handler);
  try {
    await submitCodes(email, async (code) => {
      await form.getByLabel("Second-factor code").fill(code);
      const answer = new Promise<string>((resolve) => (answered = resolve));
      await submit();
      const body = await answer;
      if (body.includes("That code was already used")) return { ok: false, reused: true, message: "" };
      const refused = /"secondFactorCode":\["([^"]*)"/.exec(body);
      return refused ? { ok: false, reused: false, message: refused[1]! } : { ok: true, reused: false, message: "" };
    });
  } finally {
    await page.unroute("**/*", handler);
  }
}

/** Signs in over HTTP (next-auth's credentials callback, then the second factor where the user has one). */
export async function apiSignIn(request: APIRequestContext, email: string, baseURL: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken: csrf.csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  if (demoUserHasSecondFactor(email)) {
    await submitCodes(email, async (code) => {
      const r = await request.post("/api/second-factor", { data: { code }, headers: { origin: new URL(baseURL).origin } });
      const body = (await r.json()) as { ok?: boolean; error?: { code?: string; message?: string } };
      return { ok: r.status() === 200, reused: body.error?.code === "reused", message: body.error?.message ?? String(r.status()) };
    });
  }
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user?.email).toBe(email);
}
