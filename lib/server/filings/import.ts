/**
 * Importing a filled template for one kind of report: parse it (lib/server/filings/template.ts),
 * check each statement date against the firm's filings of that kind, and answer the statements
 * for the form. Nothing is stored: the member reviews the figures and files them with the
 * signed original.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { kindsFor } from "@/lib/filings/capital";
import { FILING_KIND_LABELS, todayUtc, type FilingKindName } from "@/lib/validation/filing";
import { checkTemplatePeriods, parseTemplate, TemplateRefused, type TemplateStatement } from "./template";
import { isoOf } from "./service";

export async function importTemplateStatements(firmId: string, kind: FilingKindName, bytes: Uint8Array, fileName: string): Promise<TemplateStatement[]> {
  const firm = await db().firm.findUniqueOrThrow({ where: { id: firmId } });
  if (!kindsFor(firm).includes(kind)) {
    throw new TemplateRefused([{ row: 1, column: null, message: `${firm.legalName} does not file a ${FILING_KIND_LABELS[kind]}` }]);
  }
  const statements = parseTemplate(bytes, fileName);
  const filed = await db().filing.findMany({ where: { firmId, kind, version: 1 }, select: { periodEnd: true } });
  checkTemplatePeriods(statements, kind, todayUtc(), new Set(filed.map((f) => isoOf(f.periodEnd))));
  return statements;
}
