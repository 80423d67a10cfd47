import { NextResponse, type NextRequest } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { UPLOAD_PURPOSES } from "@/lib/server/files/purposes";
import { commitUpload, discardStored, discardUpload, stageUpload } from "@/lib/server/files/storage";
import { settingsOf } from "@/lib/server/settings/read";
import { checkOrigin } from "@/lib/server/origin";
import { fingerprint, idempotencyKey, idempotent, IdempotencyError, userScope } from "@/lib/server/idempotency";
import { DomainError } from "@/lib/shared/errors";

export const dynamic = "force-dynamic";

/**
 * Upload a document: the body is the file itself, `x-file-name` its name, `?purpose=` what it
 * is for. Streams to storage with the size limit (setting uploads.maxSizeMb), checks the type
 * by content, and answers with the stored file's id once it is recorded. With an
 * `Idempotency-Key` header, a retry gets the first answer and stores nothing new.
 */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
  const purpose = request.nextUrl.searchParams.get("purpose") ?? "";
  const spec = UPLOAD_PURPOSES[purpose];
  if (!spec) return NextResponse.json({ error: { field: "purpose", message: `unknown upload purpose "${purpose}"` } }, { status: 400 });
  const auth = await requireApi(spec.permission, `upload:${purpose}`);
  if (!auth.ok) return auth.response;
  let key: string | null;
  try {
    key = idempotencyKey(request.headers);
  } catch (e) {
    return NextResponse.json({ error: { field: "Idempotency-Key", message: (e as Error).message } }, { status: 400 });
  }
  let name: string;
  try {
    name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  } catch {
    return NextResponse.json({ error: { field: "x-file-name", message: "the x-file-name header is not valid percent-encoding" } }, { status: 400 });
  }
  if (!name) return NextResponse.json({ error: { field: "x-file-name", message: "name the file in the x-file-name header" } }, { status: 400 });
  if (!request.body) return NextResponse.json({ error: { field: "body", message: "the request has no file" } }, { status: 400 });
  const maxBytes = (await settingsOf(db()).integer("uploads.maxSizeMb")) * 1024 * 1024;
  const declared = Number.parseInt(request.headers.get("content-length") ?? "", 10);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return NextResponse.json({ error: { field: "file", message: `"${name}" is larger than the ${maxBytes / 1024 / 1024} MB limit` } }, { status: 413 });
  }
  let staged;
  try {
    staged = await stageUpload(request.body, name, spec.kinds, maxBytes);
  } catch (e) {
    const message = e instanceof DomainError ? e.message : "the upload failed";
    await recordAudit(db(), { actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role }, firmId: auth.actor.firmId, action: "file.upload", outcome: "refused", summary: { purpose, name, message }, requestId: request.headers.get("x-request-id") });
    return NextResponse.json({ error: { field: "file", message } }, { status: e instanceof DomainError ? e.status : 500 });
  }
  let committedKey: string | null = null;
  try {
    const outcome = await idempotent(db(), { scope: userScope(auth.actor.userId), key, fingerprint: fingerprint("upload", purpose, staged.originalName, staged.sha256) }, async (tx) => {
      const row = await commitUpload(tx, staged, { firmId: spec.firmScoped ? auth.actor.firmId : null, ownerUserId: auth.actor.userId, purpose });
      committedKey = row.storageKey;
      await recordAudit(tx, {
        actor: { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role },
        firmId: auth.actor.firmId,
        action: "file.upload",
        objectType: "file",
        objectId: row.id,
        summary: { purpose, name: row.originalName, size: Number(row.sizeBytes), sha256: row.sha256, ...(key ? { idempotencyKey: key } : {}) },
        requestId: request.headers.get("x-request-id"),
      });
      return { status: 201, body: { id: row.id, name: row.originalName, size: Number(row.sizeBytes), contentType: row.contentType, sha256: row.sha256 } };
    });
    if (outcome.replayed) await discardUpload(staged);
    return NextResponse.json(outcome.answer.body, { status: outcome.answer.status, headers: outcome.replayed ? { "idempotent-replayed": "true" } : {} });
  } catch (e) {
    await discardUpload(staged);
    if (committedKey) await discardStored(committedKey);
    if (e instanceof IdempotencyError) return NextResponse.json({ error: { field: "Idempotency-Key", message: e.message } }, { status: e.status });
    throw e;
  }
}
