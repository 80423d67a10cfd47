import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Clearing-Demo-2026!";

export const USERS = {
  applicant: "applicant@harborview.example",
  memberUser: "ops@acme.example",
  memberRiskAdmin: "risk@acme.example",
  chRisk: "risk@clearinghouse.example",
  chAdmin: "admin@clearinghouse.example",
  otherFirmUser: "ops@blue.example",
} as const;

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}
