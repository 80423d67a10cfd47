import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { checkOrigin } from "@/lib/server/origin";
import { clientIpFrom } from "@/lib/server/registration/client-ip";
import { register } from "@/lib/server/registration/service";

export const dynamic = "force-dynamic";

/** Registers an applicant (public): JSON { name, email, password, confirm }. */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ ok: false, formError: origin.message }, { status: 403 });
  const body = await request.json().catch(() => null);
  const result = await register(db(), body, clientIpFrom(request.headers), request.headers.get("x-request-id"));
  return NextResponse.json(result, { status: result.ok ? 201 : result.status });
}
