import { readFile } from "node:fs/promises";
import { NextResponse, type NextRequest } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { importTemplateStatements } from "@/lib/server/filings/import";
import { TemplateRefused } from "@/lib/server/filings/template";
import { discardUpload, stageUpload } from "@/lib/server/files/storage";
import { settingsOf } from "@/lib/server/settings/read";
import { checkOrigin } from "@/lib/server/origin";
import { FILING_KINDS, type FilingKindName } from "@/lib/validation/filing";
import { DomainError } from "@/lib/shared/errors";

export const dynamic = "force-dynamic";

/**
 * Reads a filled statement template (the body, named by `x-file-name`) for `?kind=`, and
 * answers its statements for the filing form, or 422 with every problem named by row and
 * column. `?amends=<filing id>` on the amendment page: the statement for that report's period.
 * Nothing is stored either way.
 */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
  const auth = await requireApi("member.file", "filing-import");
  if (!auth.ok) return auth.response;
  const kind = request.nextUrl.searchParams.get("kind") ?? "";
  if (!(FILING_KINDS as readonly string[]).includes(kind)) return NextResponse.json({ error: { field: "kind", message: "choose the kind of report first" } }, { status: 400 });
  // On the amendment page: the version being amended (the import fills the amendment).
  const amends = request.nextUrl.searchParams.get("amends") || null;
  if (amends !== null && !/^[0-9a-f-]{36}$/i.test(amends)) return NextResponse.json({ error: { field: "amends", message: "the filing to amend is not a filing id" } }, { status: 400 });
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  if (!name || !request.body) return NextResponse.json({ error: { field: "file", message: "choose the template file to import" } }, { status: 400 });
  const maxBytes = (await settingsOf(db()).integer("uploads.maxSizeMb")) * 1024 * 1024;
  const audit = (outcome: string, summary: Record<string, unknown>) =>
    recordAudit(db(), { actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role }, firmId: auth.actor.firmId, action: "filings.import", outcome, summary: { kind, name, ...(amends ? { amends } : {}), ...summary }, requestId: request.headers.get("x-request-id") });
  let staged;
  try {
    staged = await stageUpload(request.body, name, ["csv", "xlsx"], maxBytes);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    await audit("refused", { message: e.message });
    return NextResponse.json({ error: { field: "file", message: e.message, problems: [] } }, { status: e.status === 413 ? 413 : 422 });
  }
  try {
    const bytes = new Uint8Array(await readFile(staged.tempPath));
    const statements = await importTemplateStatements(auth.actor.firmId!, kind as FilingKindName, bytes, name, amends);
    await audit("ok", { rows: statements.length });
    return NextResponse.json({ statements });
  } catch (e) {
    if (!(e instanceof TemplateRefused)) throw e;
    await audit("refused", { message: e.message });
    return NextResponse.json({ error: { field: "file", message: `"${name}" was not imported: ${e.message}`, problems: e.problems } }, { status: 422 });
  } finally {
    await discardUpload(staged);
  }
}
