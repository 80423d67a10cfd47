import { readFile } from "node:fs/promises";
import { NextResponse, type NextRequest } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { importCsv, ImportRefused } from "@/lib/server/credit-controls/csv-import";
import { jsonError } from "@/lib/server/credit-controls/http";
import { discardUpload, stageUpload } from "@/lib/server/files/storage";
import { checkOrigin } from "@/lib/server/origin";
import { DomainError } from "@/lib/shared/errors";

export const dynamic = "force-dynamic";

const MAX_BYTES = 5 * 1024 * 1024;

/** CSV upload of orders or fills from the portal (a risk admin's session): all rows or none. */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return jsonError(403, "origin", origin.message);
  const auth = await requireApi("member.riskAdmin", "upload:credit-feed");
  if (!auth.ok) return auth.response;
  const kind = request.nextUrl.searchParams.get("kind");
  if (kind !== "orders" && kind !== "fills") return jsonError(400, "kind", 'kind must be "orders" or "fills"');
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  if (!name) return jsonError(400, "x-file-name", "name the file in the x-file-name header");
  if (!request.body) return jsonError(400, "file", "the request has no file");
  let staged;
  try {
    staged = await stageUpload(request.body, name, ["csv"], MAX_BYTES);
  } catch (e) {
    return jsonError(e instanceof DomainError ? e.status : 500, "file", e instanceof DomainError ? e.message : "the upload failed");
  }
  const requestId = request.headers.get("x-request-id");
  try {
    const text = await readFile(staged.tempPath, "utf8");
    const result = await importCsv(db(), auth.actor, kind, staged, text, requestId);
    return NextResponse.json({ kind, imported: result.count, fileId: result.fileId }, { status: 201 });
  } catch (e) {
    await discardUpload(staged);
    if (e instanceof ImportRefused) {
      await recordAudit(db(), { actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role }, firmId: auth.actor.firmId, action: `creditControls.import.${kind}`, outcome: "refused", summary: { name, problems: e.problems.length }, requestId });
      return NextResponse.json({ error: { field: "file", message: `nothing was stored: ${e.message}`, problems: e.problems } }, { status: 422 });
    }
    throw e;
  }
}
