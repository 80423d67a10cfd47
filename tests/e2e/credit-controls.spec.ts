import { expect, test } from "@playwright/test";
import { signIn, submitWithStepUp, USERS } from "./fixtures";

test("a risk admin sets a limit, orders through the API breach it (block + e-mail), then the kill switch cancels the working orders", async ({ page, browser }) => {
  // A long scenario (two sign-ins, a dozen pages and API calls) on a shared 2-core machine.
  test.setTimeout(180_000);
  const ef = `E2E${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  await signIn(page, USERS.memberRiskAdmin);

  // An API key for the feed.
  await page.goto("/member/api-keys");
  await page.getByLabel("New key for").fill(`credit e2e ${ef}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("new-api-key").textContent())!.trim();
  const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { authorization: `Bearer ${token}` } });
  const order = (n: number, quantity: number) => ({ clientOrderId: `${ef}-${n}`, executionFirmId: ef, account: "ACC1", exchange: "CME", productComplex: "EQUITY", product: "ES", derivativeType: "FUTURE", side: "BUY", quantity, timeInForce: "DAY" });

  // A new grouping starts at zero.
  await page.goto("/member/credit-controls");
  await page.getByLabel("Executing Firm ID").fill(ef);
  await page.getByLabel("Exchange group").fill("CME");
  await page.getByLabel("Product complex").fill("EQUITY");
  await page.getByRole("button", { name: "Create grouping" }).click();
  await expect(page.getByRole("heading", { name: `${ef} × CME × EQUITY` })).toBeVisible();
  expect(await (await api("/api/credit/check", order(0, 1))).json()).toMatchObject({ decision: "REJECT", reason: "LIMIT" });

  // Set the limit: 50,000 futures, ES at 12,000 per contract; e-mail and block on a breach.
  const settings = page.getByRole("form", { name: "Grouping settings" });
  await settings.getByLabel("Futures exposure limit").fill("-1");
  await settings.getByLabel("Reason for the change").fill("first limit");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("The futures limit must be an amount of money")).toBeVisible();
  await settings.getByLabel("Futures exposure limit").fill("50000");
  // reference margin rates are rows: a bad rate is refused on its row, naming the rule
  await settings.getByRole("button", { name: "Add a rate" }).click();
  await settings.getByLabel("Product, rate 1").fill("es");
  await settings.getByLabel("Rate per contract, rate 1").fill("12,000");
  await settings.getByLabel("Block new orders").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("The rate must be an amount per contract, not negative, with at most 6 decimal places")).toBeVisible();
  await settings.getByLabel("Rate per contract, rate 1").fill("12000");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved as version 2.");
  await expect(page.getByRole("table", { name: "History" })).toContainText("risk@acme.example");

  // Orders until the breach: 2 × 12,000 = 24,000, 48,000, then 72,000 > 50,000.
  expect((await api("/api/orders", order(1, 2))).status()).toBe(201);
  expect((await api("/api/orders", order(2, 2))).status()).toBe(201);
  const breach = await api("/api/orders", order(3, 2));
  expect(breach.status()).toBe(200);
  expect(await breach.json()).toMatchObject({ decision: "REJECT", reason: "LIMIT", rule: "LIMIT_EXCEEDED", utilizationAfter: "72000.00", limit: "50000.00" });
  expect(await (await api("/api/orders", order(4, 1))).json()).toMatchObject({ decision: "REJECT", reason: "LIMIT", rule: "CREDIT_BLOCK" });
  expect(await (await api("/api/orders", order(5, 1))).json()).toMatchObject({ rule: "CREDIT_BLOCK" });
  // bad input names the field
  const bad = await api("/api/orders", { ...order(6, 1), side: "HOLD" });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toEqual({ error: { field: "side", message: "side must be BUY or SELL" } });

  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "Blocked after a limit breach" })).toBeVisible();
  await expect(page.getByTestId("utilization-futures")).toContainText("$48,000.00");
  await expect(page.getByRole("table", { name: "Breaches" })).toContainText("$72,000.00");

  // One e-mail for the breach, not one per refused order.
  await page.goto("/member/outbox");
  await expect(page.getByTestId("outbox-message").filter({ hasText: `Credit limit breach: ${ef}|CME|EQUITY futures` })).toHaveCount(1);

  // Kill switch: confirmation, then all order entry blocked and the two working orders cancelled.
  await page.goto("/member/credit-controls/rmi");
  const ks = page.getByRole("region", { name: "Kill switch" });
  await ks.getByLabel("Entity (Executing Firm ID)").fill(ef);
  await ks.getByRole("button", { name: "Kill switch…" }).click();
  await expect(ks).toContainText("cancels its 2 working orders");
  await expect(ks.getByLabel("Second-factor code")).toHaveAttribute("autocomplete", "one-time-code");
  await submitWithStepUp(ks, USERS.memberRiskAdmin, () => ks.getByRole("button", { name: "Confirm kill switch" }).click());
  await expect(ks.getByRole("status")).toHaveText(`Kill switch on for ${ef}: 2 working order(s) cancelled.`);
  await expect(page.getByRole("table", { name: "Current blocks" })).toContainText(ef);
  expect(await (await api("/api/credit/check", { ...order(0, 1), side: "SELL", exchange: "CBOT" })).json()).toMatchObject({ decision: "REJECT", reason: "RMI_BLOCK", rule: "KILL_SWITCH" });

  await page.goto("/member/credit-controls/orders");
  for (const n of [1, 2]) await expect(page.getByTestId("order-row").filter({ hasText: `${ef}-${n}` })).toContainText("Cancelled (kill switch)");

  // Another firm sees none of it.
  const groupingUrl = await page.goto("/member/credit-controls").then(() => page.getByRole("link", { name: `${ef} × CME × EQUITY` }).getAttribute("href"));
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "risk@blue.example");
  expect((await otherPage.goto(groupingUrl!))?.status()).toBe(404);
  await otherPage.goto("/member/credit-controls/orders");
  await expect(otherPage.getByText(ef)).toHaveCount(0);
  expect((await otherPage.request.post(`/api/orders/${ef}-1/cancel`, { headers: { authorization: "Bearer cmp_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" } })).status()).toBe(401);
  await other.close();
});

test("the OpenAPI document describes the feed; the feed refuses a missing key", async ({ request }) => {
  const doc = await (await request.get("/api/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/credit/check", "/api/orders", "/api/orders/{id}/cancel", "/api/fills"]));
  const res = await request.post("/api/credit/check", { data: {} });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.field).toBe("authorization");
});

test("a member user sees credit controls read-only", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/credit-controls");
  await expect(page.getByRole("heading", { name: "Credit controls" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create grouping" })).toHaveCount(0);
  await page.goto("/member/credit-controls/rmi");
  await expect(page.getByRole("button", { name: "Kill switch…" })).toHaveCount(0);
});
