import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

test("a clearing-house admin changes a setting with a reason and sees it in the history; a bad value is refused next to the field", async ({ page }) => {
  await signIn(page, USERS.chAdmin);
  await page.goto("/ch/settings");
  const form = page.getByRole("form", { name: "Monthly statement due (business days after month end)" });
  await form.getByLabel("Monthly statement due (business days after month end)").fill("18.5");
  await form.getByLabel("Reason for the change").fill("Try a fraction");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("must be a whole number")).toBeVisible();

  await form.getByLabel("Monthly statement due (business days after month end)").fill("18");
  await form.getByLabel("Reason for the change").fill("Holiday season allowance");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  const row = page.getByRole("row", { name: /filing\.monthlyDueBusinessDays/ });
  await expect(row).toContainText("17");
  await expect(row).toContainText("18");
  await expect(row).toContainText("admin@clearinghouse.example");
  await expect(row).toContainText("Holiday season allowance");
});

test("a member cannot open the settings page", async ({ page }) => {
  await signIn(page, USERS.memberRiskAdmin);
  const response = await page.goto("/ch/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
