/**
 * Stress paths (stress-path simulator): the CSV row a path is made of, the member's run and the
 * staff's create/publish forms. Shared by the forms, the route and the actions.
 *
 * CSV columns: day (1..20), product (e.g. CME:ES), price_change_percent (percent change from the
 * previous day's price: "-2.5" = down 2.5%), scan_range_multiplier (optional: the product's scan
 * ranges × this from that day on, relative to today's).
 */
import { z } from "zod";

export const STRESS_PATH_COLUMNS = ["day", "product", "price_change_percent"] as const;
export const STRESS_PATH_OPTIONAL_COLUMNS = ["scan_range_multiplier"] as const;
export const STRESS_PATH_MAX_DAYS = 20;
/** At most this many characters of CSV (20 days × a few hundred products). */
export const STRESS_PATH_MAX_CSV = 200_000;

/** "-100" or lower refused: a price cannot fall by 100% or more. Exact on the text, never through a float. */
const aboveMinus100 = (s: string): boolean => !s.startsWith("-") || /^-0*\d{1,2}(\.\d+)?$/.test(s);

export const stressPathRowSchema = z.object({
  day: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "A whole day number from 1 to 20")
    .refine((s) => { const n = Number.parseInt(s, 10); return n >= 1 && n <= STRESS_PATH_MAX_DAYS; }, "A whole day number from 1 to 20"),
  product: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,39}$/, "A product code such as CME:ES (letters, digits, : . _ -)"),
  price_change_percent: z
    .string()
    .trim()
    .regex(/^[+-]?\d{1,4}(\.\d{1,4})?$/, "A percent change such as -2.5 (at most 4 decimals)")
    .refine(aboveMinus100, "A price cannot fall by 100% or more"),
  scan_range_multiplier: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((s) => s === "" || (/^(\d(\.\d{1,2})?|10(\.0{1,2})?)$/.test(s) && /[1-9]/.test(s)), "A multiplier above 0 and at most 10, at most 2 decimals (empty: unchanged)"),
});

export type StressPathRow = z.output<typeof stressPathRowSchema>;

const csvText = z.string().min(1, "Choose a CSV file").max(STRESS_PATH_MAX_CSV, `At most ${STRESS_PATH_MAX_CSV.toLocaleString("en-US")} characters`);

/** A member's run: one of the firm's accounts and a published path or an uploaded CSV. */
export const stressRunSchema = z
  .object({
    accountId: z.string().uuid("Choose one of your firm's accounts"),
    pathId: z.string().uuid("Choose a published path").optional(),
    csv: csvText.optional(),
  })
  .refine((v) => (v.pathId === undefined) !== (v.csv === undefined), { message: "Choose a published path or upload a CSV, not both", path: ["pathId"] });

export const createStressPathSchema = z.object({
  name: z.string().trim().min(3, "At least 3 characters").max(80, "At most 80 characters"),
  description: z.string().trim().max(500, "At most 500 characters").optional().default(""),
  csv: csvText,
});

export const setStressPathStatusSchema = z.object({
  pathId: z.string().uuid("Choose a path"),
  status: z.enum(["PUBLISHED", "WITHDRAWN"], { message: "Publish or withdraw" }),
});
