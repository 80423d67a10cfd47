/**
 * Where the portal's database and data live, for scripts: DATABASE_URL if given, else the
 * embedded PostgreSQL under the data directory (PORTAL_DATA_DIR, default ./.data).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbedded, type EmbeddedDatabase } from "./embedded";
import { createThrowawayDatabase } from "./throwaway";

export function dataDir(): string {
  return path.resolve(process.env.PORTAL_DATA_DIR ?? ".data");
}

export interface DatabaseHandle {
  readonly url: string;
  readonly embedded: EmbeddedDatabase | null;
  stop(): Promise<void>;
}

export async function openDatabase(log: (line: string) => void = () => undefined): Promise<DatabaseHandle> {
  // End-to-end tests: a database of their own, removed when the server stops.
  if (process.env.PORTAL_THROWAWAY_DB === "1") {
    const t = await createThrowawayDatabase({ migrate: false });
    return { url: t.url, embedded: null, stop: () => t.stop() };
  }
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null, stop: async () => undefined };
  const embedded = await startEmbedded({ dataDir: dataDir(), database: "portal", log });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}

/** Demo mode: the embedded database, or PORTAL_DEMO=1 with an external one. */
export function isDemoMode(): boolean {
  return !process.env.DATABASE_URL || process.env.PORTAL_DEMO === "1" || process.env.PORTAL_THROWAWAY_DB === "1";
}

/**
 * The session-signing secret: from NEXTAUTH_SECRET; in demo mode generated once into the
 * (git-ignored) data directory. Never committed, never a constant in the code.
 */
export async function sessionSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (!isDemoMode()) throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is given (production mode)");
  const file = path.join(dataDir(), "nextauth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The key that encrypts TOTP secrets at rest (AES-256-GCM): from TOTP_ENCRYPTION_KEY; in demo
 * mode generated once into the data directory. Must be the same on every instance, and kept
 * with the backups' keys: a restored database is useless without it.
 */
export async function totpEncryptionKey(): Promise<string> {
  if (process.env.TOTP_ENCRYPTION_KEY) return process.env.TOTP_ENCRYPTION_KEY;
  if (!isDemoMode()) throw new Error("TOTP_ENCRYPTION_KEY must be set when DATABASE_URL is given (production mode): 32 random bytes, e.g. `openssl rand -base64 32`");
  const file = path.join(dataDir(), "totp-key");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir(), { recursive: true });
  const key = randomBytes(32).toString("base64");
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
