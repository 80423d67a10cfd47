import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { checkOrder } from "@/lib/server/credit-controls/feed";
import { feedFailure, feedPrincipal, parseBody } from "@/lib/server/credit-controls/http";
import { checkOrderSchema } from "@/lib/validation/credit-controls";

export const dynamic = "force-dynamic";

/** The pre-trade check: accept or reject with the reason (RMI block, clip size, limit). See /api/openapi.json. */
export async function POST(request: Request) {
  const principal = await feedPrincipal(request);
  if (principal instanceof NextResponse) return principal;
  const order = await parseBody(request, checkOrderSchema);
  if (order instanceof NextResponse) return order;
  try {
    return NextResponse.json(await checkOrder(db(), principal.firmId, order));
  } catch (e) {
    return feedFailure(e, request.headers.get("x-request-id"));
  }
}
