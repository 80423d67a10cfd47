/** Sizes in bytes for people (upload limits and refusals): shared by the server and the UI kit. */
import { groupThousands } from "@/lib/risk/money";

const BYTE_UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

/**
 * A size in bytes for people (binary units, 1 KB = 1,024 bytes): "200 MB", "512 bytes",
 * "1.5 KB". Not a whole number of the unit: one decimal, rounded up, so a file over a limit
 * never reads as the limit itself ("300.1 MB" for 314,572,878 bytes, never "300 MB").
 */
export function formatBytes(bytes: number | bigint): string {
  let n = typeof bytes === "bigint" ? bytes : BigInt(Math.trunc(bytes));
  const negative = n < 0n;
  if (negative) n = -n;
  let unit = 0;
  let scale = 1n;
  while (unit < BYTE_UNITS.length - 1 && n >= scale * 1024n) {
    scale *= 1024n;
    unit++;
  }
  const sign = negative ? "-" : "";
  if (unit === 0) return `${sign}${groupThousands(n.toString())} ${n === 1n ? "byte" : "bytes"}`;
  const whole = n / scale;
  if (n % scale === 0n) return `${sign}${groupThousands(whole.toString())} ${BYTE_UNITS[unit]}`;
  // tenths, rounded up
  const tenths = (n * 10n + scale - 1n) / scale;
  return `${sign}${groupThousands((tenths / 10n).toString())}.${tenths % 10n} ${BYTE_UNITS[unit]}`;
}
