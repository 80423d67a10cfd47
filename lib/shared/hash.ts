/**
 * SHA-256 of a secret token as stored (invitation and reset links keep only the hash).
 * Server-side (node:crypto).
 */
import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of `token`'s UTF-8 bytes. */
export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
