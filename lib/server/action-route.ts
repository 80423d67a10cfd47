/**
 * A server action over HTTP: `POST` its input as a JSON body, with the session's cookie. The
 * action's own definition does the work (its permission through `requireApi`, its zod schema,
 * its service and audit row), so the form and the route are one way of doing the thing. With
 * an `Idempotency-Key` header the answer is stored in the submission's transaction
 * (lib/server/idempotency.ts): a retry gets the first answer (header `idempotent-replayed: true`)
 * and stores nothing new; the same key with a different body is refused (422).
 *
 * Answers: the action's data with `status` (201 unless told); 400 for a malformed body or key;
 * 422 `{ error: { field, message, fieldErrors } }` for invalid input, and a refusal (DomainError)
 * with its status (422 unless it says otherwise), nothing stored; 401/403 from `requireApi`; 403 for a foreign Origin.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import type { Prisma } from "@/generated/prisma/client";
import { requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/shared/errors";
import { actionFingerprint, auditRefusal, parseActionInput, runActionIn, type FieldErrors, type ServerAction } from "./action";
import { clientInfo } from "./client";
import { idempotencyKey, idempotent, IdempotencyError, userScope } from "./idempotency";
import { checkOrigin } from "./origin";

function refusal(status: number, field: string, message: string, fieldErrors?: FieldErrors): NextResponse {
  return NextResponse.json({ error: { field, message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status });
}

/** The first field named by the errors ("_form" for the form as a whole). */
function firstField(fieldErrors: FieldErrors | undefined): string {
  return Object.keys(fieldErrors ?? {})[0] ?? "_form";
}

export function actionRoute<T>(action: ServerAction<T>, options: { status?: number } = {}): (request: Request) => Promise<NextResponse> {
  const def = action.definition;
  const okStatus = options.status ?? 201;
  return async function POST(request: Request): Promise<NextResponse> {
    const origin = checkOrigin(request.headers);
    if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
    const auth = await requireApi(def.permission, `api:${def.name}`);
    if (!auth.ok) return auth.response;
    const actor = auth.actor;
    const requestId = request.headers.get("x-request-id");
    let key: string | null;
    try {
      key = idempotencyKey(request.headers);
    } catch (e) {
      return refusal(400, "Idempotency-Key", (e as Error).message);
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return refusal(400, "body", "the body must be a JSON object");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return refusal(400, "body", "the body must be a JSON object");
    const parsed = await parseActionInput(def, actor, body, requestId);
    if (!parsed.ok) {
      const field = firstField(parsed.fieldErrors);
      return refusal(422, field, `${parsed.fieldErrors[field]![0]}; nothing was saved`, parsed.fieldErrors);
    }
    let revalidate: readonly string[] = [];
    try {
      const outcome = await idempotent(db(), { scope: userScope(actor.userId), key, fingerprint: actionFingerprint(def, parsed.input) }, async (tx) => {
        const result = await runActionIn(def, tx, actor, parsed.input, requestId, key ? { idempotencyKey: key } : undefined);
        revalidate = result.revalidate ?? [];
        return { status: okStatus, body: JSON.parse(JSON.stringify(result.data ?? null)) as Prisma.InputJsonValue };
      });
      for (const p of revalidate) revalidatePath(p);
      return NextResponse.json(outcome.answer.body, { status: outcome.answer.status, headers: outcome.replayed ? { "idempotent-replayed": "true" } : {} });
    } catch (e) {
      if (e instanceof IdempotencyError) return refusal(e.status, "Idempotency-Key", e.message);
      if (e instanceof DomainError) {
        await auditRefusal(def, actor, e, requestId, clientInfo(request.headers));
        return refusal(e.status, firstField(e.fieldErrors), e.message, e.fieldErrors);
      }
      const reference = requestId ?? randomUUID();
      console.error(`[route ${def.name}] reference ${reference}`, e);
      return NextResponse.json({ error: { code: "internal", message: `something went wrong and nothing was saved; quote reference ${reference} to the clearing house` } }, { status: 500 });
    }
  };
}
