import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { checkOrigin } from "@/lib/server/origin";
import { acceptInvitation } from "@/lib/server/registration/service";

export const dynamic = "force-dynamic";

/** Sets a password through a one-time invitation link (public): JSON { token, password, confirm }. */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ ok: false, formError: origin.message }, { status: 403 });
  const body = await request.json().catch(() => null);
  const result = await acceptInvitation(db(), body, request.headers.get("x-request-id"));
  return NextResponse.json(result, { status: result.ok ? 200 : result.status });
}
