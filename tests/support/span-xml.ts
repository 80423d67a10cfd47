/** Helpers of the SPAN XML reader's tests: a minimal file around some content, and the refusal a read ends with. */
import { expect } from "vitest";

/** A minimal valid file around one clearing organisation's content. */
export function spanFile(clearingOrg: string, definitions = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<spanFile><fileFormat>4.00</fileFormat><definitions>${definitions}</definitions><pointInTime><date>20160520</date><isSetl>1</isSetl><clearingOrg><ec>CME</ec>${clearingOrg}</clearingOrg></pointInTime></spanFile>\n`;
}

/** The error `p` is rejected with (it must be rejected). */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; field: string; message: string }> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).not.toBeNull();
  return e as { code: string; field: string; message: string };
}
