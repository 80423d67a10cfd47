import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { cycleProgress } from "@/lib/server/margin/queries";

export const dynamic = "force-dynamic";

/** A cycle's progress: status and accounts processed of the total. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const auth = await requireApi("ch.read", `margin-cycle:${id}`);
  if (!auth.ok) return auth.response;
  const cycle = /^[0-9a-f-]{36}$/.test(id) ? await cycleProgress(id) : null;
  if (!cycle) return NextResponse.json({ error: { code: "not-found", message: "no such cycle" } }, { status: 404 });
  return NextResponse.json(cycle);
}
