/**
 * The real inflated size of a ZIP archive, by streaming inflation with a hard cap: the sizes an
 * archive declares are not believed (a bomb declares 4 KB and inflates to gigabytes). The archive
 * is fed in small chunks, so at most about a thousand times a chunk is ever inflated at once, and
 * inflation stops as soon as the cap is passed.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from "fflate";
import { formatBytes } from "@/lib/shared/bytes";

const CHUNK = 16 * 1024;

export type InflatedSize = { ok: true; bytes: number; entries: number } | { ok: false; reason: string };

/** Inflates every entry of `buf`, counting bytes; refuses past `cap` bytes in all. */
export function inflatedZipSize(buf: Uint8Array, cap: number): InflatedSize {
  let total = 0;
  let entries = 0;
  let over = false;
  let failure: string | null = null;
  const unzip = new Unzip((file) => {
    entries++;
    if (file.compression !== 0 && file.compression !== 8) {
      failure = `entry ${file.name} uses compression method ${file.compression}, which is not accepted`;
      return;
    }
    file.ondata = (err, chunk) => {
      if (err) {
        failure = `entry ${file.name} is damaged: ${err.message}`;
        return;
      }
      total += chunk.length;
      if (total > cap) {
        over = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let i = 0; i < buf.length && !over && failure === null; i += CHUNK) unzip.push(buf.subarray(i, Math.min(buf.length, i + CHUNK)), i + CHUNK >= buf.length);
  } catch (e) {
    return { ok: false, reason: `the archive is damaged: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (failure !== null) return { ok: false, reason: failure };
  if (over) return { ok: false, reason: `it inflates to more than ${formatBytes(cap)}` };
  return { ok: true, bytes: total, entries };
}
