/**
 * JSON columns are read and written through their zod schema, never cast: `writeJson` checks a
 * value before it is stored, `readJson` checks what comes back. A stored value that does not
 * match its schema (written by hand, by an older version, or damaged) fails loudly, naming the
 * column and where the value is wrong, instead of reaching a page or a calculation as something
 * it is not. Client-safe (zod only).
 */
import type { z } from "zod";

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") : "the value"}: ${i.message}`)
    .join("; ");
}

/** The value of JSON column `column` (as "table.column"), checked against its schema. */
export function readJson<S extends z.ZodType>(schema: S, value: unknown, column: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`The stored ${column} is malformed (${describe(parsed.error)}); it was not read.`);
  return parsed.data;
}

/** `value` checked against the schema of JSON column `column` before it is stored. */
export function writeJson<S extends z.ZodType>(schema: S, value: z.input<S>, column: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`The ${column} to store does not match its schema (${describe(parsed.error)}); nothing was stored.`);
  return parsed.data;
}
