/**
 * Restoring a backup (lib/ops/backup.ts) into a fresh database and a fresh data folder, then
 * checking the result against the manifest: every file's checksum before, and after the load
 * every table's row count, the audit chain (verified, and ending in the same hash), every
 * stored file's content hash, and the migrations.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { verifyAuditChain } from "@/lib/audit/chain";
import { checkBackupFiles, DEMO_SECRET_FILES, DUMP_FILE, sha256File, type Manifest } from "./backup";
import { connectionArgs, pgToolPath, runTool, serverMajor } from "./pg-tools";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Compared through its list of names, not by count. */
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

  // pg_restore recreates the schema, loads the rows (the audit trail's insert trigger is created
  // after the data, so its rows keep their ids and hashes) and sets the sequences.
  const c = new pg.Client({ connectionString: options.databaseUrl });
  await c.connect();
  const version = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  await c.end();
  const conn = connectionArgs(options.databaseUrl);
  runTool(pgToolPath("pg_restore", serverMajor(version)), ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${conn.dbname}`, path.join(backupDir, DUMP_FILE)], conn.env);
  log(`database restored by pg_restore from ${DUMP_FILE}`);

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
