/**
 * Reading a SPAN XML file as clearing houses publish it: the XML itself, or a zip archive
 * holding it (CME's `.spn`/`.zip` downloads), recognised by content. Bytes are read a chunk at a
 * time, a zip is inflated as a stream with a hard cap on the inflated size (counted while
 * inflating, never trusted from the archive's headers), the text is decoded (UTF-8, or
 * ISO-8859-1 when the XML declaration says so) and fed to the streaming reader. Memory stays
 * bounded by the limits (./limits.ts), not by the file.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Unzip, UnzipInflate } from "fflate";
import { RiskError } from "../risk/errors";
import { SPAN_READ_LIMITS, sizeLabel, type SpanReadLimits } from "./limits";
import { SpanXmlReader } from "./parser";
import type { SpanFile } from "./types";

export interface ReadSpanXmlOptions {
  /** Bytes read from disk at a time (default 1 MiB). */
  readonly chunkSize?: number;
  /** Tighter (or looser) limits than SPAN_READ_LIMITS. */
  readonly limits?: Partial<SpanReadLimits>;
}

/** Compressed bytes handed to the inflater at a time: one push inflates to at most ~1,032 times this. */
const INFLATE_SLICE = 4 * 1024;
/** Bytes of the file's start looked at for the XML declaration's encoding. */
const HEAD_BYTES = 256;

function refuse(message: string): RiskError {
  return new RiskError("MALFORMED_FILE", "spanFile", message);
}

function encodingOf(head: Uint8Array): "latin1" | "utf-8" {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, HEAD_BYTES)).toString("latin1").replace(/^\u00EF\u00BB\u00BF/, "");
  const decl = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  const enc = decl ? decl[1]!.toLowerCase() : "utf-8";
  if (enc === "iso-8859-1" || enc === "latin1" || enc === "latin-1" || enc === "windows-1252") return "latin1";
  if (enc === "utf-8" || enc === "utf8") return "utf-8";
  throw new RiskError("MALFORMED_FILE", "spanFile", `unsupported XML encoding "${enc}" (UTF-8 or ISO-8859-1)`);
}

/** Decodes bytes into the reader, choosing the encoding from the first HEAD_BYTES. */
class TextFeed {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array[] = [];
  private headBytes = 0;

  constructor(private readonly reader: SpanXmlReader) {}

  push(bytes: Uint8Array): void {
    if (this.decoder) return this.decode(bytes);
    this.head.push(bytes);
    this.headBytes += bytes.byteLength;
    if (this.headBytes >= HEAD_BYTES) this.start();
  }

  end(): void {
    if (!this.decoder) this.start();
    try {
      this.reader.write(this.decoder!.decode());
    } catch (e) {
      throw asReadError(e);
    }
  }

  private start(): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.decoder = new TextDecoder(encodingOf(head), { fatal: true });
    this.decode(head);
  }

  private decode(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder!.decode(bytes, { stream: true });
    } catch (e) {
      throw asReadError(e);
    }
    this.reader.write(text);
  }
}

function asReadError(e: unknown): RiskError {
  if (e instanceof RiskError) return e;
  if (e instanceof TypeError) return refuse("the file is not valid text in its declared encoding (UTF-8 unless the XML declaration says ISO-8859-1)");
  return refuse(`the file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
}

/** Inflates a zip archive's one file as a stream into the text feed, refusing past maxInflatedBytes. */
class ZipFeed {
  private readonly unzip: Unzip;
  private error: RiskError | null = null;
  private files = 0;
  private inflated = 0;
  private finished = false;

  constructor(text: TextFeed, maxInflatedBytes: number) {
    this.unzip = new Unzip((file) => {
      if (file.name.endsWith("/")) {
        file.ondata = () => undefined;
        return file.start();
      }
      if (++this.files > 1) {
        this.error ??= refuse("the zip archive holds more than one file: a SPAN archive holds one SPAN XML file");
        file.ondata = () => undefined;
        return file.start();
      }
      if (file.compression !== 0 && file.compression !== 8) {
        this.error ??= refuse(`the zip archive's file ${file.name} uses compression method ${file.compression}: only stored and deflate are read`);
        return;
      }
      file.ondata = (err, data, final) => {
        if (this.error) return;
        if (err) {
          this.error = refuse(`the zip archive is damaged or truncated: ${err.message}`);
          return;
        }
        this.inflated += data.byteLength;
        if (this.inflated > maxInflatedBytes) {
          this.error = refuse(`the zip archive inflates to more than ${sizeLabel(maxInflatedBytes)} (the reader's limit for one SPAN file)`);
          file.terminate();
          return;
        }
        try {
          text.push(data);
        } catch (e) {
          this.error = asReadError(e);
          return;
        }
        if (final) this.finished = true;
      };
      file.start();
    });
    this.unzip.register(UnzipInflate);
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.byteLength; at += INFLATE_SLICE) {
      try {
        this.unzip.push(bytes.subarray(at, at + INFLATE_SLICE));
      } catch (e) {
        this.error ??= refuse(`the zip archive is damaged or truncated: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (this.error) throw this.error;
    }
  }

  end(): void {
    try {
      this.unzip.push(new Uint8Array(0), true);
    } catch (e) {
      this.error ??= refuse(`the zip archive is damaged or truncated: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.error) throw this.error;
    if (this.files === 0) throw refuse("the zip archive holds no file");
    if (!this.finished) throw refuse("the zip archive is truncated: its file ends before its compressed data does");
  }
}

function isZip(head: Uint8Array): boolean {
  return head.byteLength >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * Reads a SPAN file from bytes: one buffer, or chunks as they arrive (a file or upload stream).
 * A zip archive (by its first bytes) is inflated as it streams. Refuses, with a RiskError
 * MALFORMED_FILE naming the problem, an empty file, a file over maxFileBytes, an archive
 * inflating past maxInflatedBytes, and everything the XML reader refuses.
 */
export async function readSpanXmlBytes(source: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limits: Partial<SpanReadLimits> = {}): Promise<SpanFile> {
  const l = { ...SPAN_READ_LIMITS, ...limits };
  const reader = new SpanXmlReader(l);
  const text = new TextFeed(reader);
  let zip: ZipFeed | null = null;
  let head: Uint8Array | null = new Uint8Array(0);
  let total = 0;
  for await (const chunk of source instanceof Uint8Array ? [source] : source) {
    total += chunk.byteLength;
    if (total > l.maxFileBytes) throw refuse(`the file is larger than ${sizeLabel(l.maxFileBytes)} (the reader's limit for one SPAN file)`);
    let bytes: Uint8Array = chunk;
    if (head) {
      // XML or zip: decided on the first four bytes
      head = Buffer.concat([head, chunk]);
      if (head.byteLength < 4) continue;
      bytes = head;
      head = null;
      if (isZip(bytes)) zip = new ZipFeed(text, l.maxInflatedBytes);
    }
    if (zip) zip.push(bytes);
    else text.push(bytes);
  }
  if (total === 0) throw refuse("the file is empty (0 bytes)");
  if (head) text.push(head);
  zip?.end();
  text.end();
  return reader.end();
}

/** Reads and parses a SPAN file from disk (XML or zipped), streaming chunkSize bytes at a time. */
export async function readSpanXmlFile(path: string, options: number | ReadSpanXmlOptions = {}): Promise<SpanFile> {
  const { chunkSize = 1 << 20, limits = {} } = typeof options === "number" ? { chunkSize: options } : options;
  const maxFileBytes = limits.maxFileBytes ?? SPAN_READ_LIMITS.maxFileBytes;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw refuse(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (size > maxFileBytes) throw refuse(`${path} is larger than ${sizeLabel(maxFileBytes)} (the reader's limit for one SPAN file)`);
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  try {
    return await readSpanXmlBytes(stream as AsyncIterable<Buffer>, limits);
  } catch (e) {
    throw asReadError(e);
  } finally {
    stream.destroy();
  }
}
