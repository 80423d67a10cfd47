import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { isInputRefused } from "@/lib/server/margin/load";
import { stressRun } from "@/lib/server/stress-path/run";
import { stressRunSchema } from "@/lib/validation/stress-path";

export const dynamic = "force-dynamic";

/**
 * Stress-path simulator: the firm's account carried through a published path or an uploaded
 * CSV, day by day. Read-only transaction; nothing is stored. Another firm's account: 404.
 */
export async function POST(request: Request) {
  const auth = await requireApi("member.read", "stress-path-run");
  if (!auth.ok) return auth.response;
  const firmId = auth.actor.firmId;
  if (!firmId) return NextResponse.json({ error: { message: "only a clearing member's users run stress paths" } }, { status: 403 });
  const parsed = stressRunSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: { field: parsed.error.issues[0]?.path.join("."), message: parsed.error.issues[0]?.message } }, { status: 400 });
  try {
    return NextResponse.json(await stressRun(firmId, parsed.data));
  } catch (e) {
    if (isInputRefused(e)) {
      const field = Object.keys(e.fieldErrors ?? {})[0] ?? null;
      const status = field === "accountId" || field === "pathId" ? 404 : field === null ? 409 : 400;
      return NextResponse.json({ error: { field: field ?? undefined, message: e.message } }, { status });
    }
    throw e;
  }
}
