/**
 * The SPAN XML reader's limits (ASVS 5.2, 1.5): an XML bomb (DOCTYPE, entities), deep nesting,
 * one huge element, a file over the size limit and a zip bomb are refused within bounded memory
 * (docs/span-xml.md). Moved from tests/unit/span-xml/reader.test.ts.
 */
import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { parseSpanXml, readSpanXmlBytes, readSpanXmlFile } from "@/lib/span-xml";
import { refusal, spanFile } from "../support/span-xml";

const REAL = path.join(__dirname, "../fixtures/span", "clearing-house-4.00.xml");


describe("SPAN XML limits: bombs and oversized input are refused", () => {
  it("an XML bomb: any DOCTYPE or entity declaration is refused outright", async () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE spanFile [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<spanFile><fileFormat>&c;</fileFormat></spanFile>`;
    const e = await refusal(parseSpanXml(bomb));
    expect(e.code).toBe("MALFORMED_FILE");
    expect(e.message).toMatch(/DOCTYPE declaration: SPAN XML files have none/);
  });

  it("100,000 nested elements stop at the depth limit (64)", async () => {
    const depth = 100_000;
    const e = await refusal(parseSpanXml(spanFile(`${"<x>".repeat(depth)}${"</x>".repeat(depth)}`)));
    expect(e.code).toBe("MALFORMED_FILE");
    expect(e.message).toMatch(/elements nest deeper than 64 levels/);
  });

  it("a 200 MB single text element is refused after about 1 MiB of it (element-size limit), reading no further", async () => {
    let chunksRead = 0;
    const mib = Buffer.alloc(1 << 20, "7");
    async function* stream(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`<?xml version="1.0"?><spanFile><fileFormat>4.00</fileFormat><created>`);
      for (let i = 0; i < 200; i++) {
        chunksRead++;
        yield mib;
      }
      yield Buffer.from("</created></spanFile>");
    }
    const e = await refusal(readSpanXmlBytes(stream(), { maxFileBytes: 300 * 1024 * 1024 }));
    expect(e.message).toMatch(/one element's text or markup is longer than 1 MiB characters/);
    expect(e.field).toBe("spanFile/created");
    expect(chunksRead).toBeLessThanOrEqual(3);
  });

  it("the element-size limit counts one element, not the file: a 3 MB file of small elements, given whole or in 1 MiB chunks, reads", async () => {
    const xml = spanFile("", "<venueDef><venue>GLBX</venue><name>CME Globex</name></venueDef>".repeat(50_000));
    expect(xml.length).toBeGreaterThan(3_000_000);
    expect((await parseSpanXml(xml)).unread).toEqual([{ path: "spanFile/definitions/venueDef", count: 50_000 }]);
    const bytes = Buffer.from(xml);
    const chunks = Array.from({ length: Math.ceil(bytes.length / (1 << 20)) }, (_, i) => bytes.subarray(i << 20, (i + 1) << 20));
    expect((await readSpanXmlBytes(chunks)).unread).toEqual([{ path: "spanFile/definitions/venueDef", count: 50_000 }]);
  });

  it("a file over the file-size limit is refused before it is parsed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "span-big-"));
    const file = path.join(dir, "big.xml");
    await writeFile(file, await readFile(REAL));
    const e = await refusal(readSpanXmlFile(file, { limits: { maxFileBytes: 16 * 1024 } }));
    expect(e.message).toMatch(/is larger than 16 KiB \(the reader's limit for one SPAN file\)/);
    const streamed = await refusal(readSpanXmlBytes([Buffer.alloc(10_000, 32), Buffer.alloc(10_000, 32)], { maxFileBytes: 16 * 1024 }));
    expect(streamed.message).toMatch(/the file is larger than 16 KiB/);
  });

  it("a zip bomb is refused once the inflated bytes pass the limit, counted while inflating (not the sizes the archive declares)", async () => {
    const xml = Buffer.from(`<?xml version="1.0"?><spanFile><fileFormat>4.00</fileFormat>${"<x/>".repeat(2 << 20)}</spanFile>`);
    const zip = zipSync({ "bomb.xml": xml }, { level: 6 });
    // the local header's declared size is a lie: say 1 KiB
    const lied = Uint8Array.from(zip);
    new DataView(lied.buffer).setUint32(22, 1024, true);
    expect(lied.byteLength).toBeLessThan(200 * 1024);
    const e = await refusal(readSpanXmlBytes(lied, { maxInflatedBytes: 1024 * 1024 }));
    expect(e.message).toMatch(/the zip archive inflates to more than 1 MiB/);
  });

});
