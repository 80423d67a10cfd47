/**
 * API keys for a clearing member's machine feeds (orders, fills, positions, trades, pre-trade
 * checks). A key is `cmp_<prefix>_<secret>`; only SHA-256 of the whole key is stored, and the
 * key is shown once when created. A key acts for its firm only. Lookups are cached for a few
 * seconds per instance (API_KEY_CACHE_MS, default 5000): a revoked key stops within that time.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { sha256 } from "@/lib/shared/hash";

export interface GeneratedKey {
  readonly prefix: string;
  readonly token: string;
  readonly secretHash: string;
}

export function generateApiKey(): GeneratedKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  const token = `cmp_${prefix}_${secret}`;
  return { prefix, token, secretHash: hashKey(token) };
}

/** What is stored of a key: its SHA-256 (lib/shared/hash.ts). */
export const hashKey = sha256;

export interface ApiKeyPrincipal {
  readonly keyId: string;
  readonly firmId: string;
  readonly firmCode: string;
}

const TOKEN = /^cmp_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/;
const cache = new Map<string, { principal: ApiKeyPrincipal | null; at: number }>();
const CACHE_MS = Number.parseInt(process.env.API_KEY_CACHE_MS ?? "5000", 10);

export function tokenFromHeaders(headers: { get(name: string): string | null }): string | null {
  const auth = headers.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  return headers.get("x-api-key");
}

/** lookups under way: concurrent requests with the same key wait for one lookup, not one each */
const pending = new Map<string, Promise<ApiKeyPrincipal | null>>();

/** The firm a key acts for, or null for a missing, malformed, unknown or revoked key. */
export async function authenticateApiKey(db: PrismaClient, token: string | null, now = Date.now()): Promise<ApiKeyPrincipal | null> {
  if (!token) return null;
  const m = TOKEN.exec(token);
  if (!m) return null;
  const cached = cache.get(token);
  if (cached && now - cached.at < CACHE_MS) return cached.principal;
  let lookup = pending.get(token);
  if (!lookup) {
    lookup = lookUp(db, token, m[1]!, now).finally(() => pending.delete(token));
    pending.set(token, lookup);
  }
  return lookup;
}

async function lookUp(db: PrismaClient, token: string, prefix: string, now: number): Promise<ApiKeyPrincipal | null> {
  const row = await db.apiKey.findUnique({ where: { prefix }, include: { firm: { select: { code: true } } } });
  let principal: ApiKeyPrincipal | null = null;
  if (row && !row.revokedAt) {
    const a = Buffer.from(row.secretHash, "hex");
    const b = Buffer.from(hashKey(token), "hex");
    if (a.length === b.length && timingSafeEqual(a, b)) principal = { keyId: row.id, firmId: row.firmId, firmCode: row.firm.code };
  }
  if (principal && (!row!.lastUsedAt || now - row!.lastUsedAt.getTime() > 60_000)) {
    await db.apiKey.update({ where: { id: row!.id }, data: { lastUsedAt: new Date(now) } });
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { principal, at: now });
  return principal;
}

/** Drops cached lookups (after a revocation on this instance). */
export function forgetApiKeys(): void {
  cache.clear();
  pending.clear();
}
