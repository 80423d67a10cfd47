/**
 * The JSON columns of margin read and written through a zod schema (lib/shared/json-column.ts).
 * risk_parameter_set.import_report: what a SPAN file held, what was not carried over and what
 * was not read (lib/span-xml/report.ts).
 */
import { z } from "zod";
import type { SpanImportReport } from "@/lib/span-xml";

const counts = { products: z.number().int().nonnegative(), futures: z.number().int().nonnegative(), optionSeries: z.number().int().nonnegative(), options: z.number().int().nonnegative() };

export const importReportColumn = z.object({
  fileFormat: z.string().optional(),
  businessDate: z.string().optional(),
  clearingOrg: z.string().optional(),
  exchanges: z.array(z.object({ code: z.string(), name: z.string().optional(), ...counts })).readonly(),
  combinedCommodities: z.array(z.object({ code: z.string(), name: z.string().optional(), currency: z.string(), ...counts })).readonly(),
  currencyConversions: z.number().int().nonnegative(),
  skipped: z.array(z.string()).readonly(),
  unread: z.array(z.object({ path: z.string(), count: z.number().int().nonnegative() })).readonly(),
});

/** What the column holds is a SpanImportReport (checked here, at compile time). */
export type StoredImportReport = z.output<typeof importReportColumn>;
const sameShape: (r: StoredImportReport) => SpanImportReport = (r) => r;
void sameShape;
