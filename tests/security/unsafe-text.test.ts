import { describe, expect, it } from "vitest";
import { checkSubmittedText, unsafeCharacter, visibleText } from "@/lib/text/unsafe-text";

describe("free text cannot change how the text around it reads (ASVS 5.0 1.2, Trojan Source)", () => {
  it("refuses bidirectional overrides, isolates, direction marks and control characters, naming the field and the character", () => {
    for (const c of ["\u202E", "\u202A", "\u2066", "\u2069", "\u200F", "\u061C", "\u0000", "\u001B", "\u007F", "\u0085"]) {
      expect(unsafeCharacter(`desk ${c}review`)).not.toBeNull();
    }
    const r = checkSubmittedText({ reason: "desk \u202Eweiver", account: "ACC1", legs: [{ note: "ok" }, { note: "x\u2067y" }] });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        reason: ["reason must not contain invisible direction or control characters (found U+202E); retype it without them"],
        "legs.1.note": ["legs.1.note must not contain invisible direction or control characters (found U+2067); retype it without them"],
      },
    });
  });

  it("accepts tabs, line breaks and every script, stored in NFC", () => {
    const r = checkSubmittedText({ name: "Société Générale\tLyon\r\nشركة", decomposed: "Cafe\u0301" });
    expect(r).toEqual({ ok: true, value: { name: "Société Générale\tLyon\r\nشركة", decomposed: "Café" } });
  });

  it("shows stored unsafe characters as visible escapes", () => {
    expect(visibleText('{"reason":"desk \u202Eweiver"}')).toBe('{"reason":"desk \\u202Eweiver"}');
  });
});
