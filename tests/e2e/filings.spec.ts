import { strToU8, zipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";
import { TEMPLATE_COLUMNS } from "../../lib/validation/filing";

/** A minimal PDF: what the upload check looks for (header and end marker). */
const SIGNED_PDF = { name: "signed-original.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") };

function column(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
}

/** An XLSX template as a spreadsheet program saves it: header as inline strings, amounts as numeric cells. */
function xlsxTemplate(values: Record<string, string | number>): Buffer {
  const header = TEMPLATE_COLUMNS.map((c, i) => `<c r="${column(i)}1" t="inlineStr"><is><t>${c}</t></is></c>`).join("");
  const row = TEMPLATE_COLUMNS.map((c, i) => {
    const v = values[c];
    if (v === undefined) return "";
    return typeof v === "number" ? `<c r="${column(i)}2"><v>${v}</v></c>` : `<c r="${column(i)}2" t="inlineStr"><is><t>${v}</t></is></c>`;
  }).join("");
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      "xl/workbook.xml": strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
      "xl/worksheets/sheet1.xml": strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${header}</row><row r="2">${row}</row></sheetData></worksheet>`),
    }),
  );
}

test("a member imports a template, sees the below-early-warning flag, files; the admin sees the flag on the board; another firm gets 404", async ({ page, browser }) => {
  await signIn(page, "ops@cobt.example");
  await page.goto("/member/filings/new");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({
    name: "april.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: xlsxTemplate({ period_end: "2026-04-30", current_assets: 20000000, total_liabilities: 14000000, charge_speculative_proprietary: 700000, customer_risk_maintenance_pb: 0, noncustomer_risk_maintenance_pb: 0 }),
  });
  await expect(page.getByTestId("import-message")).toContainText('Read 1 statement from "april.xlsx"');
  await expect(page.getByLabel("Period end (statement date)")).toHaveValue("2026-04-30");
  const preview = page.getByTestId("capital-preview");
  await expect(preview.getByTestId("preview-anc")).toHaveText("$5,300,000.00");
  await expect(preview.getByTestId("preview-minimum")).toHaveText("$5,000,000.00");
  await expect(preview.getByTestId("preview-early-warning")).toHaveText("$5,500,000.00");
  await expect(preview.getByTestId("preview-flags")).toContainText("below early warning");
  await expect(preview.getByTestId("preview-flags")).not.toContainText("below minimum");

  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toContainText("signed-original.pdf");
  await page.getByRole("button", { name: "File report" }).click();
  await expect(page).toHaveURL(/\/member\/filings\/[0-9a-f-]{36}$/);
  const filingUrl = new URL(page.url()).pathname;
  const filingId = filingUrl.split("/").at(-1)!;
  await expect(page.getByTestId("flags-v1")).toContainText("below early warning");
  await expect(page.getByTestId("anc-v1")).toHaveText("$5,300,000.00");
  // The notice the breach requires is one click away, its kind chosen.
  await page.getByRole("link", { name: "File the notice: failure to maintain early warning capital" }).click();
  await expect(page.getByLabel("Notice", { exact: true })).toHaveValue("EARLY_WARNING_FAILURE");
  await expect(page.getByLabel("Early-warning level")).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, USERS.chAdmin);
  await admin.goto("/ch/surveillance");
  await expect(admin.getByTestId("board-flags-COBT")).toContainText("below early warning");
  await expect(admin.getByTestId("board-COBT")).toContainText("open case");
  await admin.getByTestId("board-COBT").getByRole("link").click();
  await expect(admin).toHaveURL(new RegExp(`/ch/surveillance/filings/${filingId}$`));
  await expect(admin.getByTestId("surveillance-cases")).toContainText("ANC below the early-warning level");
  await admin.getByLabel("Message to the member (required for a query)").fill("Please explain the proprietary haircut.");
  await admin.getByRole("button", { name: "Query" }).click();
  await expect(admin.getByRole("status")).toContainText("queried");
  await expect(admin.getByTestId("filing-reviews")).toContainText("Please explain the proprietary haircut.");
  await admin.close();

  // Another firm's member changes the URL: the filing does not exist for it.
  const other = await browser.newPage();
  await signIn(other, USERS.otherFirmUser);
  const response = await other.goto(filingUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("5,300,000")).toHaveCount(0);
  const amend = await other.goto(`/member/filings/new?amends=${filingId}`);
  expect(amend?.status()).toBe(404);
  await other.close();
});

test("an amended filing keeps both versions", async ({ page }) => {
  await signIn(page, "ops@foxh.example");
  await page.goto("/member/filings/new");
  await page.getByLabel("Period end (statement date)").fill("2026-03-31");
  await page.getByLabel("Current assets (as reported)").fill("30000000");
  await page.getByLabel("Total liabilities *").fill("20000000");
  await page.getByLabel("Customer risk maintenance performance bond *").fill("0");
  await page.getByLabel("Non-customer risk maintenance performance bond (excluding proprietary) *").fill("0");
  await expect(page.getByTestId("preview-anc")).toHaveText("$10,000,000.00");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();
  await page.getByRole("button", { name: "File report" }).click();
  await expect(page).toHaveURL(/\/member\/filings\/[0-9a-f-]{36}$/);

  // Filing the same period again is refused: amend instead.
  await page.goto("/member/filings/new");
  await page.getByLabel("Period end (statement date)").fill("2026-03-31");
  await page.getByLabel("Current assets (as reported)").fill("1");
  await page.getByLabel("Total liabilities *").fill("1");
  await page.getByLabel("Customer risk maintenance performance bond *").fill("0");
  await page.getByLabel("Non-customer risk maintenance performance bond (excluding proprietary) *").fill("0");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();
  await page.getByRole("button", { name: "File report" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("A Monthly CFTC Form 1-FR for 2026-03-31 is already filed (version 1); file an amendment of it instead. Nothing was filed.");

  await page.goto("/member/filings");
  await page.getByRole("link", { name: "version 1 · submitted" }).click();
  await page.getByRole("link", { name: "Amend (file version 2)" }).click();
  await expect(page.getByLabel("Current assets (as reported)")).toHaveValue("30000000.00");
  await page.getByLabel("Current assets (as reported)").fill("32000000");
  await page.getByLabel("What this amendment of version 1 corrects").fill("Receivable reclassified as current");
  await expect(page.getByTestId("preview-anc")).toHaveText("$12,000,000.00");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();
  await page.getByRole("button", { name: "File amendment (version 2)" }).click();
  await expect(page.getByTestId("version-2")).toBeVisible();
  await expect(page.getByTestId("version-1")).toContainText("original");
  await expect(page.getByTestId("version-2")).toContainText("amends version 1");
  await expect(page.getByTestId("anc-v1")).toHaveText("$10,000,000.00");
  await expect(page.getByTestId("anc-v2")).toHaveText("$12,000,000.00");
  await expect(page.getByTestId("filing-versions")).toContainText("Receivable reclassified as current");
  // The original version stays reachable as filed.
  await page.getByTestId("version-1").getByRole("link").click();
  await expect(page.getByText("You are looking at version 1")).toBeVisible();
});

test("a template imported on the amendment page fills the amendment, which files as version 2", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  const row = (v: Record<string, string>) => TEMPLATE_COLUMNS.map((c) => v[c] ?? "").join(",");
  const june = { period_end: "2025-06-30", current_assets: "50000000", total_liabilities: "20000000", customer_risk_maintenance_pb: "100000000", noncustomer_risk_maintenance_pb: "0" };
  await page.goto("/member/filings/new");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({ name: "june.csv", mimeType: "text/csv", buffer: Buffer.from([TEMPLATE_COLUMNS.join(","), row(june)].join("\n")) });
  await expect(page.getByLabel("Period end (statement date)")).toHaveValue("2025-06-30");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();
  await page.getByRole("button", { name: "File report" }).click();
  await expect(page).toHaveURL(/\/member\/filings\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("anc-v1")).toHaveText("$30,000,000.00");

  // The amendment page: a corrected template (May's row too) fills the form with June's row.
  await page.getByRole("link", { name: "Amend (file version 2)" }).click();
  const corrected = [TEMPLATE_COLUMNS.join(","), row({ ...june, period_end: "2025-05-31" }), row({ ...june, current_assets: "52000000" })].join("\n");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({ name: "june-corrected.csv", mimeType: "text/csv", buffer: Buffer.from(corrected) });
  await expect(page.getByTestId("import-message")).toHaveText('Read 1 statement from "june-corrected.csv"; row 3 (2025-06-30) is in the form. Check it, attach the signed original and file.');
  await expect(page.getByLabel("Current assets (as reported)")).toHaveValue("52000000");
  await expect(page.getByTestId("preview-anc")).toHaveText("$32,000,000.00");
  await page.getByLabel("What this amendment of version 1 corrects").fill("Corrected current assets from the template");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();
  await page.getByRole("button", { name: "File amendment (version 2)" }).click();
  await expect(page.getByTestId("version-2")).toContainText("amends version 1");
  await expect(page.getByTestId("anc-v2")).toHaveText("$32,000,000.00");
});

test("a member of a firm with no filings yet sees the report for the month just ended in its filing calendar, with a file link", async ({ page }) => {
  const now = new Date();
  const monthJustEnded = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  await signIn(page, "ops@foxh.example");
  await page.goto("/member/filings");
  const entry = page.getByTestId("filing-calendar").getByRole("row").filter({ hasText: "Monthly CFTC Form 1-FR" }).filter({ hasText: monthJustEnded });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/due|missing/);
  await entry.getByRole("link", { name: "file", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/member/filings/new\\?kind=MONTHLY_1FR&period=${monthJustEnded}$`));
  await expect(page.getByLabel("Period end (statement date)")).toHaveValue(monthJustEnded);
});

test("a malformed template is refused with the row and column named; nothing is filled or stored", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/filings/new");
  const row = (v: Record<string, string>) => TEMPLATE_COLUMNS.map((c) => v[c] ?? "").join(",");
  const good = { period_end: "2025-08-31", current_assets: "50000000", total_liabilities: "20000000", customer_risk_maintenance_pb: "100000000", noncustomer_risk_maintenance_pb: "0" };
  const csv = [TEMPLATE_COLUMNS.join(","), row(good), row({ ...good, period_end: "2025-07-31", total_liabilities: "abc" })].join("\n");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("import-message")).toHaveText(`"bad.csv" was not imported: row 3, column total_liabilities: 'abc' is not an amount (digits with at most two decimals)`);
  await expect(page.getByLabel("Period end (statement date)")).toHaveValue("");
  await expect(page.getByLabel("Current assets (as reported)")).toHaveValue("");

  const missing = [TEMPLATE_COLUMNS.filter((c) => c !== "subordinated_liabilities").join(","), "2025-08-31"].join("\n");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({ name: "missing.csv", mimeType: "text/csv", buffer: Buffer.from(missing) });
  await expect(page.getByTestId("import-message")).toHaveText(`"missing.csv" was not imported: row 1, column subordinated_liabilities: the column is missing from the header row`);

  const future = [TEMPLATE_COLUMNS.join(","), row({ ...good, period_end: "2099-12-31" })].join("\n");
  await page.getByLabel("Template file (CSV or XLSX)").setInputFiles({ name: "future.csv", mimeType: "text/csv", buffer: Buffer.from(future) });
  await expect(page.getByTestId("import-message")).toContainText("row 2, column period_end: 2099-12-31 is in the future");

  await page.goto("/member/filings");
  await expect(page.getByTestId("filed-reports")).not.toContainText("2025-08-31");
  await expect(page.getByTestId("filed-reports")).not.toContainText("2025-07-31");
});

test("a member files a required notice with its kind's fields, and signs off the key personnel listing", async ({ page }) => {
  await signIn(page, "risk@grnt.example");
  await page.goto("/member/filings/notices");
  await page.getByLabel("Notice", { exact: true }).selectOption("ACCOUNTANT_CHANGE");
  await page.getByLabel("Previous public accountant").fill("Old & Co LLP");
  await page.getByLabel("New public accountant").fill("New Partners LLP");
  await page.getByLabel("Effective").fill("2026-10-01");
  await page.getByRole("button", { name: "File notice" }).click();
  await expect(page.getByText("Reason: at least 5 characters")).toBeVisible();
  await page.getByLabel("Reason").fill("Auditor rotation policy");
  await page.getByRole("button", { name: "File notice" }).click();
  await expect(page.getByRole("status")).toHaveText("Notice filed: Change of public accountant.");
  await expect(page.getByTestId("notices")).toContainText("New Partners LLP");

  await expect(page.getByTestId("sign-off-status")).toContainText("Never signed off");
  await page.getByLabel("Function").selectOption("Chief financial officer");
  await page.getByLabel("Name").fill("Gwen Stone");
  await page.getByLabel("Title").fill("CFO");
  await page.getByLabel("E-mail").fill("gwen@grnt.example");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("key-contacts")).toContainText("Gwen Stone");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Sign off: the listing is current and accurate" }).click();
  await expect(page.getByTestId("sign-off-status")).toContainText("Last signed off");
});

test("the connection drops while a report is being filed: a message says so, the form is enabled again, and filing again files exactly one report", async ({ page }) => {
  await signIn(page, "ops@evgr.example");
  await page.goto("/member/filings/new");
  await page.getByLabel("Kind of report").selectOption("MONTHLY_1FR");
  await page.getByLabel("Period end (statement date)").fill("2025-06-30");
  await page.getByLabel("Current assets (as reported)").fill("9000000");
  await page.getByLabel("Total liabilities *").fill("2000000");
  await page.getByLabel("Customer risk maintenance performance bond *").fill("0");
  await page.getByLabel("Non-customer risk maintenance performance bond (excluding proprietary) *").fill("0");
  await expect(page.getByTestId("preview-anc")).toHaveText("$7,000,000.00");
  await page.getByLabel("Signed original (PDF)").setInputFiles(SIGNED_PDF);
  await expect(page.getByTestId("original-uploaded")).toBeVisible();

  // The first "File report" reaches the clearing house, which files it; its answer is lost on the way back.
  let dropped = 0;
  await page.route(
    (url) => url.pathname === "/member/filings/new",
    async (route) => {
      if (route.request().method() !== "POST" || dropped > 0) return route.fallback();
      dropped++;
      await route.fetch();
      await route.abort("connectionreset");
    },
  );
  const file = page.getByRole("button", { name: "File report" });
  await file.click();
  await expect(page.getByTestId("form-error")).toContainText("No answer from the clearing house");
  await expect(file).toBeEnabled();
  expect(dropped).toBe(1);

  // Filing again sends the same submission with the same key: the first answer comes back, nothing is filed twice.
  await file.click();
  await expect(page).toHaveURL(/\/member\/filings\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("anc-v1")).toHaveText("$7,000,000.00");
  await page.goto("/member/filings");
  await expect(page.getByTestId("filed-reports").getByRole("row").filter({ hasText: "2025-06-30" })).toHaveCount(1);
});
