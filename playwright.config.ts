import { defineConfig } from "@playwright/test";

const PORT = process.env.E2E_PORT ?? "3210";
const baseURL = `http://127.0.0.1:${PORT}`;
/** Default management declares members in default: its specs get a portal and database of their own. */
const DEFAULTS_PORT = String(Number(PORT) + 1);
const defaultsURL = `http://127.0.0.1:${DEFAULTS_PORT}`;
const DEFAULT_SPECS = /default-management.*\.spec\.ts/;
const serverEnv = { HOST: "127.0.0.1", PORTAL_THROWAWAY_DB: "1", PORTAL_SKIP_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" };

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here).
 * The web server is the real portal (`npm start` code path) on a throw-away database with the
 * demo data, from the build `npm test` made just before.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  // A TOTP code works once per user (RFC 6238 §5.2): tests signing the same user in at once wait
  // for the next 30-second step, up to two steps; the time limit leaves room for that wait.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "portal", testIgnore: DEFAULT_SPECS },
    // The two share one database: the member spec's default (BLUE) would refuse the staff spec's
    // guaranty fund recalculation, so the member spec runs after the staff spec.
    { name: "default-management-ch", testMatch: /default-management-ch\.spec\.ts/, use: { baseURL: defaultsURL } },
    { name: "default-management-member", testMatch: /default-management-member\.spec\.ts/, dependencies: ["default-management-ch"], use: { baseURL: defaultsURL } },
  ],
  webServer: [
    {
      command: "npx --no-install tsx scripts/start.ts",
      url: `${baseURL}/api/ready`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: { PORT, ...serverEnv },
    },
    {
      command: "npx --no-install tsx scripts/start.ts",
      url: `${defaultsURL}/api/ready`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: { PORT: DEFAULTS_PORT, ...serverEnv },
    },
  ],
});
