/**
 * Default management as a clearing member sees it: the page's sections, the waterfall
 * simulator, an exemption request refused for a firm that is not mandated, and (once the
 * clearing-house screens exist) a sealed-bid auction: idempotent bids with receipts, the
 * firm's own bids only, the close by the clearing house's clock, each firm's own result only,
 * and 404 for a firm not invited.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, submitWithStepUp } from "./fixtures";

test.describe.configure({ mode: "serial" });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email);
  return page;
}

test.describe("default management, member side", () => {
  test("the page posts defaults, shows the firm's category status with the drills obligation, exemptions and auctions", async ({ browser }) => {
    const admin = await as(browser, "risk@acme.example");
    await admin.goto("/member/default-management");
    await expect(admin.getByRole("heading", { name: "Auctions & defaults", level: 1 })).toBeVisible();
    await expect(admin.getByRole("region", { name: "Defaults posted" })).toBeVisible();
    const mandates = admin.getByRole("region", { name: "Mandated categories and drills" });
    await expect(mandates).toContainText("default management drills");
    const status = admin.getByRole("table", { name: "Your status by category" });
    await expect(status.getByRole("row").filter({ hasText: "FX · Foreign exchange futures and options" })).toBeVisible();
    await expect(admin.getByRole("form", { name: "Request an exemption" })).toBeVisible();
    await expect(admin.getByRole("region", { name: "Auctions" })).toBeVisible();
    await admin.close();

    // A member user reads the page but may not request an exemption, and is told why.
    const user = await as(browser, "ops@acme.example");
    await user.goto("/member/default-management");
    await expect(user.getByRole("form", { name: "Request an exemption" })).toHaveCount(0);
    await expect(user.getByText("Only your firm's risk administrators may request an exemption")).toBeVisible();
    await user.close();
  });

  test("the waterfall simulator: field errors next to the fields, then the layers with this firm's share and cost", async ({ browser }) => {
    const page = await as(browser, "ops@blue.example");
    await page.goto("/member/default-management/simulator");
    const form = page.getByRole("form", { name: "Waterfall simulator" });
    await form.getByLabel("House (proprietary) loss (USD)").fill("12x");
    await form.getByRole("button", { name: "Simulate" }).click();
    await expect(form.getByText("Choose a member", { exact: true })).toBeVisible();
    await expect(form.getByText("House loss: an amount in dollars and cents, not negative")).toBeVisible();
    await expect(page.getByRole("table", { name: "Waterfall layers" })).toHaveCount(0);

    const select = form.getByLabel("Hypothetical defaulter");
    await select.selectOption((await select.locator("option", { hasText: "DLTA" }).getAttribute("value"))!);
    await form.getByLabel("House (proprietary) loss (USD)").fill("150000000");
    await form.getByLabel("Customer segregated loss (USD)").fill("250000.50");
    await form.getByRole("button", { name: "Simulate" }).click();
    const layers = page.getByRole("table", { name: "Waterfall layers" });
    await expect(layers).toBeVisible();
    await expect(layers.getByRole("columnheader", { name: "Your share" })).toBeVisible();
    await expect(layers).toContainText("CME Contribution");
    await expect(page.getByRole("status").filter({ hasText: "Loss $150,250,000.50" })).toContainText("with no auction outcome (all contributions maintained)");
    const cost = page.getByRole("table", { name: "Cost to your firm" });
    for (const line of ["Guaranty fund used", "Assessment", "Total", "Assessment capacity"]) await expect(cost).toContainText(line);
    await page.close();
  });

  test("an exemption request: evidence is required, and a firm that is not mandated is refused with the reason", async ({ browser }) => {
    const page = await as(browser, "risk@foxh.example");
    await page.goto("/member/default-management");
    const form = page.getByRole("form", { name: "Request an exemption" });
    await expect(form).toContainText("Your firm is not mandated in any category at present");
    const category = form.getByLabel("Category");
    await category.selectOption((await category.locator("option", { hasText: "FX ·" }).getAttribute("value"))!);
    await form.getByLabel("Ground (Rule 914)").selectOption({ label: "(iii) no active trading desk for the products" });
    await form.getByLabel("Explanation").fill("Our FX desk closed on 2026-10-01 and has not reopened.");
    await form.getByRole("button", { name: "Send the request" }).click();
    await expect(form.getByText("Upload the evidence (PDF, XLSX or CSV)")).toBeVisible();

    await form.getByLabel("Evidence (PDF, XLSX or CSV)").setInputFiles({ name: "desk-closure.pdf", mimeType: "application/pdf", buffer: PDF });
    await form.getByRole("button", { name: "Send the request" }).click();
    await expect(form.getByRole("alert")).toContainText("Your firm is not a mandated bidder in FX, so there is nothing to be exempted from (Rule 914). Nothing was sent.");
    await expect(form.getByText("Not mandated in this category")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Your firm has made no exemption request.")).toBeVisible();
    await page.close();
  });

  test("a sealed-bid auction: receipts, one bid per submission, own bids only, the close by the clearing house's clock, own result only, 404 for a firm not invited", async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    // Everyone signs in first: second-factor codes may take a while, the auction's clock does not wait.
    const ch = await as(browser, "risk@clearinghouse.example");
    const acme = await as(browser, "risk@acme.example");
    const dlta = await as(browser, "risk@dlta.example");
    const foxh = await as(browser, "risk@foxh.example");

    // The clearing house declares BLUE in default and auctions its FX portfolio to ACME and DLTA (voluntary).
    await ch.goto("/ch/default-management");
    const declare = ch.getByRole("form", { name: "Declare a default" });
    const member = declare.getByLabel("Member", { exact: true });
    await member.selectOption((await member.locator("option", { hasText: "BLUE" }).getAttribute("value"))!);
    await declare.getByLabel("Reason").fill("Failed to meet the settlement variation call of cycle 1 (member auction e2e).");
    await declare.getByLabel("Type the member's code to confirm").fill("BLUE");
    await submitWithStepUp(declare, "risk@clearinghouse.example", () => declare.getByRole("button", { name: "Declare the default" }).click());
    await expect(declare.getByRole("status")).toBeVisible();
    await ch.goto("/ch/default-management");
    await ch.getByRole("row").filter({ hasText: "BLUE" }).locator('a[href*="/ch/default-management/defaults/"]').first().click();
    await expect(ch).toHaveURL(/\/ch\/default-management\/defaults\/[0-9a-f-]{36}/);
    const create = ch.getByRole("form", { name: "Create an auction" });
    const category = create.getByLabel("Category");
    await category.selectOption((await category.locator("option", { hasText: "FX" }).first().getAttribute("value"))!);
    // Minute precision (a datetime-local field): the deadline is 2 to 3 minutes away.
    const closes = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 120_000);
    await create.getByLabel("Closes at (UTC)").fill(closes.toISOString().slice(0, 16));
    await create.getByLabel("Invite ACME", { exact: true }).check();
    await create.getByLabel("Invite DLTA", { exact: true }).check();
    await create.getByRole("button", { name: "Create the auction" }).click();
    await expect(create.getByRole("status")).toBeVisible();

    // ACME's landing page tells it of the default and the auction it is invited to.
    await acme.goto("/member");
    const alerts = acme.getByRole("region", { name: "Defaults and auctions" });
    await expect(alerts).toContainText("Notice of default: Blue River Bank, N.A. (BLUE)");
    await expect(alerts.getByRole("link", { name: /^Auction AUC-FX-/ })).toBeVisible();
    await expect(alerts).toContainText("voluntary");

    // ACME finds the auction in its list and opens it.
    await acme.goto("/member/default-management");
    const row = acme.getByRole("table", { name: "Auctions" }).getByRole("row").filter({ hasText: "BLUE" }).filter({ hasText: "voluntary bidder" });
    await expect(row).toContainText("open");
    await row.getByRole("link").click();
    await expect(acme).toHaveURL(/\/member\/default-management\/auctions\/[0-9a-f-]{36}$/);
    const auctionPath = new URL(acme.url()).pathname;
    const auctionId = auctionPath.split("/").pop()!;
    await expect(acme.getByRole("table", { name: "Portfolio" })).toContainText("CME:EC:202612");
    await expect(acme.getByText(/Performance bond requirement/)).toContainText("$");
    await expect(acme.getByTestId("countdown")).toContainText("left");
    await expect(acme.getByText("The clearing house's clock is authoritative")).toBeVisible();

    // A double click stores one bid; the receipt has the reference, the amount and the clearing house's time.
    const bidForm = acme.getByRole("form", { name: "Sealed bid" });
    await bidForm.getByLabel("Bid amount (USD)").fill("12345.67");
    await expect(bidForm).toContainText("Your firm offers to pay $12,345.67 to take the portfolio.");
    await bidForm.getByRole("button", { name: "Submit sealed bid" }).dblclick();
    const receipt = acme.getByRole("status", { name: "Bid receipt" });
    await expect(receipt).toContainText("Bid accepted: BID-");
    await expect(receipt).toContainText("$12,345.67");
    await expect(receipt).toContainText(/accepted at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by the clearing house's clock/);
    await expect(receipt).toContainText("Submit again to replace your bid: only the last counts; all are kept.");
    const acmeBids = acme.getByRole("table", { name: "Your bids" });
    await expect(acmeBids.locator("tbody tr")).toHaveCount(1);
    const firstReference = (await receipt.locator("p").first().textContent())!.replace("Bid accepted: ", "").trim();

    // A second submission replaces it: both kept, the last one counts.
    await bidForm.getByLabel("Bid amount (USD)").fill("-2500");
    await expect(bidForm).toContainText("Your firm asks to be paid $2,500.00 to take the portfolio.");
    await bidForm.getByRole("button", { name: "Submit sealed bid" }).click();
    await expect(receipt).toContainText("-$2,500.00");
    await expect(acmeBids.locator("tbody tr")).toHaveCount(2);
    await expect(acmeBids.locator("tbody tr").first()).toContainText("counts (last bid)");
    await expect(acmeBids.locator("tbody tr").nth(1)).toContainText("replaced");
    const lastReference = (await receipt.locator("p").first().textContent())!.replace("Bid accepted: ", "").trim();
    expect(lastReference).not.toBe(firstReference);

    // DLTA bids and sees only its own bid, on the page and from the API.
    await dlta.goto(auctionPath);
    const dltaForm = dlta.getByRole("form", { name: "Sealed bid" });
    await dltaForm.getByLabel("Bid amount (USD)").fill("-999.99");
    await dltaForm.getByRole("button", { name: "Submit sealed bid" }).click();
    await expect(dlta.getByRole("status", { name: "Bid receipt" })).toContainText("-$999.99");
    const acmeSecrets = ["12,345.67", "12345.67", "2,500.00", "-2500.00", firstReference, lastReference];
    const dltaPage = (await dlta.locator("main, body").first().textContent())!;
    for (const s of acmeSecrets) expect(dltaPage).not.toContain(s);
    const dltaApi = await dlta.request.get(`/api/auctions/${auctionId}/bids`);
    expect(dltaApi.status()).toBe(200);
    const dltaApiText = await dltaApi.text();
    for (const s of acmeSecrets) expect(dltaApiText).not.toContain(s);
    expect(((await dltaApi.json()) as { bids: unknown[] }).bids).toHaveLength(1);

    // FOXH is not invited: no page, no bids, no bidding.
    expect((await foxh.goto(auctionPath))?.status()).toBe(404);
    expect((await foxh.request.get(`/api/auctions/${auctionId}/bids`)).status()).toBe(404);
    const foxhBid = await foxh.request.post(`/api/auctions/${auctionId}/bids`, { headers: { origin: new URL(baseURL!).origin, "idempotency-key": `e2e-foxh-${Date.now()}` }, data: { amount: "1.00" } });
    expect(foxhBid.status()).toBe(403);

    // DLTA's page stays loaded past the deadline: the bid sent then is refused by the clearing house (409).
    await expect(dlta.getByTestId("countdown")).toHaveText("deadline reached", { timeout: 200_000 });
    await expect(dlta.getByText("The deadline has been reached by the clearing house's clock")).toBeVisible();
    await dltaForm.getByLabel("Bid amount (USD)").fill("50000");
    await dltaForm.getByRole("button", { name: "Submit sealed bid" }).click();
    await expect(dlta.getByRole("alert").filter({ hasText: "The auction has closed" })).toBeVisible();
    const late = await dlta.request.post(`/api/auctions/${auctionId}/bids`, { headers: { origin: new URL(baseURL!).origin, "idempotency-key": `e2e-late-${Date.now()}` }, data: { amount: "50000.00" } });
    expect(late.status()).toBe(409);

    // After the close each firm sees its own result only.
    await expect.poll(async () => {
      await acme.goto(auctionPath);
      return acme.getByTestId("auction-status").textContent();
    }, { timeout: 60_000 }).toMatch(/^closed/);
    await expect(acme.getByRole("form", { name: "Sealed bid" })).toHaveCount(0);
    const acmeResult = acme.getByRole("region", { name: "Your firm's result" });
    await expect(acmeResult.getByTestId("own-outcome")).toContainText(/competitive/i);
    await expect(acme.getByRole("table", { name: "Your result" })).toContainText(`-$2,500.00 (${lastReference})`);
    await expect(acmeResult).toContainText("What this means for your guaranty fund contribution");
    const acmeAfter = (await acme.locator("body").textContent())!;
    expect(acmeAfter).not.toContain("999.99");

    await dlta.goto(auctionPath);
    await expect(dlta.getByTestId("own-outcome")).toContainText("Your bid won");
    const dltaAfter = (await dlta.locator("body").textContent())!;
    for (const s of acmeSecrets) expect(dltaAfter).not.toContain(s);
    const dltaApiAfter = await (await dlta.request.get(`/api/auctions/${auctionId}/bids`)).text();
    for (const s of acmeSecrets) expect(dltaApiAfter).not.toContain(s);
    expect((await foxh.goto(auctionPath))?.status()).toBe(404);

    for (const p of [ch, acme, dlta, foxh]) await p.close();
  });
});
