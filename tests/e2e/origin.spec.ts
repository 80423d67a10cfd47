/**
 * Server actions refuse a request from a foreign origin and one with `Origin: null` (a
 * sandboxed frame, a file: page): the real settings action, replayed over HTTP with the
 * signed-in admin's cookies and the page's own action id, changes nothing.
 */
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./fixtures";

const SETTING = "filing.annualDueDaysBrokerDealer";
const LABEL = "Annual certified statement due, broker-dealers (days)";

test("a server action from a foreign origin or a null origin is refused and changes nothing", async ({ page }) => {
  await signIn(page, USERS.chAdmin);
  await page.goto("/ch/settings");
  const form = page.getByRole("form", { name: LABEL });
  // One real call from the page, to learn the action's id and body format.
  const legit = String(61 + Math.floor(Math.random() * 30));
  await form.getByLabel(LABEL).fill(legit);
  await form.getByLabel("Reason for the change").fill("origin test baseline");
  const sent = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await form.getByRole("button", { name: "Save" }).click();
  const request = await sent;
  await expect(form.getByRole("status")).toHaveText("Saved.");
  const body = request.postData()!;
  expect(body).toContain(legit);

  for (const origin of ["https://evil.example", "null"]) {
    const forged = body.replace(legit, "99").replace("origin test baseline", `forged from ${origin}`);
    const res = await page.request.post(request.url(), {
      headers: { ...request.headers(), origin },
      data: forged,
      maxRedirects: 0,
    });
    const text = await res.text();
    // Next.js's own check or the portal's wrapper: never a success.
    expect(text, `Origin: ${origin}`).not.toContain('"ok":true');
    if (res.status() === 200) expect(text).toContain(origin === "null" ? "did not come from a portal page" : `requests from ${origin} are not accepted`);
  }

  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(SETTING.replace(/\./g, "\\.")) });
  await expect(row).toContainText(legit);
  await expect(row).not.toContainText("forged from");
  await expect(page.getByText("forged from")).toHaveCount(0);
});
