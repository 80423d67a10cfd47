/**
 * Free text from users (names, reasons, ids) must not change how the text around it reads:
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks
 * (U+200E, U+200F, U+061C) and control characters other than tab and line breaks are refused,
 * and accepted text is stored in Unicode NFC (ASVS 5.0 1.2.x, "Trojan Source", CVE-2021-42574).
 * Client-safe: forms and the server share it.
 */

const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const UNSAFE_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The first unsafe character of `text`, as U+XXXX, or null. */
export function unsafeCharacter(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function unsafeTextMessage(character: string): string {
  return `must not contain invisible direction or control characters (found ${character}); retype it without them`;
}

/**
 * Checks every string in a submitted value (objects and arrays walked; files skipped): returns
 * the value with strings in NFC, or the fields holding unsafe characters with the message.
 */
export function checkSubmittedText(value: unknown): { ok: true; value: unknown } | { ok: false; fieldErrors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const bad = unsafeCharacter(v);
      if (bad) errors[path || "value"] = [`${path || "This field"} ${unsafeTextMessage(bad)}`];
      return v.normalize("NFC");
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k);
      return out;
    }
    return v;
  };
  const normalized = walk(value, "");
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : { ok: true, value: normalized };
}

/** Stored text for display: unsafe characters shown as visible escapes (\u202E), never acting on the page. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
