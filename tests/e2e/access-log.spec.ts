import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

test("staff filter the audit trail to failed sign-ins and see the one just made, with the socket's address, not the one the client claimed (ASVS 16.3)", async ({ browser, page }) => {
  // Someone tries an e-mail that has no account, claiming another address in X-Forwarded-For.
  const email = `nobody-${Date.now().toString(36)}@e2e.example`;
  const stranger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66", "user-agent": "AccessLogSpec/1.0" } });
  const attempt = await stranger.newPage();
  await attempt.goto("/signin");
  await attempt.getByLabel("Email").fill(email);
  await attempt.getByLabel("Password").fill("guessed-password-1");
  await attempt.getByRole("button", { name: "Sign in" }).click();
  await expect(attempt.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
  await stranger.close();

  await signIn(page, USERS.chRisk);
  await page.goto("/ch/audit");
  const filter = page.getByRole("form", { name: "Filter the audit trail" });
  await filter.getByRole("combobox", { name: /^Event kind/ }).selectOption({ label: "Failed sign-in" });
  await filter.getByLabel("User (e-mail)", { exact: true }).fill(email);
  const today = new Date().toISOString().slice(0, 10);
  await filter.getByLabel("From", { exact: true }).fill(today);
  await filter.getByLabel("To", { exact: true }).fill(today);
  await filter.getByRole("button", { name: "Filter" }).click();
  // The filter is in the URL: the view can be shared.
  await expect(page).toHaveURL(/kind=failed-sign-in/);
  expect(new URL(page.url()).searchParams.get("user")).toBe(email);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(email);
  await expect(rows.first()).toContainText("Sign-in");
  await expect(rows.first()).toContainText("refused");
  await expect(rows.first().getByTestId("audit-address")).toHaveText("127.0.0.1");
  await expect(rows.first()).toContainText("AccessLogSpec/1.0");

  // Opened from the shared URL, the same view; a bad filter names its field and rule.
  await page.goto(`/ch/audit?kind=failed-sign-in&user=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await page.goto("/ch/audit?kind=failed-sign-in&from=2026-02-30");
  await expect(page.getByRole("alert").filter({ hasText: "The filter was not applied" })).toContainText("From: not a calendar date");
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
});

test("a member asking for an object outside its firm gets 404, and staff find that refused access in the audit trail with address and user agent (ASVS 16.3.2)", async ({ browser, page, baseURL }) => {
  const id = crypto.randomUUID();
  const other = await browser.newContext({ baseURL, extraHTTPHeaders: { "user-agent": "AccessLogSpec/404" } });
  const blue = await other.newPage();
  await signIn(blue, USERS.otherFirmUser);
  expect((await blue.goto(`/member/statements/${id}`))?.status()).toBe(404);
  expect((await blue.request.get(`/member/statements/${id}/pdf`)).status()).toBe(404);
  await other.close();

  await signIn(page, USERS.chRisk);
  await page.goto(`/ch/audit?kind=refused-access&user=${encodeURIComponent(USERS.otherFirmUser)}`);
  const pageRow = page.getByTestId("audit-row").filter({ hasText: `/member/statements/${id}` }).first();
  await expect(pageRow).toContainText("AccessLogSpec/404");
  await expect(pageRow.getByTestId("audit-address")).toHaveText("127.0.0.1");
  await expect(page.getByTestId("audit-row").filter({ hasText: `statement:${id}:pdf` })).not.toHaveCount(0);
});
