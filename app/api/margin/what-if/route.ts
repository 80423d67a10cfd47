import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { computeSpanRequirement, RiskError } from "@/lib/risk";
import { compiledParameters } from "@/lib/server/margin/cycle";
import { spanBreakdown } from "@/lib/server/margin/statement";
import { whatIfSchema } from "@/lib/validation/margin";

export const dynamic = "force-dynamic";

/**
 * What-if: the SPAN requirement of a portfolio under the latest risk parameters, with its
 * breakdown. Reads only; nothing is saved.
 */
export async function POST(request: Request) {
  const auth = await requireApi("member.read", "margin-what-if");
  if (!auth.ok) return auth.response;
  const parsed = whatIfSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: { field: parsed.error.issues[0]?.path.join("."), message: parsed.error.issues[0]?.message } }, { status: 400 });
  const set = await db().riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  if (!set) return NextResponse.json({ error: { message: "no risk parameters are loaded yet" } }, { status: 409 });
  const { params } = compiledParameters(set.id, set.parameters);
  const buffer = await db().setting.findUnique({ where: { key: "margin.initialBufferPercent" } });
  try {
    const requirement = computeSpanRequirement({
      parameters: params,
      positions: parsed.data.positions.filter((p) => Number(p.quantity) !== 0).map((p) => ({ contract: p.contract, quantity: p.quantity })),
      initialBuffer: (Number.parseFloat(buffer?.value ?? "10") / 100).toString(),
    });
    return NextResponse.json({ businessDate: set.businessDate.toISOString().slice(0, 10), requirement: spanBreakdown(requirement) });
  } catch (e) {
    if (e instanceof RiskError) return NextResponse.json({ error: { field: e.field, message: e.message } }, { status: 400 });
    throw e;
  }
}
