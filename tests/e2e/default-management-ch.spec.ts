/**
 * Default management, clearing-house risk staff: categories, the mandated bidder
 * selection and its notice, declaring COBT in default, an auction of its AG-SWAPS portfolio whose
 * bids stay sealed from staff while it is open, closing it early, and the waterfall with its
 * notices. Runs against the default-management server (its own database); the tests build on
 * each other, so they run in order. COBT is this spec's defaulter: no other spec declares it.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, submitWithStepUp, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const MEMBER_CODES = ["ACME", "BLUE", "COBT", "DLTA", "EVGR", "FOXH", "GRNT"];
const STRESS = ["member,scenario,stress_loss", ...MEMBER_CODES.map((c, i) => `${c},crash,${(i + 1) * 1_000_000}`)].join("\n");
const utcMinute = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 16);

let baseURL = "";
let risk: Page;
let defaultUrl = "";
let auctionId = "";
let auctionReference = "";

test.beforeAll(async ({ browser }, testInfo) => {
  baseURL = testInfo.project.use.baseURL!;
  risk = await browser.newPage({ baseURL });
  await signIn(risk, USERS.chRisk);
});

test.afterAll(async () => {
  await risk?.close();
});

async function memberRiskAdmin(page: Page, code: string): Promise<Page> {
  const member = await page.context().browser()!.newPage({ baseURL });
  await signIn(member, `risk@${code.toLowerCase()}.example`);
  return member;
}

test("guaranty fund: requirements are issued and three members deposit, so the waterfall has a fund to use", async () => {
  await risk.goto("/ch/guaranty-fund");
  const form = risk.getByRole("form", { name: "Run a recalculation" });
  await form.getByLabel("Calculation date").fill("2026-11-20");
  await form.getByLabel("Notice date").fill("2026-11-20");
  await form.getByLabel("Or enter stress results").fill(STRESS);
  await form.getByRole("button", { name: "Calculate preview" }).click();
  await expect(risk.getByText("Preview: no notice has been issued.")).toBeVisible();
  await risk.getByRole("button", { name: /Issue notices to \d+ members/ }).click();
  await expect(risk.getByText(/Notices issued \d{4}-\d\d-\d\d/)).toBeVisible();

  await risk.goto("/ch/guaranty-fund");
  const deposit = risk.getByRole("form", { name: "Record a deposit or withdrawal" });
  for (const code of ["EVGR", "GRNT", "DLTA"]) {
    await deposit.getByLabel("Member").selectOption(code);
    await deposit.getByLabel("Amount (USD)").fill("500000.00");
    await deposit.getByLabel("Reference").fill(`E2E default management ${code}`);
    await deposit.getByRole("button", { name: "Record" }).click();
    await expect(deposit.getByRole("status")).toContainText(`Recorded. ${code} now has`);
  }
});

test("Base Product Categories: a bad code and an unknown product are refused by field, then the category is saved and edited", async () => {
  await risk.goto("/ch/default-management");
  const table = risk.getByRole("table", { name: "Base Product Categories" });
  await expect(table.getByRole("row").filter({ hasText: "AG-SWAPS" })).toContainText("CME:OPS");
  const form = risk.getByRole("form", { name: "Category" });
  await form.getByLabel("Code").fill("X");
  await form.getByLabel("Name").fill("Palm olein, end to end");
  await form.getByLabel("Products").fill("CME:OPS");
  await form.getByRole("button", { name: "Save category" }).click();
  await expect(form.getByText("2 to 32 letters, digits, - or _")).toBeVisible();

  await form.getByLabel("Code").fill("e2e-ch-ops");
  await form.getByLabel("Products").fill("CME:OPS CME:ZZZ");
  await form.getByRole("button", { name: "Save category" }).click();
  await expect(form.getByRole("alert")).toContainText("Unknown product CME:ZZZ");
  await expect(form.getByText("Unknown: CME:ZZZ")).toBeVisible();

  await form.getByLabel("Products").fill("CME:OPS");
  await form.getByRole("button", { name: "Save category" }).click();
  await expect(form.getByRole("status")).toContainText("Saved category E2E-CH-OPS.");
  await expect(table.getByRole("row").filter({ hasText: "E2E-CH-OPS" })).toContainText("Palm olein, end to end");

  await table.getByRole("button", { name: "Edit E2E-CH-OPS" }).click();
  await expect(form.getByRole("heading", { name: "Edit category E2E-CH-OPS" })).toBeVisible();
  await form.getByLabel("Name").fill("Palm olein swaps, end to end");
  await form.getByRole("button", { name: "Save category" }).click();
  await expect(form.getByRole("status")).toContainText("Saved category E2E-CH-OPS.");
  await expect(table.getByRole("row").filter({ hasText: "E2E-CH-OPS" })).toContainText("Palm olein swaps, end to end");
});

test("Rule 914: the AG-SWAPS selection is previewed with a reason per member, then the selected members are notified", async () => {
  await risk.goto("/ch/default-management");
  const form = risk.getByRole("form", { name: "Select mandated bidders for AG-SWAPS" });
  await form.getByLabel("Mandated count").fill("0");
  await form.getByRole("button", { name: "Preview the selection" }).click();
  await expect(form.getByText("At least 1")).toBeVisible();
  await form.getByLabel("Mandated count").fill("2");
  await form.getByLabel("FOXH not capable").check();
  await form.getByRole("button", { name: "Preview the selection" }).click();
  await expect(form.getByRole("status")).toContainText("Preview ready: mandated");

  const selection = risk.getByRole("table", { name: "Mandated bidder selection AG-SWAPS" });
  await expect(selection.getByRole("row").filter({ hasText: /^EVGR/ })).toContainText("mandated");
  await expect(selection.getByRole("row").filter({ hasText: /^COBT/ })).toContainText("mandated");
  // Marked not capable, but without proprietary OPS open interest it is not eligible in the first place.
  await expect(selection.getByRole("row").filter({ hasText: /^FOXH/ })).toContainText("not eligible");
  await expect(selection.getByRole("row").filter({ hasText: /^ACME/ })).toContainText("Rule 914: no proprietary open interest in the category in the preceding six months");
  const rows = selection.getByRole("row");
  const count = await rows.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText("Rule 914");
  const region = risk.getByRole("region", { name: "AG-SWAPS · Agricultural swaps" });
  await expect(region.getByText(/preview, not notified/)).toBeVisible();

  await region.getByRole("button", { name: "Notify the selected members" }).click();
  await expect(region.getByRole("status").filter({ hasText: "Notified 2 mandated member(s)" })).toBeVisible();
  const roster = risk.getByTestId("roster-AG-SWAPS");
  await expect(roster).toContainText("Current roster: COBT, EVGR; notified");
  await expect(roster).toContainText("reviewed within the last six months");
});

test("declaring COBT in default needs its code typed; the cooling-off period follows", async () => {
  await risk.goto("/ch/default-management");
  const form = risk.getByRole("form", { name: "Declare a default" });
  await form.getByLabel("Member", { exact: true }).selectOption({ label: "COBT · Cobalt Proprietary Trading LP" });
  await form.getByLabel("Reason").fill("Failed to meet the settlement variation call of the end-of-day cycle (e2e).");
  await form.getByLabel("Type the member's code to confirm").fill("COB");
  await form.getByRole("button", { name: "Declare the default" }).click();
  await expect(form.getByText("Type the member's code to confirm the declaration")).toBeVisible();
  await expect(risk.getByRole("table", { name: "Defaults" }).getByRole("row").filter({ hasText: "COBT" })).toHaveCount(0);

  await form.getByLabel("Type the member's code to confirm").fill("cobt");
  // Step-up (ASVS 7.5.3): a wrong code is refused naming the field, and nothing is declared.
  await form.getByLabel("Second-factor code").fill("000000");
  await form.getByRole("button", { name: "Declare the default" }).click();
  await expect(form.getByText(/The code is not correct|already used/).first()).toBeVisible();
  await expect(risk.getByRole("table", { name: "Defaults" }).getByRole("row").filter({ hasText: "COBT" })).toHaveCount(0);
  await submitWithStepUp(form, USERS.chRisk, () => form.getByRole("button", { name: "Declare the default" }).click());
  await expect(form.getByRole("status")).toContainText(/Declared COBT in default\. Cooling-off period \(Rule 802\.H\): \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
  const row = risk.getByRole("table", { name: "Defaults" }).getByRole("row").filter({ hasText: "COBT" });
  await expect(row).toContainText(/\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
  await expect(row).toContainText("not run");
  await row.getByRole("link", { name: "COBT" }).click();
  await expect(risk.getByRole("heading", { name: "Default of COBT · Cobalt Proprietary Trading LP" })).toBeVisible();
  await expect(risk.getByTestId("cooling-off")).toHaveText(/\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
  defaultUrl = new URL(risk.url()).pathname;
  expect(defaultUrl).toMatch(/^\/ch\/default-management\/defaults\/[0-9a-f-]{36}$/);
});

test("an auction of COBT's AG-SWAPS portfolio: mandated bidders from the roster, voluntary ones chosen; a past deadline is refused", async () => {
  await risk.goto(defaultUrl);
  const form = risk.getByRole("form", { name: "Create an auction" });
  await form.getByLabel("Category").selectOption({ label: "AG-SWAPS · Agricultural swaps" });
  await expect(form.getByTestId("auction-mandated")).toContainText("Mandated bidders added from the roster: EVGR");
  // EVGR is invited as a mandated bidder: it is not offered again as a voluntary one
  await expect(form.getByLabel("Invite EVGR")).toHaveCount(0);
  await form.getByLabel("Invite GRNT").check();
  await form.getByLabel("Invite DLTA").check();
  await form.getByLabel("Closes at (UTC)").fill(utcMinute(-3600_000));
  await form.getByRole("button", { name: "Create the auction" }).click();
  await expect(form.getByRole("alert")).toContainText("The closing time has passed. Nothing was created.");
  await expect(risk.getByText("No auction yet.")).toBeVisible();

  await form.getByLabel("Closes at (UTC)").fill(utcMinute(20 * 60_000));
  await form.getByRole("button", { name: "Create the auction" }).click();
  await expect(form.getByRole("status")).toContainText(/Auction AUC-AG-SWAPS-\w+ created/);
  // the form moves on to a category not yet auctioned, and marks the one just offered
  await expect(form.getByLabel("Category").locator("option:checked")).not.toContainText("AG-SWAPS");
  await expect(form.getByLabel("Category").locator("option", { hasText: "AG-SWAPS" })).toContainText("(auction created)");
  const article = risk.getByRole("article").filter({ hasText: "AG-SWAPS · open" });
  await expect(article).toBeVisible();
  auctionId = (await article.getAttribute("data-auction-id"))!;
  auctionReference = /Auction (AUC-[\w-]+)/.exec((await article.getByRole("heading").textContent())!)![1]!;
  const invited = risk.getByRole("table", { name: `Invited bidders ${auctionReference}` });
  await expect(invited.getByRole("row").filter({ hasText: "EVGR" })).toContainText("mandated");
  await expect(invited.getByRole("row").filter({ hasText: "GRNT" })).toContainText("voluntary");
  await expect(invited.getByRole("row").filter({ hasText: "DLTA" })).toContainText("voluntary");
  await expect(invited.getByRole("row").filter({ hasText: "COBT" })).toHaveCount(0);
  await expect(article.getByTestId("bids-received")).toHaveText("Members bidding: 0");
  await expect(article).toContainText("by the clearing house's clock");
});

test("while the auction is open, staff see how many bids arrived and nothing else; a member cannot open the staff page", async () => {
  const evgr = await memberRiskAdmin(risk, "EVGR");
  const grnt = await memberRiskAdmin(risk, "GRNT");
  const bid = async (page: Page, amount: string) => {
    const res = await page.request.post(`/api/auctions/${auctionId}/bids`, { data: { amount }, headers: { "Idempotency-Key": randomUUID(), origin: baseURL } });
    expect(res.status(), await res.text()).toBe(201);
  };
  await bid(evgr, "125000.00");
  await bid(evgr, "130000.00");
  await bid(grnt, "-5000000.00");
  expect((await evgr.goto(defaultUrl))?.status()).toBe(403);
  await evgr.close();
  await grnt.close();

  await risk.goto(defaultUrl);
  const article = risk.getByRole("article").filter({ hasText: auctionReference });
  // EVGR bid twice (its second bid replaced its first) and GRNT once: two members compete
  await expect(article.getByTestId("bids-received")).toHaveText("Members bidding: 2 (3 bids received; a member's latest bid replaces its earlier ones)");
  await expect(article).toContainText("neither the amounts nor which member bid are shown");
  const text = (await article.textContent())!;
  for (const amount of ["$125,000.00", "$130,000.00", "$5,000,000.00", "125000.00", "130000.00", "5000000.00"]) expect(text).not.toContain(amount);
  await expect(risk.getByRole("table", { name: `Auction results ${auctionReference}` })).toHaveCount(0);
  await expect(risk.getByText("The waterfall can be run once every auction of this default is closed.")).toBeVisible();
});

test("closing early needs a reason; then each participant's last bid, outcome and contribution split are shown", async () => {
  await risk.goto(defaultUrl);
  const form = risk.getByRole("form", { name: `Close ${auctionReference} early` });
  await form.getByRole("button", { name: "Close the auction now" }).click();
  await expect(form.getByRole("alert")).toContainText("Closing before the deadline needs a reason; nothing was closed.");
  await expect(form.getByText("Give the reason for closing early")).toBeVisible();
  await form.getByLabel("Reason for closing early").fill("Every mandated bidder has bid; closing to hedge the portfolio before the close.");
  await form.getByRole("button", { name: "Close the auction now" }).click();

  const results = risk.getByRole("table", { name: `Auction results ${auctionReference}` });
  await expect(results).toBeVisible();
  const evgr = results.getByRole("row").filter({ hasText: /^EVGR/ });
  await expect(evgr).toContainText("$130,000.00");
  await expect(evgr).toContainText("winning");
  await expect(results.getByRole("row").filter({ hasText: /^GRNT/ })).toContainText("non-competitive");
  await expect(results.getByRole("row").filter({ hasText: /^DLTA/ })).toContainText("not required, no bid");
  const article = risk.getByRole("article").filter({ hasText: auctionReference });
  await expect(article).toContainText("closed");
  await expect(article).toContainText("Competitive threshold: a bid less than $");
  await expect(article).toContainText("Winning bid $130,000.00 by EVGR");
  // The refreshed page no longer has the close form; its confirmation stays on the page.
  await expect(form).toHaveCount(0);
  await expect(risk.getByRole("status").filter({ hasText: "Closed. Winning bid $130,000.00 by EVGR." })).toBeVisible();
});

test("seed 003: staff designate another winning bidder with a reason, the results follow, and the best bid is designated back", async () => {
  await risk.goto(defaultUrl);
  const form = risk.getByRole("form", { name: `Designate the winners of ${auctionReference}` });
  await expect(form.getByLabel("EVGR: $130,000.00")).toBeChecked();
  await form.getByLabel("EVGR: $130,000.00").uncheck();
  await form.getByLabel("GRNT: -$5,000,000.00").check();
  await form.getByRole("button", { name: "Designate" }).click();
  await expect(form.getByText("Say why these bidders win (at least 5 characters): the totality of the circumstances")).toBeVisible();
  await form.getByLabel("Reason (the totality of the circumstances)").fill("EVGR cannot take delivery of the grain swaps this week");
  await form.getByRole("button", { name: "Designate" }).click();
  await expect(form.getByRole("status")).toContainText("Winners designated: GRNT (winning bid -$5,000,000.00).");
  const article = risk.getByRole("article").filter({ hasText: auctionReference });
  await expect(article).toContainText("Winning bid -$5,000,000.00 by GRNT (designated).");
  await expect(article.getByTestId("designation")).toContainText("EVGR cannot take delivery of the grain swaps this week (the best bid had gone to EVGR)");
  const results = risk.getByRole("table", { name: `Auction results ${auctionReference}` });
  await expect(results.getByRole("row").filter({ hasText: /^GRNT/ })).toContainText("winning");

  await form.getByLabel("GRNT: -$5,000,000.00").uncheck();
  await form.getByLabel("EVGR: $130,000.00").check();
  await form.getByLabel("Reason (the totality of the circumstances)").fill("EVGR confirmed it can take delivery");
  await form.getByRole("button", { name: "Designate" }).click();
  await expect(form.getByRole("status")).toContainText("Winners designated: EVGR (winning bid $130,000.00).");
  await expect(results.getByRole("row").filter({ hasText: /^EVGR/ })).toContainText("winning");
  await expect(results.getByRole("row").filter({ hasText: /^GRNT/ })).toContainText("non-competitive");
});

test("the waterfall: a bad amount is refused by field; the loss runs layer by layer, member by member, and the notices are listed", async () => {
  await risk.goto(defaultUrl);
  const form = risk.getByRole("form", { name: "Run the waterfall" });
  await form.getByLabel("House loss").fill("12x");
  await form.getByRole("button", { name: "Run the waterfall" }).click();
  await expect(form.getByText("House loss: an amount in dollars and cents, not negative")).toBeVisible();
  await expect(risk.getByRole("table", { name: "Waterfall layers" })).toHaveCount(0);

  await form.getByLabel("House loss").fill("110000000.00");
  await form.getByLabel("Defaulter's other assets").fill("250000");
  await submitWithStepUp(form, USERS.chRisk, () => form.getByRole("button", { name: "Run the waterfall" }).click());

  const layers = risk.getByRole("table", { name: "Waterfall layers" });
  await expect(layers).toBeVisible();
  await expect(layers.getByRole("row").filter({ hasText: "Defaulter's guaranty fund contribution" })).toContainText("Rule 802.A.2");
  await expect(layers.getByRole("row").filter({ hasText: "CME Contribution" })).toContainText("Rule 802.B.1.i");
  await expect(layers.getByRole("row").filter({ hasText: "Subordinated amounts" })).toContainText("Rule 802.B.1.ii.a");
  await expect(layers.getByRole("row").filter({ hasText: "Assessments" })).toContainText("Rule 802.B.1.v");
  await expect(risk.getByTestId("waterfall-loss")).toHaveText("$110,000,000.00");
  await expect(risk.getByRole("table", { name: "Loss by account class" }).getByRole("row").filter({ hasText: "House" })).toContainText("$110,000,000.00");
  await expect(risk.getByRole("table", { name: "Defaulter collateral by account class" })).toBeVisible();
  await expect(risk.getByRole("table", { name: "Defaulter house assets" }).getByRole("row").filter({ hasText: "Other assets" })).toContainText("$250,000.00");
  // GRNT's non-competitive bid subordinated its contribution: it is used first among the members.
  await expect(risk.getByRole("table", { name: "Members in layer Rule 802.B.1.ii.a" }).getByRole("row").filter({ hasText: "GRNT" })).toBeVisible();
  await expect(risk.getByRole("table", { name: "Members in layer Rule 802.B.1.v" })).toBeVisible();

  const notices = risk.getByRole("table", { name: "Notices issued" });
  await expect(notices.getByRole("row").filter({ hasText: "Replenishment notice" }).filter({ hasText: "GRNT" })).toBeVisible();
  await expect(notices.getByRole("row").filter({ hasText: "Assessment notice" }).first()).toContainText("not yet");
  // ACME deposited nothing: no guaranty fund of its was used, so it gets no replenishment notice.
  await expect(notices.getByRole("row").filter({ hasText: "Replenishment notice" }).filter({ hasText: "ACME" })).toHaveCount(0);
  await expect(risk.getByRole("form", { name: "Run the waterfall" })).toHaveCount(0);
  await expect(risk.getByRole("status").filter({ hasText: "Waterfall run: uncovered $" })).toContainText("notice(s) issued.");
  await expect(risk.getByRole("form", { name: "Create an auction" })).toHaveCount(0);
  // the waterfall ran on the auction's result: its winners can no longer be designated
  await expect(risk.getByRole("form", { name: `Designate the winners of ${auctionReference}` })).toHaveCount(0);

  await risk.goto("/ch/default-management");
  await expect(risk.getByRole("table", { name: "Defaults" }).getByRole("row").filter({ hasText: "COBT" })).toContainText(/run \d{4}-\d\d-\d\d, uncovered \$[\d,]+\.\d\d, \d+ notice\(s\)/);
});

test("after the default a member finds its replenishment and assessment notices on its landing page, with the cap and the cooling-off period, and acknowledges them", async () => {
  const grnt = await memberRiskAdmin(risk, "GRNT");
  await grnt.goto("/member");
  const open = grnt.getByRole("region", { name: "Notices to acknowledge" });
  // Replenishment: the contribution used, due the next business day (Rule 802.F).
  await open.getByRole("link", { name: /^Replenishment notice dated / }).first().click();
  await expect(grnt.getByRole("heading", { name: "Replenishment notice", exact: true })).toBeVisible();
  await expect(grnt.getByRole("region", { name: "Amounts" })).toContainText(/\$[\d,]+\.\d\d/);
  await grnt.getByRole("button", { name: "Acknowledge this notice" }).click();
  await expect(grnt.getByRole("status").filter({ hasText: /^Acknowledged .* by / })).toContainText("risk@grnt.example");
  // Assessment: its caps (275% per default, 550% over the period) and the cooling-off period (Rule 802.B.1.v, 802.H).
  await grnt.goto("/member");
  await open.getByRole("link", { name: /^Assessment notice dated / }).first().click();
  await expect(grnt.getByRole("heading", { name: "Assessment notice", exact: true })).toBeVisible();
  await expect(grnt.getByText("Cap for this default (275%)")).toBeVisible();
  await expect(grnt.getByText("Cap over the cooling-off period (550%)")).toBeVisible();
  await expect(grnt.getByText(/\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/).first()).toBeVisible();
  await grnt.getByRole("button", { name: "Acknowledge this notice" }).click();
  await expect(grnt.getByRole("status").filter({ hasText: /^Acknowledged .* by / })).toContainText("risk@grnt.example");
  await grnt.close();

  await risk.goto(defaultUrl);
  const notices = risk.getByRole("table", { name: "Notices issued" });
  await expect(notices.getByRole("row").filter({ hasText: "Replenishment notice" }).filter({ hasText: "GRNT" })).not.toContainText("not yet");
});
