/**
 * Content-Security-Policy with a per-request nonce, Permissions-Policy and the other security
 * headers on a public page, a member page and a staff page (ASVS 5.0 3.4); and every page a
 * member and a staff user can open runs under the policy without a single violation.
 */
import { expect, test, type Page } from "@playwright/test";
import { AREAS } from "../../lib/auth/areas";
import { ROLE_PERMISSIONS, type RoleName } from "../../lib/auth/permissions";
import { signIn, USERS } from "./fixtures";

function checkHeaders(headers: Record<string, string>, where: string): string {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["default-src 'self'", "'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(csp, `${where}: ${directive}`).toContain(directive);
  }
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `${where}: a script nonce`).toBeTruthy();
  expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  expect(headers["permissions-policy"], where).toContain("geolocation=()");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  return nonce!;
}

/** Collects the page's CSP violations (console reports and securitypolicyviolation events). */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return seen;
}

test("a public page, a member page and a staff page carry the CSP (fresh nonce each time), Permissions-Policy and framing rules", async ({ page, playwright, baseURL }) => {
  const first = checkHeaders((await page.request.get("/signin")).headers(), "/signin");
  const second = checkHeaders((await page.request.get("/signin")).headers(), "/signin again");
  expect(second).not.toBe(first);
  // the page's scripts carry the nonce of its own response
  const res = await page.goto("/signin");
  const nonce = checkHeaders(res!.headers(), "/signin (browser)");
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(await page.locator("script").evaluateAll((els, n) => els.every((e) => (e as HTMLScriptElement).nonce === n || !(e as HTMLScriptElement).textContent), nonce)).toBe(true);

  for (const [email, path] of [[USERS.memberUser, "/member"], [USERS.chRisk, "/ch"]] as const) {
    const ctx = await playwright.request.newContext({ baseURL });
    const { apiSignIn } = await import("./fixtures");
    await apiSignIn(ctx, email, baseURL!);
    const r = await ctx.get(path, { maxRedirects: 0 });
    expect(r.status(), path).toBe(200);
    checkHeaders(r.headers(), path);
    await ctx.dispose();
  }
});

const WALKS: [RoleName, string][] = [["MEMBER_USER", USERS.memberUser], ["CH_RISK_STAFF", USERS.chRisk]];
for (const [role, email] of WALKS) {
  test(`${role}: every page it may open runs under the CSP without a violation`, async ({ page }) => {
    const violations = watchViolations(page);
    await signIn(page, email);
    for (const area of AREAS) {
      if (!ROLE_PERMISSIONS[role].includes(area.permission) || area.path.includes("[")) continue;
      await page.goto(area.path);
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
  });
}
