/**
 * Restoring a backup (lib/ops/backup.ts) into a fresh database and a fresh data folder, then
 * checking the result against the manifest: every file's checksum before, and after the load
 * every table's row count, the audit chain (verified, and ending in the same hash), every
 * stored file's content hash, and the migrations.
 */
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { verifyAuditChain } from "@/lib/audit/chain";
import { applyMigrations } from "@/lib/db/migrate";
import { checkBackupFiles, DEMO_SECRET_FILES, sha256File, type Manifest } from "./backup";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Written by the migration runner itself, compared but not loaded. */
const MIGRATIONS_TABLE = "_prisma_migrations";

export interface RestoreReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly tables: Record<string, { readonly expected: number; readonly restored: number }>;
  readonly auditChain: { readonly rows: number; readonly ok: boolean; readonly lastHash: string | null };
  readonly storedFiles: number;
}

/** The target folder must not exist or be empty. */
export async function assertEmptyFolder(dir: string): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`refusing to restore into ${dir}: the data folder is not empty (restore into a fresh one)`);
}

/** The target database must have no tables. */
export async function assertEmptyDatabase(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'");
    if (rows[0]!.n !== "0") throw new Error(`refusing to restore into a database that already has ${rows[0]!.n} tables (restore into a fresh, empty database)`);
  } finally {
    await c.end();
  }
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
async function loadOrder(c: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await c.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pa.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pa.relname`,
  );
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}`);
    visiting.add(t);
    for (const r of rows) if (r.child === t) visit(r.parent);
    visiting.delete(t);
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order.filter((t) => tables.includes(t));
}

async function loadTable(c: pg.Client, backupDir: string, table: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path.join(backupDir, "database", `${table}.ndjson.gz`)).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: string[] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    await c.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`, [`[${batch.join(",")}]`]);
    count += batch.length;
    batch = [];
  };
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  return count;
}

export interface RestoreOptions {
  readonly backupDir: string;
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly log?: (line: string) => void;
}

/** Loads the backup into the (empty) database and data folder, then verifies; see RestoreReport. */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const log = options.log ?? (() => undefined);
  const backupDir = path.resolve(options.backupDir);
  const { manifest, problems: fileProblems } = await checkBackupFiles(backupDir);
  if (fileProblems.length) throw new Error(`the backup does not match its manifest: ${fileProblems.join("; ")}`);
  log(`backup of ${manifest.createdAt}: ${manifest.files.length} files match the manifest`);
  await assertEmptyDatabase(options.databaseUrl);

  // The schema exactly as the backed-up database had it.
  await applyMigrations(options.databaseUrl, path.join(backupDir, "migrations"));
  const c = new pg.Client({ connectionString: options.databaseUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    const tables = Object.keys(manifest.tables).filter((t) => t !== MIGRATIONS_TABLE);
    // The audit trail's rows come back with their ids and hashes: its insert trigger (which assigns them) is off while loading.
    await c.query("ALTER TABLE audit_event DISABLE TRIGGER USER");
    for (const table of await loadOrder(c, tables)) {
      const n = await loadTable(c, backupDir, table);
      log(`  ${table}: ${n} rows`);
    }
    await c.query("ALTER TABLE audit_event ENABLE TRIGGER USER");
    for (const [seq, value] of Object.entries(manifest.sequences)) {
      if (value !== null) await c.query("SELECT setval($1::regclass, $2::bigint, true)", [ident(seq), value]);
    }
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }

  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.join(dataDir, "uploads"), { recursive: true });
  for (const f of manifest.files.filter((x) => x.path.startsWith("uploads/"))) {
    const target = path.join(dataDir, ...f.path.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(backupDir, ...f.path.split("/")), target);
  }
  for (const name of DEMO_SECRET_FILES) {
    const src = path.join(backupDir, "secrets", name);
    if (existsSync(src)) await copyFile(src, path.join(dataDir, name));
  }
  return verifyRestore(options.databaseUrl, dataDir, manifest);
}

/** Compares a restored database and data folder with the manifest. */
export async function verifyRestore(databaseUrl: string, dataDir: string, manifest: Manifest): Promise<RestoreReport> {
  const problems: string[] = [];
  const tables: Record<string, { expected: number; restored: number }> = {};
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    for (const [table, expected] of Object.entries(manifest.tables)) {
      if (table === MIGRATIONS_TABLE) continue;
      const restored = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`)).rows[0]!.n);
      tables[table] = { expected, restored };
      if (restored !== expected) problems.push(`${table}: ${restored} rows restored, the manifest says ${expected}`);
    }
    const migrations = (await c.query<{ m: string }>(`SELECT migration_name AS m FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1`)).rows.map((r) => r.m);
    if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations)) problems.push(`migrations differ: ${migrations.join(",")} vs ${manifest.migrations.join(",")}`);
    const chain = await verifyAuditChain(c);
    const head = (await c.query<{ hash: string }>("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")).rows[0]?.hash ?? null;
    if (!chain.ok) problems.push(`audit chain: row ${chain.firstBadId}: ${chain.problem}`);
    if (head !== manifest.auditChain.lastHash) problems.push(`audit chain ends in ${head}, the backup's ended in ${manifest.auditChain.lastHash}`);
    const files = (await c.query<{ storage_key: string; sha256: string }>("SELECT storage_key, sha256 FROM stored_file")).rows;
    for (const f of files) {
      const full = path.join(dataDir, "uploads", f.storage_key);
      if (!existsSync(full)) problems.push(`stored file ${f.storage_key}: missing`);
      else if ((await sha256File(full)) !== f.sha256) problems.push(`stored file ${f.storage_key}: content differs from its recorded SHA-256`);
    }
    return { ok: problems.length === 0, problems, tables, auditChain: { rows: chain.rows, ok: chain.ok, lastHash: head }, storedFiles: files.length };
  } finally {
    await c.end();
  }
}
