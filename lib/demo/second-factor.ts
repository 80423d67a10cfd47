/**
 * Demo mode only: the TOTP secrets of the demo users whose role requires a second factor,
 * published in the README (like the demo password) so that a person can add them to an
 * authenticator app and the end-to-end fixtures can compute codes. Derived from the email so
 * that every demo database has the same ones. Never used outside demo mode.
 */
import { createHash } from "node:crypto";
import { base32Encode } from "../auth/totp";

export function demoTotpSecret(email: string): string {
  return base32Encode(createHash("sha256").update(`clearing-member-portal demo totp ${email.toLowerCase()}`).digest().subarray(0, 20));
}
