/**
 * A stress path from CSV (columns in lib/validation/stress-path.ts), read with the margin uploads'
 * CSV reader; every refusal names the row and the column, and the whole file is refused.
 */
import { parseCsv } from "@/lib/shared/csv";
import { DomainError } from "@/lib/shared/errors";
import { STRESS_PATH_COLUMNS, STRESS_PATH_OPTIONAL_COLUMNS, stressPathRowSchema } from "@/lib/validation/stress-path";

export interface StoredMove {
  readonly day: number;
  readonly product: string;
  /** Percent change from the previous day's price, a decimal string. */
  readonly priceChangePercent: string;
  readonly scanRangeMultiplier?: string;
}

export interface ParsedStressPath {
  readonly days: number;
  readonly moves: readonly StoredMove[];
}

export class StressPathCsvError extends Error {
  constructor(message: string, readonly row: number | null, readonly column: string | null) {
    super(message);
    this.name = "StressPathCsvError";
  }
}

/** Parses a stress path CSV: days 1..N (N = the last day named), one row per day and product. */
export function stressPathFromCsv(text: string): ParsedStressPath {
  let rows;
  try {
    rows = parseCsv(text, STRESS_PATH_COLUMNS, STRESS_PATH_OPTIONAL_COLUMNS);
  } catch (e) {
    if (e instanceof DomainError && e.code === "csv") throw new StressPathCsvError(e.message, null, Object.keys(e.fieldErrors ?? {})[0] ?? null);
    throw e;
  }
  const seen = new Map<string, number>();
  const moves = rows.map((r) => {
    const parsed = stressPathRowSchema.safeParse(r.values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? "");
      throw new StressPathCsvError(`row ${r.row}, column ${column}: ${issue.message} (got "${r.values[column] ?? ""}")`, r.row, column);
    }
    const v = parsed.data;
    const day = Number.parseInt(v.day, 10);
    const key = `${day}|${v.product}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new StressPathCsvError(`row ${r.row}, column product: day ${day} already moves ${v.product} in row ${earlier}`, r.row, "product");
    seen.set(key, r.row);
    return { day, product: v.product, priceChangePercent: v.price_change_percent, ...(v.scan_range_multiplier === "" ? {} : { scanRangeMultiplier: v.scan_range_multiplier }) };
  });
  return { days: Math.max(...moves.map((m) => m.day)), moves: moves.sort((a, b) => a.day - b.day || a.product.localeCompare(b.product)) };
}
