/**
 * Finding the portal's database from a script: DATABASE_URL, or the embedded server of the
 * data directory. A running embedded server (e.g. under `npm start`) is used as it is (its
 * port is in postmaster.pid, its password in pg-credentials.json); a stopped one is started
 * for the script and stopped after. Never a second server on the same folder.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startEmbedded } from "@/lib/db/embedded";

export interface LocatedDatabase {
  readonly url: string;
  /** how it was found, for the report */
  readonly source: "DATABASE_URL" | "embedded (running)" | "embedded (started for this run)";
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Port of the embedded server running on `pgDir`, or null when none runs. */
export async function runningEmbeddedPort(pgDir: string): Promise<number | null> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: line 1 the pid, line 4 the port.
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  return Number.isInteger(pid) && alive(pid) && Number.isInteger(port) ? port : null;
}

export async function locateDatabase(dataDir: string, database = "portal"): Promise<LocatedDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: "DATABASE_URL", release: async () => undefined };
  const pgDir = path.join(dataDir, "pg");
  const credentials = path.join(dataDir, "pg-credentials.json");
  if (!existsSync(path.join(pgDir, "PG_VERSION")) || !existsSync(credentials)) {
    throw new Error(`no portal database in ${dataDir} (no embedded PostgreSQL there, and DATABASE_URL is not set)`);
  }
  const port = await runningEmbeddedPort(pgDir);
  if (port) {
    const { password } = JSON.parse(await readFile(credentials, "utf8")) as { password: string };
    return { url: `postgresql://portal:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`, source: "embedded (running)", release: async () => undefined };
  }
  const embedded = await startEmbedded({ dataDir, database });
  return { url: embedded.url, source: "embedded (started for this run)", release: () => embedded.stop() };
}
