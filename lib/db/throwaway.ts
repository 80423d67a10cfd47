/**
 * A throw-away database for tests: a new database on DATABASE_URL's server when one is given,
 * else a new embedded PostgreSQL in a temporary folder. Migrated; dropped/removed on stop.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbedded } from "./embedded";
import { applyMigrations } from "./migrate";

export interface ThrowawayDatabase {
  readonly url: string;
  /** the temporary data directory (embedded only) */
  readonly dataDir: string | null;
  stop(): Promise<void>;
}

export async function createThrowawayDatabase(options: { migrate?: boolean } = {}): Promise<ThrowawayDatabase> {
  const base = process.env.DATABASE_URL;
  let handle: ThrowawayDatabase;
  if (base) {
    const name = `portal_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    handle = {
      url: url.toString(),
      dataDir: null,
      async stop() {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "portal-test-"));
    const embedded = await startEmbedded({ dataDir: dir, database: "portal_test" });
    handle = {
      url: embedded.url,
      dataDir: dir,
      async stop() {
        await embedded.stop();
        await rm(dir, { recursive: true, force: true });
        // A cluster kept outside the folder (its server user could not reach it) goes with it.
        if (path.relative(dir, embedded.clusterDir).startsWith("..")) await rm(path.dirname(embedded.clusterDir), { recursive: true, force: true });
      },
    };
  }
  if (options.migrate !== false) await applyMigrations(handle.url);
  return handle;
}
