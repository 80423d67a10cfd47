import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { isInputRefused } from "@/lib/server/margin/load";
import { whatIfRequirement } from "@/lib/server/margin/what-if";
import { whatIfSchema } from "@/lib/validation/margin";

export const dynamic = "force-dynamic";

/**
 * What-if: the SPAN requirement of a portfolio under the latest risk parameters, with its
 * breakdown and the add-ons the account's statement carries. Reads only; nothing is saved.
 */
export async function POST(request: Request) {
  const auth = await requireApi("member.read", "margin-what-if");
  if (!auth.ok) return auth.response;
  const firmId = auth.actor.firmId;
  if (!firmId) return NextResponse.json({ error: { message: "only a clearing member's users have a what-if" } }, { status: 403 });
  const parsed = whatIfSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: { field: parsed.error.issues[0]?.path.join("."), message: parsed.error.issues[0]?.message } }, { status: 400 });
  try {
    return NextResponse.json(await whatIfRequirement(db(), firmId, parsed.data));
  } catch (e) {
    if (isInputRefused(e)) return NextResponse.json({ error: { field: e.field ?? undefined, message: e.message } }, { status: e.status });
    throw e;
  }
}
