/**
 * `npm run backup [-- --out DIR]`: a consistent backup of the running portal's database
 * (DATABASE_URL, or the embedded one of PORTAL_DATA_DIR, running or not) and its uploaded
 * files, with manifest.json (checksums, row counts, audit chain head). Default folder:
 * backups/<timestamp>. Prints the manifest's summary as JSON.
 */
import path from "node:path";
import { dataDir } from "@/lib/db/runtime";
import { createBackup } from "@/lib/ops/backup";
import { locateDatabase } from "@/lib/ops/locate";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const out = path.resolve(arg("--out") ?? path.join("backups", new Date().toISOString().replace(/[:.]/g, "-")));
  const database = await locateDatabase(dataDir());
  try {
    const log = (l: string) => process.stderr.write(`[backup] ${l}\n`);
    log(`database: ${database.source}; data folder ${dataDir()}; writing ${out}`);
    const m = await createBackup({ databaseUrl: database.url, dataDir: dataDir(), outDir: out, log });
    const summary = {
      backup: out,
      createdAt: m.createdAt,
      seconds: (Date.now() - started) / 1000,
      rows: Object.values(m.tables).reduce((a, b) => a + b, 0),
      tables: Object.keys(m.tables).length,
      storedFiles: m.storedFiles,
      auditChain: m.auditChain,
      bytes: m.files.reduce((a, f) => a + f.bytes, 0),
    };
    process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
    if (!m.auditChain.ok) process.exitCode = 2;
  } finally {
    await database.release();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[backup] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
