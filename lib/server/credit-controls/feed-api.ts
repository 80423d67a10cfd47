/**
 * The member feed's requests and answers, whatever server carries them: the Next.js route
 * handlers (app/api/credit/check, app/api/orders, app/api/fills) and the pre-trade check
 * service (service-server.ts) both answer through answerFeed, so the two front doors share
 * the API key check, the zod schemas, the feed and the error shape `{error:{field,message}}`.
 */
import "server-only";
import type { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { authenticateApiKey, tokenFromHeaders } from "@/lib/auth/api-keys";
import { checkOrderSchema, fillSchema, newOrderSchema } from "@/lib/validation/credit-controls";
import { cancelOrder, checkOrder, FeedError, recordFill, submitOrder } from "./feed";

export type FeedRoute = { readonly kind: "check" } | { readonly kind: "order" } | { readonly kind: "cancel"; readonly ref: string } | { readonly kind: "fill" };

export interface FeedRequest {
  readonly headers: { get(name: string): string | null };
  /** the body as text (read only by the routes that take one) */
  readonly text: () => Promise<string>;
}

export interface FeedReply {
  readonly status: number;
  readonly body: unknown;
}

export function errorReply(status: number, field: string, message: string): FeedReply {
  return { status, body: { error: { field, message } } };
}

/** A JSON object checked by `schema`, or the reply that refuses it (naming the field). */
export function parseFeedBody<S extends z.ZodType>(text: string, schema: S): { ok: true; data: z.output<S> } | { ok: false; reply: FeedReply } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reply: errorReply(400, "body", "the body must be a JSON object") };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, reply: errorReply(400, "body", "the body must be a JSON object") };
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reply: errorReply(422, issue.path.length ? issue.path.join(".") : "body", issue.message) };
  }
  return { ok: true, data: parsed.data };
}

/** A FeedError as its reply; anything else is logged and answered with a reference. */
export function failureReply(e: unknown, requestId: string | null): FeedReply {
  if (e instanceof FeedError) return errorReply(e.status, e.field, e.message);
  const reference = requestId ?? crypto.randomUUID();
  console.error(`[credit feed] reference ${reference}`, e);
  return errorReply(500, "-", `something went wrong and nothing was stored; quote reference ${reference}`);
}

/** Answers one feed request for the firm of its API key. */
export async function answerFeed(db: PrismaClient, route: FeedRoute, request: FeedRequest): Promise<FeedReply> {
  const principal = await authenticateApiKey(db, tokenFromHeaders(request.headers));
  if (!principal) return errorReply(401, "authorization", "send a valid, unrevoked API key of your firm as 'Authorization: Bearer cmp_…'");
  const requestId = request.headers.get("x-request-id");
  try {
    switch (route.kind) {
      case "check": {
        const order = parseFeedBody(await request.text(), checkOrderSchema);
        if (!order.ok) return order.reply;
        return { status: 200, body: await checkOrder(db, principal.firmId, order.data) };
      }
      case "order": {
        const order = parseFeedBody(await request.text(), newOrderSchema);
        if (!order.ok) return order.reply;
        const answer = await submitOrder(db, principal.firmId, order.data);
        return { status: answer.decision === "ACCEPT" ? 201 : 200, body: answer };
      }
      case "cancel":
        return { status: 200, body: await cancelOrder(db, principal.firmId, route.ref) };
      case "fill": {
        const fill = parseFeedBody(await request.text(), fillSchema);
        if (!fill.ok) return fill.reply;
        return { status: 201, body: await recordFill(db, principal.firmId, fill.data) };
      }
    }
  } catch (e) {
    return failureReply(e, requestId);
  }
}
