/**
 * What an uploaded file really is, by its content, not its name: PDF ("%PDF-"), XLSX (a ZIP
 * holding [Content_Types].xml and xl/workbook.xml, whose real inflated size is bounded: the
 * archive is inflated as a stream and refused as soon as it passes the limit, whatever sizes it
 * declares, so a zip bomb is never stored), CSV (UTF-8 text, no NUL bytes), XML (text
 * starting with markup; the SPAN reader checks the rest), ZIP (a ZIP archive; the SPAN reader
 * inflates it under its own cap), SPN (a SPAN file as clearing houses name them: XML, or a ZIP
 * holding it).
 */
import { inflatedZipSize } from "./zip";
import { formatBytes } from "@/lib/shared/bytes";

export type FileKind = "pdf" | "xlsx" | "csv" | "xml" | "zip" | "spn";

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  xml: "application/xml",
  zip: "application/zip",
  spn: "application/octet-stream",
};

/** Largest total unpacked size of an XLSX, and largest expansion ratio. */
export const XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
export const XLSX_MAX_RATIO = 200;

export type SniffResult = { ok: true; kind: FileKind } | { ok: false; reason: string };

export function kindFromName(name: string): FileKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === "pdf" || ext === "xlsx" || ext === "csv" || ext === "xml" || ext === "zip" || ext === "spn" ? ext : null;
}

interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly method: number;
  readonly localHeaderOffset: number;
}

/** Reads a ZIP's central directory. Throws with a reason on anything malformed. */
export function zipEntries(buf: Uint8Array): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a ZIP archive (no end of central directory)");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > buf.length) throw new Error("ZIP central directory out of bounds");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== 0x02014b50) throw new Error("ZIP central directory is corrupt");
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > buf.length) throw new Error("ZIP entry name out of bounds");
    const name = new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen));
    if (localHeaderOffset + 30 > buf.length) throw new Error(`ZIP entry ${name} out of bounds`);
    entries.push({ name, compressedSize, uncompressedSize, method, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function isUtf8Text(buf: Uint8Array): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** XML text: no NUL bytes, and the first thing after a BOM and white space is markup. */
function isXmlText(buf: Uint8Array): boolean {
  if (buf.includes(0)) return false;
  const head = new TextDecoder("latin1").decode(buf.subarray(0, 256)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").trimStart();
  return head.startsWith("<");
}

/** A ZIP archive: local file header signature first, and a central directory that reads. */
function isZipArchive(buf: Uint8Array): boolean {
  if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b || buf[2] !== 0x03 || buf[3] !== 0x04) return false;
  try {
    zipEntries(buf);
    return true;
  } catch {
    return false;
  }
}

/** Checks that the content is of the kind the name says; the reason names what is wrong. */
export function sniff(buf: Uint8Array, claimed: FileKind): SniffResult {
  if (buf.length === 0) return { ok: false, reason: "the file is empty" };
  switch (claimed) {
    case "pdf": {
      const head = new TextDecoder().decode(buf.subarray(0, 5));
      if (head !== "%PDF-") return { ok: false, reason: "the file is named .pdf but is not a PDF document" };
      const tail = new TextDecoder().decode(buf.subarray(Math.max(0, buf.length - 1024)));
      if (!tail.includes("%%EOF")) return { ok: false, reason: "the PDF document is truncated (no %%EOF marker)" };
      return { ok: true, kind: "pdf" };
    }
    case "xlsx": {
      if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b || buf[2] !== 0x03 || buf[3] !== 0x04) {
        return { ok: false, reason: "the file is named .xlsx but is not an Excel workbook (not a ZIP archive)" };
      }
      let entries: ZipEntry[];
      try {
        entries = zipEntries(buf);
      } catch (e) {
        return { ok: false, reason: `the Excel workbook is damaged: ${(e as Error).message}` };
      }
      const names = new Set(entries.map((e) => e.name));
      if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) return { ok: false, reason: "the ZIP archive is not an Excel workbook (no xl/workbook.xml)" };
      const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
      if (declared > XLSX_MAX_UNPACKED_BYTES) return { ok: false, reason: `the workbook unpacks to ${formatBytes(declared)}, more than the ${formatBytes(XLSX_MAX_UNPACKED_BYTES)} allowed` };
      // The declared sizes can lie: inflate for real, stopping at the limit.
      const ratioCap = XLSX_MAX_RATIO * buf.length;
      const real = inflatedZipSize(buf, Math.min(XLSX_MAX_UNPACKED_BYTES, ratioCap));
      if (!real.ok) {
        return { ok: false, reason: real.reason.startsWith("it inflates") ? `the workbook ${real.reason} (at most ${formatBytes(XLSX_MAX_UNPACKED_BYTES)}, and ${XLSX_MAX_RATIO} times its packed size): refused as a possible ZIP bomb` : `the Excel workbook is damaged: ${real.reason}` };
      }
      return { ok: true, kind: "xlsx" };
    }
    case "csv":
      return isUtf8Text(buf) ? { ok: true, kind: "csv" } : { ok: false, reason: "the file is named .csv but is not UTF-8 text" };
    case "xml":
      return isXmlText(buf) ? { ok: true, kind: "xml" } : { ok: false, reason: buf.includes(0) ? "the file is named .xml but is not text" : "the file is named .xml but does not start with XML markup" };
    case "zip":
      return isZipArchive(buf) ? { ok: true, kind: "zip" } : { ok: false, reason: "the file is named .zip but is not a ZIP archive" };
    case "spn":
      return isZipArchive(buf) || isXmlText(buf) ? { ok: true, kind: "spn" } : { ok: false, reason: "the file is named .spn but is neither SPAN XML nor a ZIP archive holding it" };
  }
}
