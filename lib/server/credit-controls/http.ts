/** The member feed on Next.js: the route handlers' side of feed-api.ts (Bearer API key, JSON in, `{error:{field,message}}` out). */
import "server-only";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { answerFeed, type FeedRoute } from "./feed-api";

export function jsonError(status: number, field: string, message: string): NextResponse {
  return NextResponse.json({ error: { field, message } }, { status });
}

/** Answers a feed request exactly as the pre-trade check service does. */
export async function feedResponse(route: FeedRoute, request: Request): Promise<NextResponse> {
  const reply = await answerFeed(db(), route, { headers: request.headers, text: () => request.text() });
  return NextResponse.json(reply.body, { status: reply.status });
}
