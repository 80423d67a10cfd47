import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { checkOrigin } from "@/lib/server/origin";
import { runCycle } from "@/lib/server/margin/cycle";
import { isInputRefused } from "@/lib/server/margin/load";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

/**
 * Runs (or resumes) an opened cycle to the end: batches of accounts, each committed with its
 * progress cursor (GET /api/margin/cycles/{id} shows it). A second caller while it runs is
 * refused; a finished cycle answers its result without running again.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return NextResponse.json({ error: { code: "origin", message: origin.message } }, { status: 403 });
  const { id } = await params;
  const auth = await requireApi("ch.risk", `margin-cycle-run:${id}`);
  if (!auth.ok) return auth.response;
  if (!/^[0-9a-f-]{36}$/.test(id)) return NextResponse.json({ error: { code: "not-found", message: "no such cycle" } }, { status: 404 });
  const actor = { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role };
  try {
    await recordAudit(db(), { actor, action: "margin.runCycle", objectType: "margin-cycle", objectId: id, summary: {}, requestId: request.headers.get("x-request-id") });
    const result = await runCycle(db(), id, { actor });
    return NextResponse.json(result, { status: result.status === "FAILED" ? 422 : 200 });
  } catch (e) {
    if (isInputRefused(e)) return NextResponse.json({ error: { code: "refused", message: e.message } }, { status: 409 });
    throw e;
  }
}
