import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { cancelOrder } from "@/lib/server/credit-controls/feed";
import { feedFailure, feedPrincipal } from "@/lib/server/credit-controls/http";

export const dynamic = "force-dynamic";

/** Cancels a working order of the key's firm, named by its clientOrderId (or the portal's order id). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const principal = await feedPrincipal(request);
  if (principal instanceof NextResponse) return principal;
  const { id } = await params;
  try {
    return NextResponse.json(await cancelOrder(db(), principal.firmId, decodeURIComponent(id)));
  } catch (e) {
    return feedFailure(e, request.headers.get("x-request-id"));
  }
}
