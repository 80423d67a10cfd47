/** The member feed's HTTP conventions: Bearer API key (the firm comes only from the key), JSON in, `{error:{field,message}}` out. */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { authenticateApiKey, tokenFromHeaders, type ApiKeyPrincipal } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { FeedError } from "./feed";

export function jsonError(status: number, field: string, message: string): NextResponse {
  return NextResponse.json({ error: { field, message } }, { status });
}

export async function feedPrincipal(request: Request): Promise<ApiKeyPrincipal | NextResponse> {
  const principal = await authenticateApiKey(db(), tokenFromHeaders(request.headers));
  if (!principal) return jsonError(401, "authorization", "send a valid, unrevoked API key of your firm as 'Authorization: Bearer cmp_…'");
  return principal;
}

export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S> | NextResponse> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, "body", "the body must be a JSON object");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return jsonError(400, "body", "the body must be a JSON object");
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return jsonError(422, issue.path.length ? issue.path.join(".") : "body", issue.message);
  }
  return parsed.data;
}

/** Answers a FeedError as JSON; anything else is logged and answered with a reference. */
export function feedFailure(e: unknown, requestId: string | null): NextResponse {
  if (e instanceof FeedError) return jsonError(e.status, e.field, e.message);
  const reference = requestId ?? crypto.randomUUID();
  console.error(`[credit feed] reference ${reference}`, e);
  return jsonError(500, "-", `something went wrong and nothing was stored; quote reference ${reference}`);
}
