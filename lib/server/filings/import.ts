/**
 * Importing a filled template for one kind of report: parse it (lib/server/filings/template.ts),
 * check each statement date against the firm's filings of that kind, and answer the statements
 * for the form. Nothing is stored: the member reviews the figures and files them with the
 * signed original.
 *
 * On the amendment page (`amendsId`: the version being amended) the import fills the
 * amendment: the file's statement for the amended report's period is answered, that period
 * being already filed is the point, and the amended version must be the firm's latest of it.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { kindsFor } from "@/lib/filings/capital";
import { FILING_KIND_LABELS, todayUtc, type FilingKindName } from "@/lib/validation/filing";
import { checkTemplatePeriods, parseTemplate, TemplateRefused, type TemplateStatement } from "./template";
import { isoOf } from "@/lib/shared/dates";

const refused = (message: string) => new TemplateRefused([{ row: 1, column: null, message }]);

export async function importTemplateStatements(firmId: string, kind: FilingKindName, bytes: Uint8Array, fileName: string, amendsId: string | null = null): Promise<TemplateStatement[]> {
  const firm = await db().firm.findUniqueOrThrow({ where: { id: firmId } });
  if (!kindsFor(firm).includes(kind)) throw refused(`${firm.legalName} does not file a ${FILING_KIND_LABELS[kind]}`);
  // Looked up by id AND the firm: another firm's filing is not found.
  const amended = amendsId === null ? null : await db().filing.findFirst({ where: { id: amendsId, firmId }, include: { amendedBy: { select: { version: true } } } });
  if (amendsId !== null) {
    if (!amended) throw refused("no such filing of your firm to amend");
    if (amended.amendedBy) throw refused(`version ${amended.version} is already amended by version ${amended.amendedBy.version}: amend the latest version`);
    if (amended.kind !== kind) throw refused(`an amendment corrects the same report: a ${FILING_KIND_LABELS[amended.kind as FilingKindName]}`);
  }
  const statements = parseTemplate(bytes, fileName);
  const filed = await db().filing.findMany({ where: { firmId, kind, version: 1 }, select: { periodEnd: true } });
  const filedPeriods = new Set(filed.map((f) => isoOf(f.periodEnd)));
  if (!amended) {
    checkTemplatePeriods(statements, kind, todayUtc(), filedPeriods);
    return statements;
  }
  const period = isoOf(amended.periodEnd);
  const forPeriod = statements.filter((s) => s.periodEnd === period);
  if (forPeriod.length === 0) {
    throw new TemplateRefused([{ row: 1, column: "period_end", message: `the file has no statement dated ${period}, the period of the report this amendment corrects` }]);
  }
  filedPeriods.delete(period);
  checkTemplatePeriods(forPeriod, kind, todayUtc(), filedPeriods);
  return forPeriod;
}
