import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

const LANDINGS = [
  { who: "an applicant", email: USERS.applicant, path: "/application", heading: "Application", nav: ["Application"], notNav: ["Settings", "Margin statements"] },
  { who: "a member user", email: USERS.memberUser, path: "/member", heading: "Acme Futures LLC", nav: ["Margin statements", "Financial filings", "Guaranty fund", "Auctions & defaults", "Credit controls"], notNav: ["API keys", "Settings"] },
  { who: "a member risk admin", email: USERS.memberRiskAdmin, path: "/member", heading: "Acme Futures LLC", nav: ["Margin statements", "Credit controls"], notNav: ["Settings"] },
  { who: "clearing-house risk staff", email: USERS.chRisk, path: "/ch", heading: "Clearing house", nav: ["Settlement cycles", "Default management", "Settings", "Audit trail"], notNav: ["Credit controls"] },
  { who: "a clearing-house admin", email: USERS.chAdmin, path: "/ch", heading: "Clearing house", nav: ["Applications", "Capital surveillance", "Members & users", "Settings", "Audit trail"], notNav: ["Margin statements"] },
];

for (const l of LANDINGS) {
  test(`${l.who} signs in and lands on the home page of the role`, async ({ page }) => {
    await signIn(page, l.email);
    await expect(page).toHaveURL(new RegExp(`${l.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: l.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Areas" });
    for (const item of l.nav) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
    for (const item of l.notNav) await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(0);
    // Every area in the navigation opens.
    const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
    for (const href of links) {
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(200);
    }
  });
}

test("a wrong password is refused with a clear message, and the account locks after repeated failures", async ({ page }) => {
  const email = "ops@grnt.example";
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
  }
  await page.getByLabel("Password").fill("wrong-password-5");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("this account is locked until");
  // The right password does not get in while the account is locked.
  await page.getByLabel("Password").fill("Clearing-Demo-2026!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-in attempts");
  await expect(page).toHaveURL(/\/signin/);
});

test("the form itself refuses an empty or malformed email before sending", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("signing out ends the session: the old pages send you back to sign in", async ({ page }) => {
  await signIn(page, USERS.chRisk);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/ch/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fch%2Fsettings/);
});

test("after sign-out the old cookie gets no session from next-auth's session endpoint either (ASVS 7.4.1)", async ({ page, playwright, baseURL }) => {
  await signIn(page, USERS.memberUser);
  const cookies = await page.context().cookies();
  const before = await page.request.get("/api/auth/session");
  expect(((await before.json()) as { user?: { email?: string } }).user?.email).toBe(USERS.memberUser);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const old = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
  const after = await old.get("/api/auth/session");
  expect(after.status()).toBe(200);
  expect(await after.json()).toEqual({});
  await old.dispose();
});
