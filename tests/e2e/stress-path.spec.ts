import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

/** "1,234.56" → cents as a bigint (exact; the page's figures are two-decimal money). */
const cents = (text: string): bigint => BigInt(text.trim().replace(/,/g, "").replace(".", ""));

test("a member runs a published 20-day stress path on its account: 20 day rows, and the responsiveness is the rows' peak maintenance ÷ today's", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/stress-path");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Account").selectOption({ label: "ACME-H (4 positions)" });
  await page.getByLabel("Published path").selectOption({ label: "20-day grind lower (20 days)" });
  await page.getByRole("button", { name: "Run stress path" }).click();
  await expect(page.getByTestId("stress-day")).toHaveCount(20);
  await expect(page.getByTestId("stress-chart")).toBeVisible();
  const today = cents((await page.getByTestId("stress-today").getByRole("cell").nth(2).textContent())!);
  const days = (await page.getByTestId("stress-maintenance").allTextContents()).map(cents);
  const peak = days.reduce((m, d) => (d > m ? d : m), 0n);
  // ratio to 4 decimals, half-even, in integers: peak / today × 10,000
  const scaled = peak * 10_000n;
  let q = scaled / today;
  const r = scaled % today;
  if (r * 2n > today || (r * 2n === today && q % 2n === 1n)) q += 1n;
  const ratio = `${q / 10_000n}.${String(q % 10_000n).padStart(4, "0")}`;
  await expect(page.getByTestId("responsiveness")).toHaveText(ratio);
  expect(peak > today).toBe(true); // scan ranges × 1.25 from day 10
});

test("a member's uploaded path with a bad row is refused naming the row and the column, and nothing is run", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/stress-path");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Upload my own CSV").check();
  await page.getByLabel("Path CSV").setInputFiles({ name: "my-path.csv", mimeType: "text/csv", buffer: Buffer.from("day,product,price_change_percent\n1,CME:EC,-2\n2,CME:EC,down a lot\n") });
  await page.getByRole("button", { name: "Run stress path" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "row 3, column price_change_percent" })).toBeVisible();
  await expect(page.getByTestId("stress-table")).toHaveCount(0);
  // a good file runs: two days
  await page.getByLabel("Path CSV").setInputFiles({ name: "my-path.csv", mimeType: "text/csv", buffer: Buffer.from("day,product,price_change_percent,scan_range_multiplier\n1,CME:EC,-2,\n2,CME:EC,-3,1.5\n") });
  await page.getByRole("button", { name: "Run stress path" }).click();
  await expect(page.getByTestId("stress-day")).toHaveCount(2);
});

test("another firm's account is refused with 404 by the run route", async ({ page, browser }) => {
  const blue = await browser.newPage();
  await signIn(blue, USERS.otherFirmUser);
  await blue.goto("/member/stress-path");
  const own = await blue.getByLabel("Account").locator("option").first().getAttribute("value");
  await blue.close();
  await signIn(page, USERS.memberUser);
  const res = await page.request.post("/api/stress-path/run", { data: { accountId: own, csv: "day,product,price_change_percent\n1,CME:EC,-2\n" } });
  expect(res.status()).toBe(404);
  expect((await res.json()).error.field).toBe("accountId");
});

test("risk staff create a path from CSV (a draft members do not see), publish it, and a member then runs it", async ({ page, browser }) => {
  const name = `E2E drop ${Date.now()}`;
  await signIn(page, USERS.chRisk);
  await page.goto("/ch/stress-paths");
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("form", { name: "Create a stress path" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Path CSV").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("day,product,price_change_percent,scan_range_multiplier\n1,CME:BP,-4,11\n") });
  await form.getByRole("button", { name: "Save as draft" }).click();
  await expect(form.getByText("row 2, column scan_range_multiplier", { exact: false }).first()).toBeVisible();
  await form.getByLabel("Path CSV").setInputFiles({ name: "drop.csv", mimeType: "text/csv", buffer: Buffer.from("day,product,price_change_percent,scan_range_multiplier\n1,CME:BP,-4,\n2,CME:BP,-4,1.5\n3,CME:BP,1,\n") });
  await form.getByRole("button", { name: "Save as draft" }).click();
  await expect(form.getByRole("status")).toContainText("3 days, 3 moves");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByTestId("stress-path-status")).toHaveText("draft");

  const member = await browser.newPage();
  await signIn(member, USERS.memberUser);
  await member.goto("/member/stress-path");
  await expect(member.getByLabel("Published path").locator("option", { hasText: name })).toHaveCount(0);

  await row.getByRole("button", { name: `Publish ${name}` }).click();
  await expect(row.getByTestId("stress-path-status")).toHaveText("published");

  await member.goto("/member/stress-path");
  await member.waitForLoadState("networkidle");
  await member.getByLabel("Account").selectOption({ label: "ACME-S2001 (1 positions)" });
  await member.getByLabel("Published path").selectOption({ label: `${name} (3 days)` });
  await member.getByRole("button", { name: "Run stress path" }).click();
  await expect(member.getByTestId("stress-day")).toHaveCount(3);
  await member.close();
});
