/**
 * `npm start`: the portal on the embedded database (or DATABASE_URL), migrated, with demo data
 * in demo mode, built if the build is missing or older than the sources, served by `next start`,
 * and beside it the pre-trade check service (scripts/pretrade-check.ts) on its own port.
 * Ctrl-C / SIGTERM stops the web server, the check service and then the database cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase, isDemoMode, sessionSecret, dataDir, totpEncryptionKey } from "@/lib/db/runtime";
import { createClient } from "@/lib/db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/demo/seed";

const SOURCE_DIRS = ["app", "components", "lib", "generated"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function buildIsStale(): boolean {
  const marker = path.join(".next", "BUILD_ID");
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].some((p) => newestMtime(p) > built);
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the web server did not answer /api/health within 120 s");
}

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * The check service's port: PORTAL_CHECK_PORT when set (busy: the service fails to start and
 * says so), else the web server's port + 100 (3100 beside 3000), or any free port when that
 * one is taken (several portals on one machine, as the end-to-end tests run them).
 */
async function checkServicePort(webPort: string, host: string): Promise<string> {
  if (process.env.PORTAL_CHECK_PORT) return process.env.PORTAL_CHECK_PORT;
  const preferred = Number.parseInt(webPort, 10) + 100;
  return (await portIsFree(preferred, host)) ? String(preferred) : "0";
}

/** Starts the check service and answers its URL (the line it prints); its output goes on ours. */
function startCheckService(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", "pretrade-check.ts")], { stdio: ["ignore", "pipe", "inherit"], env });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
      const m = /pre-trade check service: (http:\/\/\S+)/.exec(out);
      if (m) {
        out = "";
        resolve({ child, url: m[1]! });
      }
    });
    child.once("exit", (code) => reject(new Error(`the pre-trade check service exited (${code}) before it listened`)));
  });
}

async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const log = (s: string) => process.stdout.write(`[portal] ${s}\n`);
  const database = await openDatabase(process.env.PORTAL_DB_LOG ? (l) => process.stdout.write(`[postgres] ${l}\n`) : undefined);
  const pgDir = path.join(path.relative(process.cwd(), dataDir()), "pg");
  const where = (e: { clusterDir: string }) => (path.resolve(e.clusterDir) === path.resolve(pgDir) ? pgDir : `${e.clusterDir} (linked from ${pgDir}: the postgres user cannot reach this folder)`);
  log(database.embedded ? `embedded PostgreSQL on port ${database.embedded.port}, data in ${where(database.embedded)}` : "using DATABASE_URL");

  let child: ChildProcess | null = null;
  let checkService: ChildProcess | null = null;
  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await stopChild(child);
    await stopChild(checkService);
    await database.stop();
    log("stopped");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const migrated = await applyMigrations(database.url);
  log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);

  // Secrets only from the environment (or generated into the data directory in demo mode).
  process.env.TOTP_ENCRYPTION_KEY = await totpEncryptionKey();
  const demo = isDemoMode();
  if (demo) {
    const client = createClient(database.url);
    try {
      const { seeded } = await seedDemo(client, { databaseUrl: database.url });
      log(seeded ? "demo data created" : "demo data already present");
    } finally {
      await client.$disconnect();
    }
  }

  if (process.env.PORTAL_SKIP_BUILD !== "1" && buildIsStale()) {
    log("building the web application (first start or changed sources)…");
    const build = spawnSync("npx", ["--no-install", "next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST ?? "127.0.0.1";
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: await sessionSecret(),
    TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
    NEXT_TELEMETRY_DISABLED: "1",
    PORTAL_DATA_DIR: dataDir(),
  };
  // The pre-trade check service first, so the portal's OpenAPI document can name its URL.
  const check = await startCheckService({ ...env, PORTAL_CHECK_PORT: await checkServicePort(port, host), PORTAL_CHECK_HOST: process.env.PORTAL_CHECK_HOST ?? host });
  checkService = check.child;
  checkService.on("exit", (code) => {
    if (!stopping) {
      void stop(`the pre-trade check service exited (${code})`, code ?? 1);
    }
  });
  // The Next.js server itself (no npx in between), so that its pid is the web server's; the
  // preload makes X-Forwarded-For the socket's address unless a proxy is trusted (lib/server/client.ts).
  const preload = pathToFileURL(path.resolve("scripts", "client-address.mjs")).href;
  child = spawn(process.execPath, ["--import", preload, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", host], { stdio: "inherit", env: { ...env, PORTAL_CHECK_URL: check.url } });
  log(`web server pid ${child.pid}`);
  child.on("exit", (code) => {
    if (!stopping) {
      stopping = true;
      log(`the web server exited (${code}); stopping the check service and the database`);
      void stopChild(checkService)
        .then(() => database.stop())
        .then(() => process.exit(code ?? 1));
    }
  });
  await waitForHealth(url, child);
  log(`ready: ${url}`);
  log(`pre-trade check service: ${check.url} (the feed's POST /api/credit/check and /api/orders, as on the portal)`);
  if (demo) {
    log(`demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) log(`  ${u.role.padEnd(18)} ${u.email}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[portal] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
