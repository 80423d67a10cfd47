import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { recordFill } from "@/lib/server/credit-controls/feed";
import { feedFailure, feedPrincipal, parseBody } from "@/lib/server/credit-controls/http";
import { fillSchema } from "@/lib/validation/credit-controls";

export const dynamic = "force-dynamic";

/** A fill of a working order of the key's firm; stored before the 201 answer. */
export async function POST(request: Request) {
  const principal = await feedPrincipal(request);
  if (principal instanceof NextResponse) return principal;
  const fill = await parseBody(request, fillSchema);
  if (fill instanceof NextResponse) return fill;
  try {
    return NextResponse.json(await recordFill(db(), principal.firmId, fill), { status: 201 });
  } catch (e) {
    return feedFailure(e, request.headers.get("x-request-id"));
  }
}
