import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from "@/lib/auth/totp";
import { open, parseKey, seal } from "@/lib/auth/secret-box";
import { randomBytes } from "node:crypto";

// RFC 6238 Appendix B: the SHA-1 test secret is the ASCII "12345678901234567890"; codes are
// the last 6 of the 8 digits given there.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));
const RFC_VECTORS: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

describe("TOTP (RFC 6238)", () => {
  for (const [t, code] of RFC_VECTORS) {
    it(`RFC 6238 Appendix B vector at T=${t}s gives ${code}`, () => {
      expect(totpCode(RFC_SECRET, totpStep(t * 1000))).toBe(code);
    });
  }

  it("RFC 4226 Appendix D HOTP values for counters 0 and 9", () => {
    expect(hotp(Buffer.from("12345678901234567890"), 0)).toBe("755224");
    expect(hotp(Buffer.from("12345678901234567890"), 9)).toBe("520489");
  });

  it("base32 round-trips any bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => Buffer.from(bytes).equals(base32Decode(base32Encode(bytes)))));
  });

  it("base32 refuses characters outside the alphabet", () => {
    expect(() => base32Decode("ABC1")).toThrow('not a base32 character: "1"');
  });

  it("accepts the previous, current and next step, refuses two steps away", () => {
    const now = 1_700_000_000_000;
    const s = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s + d), now, null)).toBe(s + d);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s + 2), now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s - 2), now, null)).toBeNull();
  });

  it("a code works once: steps not after the last used one are refused", () => {
    const now = 1_700_000_000_000;
    const s = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s), now, s)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s), now, s - 1)).toBe(s);
  });

  it("refuses anything that is not six digits", () => {
    for (const bad of ["", "12345", "1234567", "abcdef", "12 345"]) expect(matchTotp(RFC_SECRET, bad, Date.now(), null)).toBeNull();
  });

  it("the otpauth URI names the issuer, the account and the secret", () => {
    expect(otpauthUri("JBSWY3DPEHPK3PXP", "risk@acme.example")).toBe(
      "otpauth://totp/Clearing%20Member%20Portal%3Arisk%40acme.example?secret=JBSWY3DPEHPK3PXP&issuer=Clearing+Member+Portal&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("secret box (AES-256-GCM)", () => {
  const key = randomBytes(32);
  it("opens what it sealed, for the same user only", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", "user-1", key);
    expect(open(sealed, "user-1", key)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => open(sealed, "user-2", key)).toThrow();
    expect(() => open(sealed, "user-1", randomBytes(32))).toThrow();
  });
  it("a tampered ciphertext does not open", () => {
    const [v, iv, tag, data] = seal("secret", "u", key).split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open([v, iv, tag, flipped.toString("base64url")].join("."), "u", key)).toThrow();
  });
  it("refuses a key that is missing or not 32 bytes, naming the variable", () => {
    expect(() => parseKey(undefined)).toThrow("TOTP_ENCRYPTION_KEY is not set");
    expect(() => parseKey(Buffer.alloc(16).toString("base64"))).toThrow("TOTP_ENCRYPTION_KEY must be 32 bytes");
    expect(parseKey("ab".repeat(32)).length).toBe(32);
  });
});
