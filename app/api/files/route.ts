import { NextResponse, type NextRequest } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { UPLOAD_PURPOSES } from "@/lib/server/files/purposes";
import { commitUpload, discardUpload, stageUpload, UploadRefused } from "@/lib/server/files/storage";
import { settingValue } from "@/lib/server/settings/queries";
import { checkOrigin } from "@/lib/server/origin";

export const dynamic = "force-dynamic";

/**
 * Upload a document: the body is the file itself, `x-file-name` its name, `?purpose=` what it
 * is for. Streams to storage with the size limit (setting uploads.maxSizeMb), checks the type
 * by content, and answers with the stored file's id once it is recorded.
 */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
  const purpose = request.nextUrl.searchParams.get("purpose") ?? "";
  const spec = UPLOAD_PURPOSES[purpose];
  if (!spec) return NextResponse.json({ error: { field: "purpose", message: `unknown upload purpose "${purpose}"` } }, { status: 400 });
  const auth = await requireApi(spec.permission, `upload:${purpose}`);
  if (!auth.ok) return auth.response;
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  if (!name) return NextResponse.json({ error: { field: "x-file-name", message: "name the file in the x-file-name header" } }, { status: 400 });
  if (!request.body) return NextResponse.json({ error: { field: "body", message: "the request has no file" } }, { status: 400 });
  const maxBytes = Number.parseInt(await settingValue("uploads.maxSizeMb"), 10) * 1024 * 1024;
  const declared = Number.parseInt(request.headers.get("content-length") ?? "", 10);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return NextResponse.json({ error: { field: "file", message: `"${name}" is larger than the ${maxBytes / 1024 / 1024} MB limit` } }, { status: 413 });
  }
  let staged;
  try {
    staged = await stageUpload(request.body, name, spec.kinds, maxBytes);
  } catch (e) {
    const message = e instanceof UploadRefused ? e.message : "the upload failed";
    await recordAudit(db(), { actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role }, firmId: auth.actor.firmId, action: "file.upload", outcome: "refused", summary: { purpose, name, message }, requestId: request.headers.get("x-request-id") });
    return NextResponse.json({ error: { field: "file", message } }, { status: e instanceof UploadRefused ? e.status : 500 });
  }
  try {
    const file = await db().$transaction(async (tx) => {
      const row = await commitUpload(tx, staged, { firmId: spec.firmScoped ? auth.actor.firmId : null, ownerUserId: auth.actor.userId, purpose });
      await recordAudit(tx, {
        actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role },
        firmId: auth.actor.firmId,
        action: "file.upload",
        objectType: "file",
        objectId: row.id,
        summary: { purpose, name: row.originalName, size: Number(row.sizeBytes), sha256: row.sha256 },
        requestId: request.headers.get("x-request-id"),
      });
      return row;
    });
    return NextResponse.json({ id: file.id, name: file.originalName, size: Number(file.sizeBytes), contentType: file.contentType, sha256: file.sha256 }, { status: 201 });
  } catch (e) {
    await discardUpload(staged);
    throw e;
  }
}
