/**
 * `npm start`: the portal on the embedded database (or DATABASE_URL), migrated, with demo data
 * in demo mode, built if the build is missing or older than the sources, served by `next start`.
 * Ctrl-C / SIGTERM stops the web server and then the database cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
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

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const log = (s: string) => process.stdout.write(`[portal] ${s}\n`);
  const database = await openDatabase(process.env.PORTAL_DB_LOG ? (l) => process.stdout.write(`[postgres] ${l}\n`) : undefined);
  const pgDir = path.join(path.relative(process.cwd(), dataDir()), "pg");
  const where = (e: { clusterDir: string }) => (path.resolve(e.clusterDir) === path.resolve(pgDir) ? pgDir : `${e.clusterDir} (linked from ${pgDir}: the postgres user cannot reach this folder)`);
  log(database.embedded ? `embedded PostgreSQL on port ${database.embedded.port}, data in ${where(database.embedded)}` : "using DATABASE_URL");

  let child: ChildProcess | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await database.stop();
    log("stopped");
    process.exit(0);
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
  // The Next.js server itself (no npx in between), so that its pid is the web server's.
  child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", host], { stdio: "inherit", env });
  log(`web server pid ${child.pid}`);
  child.on("exit", (code) => {
    if (!stopping) {
      log(`the web server exited (${code}); stopping the database`);
      void database.stop().then(() => process.exit(code ?? 1));
    }
  });
  await waitForHealth(url, child);
  log(`ready: ${url}`);
  if (demo) {
    log(`demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) log(`  ${u.role.padEnd(18)} ${u.email}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[portal] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
