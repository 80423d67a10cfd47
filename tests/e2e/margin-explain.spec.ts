import { expect, test, type Locator } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

/** "1,234.50" / "-12.00" → whole cents, exactly (never through a JavaScript number). */
function cents(text: string | null): bigint {
  const s = (text ?? "").trim().replace(/,/g, "");
  expect(s).toMatch(/^-?\d+\.\d\d$/);
  return BigInt(s.replace(".", ""));
}

/** Whole cents → "1234.50" as the CSV writes it. */
function plain(c: bigint): string {
  const digits = (c < 0n ? -c : c).toString().padStart(3, "0");
  return `${c < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const part = async (row: Locator, name: string) => cents(await row.locator(`[data-part="${name}"]`).textContent());

test("margin explain: a member's statement says why margin changed since the previous cycle, the parts add up to the change of maintenance, and the first statement says it has no previous cycle", async ({ page, browser, baseURL }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/statements");
  const firstHref = (await page.getByRole("table", { name: "Statements 2026-11-20 cycle 1" }).getByRole("link", { name: "ACME-C1002" }).getAttribute("href"))!;
  await page.goto(firstHref);
  await expect(page.getByRole("heading", { name: "Statement ACME-C1002, 2026-11-20 cycle 1" })).toBeVisible();
  await expect(page.getByTestId("explain-first")).toContainText("first statement");
  const previousMaintenance = cents(await page.getByTestId("maintenance").textContent());

  await page.goto("/member/statements");
  await page.getByRole("table", { name: "Statements 2026-11-20 cycle 2" }).getByRole("link", { name: "ACME-C1002" }).click();
  await expect(page.getByRole("heading", { name: "Statement ACME-C1002, 2026-11-20 cycle 2" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why margin changed since 2026-11-20 cycle 1" })).toBeVisible();
  const maintenance = cents(await page.getByTestId("maintenance").textContent());
  const table = page.getByRole("table", { name: "Why margin changed" });
  await expect(table.getByRole("columnheader", { name: "Positions (trades, expiries)" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Prices and risk arrays" })).toBeVisible();
  await expect(page.getByTestId("explain-method")).toContainText("Shapley");

  // Each combined commodity's parts add up to its change; the total row to maintenance now − before.
  const rows = table.locator("tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const sum = (await part(row, "positions")) + (await part(row, "prices")) + (await part(row, "parameters")) + (await part(row, "addOns"));
    expect(sum).toBe(await part(row, "change"));
  }
  const total = page.getByTestId("explain-total");
  expect(await part(total, "change")).toBe(maintenance - previousMaintenance);
  // The demo: between the two cycles ACME-C1002 bought one Euro FX future (trade DEMO-T2), on the same risk parameters.
  expect(maintenance).not.toBe(previousMaintenance);
  expect(await part(total, "positions")).toBe(maintenance - previousMaintenance);
  expect(await part(total, "prices")).toBe(0n);
  expect(await part(total, "parameters")).toBe(0n);
  await expect(page.getByTestId("explain-EC")).toContainText("EC");

  // The CSV carries the same figures.
  const csv = await (await page.request.get(page.url() + "/csv")).text();
  expect(csv).toContain(`explain,Maintenance,change,,,,${plain(maintenance - previousMaintenance)}`);
  expect(csv).toContain("explain,since 2026-11-20 cycle 1,shapley");

  // Another firm's user cannot read it.
  const other = await browser.newContext({ baseURL });
  const blue = await other.newPage();
  await signIn(blue, USERS.otherFirmUser);
  expect((await blue.goto(new URL(page.url()).pathname))?.status()).toBe(404);
  await expect(blue.getByText("Why margin changed")).toHaveCount(0);
  await other.close();
});
