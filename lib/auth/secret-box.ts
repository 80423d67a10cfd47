/**
 * Encryption of secrets kept in the database (TOTP seeds): AES-256-GCM with a 256-bit key from
 * TOTP_ENCRYPTION_KEY (base64 or hex; generated into the data directory in demo mode, see
 * lib/db/runtime.ts). Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url); the user id is
 * bound as additional data, so a secret copied onto another user's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export function parseKey(text: string | undefined): Buffer {
  if (!text) throw new Error("TOTP_ENCRYPTION_KEY is not set (32 random bytes, base64 or hex; e.g. `openssl rand -base64 32`)");
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error(`TOTP_ENCRYPTION_KEY must be 32 bytes (base64 or hex); it decodes to ${key.length}`);
  return key;
}

function envKey(): Buffer {
  return parseKey(process.env.TOTP_ENCRYPTION_KEY);
}

export function seal(plaintext: string, boundTo: string, key = envKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function open(sealed: string, boundTo: string, key = envKey()): string {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed secret (expected v1.<iv>.<tag>.<data>)");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
