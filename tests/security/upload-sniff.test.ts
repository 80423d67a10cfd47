import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { zipSync, strToU8 } from "fflate";
import { sniff, kindFromName, XLSX_MAX_UNPACKED_BYTES } from "@/lib/files/sniff";

const pdf = strToU8("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const xlsx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });

describe("upload type check by content", () => {
  it("accepts a real PDF, XLSX and CSV", () => {
    expect(sniff(pdf, "pdf")).toEqual({ ok: true, kind: "pdf" });
    expect(sniff(xlsx, "xlsx")).toEqual({ ok: true, kind: "xlsx" });
    expect(sniff(strToU8("member,amount\nACME,12.50\n"), "csv")).toEqual({ ok: true, kind: "csv" });
  });

  it("refuses a file whose content is not what its name says, naming why", () => {
    expect(sniff(strToU8("MZ executable"), "pdf")).toMatchObject({ ok: false, reason: expect.stringMatching(/not a PDF/) });
    expect(sniff(pdf.subarray(0, 20), "pdf")).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated/) });
    expect(sniff(pdf, "xlsx")).toMatchObject({ ok: false, reason: expect.stringMatching(/not an Excel workbook/) });
    expect(sniff(zipSync({ "a.txt": strToU8("x") }), "xlsx")).toMatchObject({ ok: false, reason: expect.stringMatching(/no xl\/workbook.xml/) });
    expect(sniff(new Uint8Array([0x61, 0x00, 0x62]), "csv")).toMatchObject({ ok: false });
    expect(sniff(new Uint8Array([0xff, 0xfe, 0x41]), "csv")).toMatchObject({ ok: false });
    expect(sniff(new Uint8Array(), "csv")).toMatchObject({ ok: false, reason: "the file is empty" });
  });

  it("refuses a zip bomb by its declared unpacked size before unpacking it", () => {
    const bomb = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": new Uint8Array(XLSX_MAX_UNPACKED_BYTES / 100) }, { level: 9 });
    expect(sniff(bomb, "xlsx")).toMatchObject({ ok: false, reason: expect.stringMatching(/expands suspiciously|more than/) });
  });

  it("refuses a zip bomb whose archive declares small sizes, by inflating it for real with a cap (ASVS 5.2.3)", () => {
    const bomb = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    // Declare every entry 4 KB unpacked, in the local headers and the central directory.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 4096, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 4096, true);
    }
    expect(sniff(bomb, "xlsx")).toMatchObject({ ok: false, reason: expect.stringMatching(/inflates to more than [\d,.]+ (KB|MB) \(at most 200 MB, .*refused as a possible ZIP bomb/) });
  });

  it("an upload refusal states sizes in MB, not raw bytes (\"300.1 MB, more than the 200 MB allowed\")", () => {
    const bomb = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
    // Declare 314,572,878 bytes unpacked in all: 157,286,439 per entry, in the local headers and the central directory.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 157286439, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 157286439, true);
    }
    expect(sniff(bomb, "xlsx")).toMatchObject({ ok: false, reason: "the workbook unpacks to 300.1 MB, more than the 200 MB allowed" });
  });

  it("takes the kind from the extension only for pdf, xlsx and csv", () => {
    expect(kindFromName("Statement.PDF")).toBe("pdf");
    expect(kindFromName("book.xlsx")).toBe("xlsx");
    expect(kindFromName("evil.exe")).toBeNull();
    expect(kindFromName("noext")).toBeNull();
  });

  it("never throws on arbitrary bytes, whatever the claimed kind (fast-check)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom("pdf", "xlsx", "csv" as const), (bytes, kind) => {
        const r = sniff(bytes, kind);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
    // Corrupted real workbooks: flip bytes in the central directory.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: xlsx.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = xlsx.slice();
        copy[at] = value;
        expect(() => sniff(copy, "xlsx")).not.toThrow();
      }),
    );
  });
});

describe("XML (SPAN risk parameter files)", () => {
  it("accepts text that starts with markup, after a BOM and white space", () => {
    expect(sniff(new TextEncoder().encode('\uFEFF\n<?xml version="1.0"?><spanFile/>'), "xml")).toEqual({ ok: true, kind: "xml" });
    expect(kindFromName("cme.20261120.s.xml")).toBe("xml");
  });
  it("refuses a file named .xml that is not XML text", () => {
    expect(sniff(new TextEncoder().encode("contract,price\n"), "xml")).toMatchObject({ ok: false, reason: expect.stringMatching(/does not start with XML markup/) });
    expect(sniff(new Uint8Array([0x3c, 0, 1]), "xml")).toMatchObject({ ok: false });
  });
});

describe("SPAN files as clearing houses publish them (.spn, .zip)", () => {
  const xml = new TextEncoder().encode('<?xml version="1.0"?><spanFile/>');
  it("accepts a .spn that is SPAN XML or a ZIP archive holding it, and a .zip archive", async () => {
    const { zipSync } = await import("fflate");
    const zip = zipSync({ "cme.20160520.s.spn": xml });
    expect(kindFromName("cme.20160520.s.spn")).toBe("spn");
    expect(kindFromName("cme.20160520.s.spn.zip")).toBe("zip");
    expect(sniff(xml, "spn")).toEqual({ ok: true, kind: "spn" });
    expect(sniff(zip, "spn")).toEqual({ ok: true, kind: "spn" });
    expect(sniff(zip, "zip")).toEqual({ ok: true, kind: "zip" });
  });
  it("refuses a .zip that is not a ZIP archive and a .spn that is neither", () => {
    expect(sniff(xml, "zip")).toMatchObject({ ok: false, reason: expect.stringMatching(/not a ZIP archive/) });
    expect(sniff(new TextEncoder().encode("contract,price\n"), "spn")).toMatchObject({ ok: false, reason: expect.stringMatching(/neither SPAN XML nor a ZIP archive/) });
  });
});
