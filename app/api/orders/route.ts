import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { submitOrder } from "@/lib/server/credit-controls/feed";
import { feedFailure, feedPrincipal, parseBody } from "@/lib/server/credit-controls/http";
import { newOrderSchema } from "@/lib/validation/credit-controls";

export const dynamic = "force-dynamic";

/** A new working order: pre-trade checked; if accepted it is stored before the 201 answer, else 200 with the rejection. */
export async function POST(request: Request) {
  const principal = await feedPrincipal(request);
  if (principal instanceof NextResponse) return principal;
  const order = await parseBody(request, newOrderSchema);
  if (order instanceof NextResponse) return order;
  try {
    const answer = await submitOrder(db(), principal.firmId, order);
    return NextResponse.json(answer, { status: answer.decision === "ACCEPT" ? 201 : 200 });
  } catch (e) {
    return feedFailure(e, request.headers.get("x-request-id"));
  }
}
