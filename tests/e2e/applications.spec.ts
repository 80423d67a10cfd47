/**
 * Membership onboarding through the browser: an applicant registers, fills the
 * multi-step application with the live checklist, submits; the clearing-house admin requests
 * changes, the applicant answers and resubmits, the admin approves, and the applicant's next
 * sign-in lands in the member area. A second spec: approval refused while capital is short.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addBusinessDays, createBusinessCalendar } from "../../lib/risk/calendar";
import { SETTINGS_BY_KEY } from "../../lib/settings/definitions";
import { DEMO_PASSWORD, signIn, submitWithStepUp, USERS } from "./fixtures";

const PASSWORD = "Applicant-Pass-2026";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function unique(tag: string) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { email: `${tag}-${id}@applicant.example`, firm: `${tag[0]!.toUpperCase()}${tag.slice(1)} ${id} Futures LLC`, code: `Z${id.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 10)}` };
}

async function register(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Register" }).click();
  await page.getByLabel("Your name").fill("Nora Applicant");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Membership application" })).toBeVisible();
}

async function save(page: Page, next: string) {
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { name: next })).toBeVisible();
}

/** Fills every step; `capital` as typed in the capital step; the settlement bank left empty when `bank` is "". */
async function fillApplication(page: Page, firm: string, capital: string, repEmail: string, bank = "Citibank") {
  await page.getByLabel("Legal name").fill(firm);
  await page.getByLabel("Qualified to do business in Illinois").check();
  await page.getByLabel("All necessary regulatory approvals received").selectOption("yes");
  await page.getByLabel("In good standing with every regulator").selectOption("yes");
  await save(page, "Exchanges and product scope");

  await page.getByLabel("CME", { exact: true }).check();
  await save(page, "Capital figures");

  await page.getByLabel(/^Capital: adjusted net capital/).fill(capital);
  await page.getByLabel("Base guaranty fund deposit (US dollars)").fill("500000");
  await save(page, "Owners and affiliates");

  await page.getByRole("button", { name: "Add owner" }).click();
  await page.getByLabel("Owner", { exact: true }).fill("Parent Holdings Inc.");
  await page.getByLabel("Owns, %").fill("100");
  await page.getByLabel("Parent guarantee on file").check();
  await page.getByLabel("Guarantee covers, %").fill("100");
  await save(page, "Memberships and settlement bank");

  for (const [kind, count] of [["CME", "2"], ["IMM", "2"], ["IOM", "2"], ["GEM", "1"]] as const) {
    await page.getByRole("button", { name: "Add memberships" }).click();
    const row = page.getByTestId("membership-row").last();
    await row.getByLabel("Kind").selectOption(kind);
    await row.getByLabel("Number").fill(count);
  }
  if (bank) await page.getByRole("textbox", { name: "Settlement bank" }).fill(bank);
  await save(page, "Policies");

  for (const [label, file] of [["AML and sanctions", "aml.pdf"], ["Risk management policies", "risk.pdf"], ["Business continuity", "bcp.pdf"]] as const) {
    await page.getByLabel(new RegExp(label)).setInputFiles({ name: file, mimeType: "application/pdf", buffer: PDF });
    await expect(page.getByRole("link", { name: file })).toBeVisible();
  }
  await page.getByLabel("GC2 credit control administrators registered").check();
  await save(page, "Authorized representative");

  await page.getByLabel("Representative's name").fill("Rhea Presley");
  await page.getByLabel("Representative's title").fill("Chief Executive Officer");
  await page.getByLabel("Representative's e-mail").fill(repEmail);
  await save(page, "Review and submit");
}

// Each spec walks a whole application through the browser: minutes, not seconds, on a shared machine.
test.describe.configure({ timeout: 240_000 });

function checklistRow(page: Page, id: string) {
  return page.getByTestId("checklist").locator(`tr[data-requirement="${id}"]`);
}

async function adminPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, USERS.chAdmin);
  return page;
}

test("an applicant registers, applies, answers a change request, is approved and signs in as the new member", async ({ page, browser }) => {
  const u = unique("harbor");
  await register(page, u.email);
  await fillApplication(page, u.firm, "6000000", `rep-${u.email}`);
  await expect(checklistRow(page, "minimum-capital")).toContainText("met");
  await expect(checklistRow(page, "minimum-capital")).toContainText("$5,000,000.00");
  await expect(checklistRow(page, "minimum-capital")).toContainText("$6,000,000.00");
  await expect(page.getByTestId("checklist")).toContainText("0 not met");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("application-status")).toHaveText("Submitted");

  const admin = await adminPage(browser);
  await admin.goto("/ch/applications?status=SUBMITTED&exchange=CME");
  await admin.getByRole("link", { name: u.firm }).click();
  await admin.getByRole("button", { name: "Start review" }).click();
  await expect(admin.getByTestId("application-status")).toHaveText("Under review");
  const changes = admin.getByRole("form", { name: "Request changes" });
  await changes.getByRole("button", { name: "Request changes" }).click();
  await expect(changes.getByText("Tick at least one field")).toBeVisible();
  await changes.getByLabel("What needs to change").fill("State capital as of the latest month end");
  await changes.getByText("Capital figures", { exact: true }).click();
  await changes.getByLabel(/^Capital: adjusted net capital/).check();
  await changes.getByRole("button", { name: "Request changes" }).click();
  await expect(admin.getByTestId("application-status")).toHaveText("Changes requested");
  // The refreshed page no longer has the form; its confirmation stays on the page.
  await expect(changes).toHaveCount(0);
  await expect(admin.getByRole("status").filter({ hasText: "Changes requested from the applicant." })).toBeVisible();

  await page.reload();
  const banner = page.getByRole("alert", { name: "Changes requested" });
  await expect(banner).toContainText("State capital as of the latest month end");
  await page.getByRole("button", { name: /3\. Capital figures/ }).click();
  await expect(page.getByText("change requested")).toBeVisible();
  await page.getByLabel(/^Capital: adjusted net capital/).fill("7250000");
  await save(page, "Owners and affiliates");
  await page.getByRole("button", { name: /Review and submit/ }).click();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("application-status")).toHaveText("Submitted");
  await page.goto("/application/outbox");
  await expect(page.getByText("Membership application: Changes requested")).toBeVisible();

  await admin.reload();
  await admin.getByRole("button", { name: "Start review" }).click();
  const approve = admin.getByRole("form", { name: "Approve" });
  await approve.getByLabel("Clearing member code").fill(u.code);
  await submitWithStepUp(approve, USERS.chAdmin, () => approve.getByRole("button", { name: "Approve" }).click());
  await expect(admin.getByTestId("application-status")).toHaveText("Approved");
  await expect(approve).toHaveCount(0);
  await expect(admin.getByRole("status").filter({ hasText: "Approved: the clearing member is created." })).toBeVisible();
  const timeline = admin.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByTestId("timeline-entry")).toHaveCount(7);
  await expect(timeline).toContainText("State capital as of the latest month end");
  await admin.goto("/ch/members");
  await expect(admin.getByRole("row", { name: `${u.code} ${u.firm}` })).toBeVisible();
  await expect(admin.getByRole("row", { name: `${u.code} Rhea Presley` })).toContainText("Member user");
  await expect(admin.getByRole("row", { name: `${u.code} Nora Applicant` })).toContainText("Member risk admin");

  // The applicant's old session ended with the approval; the next sign-in lands in the member area.
  await page.goto("/application");
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, u.email, PASSWORD);
  await expect(page).toHaveURL(/\/member$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("Member risk admin");
  await expect(page.getByTestId("signed-in-as")).toContainText(u.firm);
  await admin.context().close();
});

test("a newly approved member sees its Base guaranty fund requirement (Rule 816 minimum) and its deposit due date from day one", async ({ page, browser }) => {
  const u = unique("newgf");
  await register(page, u.email);
  await fillApplication(page, u.firm, "6000000", `rep-${u.email}`);
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("application-status")).toHaveText("Submitted");

  const admin = await adminPage(browser);
  await admin.goto("/ch/applications?status=SUBMITTED&exchange=CME");
  await admin.getByRole("link", { name: u.firm }).click();
  await admin.getByRole("button", { name: "Start review" }).click();
  const approve = admin.getByRole("form", { name: "Approve" });
  await approve.getByLabel("Clearing member code").fill(u.code);
  await submitWithStepUp(approve, USERS.chAdmin, () => approve.getByRole("button", { name: "Approve" }).click());
  await expect(admin.getByTestId("application-status")).toHaveText("Approved");
  const today = new Date().toISOString().slice(0, 10);
  // The deposit is due within 5 business days of the notice (SPEC §6), on the portal's holiday calendar.
  const due = addBusinessDays(createBusinessCalendar({ holidays: SETTINGS_BY_KEY.get("calendar.holidays")!.defaultValue.split(",") }), today, 5);

  await page.goto("/application");
  await signIn(page, u.email, PASSWORD);
  await expect(page).toHaveURL(/\/member$/);
  const open = page.getByRole("region", { name: "Notices to acknowledge" });
  await expect(open).toContainText(`Deposit notice dated ${today}`);
  await expect(open).toContainText(`$500,000.00 due ${due}`);
  await page.goto("/member/guaranty-fund");
  const base = page.getByRole("table", { name: "Guaranty funds" }).getByRole("row", { name: /Base guaranty fund/ });
  await expect(base).toContainText("$500,000.00");
  await expect(base).toContainText(due);
  await expect(page.getByText("none issued yet")).toHaveCount(0);

  // The clearing house sees the same requirement and due date.
  await admin.goto("/ch/guaranty-fund");
  const row = admin.getByRole("table", { name: "Requirements and deposits" }).getByRole("row").filter({ hasText: u.code });
  await expect(row).toContainText("$500,000.00");
  await expect(row).toContainText(due);
  await expect(row).not.toContainText("none issued");
  await admin.context().close();
});

test("approval is refused while capital is short; bad input is refused next to the field; other applicants cannot open the review page", async ({ page, browser }) => {
  const u = unique("short");
  await register(page, u.email);
  await fillApplication(page, u.firm, "4000000", u.email);
  await page.getByRole("button", { name: /3\. Capital figures/ }).click();
  await page.getByLabel(/^Capital: adjusted net capital/).fill("4,000,000");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("no commas")).toBeVisible();
  await page.getByLabel(/^Capital: adjusted net capital/).fill("4000000");
  await save(page, "Owners and affiliates");
  await expect(checklistRow(page, "minimum-capital")).toContainText("not met");
  await page.getByRole("button", { name: /Review and submit/ }).click();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("application-status")).toHaveText("Submitted");

  const admin = await adminPage(browser);
  await admin.goto("/ch/applications");
  await admin.getByRole("link", { name: u.firm }).click();
  const reviewUrl = admin.url();
  await admin.getByRole("button", { name: "Start review" }).click();
  const approve = admin.getByRole("form", { name: "Approve" });
  await approve.getByLabel("Clearing member code").fill(u.code);
  await submitWithStepUp(approve, USERS.chAdmin, () => approve.getByRole("button", { name: "Approve" }).click());
  await expect(approve.getByRole("alert")).toContainText("Approval refused");
  await expect(approve.getByRole("alert")).toContainText("required $5,000,000.00, given $4,000,000.00");
  await expect(admin.getByTestId("application-status")).toHaveText("Under review");

  // The demo applicant (another applicant) cannot open it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, USERS.applicant, DEMO_PASSWORD);
  const res = await otherPage.goto(reviewUrl);
  expect(res?.status()).toBe(403);
  await other.close();
  await admin.context().close();
});

test("after a refused submission, one press of Save and continue saves the corrected step: the error line clearing on blur moves nothing under the pointer", async ({ page }) => {
  const u = unique("oneclick");
  await register(page, u.email);
  await fillApplication(page, u.firm, "6000000", u.email, "");
  await page.getByRole("button", { name: "Submit application" }).click();
  const toFix = page.getByRole("list", { name: "Steps to fix" });
  await expect(toFix).toContainText("Name the settlement bank");

  await toFix.getByRole("button", { name: "Settlement bank" }).click();
  const step = page.getByRole("form", { name: "Memberships and settlement bank" });
  await expect(step.getByText("Name the settlement bank")).toBeVisible();
  const button = step.getByRole("button", { name: "Save and continue" });
  await step.getByRole("textbox", { name: "Settlement bank" }).fill("Citibank");
  // One press as a person makes it: the field loses focus when the pointer goes down on the button.
  await button.click({ delay: 120 });
  await expect(page.getByRole("heading", { name: "Policies" })).toBeVisible();
});

test("a registration whose request gets no answer says so and is enabled again; registering again works", async ({ page }) => {
  const u = unique("offline");
  await page.goto("/register");
  await page.getByLabel("Your name").fill("Nora Applicant");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  // The connection drops: the request never reaches the portal.
  let dropped = 0;
  await page.route("**/api/register", async (route) => {
    if (dropped > 0) return route.fallback();
    dropped++;
    await route.abort("internetdisconnected");
  });
  const button = page.getByRole("button", { name: "Register" });
  await button.click();
  await expect(page.getByRole("alert").filter({ hasText: "No answer from the portal" })).toBeVisible();
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByRole("heading", { name: "Membership application" })).toBeVisible();
});
