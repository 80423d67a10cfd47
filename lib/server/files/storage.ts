/**
 * Uploaded documents: streamed to a temporary file outside the web root (under the data
 * directory) with the size limit enforced while streaming, checked by content, then moved to
 * a server-generated name and recorded. Nothing is kept from a refused upload.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { CONTENT_TYPES, kindFromName, sniff, type FileKind } from "@/lib/files/sniff";
import type { Tx } from "@/lib/server/action";
import { DomainError, fieldRefusal } from "@/lib/shared/errors";

export function uploadsDir(): string {
  return path.join(path.resolve(/*turbopackIgnore: true*/ process.env.PORTAL_DATA_DIR ?? ".data"), "uploads");
}

/** A refused upload (code "upload-refused"), naming the file field; 413 when too large. */
function uploadRefused(message: string, status = 400): DomainError {
  return fieldRefusal("upload-refused", message, "file", status);
}

export interface StagedUpload {
  readonly tempPath: string;
  readonly kind: FileKind;
  readonly size: number;
  readonly sha256: string;
  readonly originalName: string;
}

/** Streams the body to a temporary file, refusing it past `maxBytes`, then checks the content. */
export async function stageUpload(body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>, originalName: string, allowed: readonly FileKind[], maxBytes: number): Promise<StagedUpload> {
  const name = path.basename(originalName).slice(0, 200);
  const kind = kindFromName(name);
  if (!kind || !allowed.includes(kind)) throw uploadRefused(`"${name}": only ${allowed.map((k) => k.toUpperCase()).join(", ")} files are accepted here`);
  const tmpDir = path.join(uploadsDir(), "tmp");
  await mkdir(tmpDir, { recursive: true });
  const tempPath = path.join(tmpDir, randomUUID());
  const hash = createHash("sha256");
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(uploadRefused(`"${name}" is larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB limit`, 413));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), limit, createWriteStream(tempPath, { flags: "wx", mode: 0o600 }));
    await fsyncPath(tempPath);
    const content = await readFile(tempPath);
    const check = sniff(content, kind);
    if (!check.ok) throw uploadRefused(`"${name}": ${check.reason}`);
    return { tempPath, kind, size, sha256: hash.digest("hex"), originalName: name };
  } catch (e) {
    await rm(tempPath, { force: true });
    if (e instanceof DomainError) throw e;
    throw uploadRefused(`"${name}" could not be received: ${(e as Error).message}`);
  }
}

/** Moves a staged upload to its permanent generated name and records it, in the caller's transaction. */
export async function commitUpload(tx: Tx, staged: StagedUpload, meta: { firmId: string | null; ownerUserId: string; purpose: string }) {
  const storageKey = `${new Date().toISOString().slice(0, 7)}/${randomUUID()}`;
  const finalPath = path.join(uploadsDir(), storageKey);
  await mkdir(path.dirname(finalPath), { recursive: true });
  const row = await tx.storedFile.create({
    data: {
      firmId: meta.firmId,
      ownerUserId: meta.ownerUserId,
      purpose: meta.purpose,
      originalName: staged.originalName,
      contentType: CONTENT_TYPES[staged.kind],
      sizeBytes: BigInt(staged.size),
      sha256: staged.sha256,
      storageKey,
    },
  });
  await rename(staged.tempPath, finalPath);
  // The file is on disk before the row commits (and the portal acknowledges the upload).
  await fsyncPath(path.dirname(finalPath));
  return row;
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function discardUpload(staged: StagedUpload): Promise<void> {
  await rm(staged.tempPath, { force: true });
}

export function storedFilePath(storageKey: string): string {
  const full = path.join(uploadsDir(), storageKey);
  if (!full.startsWith(uploadsDir() + path.sep)) throw new Error("bad storage key");
  return full;
}

/** Removes a file moved into place by a transaction that then did not commit. */
export async function discardStored(storageKey: string): Promise<void> {
  await rm(storedFilePath(storageKey), { force: true });
}
