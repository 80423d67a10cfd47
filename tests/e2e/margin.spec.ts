import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { zipSync } from "fflate";
import { signIn, USERS } from "./fixtures";
import { pdfText } from "./pdf-text";

test("risk staff upload a clearing house's zipped SPAN file (.spn.zip) and see the import report: read per exchange and combined commodity, not carried over, not read; a file with a DOCTYPE is refused", async ({ page }) => {
  await signIn(page, USERS.chRisk);
  await page.goto("/ch/margin");
  await page.waitForLoadState("networkidle"); // typed after hydration, not before
  const params = page.getByRole("form", { name: "Load risk parameters" });
  await params.getByLabel("Business date").fill("2016-05-20");
  await expect(params.getByLabel("Business date")).toHaveValue("2016-05-20");
  const xml = await readFile("tests/fixtures/span/clearing-house-4.00.xml");
  const bomb = Buffer.from('<?xml version="1.0"?><!DOCTYPE spanFile [<!ENTITY a "aaaaaaaaaa">]><spanFile>&a;</spanFile>');
  await params.getByLabel("SPAN file").setInputFiles({ name: "bomb.spn", mimeType: "application/octet-stream", buffer: bomb });
  await params.getByRole("button", { name: "Load parameters" }).click();
  await expect(params.getByRole("alert")).toContainText("bomb.spn: spanFile (line 1): the file has a DOCTYPE declaration");

  const name = `cme.20160520.s.spn.${Date.now()}.zip`;
  await params.getByLabel("SPAN file").setInputFiles({ name, mimeType: "application/zip", buffer: Buffer.from(zipSync({ "cme.20160520.s.spn": xml })) });
  await params.getByRole("button", { name: "Load parameters" }).click();
  await expect(params.getByRole("status")).toContainText("Loaded 16 contracts for 2016-05-20");
  const report = params.getByRole("region", { name: "Import report" });
  await expect(report.getByRole("table", { name: "Read per exchange" }).getByRole("row", { name: /CBT Chicago Board of Trade - maïs et blé/ })).toContainText("1300");
  await expect(report.getByRole("table", { name: "Read per combined commodity" }).getByRole("row", { name: /ES E-mini S&P 500/ })).toContainText("USD2337");
  await expect(report.getByRole("list", { name: "Not carried over" })).toContainText("interSpreads dSpread 1: chargeMeth F (only W, weighted price risk credits, is supported)");
  await expect(report.getByRole("list", { name: "Not read" })).toContainText("spanFile/pointInTime/clearingOrg/exchange/phyPf × 1");

  // kept with the parameter set: the page shows it after a reload
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name.replace(/\./g, "\\.")) });
  await row.getByText("Show").click();
  await expect(row.getByRole("region", { name: `Import report of ${name}` }).getByRole("list", { name: "Not read" })).toContainText("spanFile/pointInTime/clearingOrg/pbRateDef × 2");
});

test("risk staff load a day's SPAN parameters and settlement prices (a bad file is refused with its row) and run a cycle", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.chRisk);
  await page.goto("/ch/margin");
  const params = page.getByRole("form", { name: "Load risk parameters" });
  await params.getByLabel("Business date").fill("2026-11-24");
  await params.getByLabel("SPAN file").setInputFiles({ name: "cme.20261124.s.xml", mimeType: "application/xml", buffer: await readFile("lib/demo/margin-demo-span.xml") });
  await params.getByRole("button", { name: "Load parameters" }).click();
  await expect(params.getByRole("status")).toContainText("Loaded 6 contracts for 2026-11-24");

  const prices = page.getByRole("form", { name: "Load settlement prices" });
  await prices.getByLabel("Business date").fill("2026-11-24");
  await prices.getByLabel("Or enter prices").fill("contract,price\nCME:OPS:202612,815.25\nCME:OPS:202701,809.10\n");
  await prices.getByRole("button", { name: "Load prices" }).click();
  await expect(prices.getByRole("alert")).toContainText("row 3: price 809.10 of CME:OPS:202701 is off the tick");
  await expect(page.getByRole("row", { name: /2026-11-24 cycle 1/ })).toHaveCount(0);

  await prices.getByLabel("Or enter prices").fill("");
  const csv = "contract,price\nCME:EC:202612,1.2005\nCME:EC:202703,1.1965\nCME:EC:202612:C:1.150,0.0560\nCME:BP:202612,1.7925\nCME:OPS:202612,816.50\nCME:OPS:202701,810.25\n";
  await prices.getByLabel("Price file (CSV)").setInputFiles({ name: "prices-20261124-1.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await prices.getByRole("button", { name: "Load prices" }).click();
  await expect(prices.getByRole("status")).toContainText("Loaded 6 settlement prices for 2026-11-24 cycle 1");

  await page.getByRole("button", { name: "Run 2026-11-24 cycle 1" }).click();
  await expect(page).toHaveURL(/\/ch\/margin\/cycles\//, { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Cycle 2026-11-24 cycle 1" })).toBeVisible();
  await expect(page.getByText(/Status completed/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Members in deficit" })).toContainText("ACME");
  await expect(page.getByRole("table", { name: "By member" })).toContainText("BLUE");

  // It cannot run twice: the price set offers no run button any more.
  await page.goto("/ch/margin");
  await expect(page.getByRole("button", { name: "Run 2026-11-24 cycle 1" })).toHaveCount(0);
});

test("a member opens its statement, checks the breakdown, downloads the PDF with the totals, and uses the what-if calculator", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  // a page of older statements starting from what is not one of the firm's cycles is not found
  expect((await page.goto("/member/statements?before=not-a-cycle"))?.status()).toBe(404);
  await page.goto("/member/statements");
  await expect(page.getByRole("img", { name: "Requirement and collateral over time" })).toBeVisible();
  await page.getByRole("table", { name: "Statements 2026-11-20 cycle 2" }).getByRole("link", { name: "ACME-H" }).click();
  await expect(page.getByRole("heading", { name: "Statement ACME-H, 2026-11-20 cycle 2" })).toBeVisible();
  const span = page.getByRole("table", { name: "SPAN breakdown" });
  await expect(span).toContainText("EC Euro FX");
  await expect(span).toContainText("BP British Pound");
  await expect(span).toContainText("Additional performance bond (Rule 824)");
  await expect(page.getByRole("table", { name: "Why margin changed" })).toBeVisible();
  const maintenance = (await page.getByTestId("maintenance").textContent())!.trim();
  const initial = (await page.getByTestId("initial").textContent())!.trim();
  expect(maintenance).toMatch(/^[\d,]+\.\d\d$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(bytes);
  expect(text).toContain("Margin statement");
  expect(text).toContain("ACME-H");
  expect(text).toContain(`Maintenance: ${maintenance}`);
  expect(text).toContain(`Initial: ${initial}`);
  // the short option minimum footnote is printed only when a combined commodity's line carries its asterisk
  const somLines = text.split("\n").filter((l) => /^[\d,.-]+\*$/.test(l.trim()));
  expect(text.includes("short option minimum applies")).toBe(somLines.length > 0);

  const csv = await page.request.get(page.url() + "/csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`total,maintenance,,,,,${maintenance.replace(/,/g, "")}`);

  await page.goto("/member/what-if");
  await page.getByRole("button", { name: "Recalculate" }).click();
  const after = page.getByTestId("whatif-maintenance");
  await expect(after).toHaveText(/^[\d,]+\.\d\d$/);
  const before = (await page.getByTestId("whatif-before").textContent())!.trim();
  await expect(after).toHaveText(before);
  // Remove the short calls: the requirement changes, nothing is saved.
  const calls = page.getByRole("row", { name: /CME:EC:202612:C:1\.150/ });
  await calls.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Recalculate" }).click();
  await expect(after).not.toHaveText(before);
  await expect(page.getByTestId("whatif-before")).toHaveText(before);
});

test("the what-if starts from exactly the statement's figures, the Rule 824 additional performance bond included", async ({ page }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/statements");
  await page.getByRole("table", { name: "Statements 2026-11-20 cycle 2" }).getByRole("link", { name: "ACME-H" }).click();
  await expect(page.getByRole("table", { name: "SPAN breakdown" })).toContainText("Additional performance bond (Rule 824)");
  const maintenance = (await page.getByTestId("maintenance").textContent())!.trim();
  const initial = (await page.getByTestId("initial").textContent())!.trim();

  await page.goto("/member/what-if");
  await page.getByLabel("Start from account").selectOption({ label: "ACME-H" });
  await page.getByRole("button", { name: "Recalculate" }).click();
  await expect(page.getByTestId("whatif-before")).toHaveText(maintenance);
  await expect(page.getByTestId("whatif-maintenance")).toHaveText(maintenance);
  await expect(page.getByTestId("whatif-initial-before")).toHaveText(initial);
  await expect(page.getByTestId("whatif-addon-before")).toHaveText("500.00");
});

test("one member cannot open another member's statement, PDF or CSV by changing the URL", async ({ page, browser, baseURL }) => {
  await signIn(page, USERS.memberUser);
  await page.goto("/member/statements");
  const href = (await page.getByRole("table", { name: "Statements 2026-11-20 cycle 1" }).getByRole("link", { name: "ACME-C1002" }).getAttribute("href"))!;
  expect(href).toMatch(/^\/member\/statements\/[0-9a-f-]{36}$/);

  const other = await browser.newContext({ baseURL });
  const blue = await other.newPage();
  await signIn(blue, USERS.otherFirmUser);
  const res = await blue.goto(href);
  expect(res?.status()).toBe(404);
  await expect(blue.getByText("ACME-C1002")).toHaveCount(0);
  expect((await blue.request.get(`${href}/pdf`)).status()).toBe(404);
  expect((await blue.request.get(`${href}/csv`)).status()).toBe(404);
  await other.close();
});
