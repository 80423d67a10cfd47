/**
 * `npm run drill`: the disaster-recovery drill. Starts a portal (embedded database, demo data)
 * on a throw-away data folder, makes data (sign-ins with and without a second factor,
 * uploads, a settings change), takes a backup from the running portal, destroys the portal
 * (stops it and deletes its data folder), restores the backup into a fresh folder, verifies
 * it, starts the portal on it, waits for /api/ready and checks that sign-in works and the data
 * is there. Prints the recovery time (restore + verify + start + checks) as JSON, against the
 * two-hour recovery time objective (SPEC §8). Needs a prior `next build`.
 */
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient } from "@/lib/db/client";
import { demoTotpSecret } from "@/lib/demo/second-factor";
import { DEMO_PASSWORD } from "@/lib/demo/seed";
import { locateDatabase } from "@/lib/ops/locate";
import { changeSetting } from "@/lib/server/settings/service";
import { cookieHeader, httpSignIn, startPortal, upload, type PortalProcess } from "./support/portal";

const PORT = Number(process.env.DRILL_PORT ?? 3385);
const RTO_SECONDS = 2 * 60 * 60;
const log = (l: string) => process.stderr.write(`[drill] ${l}\n`);

function run(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      process.stderr.write(d);
    });
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}: ${err.slice(-2000)}`))));
  });
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), "portal-drill-"));
  // As root, PostgreSQL runs as the "postgres" user, which must reach the data folders.
  await chmod(root, 0o755);
  const original = path.join(root, "data");
  const restored = path.join(root, "restored");
  const backupDir = path.join(root, "backup");
  // A drill never touches DATABASE_URL: it works on its own embedded databases.
  const env = { PORTAL_DATA_DIR: original, DATABASE_URL: undefined, PORTAL_THROWAWAY_DB: undefined, NEXTAUTH_SECRET: undefined, TOTP_ENCRYPTION_KEY: undefined };
  delete process.env.DATABASE_URL;
  let portal: PortalProcess | undefined;
  try {
    log(`starting a portal on ${original}, port ${PORT}`);
    portal = await startPortal({ port: PORT, env });

    // Data: sign-ins (one with a second factor), uploads, a settings change.
    const ops = await httpSignIn(portal.url, "ops@acme.example", DEMO_PASSWORD);
    await httpSignIn(portal.url, "risk@acme.example", DEMO_PASSWORD, demoTotpSecret("risk@acme.example"));
    const uploaded: { id: string; sha256: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const body = new TextEncoder().encode(`account,amount\nDRILL-${i},${1000 + i}\n${randomUUID()}\n`);
      const a = await upload(portal.url, ops, { purpose: "filing-document", name: `drill-${i}.csv`, body, idempotencyKey: randomUUID() });
      if (a.status !== 201 || !a.body.id) throw new Error(`upload ${i} refused: ${JSON.stringify(a.body)}`);
      uploaded.push({ id: a.body.id, sha256: a.body.sha256! });
    }
    const settingValue = String(20 + Math.floor(Math.random() * 10));
    {
      const located = await locateDatabase(original);
      const client = createClient(located.url);
      const admin = await client.user.findUniqueOrThrow({ where: { email: "admin@clearinghouse.example" } });
      await client.$transaction((tx) => changeSetting(tx, "filing.monthlyDueBusinessDays", settingValue, "disaster-recovery drill", admin.id));
      await client.$disconnect();
      await located.release();
    }
    log(`made data: 2 sign-ins, ${uploaded.length} uploads, a settings change`);

    // Backup from the running portal.
    const backupStarted = Date.now();
    await run("scripts/backup.ts", ["--out", backupDir], { PORTAL_DATA_DIR: original });
    const backupSeconds = (Date.now() - backupStarted) / 1000;

    // Destroy: stop the portal and delete everything it had.
    await portal.stop();
    await rm(original, { recursive: true, force: true });
    log("destroyed the portal and its data folder");

    // Recovery: restore, verify, start, ready, sign in, data present.
    const t0 = Date.now();
    const restoreReport = JSON.parse(await run("scripts/restore.ts", [backupDir], { PORTAL_DATA_DIR: restored })) as { ok: boolean; problems: string[]; storedFiles: number; auditChain: { rows: number } };
    const restoreSeconds = (Date.now() - t0) / 1000;
    if (!restoreReport.ok) throw new Error(`restore verification failed: ${restoreReport.problems.join("; ")}`);
    portal = await startPortal({ port: PORT, env: { ...env, PORTAL_DATA_DIR: restored } });
    const readySeconds = (Date.now() - t0) / 1000;
    const ops2 = await httpSignIn(portal.url, "ops@acme.example", DEMO_PASSWORD);
    await httpSignIn(portal.url, "risk@acme.example", DEMO_PASSWORD, demoTotpSecret("risk@acme.example"));
    for (const f of uploaded) {
      const res = await fetch(`${portal.url}/api/files/${f.id}`, { headers: { cookie: cookieHeader(ops2) } });
      const sha = createHash("sha256").update(Buffer.from(await res.arrayBuffer())).digest("hex");
      if (res.status !== 200 || sha !== f.sha256) throw new Error(`uploaded file ${f.id} after restore: HTTP ${res.status}, sha256 ${sha} (expected ${f.sha256})`);
    }
    const located = await locateDatabase(restored);
    const client = createClient(located.url);
    const setting = await client.setting.findUniqueOrThrow({ where: { key: "filing.monthlyDueBusinessDays" } });
    await client.$disconnect();
    await located.release();
    if (setting.value !== settingValue) throw new Error(`the settings change was lost: ${setting.value} (expected ${settingValue})`);
    const recoverySeconds = (Date.now() - t0) / 1000;
    await portal.stop();

    const result = {
      drill: "backup → destroy → restore → verify → start → ready → sign-in",
      ok: true,
      backupSeconds,
      restoreAndVerifySeconds: restoreSeconds,
      untilReadySeconds: readySeconds,
      recoverySeconds,
      recoveryTimeObjectiveSeconds: RTO_SECONDS,
      withinObjective: recoverySeconds < RTO_SECONDS,
      restored: { auditEvents: restoreReport.auditChain.rows, storedFiles: restoreReport.storedFiles, uploadsDownloadedAndChecked: uploaded.length, settingKept: true, signIns: ["ops@acme.example", "risk@acme.example (TOTP)"] },
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    };
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  } finally {
    // A failed drill must not leave its portal running (and holding the port).
    await portal?.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[drill] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
