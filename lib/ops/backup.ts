/**
 * Backups of the portal: the database and the uploaded files, with a manifest of checksums
 * and row counts.
 *
 * The database part is `pg_dump --format=custom` taken from an exported snapshot: a REPEATABLE
 * READ transaction exports it, reads every table's row count and the audit chain's head, and
 * stays open while pg_dump dumps that same snapshot (`--snapshot`), so the counts in the
 * manifest are exactly the dump's.
 * Uploaded files are copied after the snapshot: every file a dumped row names exists then
 * (files are written before their row commits and never deleted); the backup fails otherwise.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { verifyAuditChain } from "@/lib/audit/chain";
import { connectionArgs, pgToolPath, runTool, serverMajor } from "./pg-tools";

export const BACKUP_FORMAT = "clearing-member-portal-backup/2";
export const DUMP_FILE = "database/portal.dump";
/** Generated secrets of demo mode that a demo backup carries (production keys come from the environment and are never in a backup). */
export const DEMO_SECRET_FILES = ["nextauth-secret", "totp-key"] as const;

export interface ManifestFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: string;
  readonly source: { readonly database: string; readonly serverVersion: string; readonly snapshot: string };
  readonly tables: Record<string, number>;
  readonly sequences: Record<string, string | null>;
  readonly migrations: readonly string[];
  readonly auditChain: { readonly rows: number; readonly ok: boolean; readonly lastHash: string | null };
  readonly storedFiles: number;
  readonly demoSecrets: boolean;
  readonly files: readonly ManifestFile[];
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else if (e.isFile()) out.push(path.relative(base, p));
  }
  return out.sort();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface BackupOptions {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly outDir: string;
  readonly log?: (line: string) => void;
}

export async function createBackup(options: BackupOptions): Promise<Manifest> {
  const log = options.log ?? (() => undefined);
  const out = path.resolve(options.outDir);
  if (existsSync(out) && (await readdir(out)).length > 0) throw new Error(`backup folder ${out} is not empty; give a new one`);
  await mkdir(path.join(out, "database"), { recursive: true });

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let tables: Record<string, number> = {};
  const sequences: Record<string, string | null> = {};
  let migrations: string[] = [];
  let auditChain: Manifest["auditChain"];
  let storedFiles: { storage_key: string; sha256: string }[] = [];
  let snapshot: string;
  let serverVersion: string;
  let databaseName: string;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    snapshot = (await client.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0]!.s;
    serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    databaseName = (await client.query<{ d: string }>("SELECT current_database() AS d")).rows[0]!.d;
    const names = (await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.t);
    for (const table of names) {
      tables = { ...tables, [table]: Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`)).rows[0]!.n) };
    }
    for (const s of (await client.query<{ name: string; last_value: string | null }>("SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")).rows) {
      sequences[s.name] = s.last_value;
    }
    migrations = (
      await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((r) => r.migration_name);
    const chain = await verifyAuditChain(client);
    const head = await client.query<{ hash: string }>("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1");
    auditChain = { rows: chain.rows, ok: chain.ok, lastHash: head.rows[0]?.hash ?? null };
    if (!chain.ok) log(`WARNING: the audit chain does not verify (row ${chain.firstBadId}: ${chain.problem}); backing up as it is`);
    storedFiles = (await client.query<{ storage_key: string; sha256: string }>("SELECT storage_key, sha256 FROM stored_file")).rows;
    // pg_dump reads the same snapshot while this transaction holds it open.
    const conn = connectionArgs(options.databaseUrl);
    runTool(
      pgToolPath("pg_dump", serverMajor(serverVersion)),
      ["--format=custom", `--snapshot=${snapshot}`, "--no-owner", "--no-privileges", `--file=${path.join(out, DUMP_FILE)}`, `--dbname=${conn.dbname}`],
      conn.env,
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  log(`database: pg_dump of ${Object.keys(tables).length} tables, ${Object.values(tables).reduce((a, b) => a + b, 0)} rows (snapshot ${snapshot})`);

  // Uploaded files (not the temporary folder of uploads in progress).
  const uploads = path.join(options.dataDir, "uploads");
  const uploaded = (await listFiles(uploads)).filter((f) => !f.startsWith(`tmp${path.sep}`));
  for (const f of uploaded) {
    await mkdir(path.dirname(path.join(out, "uploads", f)), { recursive: true });
    await copyFile(path.join(uploads, f), path.join(out, "uploads", f));
  }
  const missing: string[] = [];
  for (const row of storedFiles) {
    const copy = path.join(out, "uploads", row.storage_key);
    if (!existsSync(copy) || (await sha256File(copy)) !== row.sha256) missing.push(row.storage_key);
  }
  if (missing.length) throw new Error(`${missing.length} stored file(s) missing or changed under ${uploads}: ${missing.slice(0, 5).join(", ")}`);
  log(`uploads: ${uploaded.length} files`);

  let demoSecrets = false;
  for (const name of DEMO_SECRET_FILES) {
    const src = path.join(options.dataDir, name);
    if (existsSync(src)) {
      await mkdir(path.join(out, "secrets"), { recursive: true });
      await copyFile(src, path.join(out, "secrets", name));
      demoSecrets = true;
    }
  }

  const files: ManifestFile[] = [];
  for (const f of await listFiles(out)) {
    const full = path.join(out, f);
    files.push({ path: f.split(path.sep).join("/"), bytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    source: { database: databaseName, serverVersion, snapshot },
    tables,
    sequences,
    migrations,
    auditChain,
    storedFiles: storedFiles.length,
    demoSecrets,
    files,
  };
  await writeFile(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  return manifest;
}

/** Reads a backup's manifest and checks every file's size and SHA-256; returns the problems found. */
export async function checkBackupFiles(backupDir: string): Promise<{ manifest: Manifest; problems: string[] }> {
  const manifestPath = path.join(backupDir, "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${backupDir} has no manifest.json: not a portal backup`);
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${backupDir}: unknown backup format ${String(manifest.format)} (expected ${BACKUP_FORMAT})`);
  const problems: string[] = [];
  for (const f of manifest.files) {
    const full = path.join(backupDir, ...f.path.split("/"));
    if (!existsSync(full)) problems.push(`${f.path}: missing`);
    else if ((await stat(full)).size !== f.bytes || (await sha256File(full)) !== f.sha256) problems.push(`${f.path}: checksum differs from the manifest`);
  }
  return { manifest, problems };
}
