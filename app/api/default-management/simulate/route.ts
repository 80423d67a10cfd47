import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/server/action";
import { simulateWaterfall } from "@/lib/server/default-management/service";
import { simulateWaterfallSchema } from "@/lib/validation/default-management";

export const dynamic = "force-dynamic";

/**
 * The waterfall simulator: what a hypothetical default of another member with a loss of the
 * given size would cost this firm, layer by layer, on today's figures. Reads only.
 */
export async function POST(request: Request) {
  const auth = await requireApi("member.read", "waterfall-simulator");
  if (!auth.ok) return auth.response;
  const parsed = simulateWaterfallSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return NextResponse.json({ error: { field: issue?.path.join(".") || "body", message: issue?.message ?? "invalid input" } }, { status: 422 });
  }
  try {
    // Read-only transaction: the same consistent snapshot for every figure, nothing written.
    const result = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return simulateWaterfall(tx, { firmId: auth.actor.firmId!, ...parsed.data });
    });
    return NextResponse.json(result);
  } catch (e) {
    if (e instanceof UserError) {
      const [field, messages] = Object.entries(e.fieldErrors ?? {})[0] ?? ["body", [e.message]];
      return NextResponse.json({ error: { field, message: messages[0] ?? e.message } }, { status: 422 });
    }
    throw e;
  }
}
