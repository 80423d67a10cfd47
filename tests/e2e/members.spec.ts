import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

test("a clearing-house admin changes a member's capital facts with a reason: a scope the rules refuse is refused by the field, the change shows in the member's history, and is undone the same way", async ({ page }) => {
  await signIn(page, USERS.chAdmin);
  await page.goto("/ch/members");
  await page.getByRole("link", { name: "GRNT", exact: true }).click();
  await expect(page.getByRole("heading", { name: "GRNT: Granite Bank plc" })).toBeVisible();
  const facts = page.getByLabel("Member facts");
  await expect(facts).toContainText("Credit default swaps (CDS)no");

  const form = page.getByRole("form", { name: "Change the member's facts" });
  // Rule 992: only a NYMEX clearing member guarantees NYMEX floor members; GRNT clears at CME only
  await form.getByLabel("Guarantees NYMEX floor members (Rule 992)").check();
  await form.getByLabel("Reason (kept in the audit trail)").fill("Floor member guarantees");
  await form.getByRole("button", { name: "Change facts" }).click();
  await expect(form.getByRole("alert")).toContainText("Only a NYMEX clearing member guarantees NYMEX floor members (Rule 992)");
  // and next to the field, in the application's own words
  await expect(form.getByText("Only a NYMEX clearing member guarantees NYMEX floor members (Rule 992): add NYMEX or untick this", { exact: true })).toBeVisible();
  await expect(page.getByText("None since approval.")).toBeVisible();

  await form.getByLabel("Guarantees NYMEX floor members (Rule 992)").uncheck();
  await form.getByLabel("Credit default swaps (CDS)").check();
  await form.getByLabel("Reason (kept in the audit trail)").fill("Approved to clear CDS");
  await form.getByRole("button", { name: "Change facts" }).click();
  await expect(form.getByRole("status")).toHaveText("Changed 1 fact of GRNT: Credit default swaps (CDS). Its next filing is assessed on them.");
  await expect(facts).toContainText("Credit default swaps (CDS)yes");
  const history = page.getByRole("table", { name: "Changes to the member's facts" });
  await expect(history).toContainText("Credit default swaps (CDS): no → yes");
  await expect(history).toContainText("admin@clearinghouse.example");
  await expect(history).toContainText("Approved to clear CDS");

  await form.getByLabel("Credit default swaps (CDS)").uncheck();
  await form.getByLabel("Reason (kept in the audit trail)").fill("CDS approval withdrawn");
  await form.getByRole("button", { name: "Change facts" }).click();
  await expect(form.getByRole("status")).toContainText("Changed 1 fact of GRNT");
  await expect(facts).toContainText("Credit default swaps (CDS)no");
  await expect(history.getByRole("row")).toHaveCount(3);
});

test("risk staff read a member's facts but cannot change them", async ({ page }) => {
  await signIn(page, USERS.chRisk);
  await page.goto("/ch/members/GRNT");
  await expect(page.getByLabel("Member facts")).toBeVisible();
  await expect(page.getByRole("form", { name: "Change the member's facts" })).toHaveCount(0);
});
