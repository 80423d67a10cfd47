import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

const STRESS = ["member,scenario,stress_loss", "ACME,crash,9000000", "ACME,rally,-100000", "BLUE,crash,4000000", "BLUE,rally,12000000"].join("\n");

test("risk staff run a recalculation; a member sees its notice with the breakdown and acknowledges it; another firm cannot open it; risk staff see the acknowledgement and the overdue list", async ({ browser }) => {
  // Risk staff: run the recalculation into a preview, then issue the notices.
  const risk = await browser.newPage();
  await signIn(risk, USERS.chRisk);
  await risk.goto("/ch/guaranty-fund");
  const form = risk.getByRole("form", { name: "Run a recalculation" });
  await form.getByLabel("Calculation date").fill("2026-11-20");
  await form.getByLabel("Notice date").fill("2026-11-20");
  await form.getByLabel("Or enter stress results").fill("member,scenario,stress_loss\nACME,crash,12x");
  await form.getByRole("button", { name: "Calculate preview" }).click();
  await expect(form.getByRole("alert")).toContainText('row 2: stress_loss "12x" is not an amount in dollars and cents');
  await form.getByLabel("Or enter stress results").fill(STRESS);
  await form.getByRole("button", { name: "Calculate preview" }).click();
  await expect(risk.getByRole("heading", { name: "Quarterly recalculation as of 2026-11-20" })).toBeVisible();
  await expect(risk.getByText("Preview: no notice has been issued.")).toBeVisible();
  const acmeRow = risk.getByRole("table", { name: "Member requirements" }).getByRole("row").filter({ hasText: /^ACME/ });
  await expect(acmeRow).toContainText("$500,000.00");
  await risk.getByRole("button", { name: /Issue notices to \d+ members/ }).click();
  await expect(risk.getByText(/Notices issued \d{4}-\d\d-\d\d/)).toBeVisible();

  // The member: the notice on the landing page, the breakdown, the acknowledgement, the PDF.
  const member = await browser.newPage();
  await signIn(member, USERS.memberUser);
  await member.goto("/member");
  const open = member.getByRole("region", { name: "Notices to acknowledge" });
  await expect(open).toContainText("due 2026-11-30");
  // What is required and what is on deposit, next to what is due.
  await expect(open).toContainText(/Deposit notice dated 2026-11-20 · required \$[\d,]+\.\d\d, on deposit \$[\d,]+\.\d\d · \$[\d,]+\.\d\d due 2026-11-30/);
  await open.getByRole("link", { name: "Deposit notice dated 2026-11-20" }).first().click();
  await expect(member.getByRole("heading", { name: "Deposit notice", exact: true })).toBeVisible();
  const amounts = member.getByRole("region", { name: "Amounts" });
  await expect(amounts).toContainText("On deposit");
  await expect(amounts).toContainText("Shortfall");
  await expect(amounts).toContainText("2026-11-30");
  const calc = member.getByRole("region", { name: "How the requirement was calculated" });
  await expect(calc).toContainText("performance bond 95%, volume 5%, foreign settlements 0%");
  await expect(calc).toContainText("Your share of performance bond");
  await expect(calc).toContainText("Your share of volume");
  await expect(calc).toContainText("Minimum");
  const noticeUrl = new URL(member.url()).pathname;
  const pdf = await member.request.get(`${noticeUrl}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await member.getByRole("button", { name: "Acknowledge this notice" }).click();
  await expect(member.getByRole("status").filter({ hasText: /^Acknowledged .* by / })).toContainText(`by ${USERS.memberUser}`);

  // Another firm's user cannot open the notice or its PDF by URL.
  const other = await browser.newPage();
  await signIn(other, USERS.otherFirmUser);
  const response = await other.goto(noticeUrl);
  expect(response?.status()).toBe(404);
  expect((await other.request.get(`${noticeUrl}/pdf`)).status()).toBe(404);

  // Risk staff: the acknowledgement, the member short, and the overdue list once the due date has passed.
  await risk.goto("/ch/guaranty-fund");
  const notices = risk.getByRole("table", { name: "Notices" });
  await expect(notices.getByRole("row").filter({ hasText: /^ACME/ }).first()).toContainText(`by ${USERS.memberUser}`);
  await expect(risk.getByRole("table", { name: "Requirements and deposits" }).getByRole("row").filter({ hasText: /^ACME/ })).toContainText("2026-11-30");
  const overdueForm = risk.getByRole("form", { name: "Overdue as of" });
  await overdueForm.getByLabel("Overdue as of").fill("2026-12-01");
  await overdueForm.getByRole("button", { name: "Show" }).click();
  const overdue = risk.getByRole("table", { name: "Overdue notices" });
  const acmeOverdue = overdue.getByRole("row").filter({ hasText: /^ACME/ });
  await expect(acmeOverdue).toContainText("2026-11-30");
  await expect(acmeOverdue).toContainText(USERS.memberUser);
});
