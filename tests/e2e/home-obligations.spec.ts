import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

/**
 * The home pages show obligations, not who the firm is: a member (demo firm ACME) sees what is
 * due and its latest figures with the trend, each agreeing with the page where it is done; the
 * clearing house sees its queue of work with counts that agree with the lists they link to.
 */
test("a member's home shows what is due and its latest figures, agreeing with the guaranty fund and statements pages", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member");
  await expect(page.getByRole("heading", { name: "What is due" })).toBeVisible();
  // Either obligations, or "Nothing is due" saying what would appear: never an empty page.
  const obligations = page.getByRole("list", { name: "Obligations" });
  const nothing = page.getByTestId("nothing-due");
  await expect(obligations.or(nothing)).toBeVisible();

  // Latest figures: four amounts in dollars, each with its change since the previous cycle.
  const figures = page.getByRole("region", { name: "Latest figures" });
  const dl = figures.getByLabel("Latest margin figures");
  await expect(dl).toContainText("Maintenance requirement");
  await expect(dl.getByText(/^-?\$[\d,]+\.\d\d$/)).toHaveCount(4);
  await expect(dl.getByText(/since \d{4}-\d\d-\d\d (cycle|ad hoc) \d+|unchanged since/)).toHaveCount(4);
  const base = (await figures.getByText(/^Base guaranty fund: required/).textContent())!;
  const [, required, onDeposit] = /required (none set yet|\$[\d,]+\.\d\d), on deposit (\$[\d,]+\.\d\d)/.exec(base)!;

  // The same requirement and deposit as the guaranty fund page.
  await page.goto("/member/guaranty-fund");
  const baseRow = page.getByRole("table", { name: "Guaranty funds" }).getByRole("row").filter({ hasText: /^Base/ });
  await expect(baseRow).toContainText(required!);
  await expect(baseRow).toContainText(onDeposit!);

  // Recent activity in words: the sign-in just made, never the audit action's name.
  await page.goto("/member");
  const activity = page.getByRole("table", { name: "Recent activity" });
  await expect(activity).toContainText("Sign-in");
  await expect(activity).not.toContainText("auth.sign-in");
});

test("another firm's home shows its own obligations, not ACME's", async ({ page }) => {
  await signIn(page, USERS.otherFirmUser);
  await page.goto("/member");
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Acme");
  await expect(page.getByRole("heading", { name: "What is due" })).toBeVisible();
});

test("the clearing house's home shows its queue of work with counts agreeing with the lists they open", async ({ page }) => {
  await signIn(page, USERS.chRisk);
  await page.goto("/ch");
  const queue = page.getByRole("list", { name: "Queue of work" });
  await expect(queue.getByRole("listitem")).toHaveCount(9);
  const applications = page.getByTestId("queue-applications");
  const count = Number(await applications.getByTestId("count").textContent());
  await applications.getByRole("link").click();
  await expect(page).toHaveURL(/\/ch\/applications$/);
  const rows = page.locator("table tbody tr").filter({ hasText: /Submitted|Under review/ });
  await expect(rows).toHaveCount(count);

  await page.goto("/ch");
  const auctions = page.getByTestId("queue-auctions");
  await expect(auctions).toContainText("Auctions open");
  await page.getByTestId("queue-overdueNotices").getByRole("link").click();
  await expect(page).toHaveURL(/\/ch\/guaranty-fund$/);
});
