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

  const forgeries: [string, Record<string, string>][] = [
    ["https://evil.example", {}],
    ["null", {}],
    // A client naming its own origin as the portal's through forwarded headers (not trusted unless PORTAL_TRUST_PROXY_HEADERS=1).
    ["http://evil.example", { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" }],
  ];
  for (const [origin, extra] of forgeries) {
    const forged = body.replace(legit, "99").replace("origin test baseline", `forged from ${origin}`);
    const res = await page.request.post(request.url(), {
      headers: { ...request.headers(), origin, ...extra },
      data: forged,
      maxRedirects: 0,
    });
    // A clean refusal (403 with the reason), never Next.js's 500 and never a success.
    expect(res.status(), `Origin: ${origin}`).toBe(403);
    expect(await res.text()).toContain(origin === "null" ? "did not come from a portal page" : `requests from ${origin} are not accepted`);
  }

  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(SETTING.replace(/\./g, "\\.")) });
  await expect(row).toContainText(legit);
  await expect(row).not.toContainText("forged from");
  await expect(page.getByText("forged from")).toHaveCount(0);
});
