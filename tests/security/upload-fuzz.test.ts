/**
 * Malformed uploads through the real route handler (app/api/files/route.ts) with a real
 * session, real storage and the real database: each is refused with a 4xx and a message,
 * never a 500, and nothing is stored (no stored_file row, no file left under the uploads
 * folder). Only the request context (cookies, headers) is provided by the test.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { zipSync, strToU8 } from "fflate";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkSignIn } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD } from "@/lib/demo/seed";
import { testClient } from "../support/db";

const request: { token: string; headers: Headers } = { token: "", headers: new Headers() };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" ? { value: request.token } : undefined) }),
  headers: async () => request.headers,
}));

const db = testClient();
let dataDir: string;
let userId: string;
const ORIGIN = "http://portal.test";

async function listAll(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listAll(p)));
    else out.push(p);
  }
  return out;
}

async function post(name: string, body: Uint8Array) {
  const { POST } = await import("@/app/api/files/route");
  const headers = new Headers({ origin: ORIGIN, host: "portal.test", "x-file-name": encodeURIComponent(name), "x-request-id": `fuzz-${Math.random()}` });
  request.headers = headers;
  return POST(new NextRequest(`${ORIGIN}/api/files?purpose=filing-document`, { method: "POST", headers, body: Buffer.from(body) }));
}

const pdfLike = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).filter((b) => !Buffer.from(b.subarray(0, 5)).equals(Buffer.from("%PDF-"))),
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(b).toString("latin1").includes("%%EOF") ? Buffer.alloc(0) : Buffer.from(b)])),
);
const xlsxLike = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)])),
  fc.uint8Array({ maxLength: 2048 }),
  // a real ZIP that is not a workbook, or a workbook truncated somewhere
  fc.constant(zipSync({ "a.txt": strToU8("x") })),
  fc.integer({ min: 1, max: 200 }).map((cut) => {
    const wb = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
    return wb.subarray(0, Math.max(0, wb.length - cut));
  }),
);
// Not UTF-8 text: a lone continuation byte, an invalid lead byte, or a NUL somewhere.
const csvLike = fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom([0x80], [0xff], [0xc3, 0x28], [0x00], [0xed, 0xa0, 0x80]), fc.string({ maxLength: 200 })).map(([a, bad, b]) => Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(b)]));
const malformed = fc.oneof(
  pdfLike.map((body) => ({ name: "statement.pdf", body })),
  xlsxLike.map((body) => ({ name: "statement.xlsx", body })),
  csvLike.map((body) => ({ name: "positions.csv", body })),
  fc.constantFrom({ name: "empty.csv", body: new Uint8Array() }, { name: "program.exe", body: strToU8("MZ") }, { name: "noext", body: strToU8("a,b\n") }),
);

describe("upload fuzz: malformed files are refused cleanly", () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-fuzz-"));
    process.env.PORTAL_DATA_DIR = dataDir;
    process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
    const outcome = await checkSignIn(db, "ops@cobt.example", DEMO_PASSWORD, "10.9.9.9");
    if (!outcome.ok) throw new Error(outcome.message);
    userId = outcome.user.id;
    request.token = await encode({ token: { sub: userId, sid: outcome.sessionId }, secret: process.env.NEXTAUTH_SECRET });
  });
  afterAll(async () => {
    await db.$disconnect();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("every malformed PDF, XLSX or CSV gets a 4xx with a message; nothing is stored", async () => {
    const before = await db.storedFile.count({ where: { ownerUserId: userId } });
    await fc.assert(
      fc.asyncProperty(malformed, async ({ name, body }) => {
        const res = await post(name, body);
        const json = (await res.json()) as { error?: { message?: string } };
        expect(res.status, `${name} (${body.length} bytes)`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(json.error?.message, name).toMatch(/\S/);
      }),
      { numRuns: 120 },
    );
    expect(await db.storedFile.count({ where: { ownerUserId: userId } })).toBe(before);
    expect(await listAll(path.join(dataDir, "uploads"))).toEqual([]);
  });

  it("a well-formed file is accepted by the same route (the refusals are not blanket)", async () => {
    const res = await post("ok.csv", strToU8("member,amount\nCOBT,1.00\n"));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const row = await db.storedFile.findUniqueOrThrow({ where: { id } });
    expect(existsSync(path.join(dataDir, "uploads", row.storageKey))).toBe(true);
  });
});
