/**
 * Reading a SPAN XML file from disk as a stream: the bytes are decoded chunk by chunk (UTF-8,
 * or ISO-8859-1 when the XML declaration says so, as some clearing houses publish) and fed to
 * the streaming reader. Memory use does not grow with the file size beyond the parameters read.
 */
import { createReadStream } from "node:fs";
import { RiskError } from "../risk/errors";
import { SpanXmlReader } from "./parser";
import type { SpanFile } from "./types";

function encodingOf(head: Buffer): string {
  const decl = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString("latin1").replace(/^\uFEFF/, ""));
  const enc = decl ? decl[1]!.toLowerCase() : "utf-8";
  if (enc === "iso-8859-1" || enc === "latin1" || enc === "latin-1" || enc === "windows-1252") return "latin1";
  if (enc === "utf-8" || enc === "utf8") return "utf-8";
  throw new RiskError("MALFORMED_FILE", "spanFile", `unsupported XML encoding "${enc}"`);
}

/** Reads and parses a SPAN XML file (streaming; chunkSize bytes at a time). */
export async function readSpanXmlFile(path: string, chunkSize = 1 << 20): Promise<SpanFile> {
  const reader = new SpanXmlReader();
  let decoder: TextDecoder | null = null;
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: chunkSize });
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      if (!decoder) decoder = new TextDecoder(encodingOf(buf) === "latin1" ? "latin1" : "utf-8", { fatal: true });
      reader.write(decoder.decode(buf, { stream: true }));
    }
  } catch (e) {
    stream?.destroy();
    if (e instanceof RiskError) throw e;
    if (e instanceof TypeError) throw new RiskError("MALFORMED_FILE", "spanFile", `${path}: the file is not valid text in its declared encoding`);
    throw new RiskError("MALFORMED_FILE", "spanFile", `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (decoder) reader.write(decoder.decode());
  return reader.end();
}
