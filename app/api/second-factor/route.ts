import { NextResponse, type NextRequest } from "next/server";
import { checkSecondFactorCode } from "@/lib/auth/second-factor";
import { lookupActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { clientInfo } from "@/lib/server/client";
import { checkOrigin } from "@/lib/server/origin";
import { secondFactorCodeSchema } from "@/lib/validation/auth";

export const dynamic = "force-dynamic";

/**
 * The second step of signing in (or confirming an enrollment): `{ "code": "123456" }` for the
 * session of the request. 200 `{ ok: true, enrolled }`, or 4xx with the field and the reason.
 */
export async function POST(request: NextRequest) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
  const body = (await request.json().catch(() => null)) as unknown;
  const parsed = secondFactorCodeSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: { field: "code", message: parsed.error.issues[0]?.message ?? "enter the code" } }, { status: 400 });
  const lookup = await lookupActor();
  const who = lookup.actor
    ? { user: { id: lookup.actor.userId, email: lookup.actor.email, role: lookup.actor.role, firmId: lookup.actor.firmId }, sessionId: lookup.actor.sessionId }
    : lookup.secondFactor
      ? { user: { id: lookup.secondFactor.userId, email: lookup.secondFactor.email, role: lookup.secondFactor.role, firmId: lookup.secondFactor.firmId }, sessionId: lookup.secondFactor.sessionId }
      : null;
  if (!who) return NextResponse.json({ error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } }, { status: 401 });
  const client = clientInfo(request.headers);
  const outcome = await checkSecondFactorCode(db(), { ...who, code: parsed.data.code, ip: client.address, userAgent: client.userAgent, requestId: request.headers.get("x-request-id") });
  if (!outcome.ok) return NextResponse.json({ error: { field: "code", code: outcome.reason, message: outcome.message } }, { status: outcome.reason === "locked" ? 429 : 400 });
  return NextResponse.json({ ok: true, enrolled: outcome.enrolled });
}
