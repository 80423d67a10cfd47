/**
 * `npm run restore -- <backup folder>`: restores a backup into a fresh data folder
 * (PORTAL_DATA_DIR, default .data; refused when not empty) with a new embedded PostgreSQL, or
 * into the empty database DATABASE_URL names; then checks the result against the manifest
 * (row counts, audit chain, stored files' hashes). Exit code 0 only when everything matches.
 * Start the portal on it with `npm start` (same PORTAL_DATA_DIR / DATABASE_URL).
 */
import path from "node:path";
import { startEmbedded } from "@/lib/db/embedded";
import { dataDir } from "@/lib/db/runtime";
import { assertEmptyFolder, restoreBackup } from "@/lib/ops/restore";

async function main(): Promise<void> {
  const backup = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!backup) throw new Error("usage: npm run restore -- <backup folder>");
  const started = Date.now();
  const target = dataDir();
  const log = (l: string) => process.stderr.write(`[restore] ${l}\n`);
  await assertEmptyFolder(target);
  const embedded = process.env.DATABASE_URL ? null : await startEmbedded({ dataDir: target, database: "portal" });
  try {
    log(`restoring ${path.resolve(backup)} into ${embedded ? `a new embedded PostgreSQL in ${target}` : "DATABASE_URL"}`);
    const report = await restoreBackup({ backupDir: backup, databaseUrl: embedded?.url ?? process.env.DATABASE_URL!, dataDir: target, log });
    process.stdout.write(JSON.stringify({ ...report, dataDir: target, seconds: (Date.now() - started) / 1000 }, null, 2) + "\n");
    if (!report.ok) {
      log(`verification FAILED: ${report.problems.join("; ")}`);
      process.exitCode = 1;
    } else {
      log("verified: row counts, audit chain and stored files match the manifest");
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[restore] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
