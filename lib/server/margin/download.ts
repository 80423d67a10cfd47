import "server-only";
import { NextResponse } from "next/server";
import { auditNotFound, requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { statementCsv, statementPdf } from "./documents";
import { memberStatement } from "./queries";

/** A statement download for the signed-in member's firm; another firm's statement id answers 404. */
export async function statementDownload(id: string, format: "pdf" | "csv"): Promise<Response> {
  const auth = await requireApi("member.read", `statement:${id}:${format}`);
  if (!auth.ok) return auth.response;
  const found = /^[0-9a-f-]{36}$/.test(id) ? await memberStatement(auth.actor.firmId!, id) : null;
  if (!found) {
    await auditNotFound(auth.actor, `statement:${id}:${format}`);
    return NextResponse.json({ error: { code: "not-found", message: "no such statement" } }, { status: 404 });
  }
  const firm = await db().firm.findUniqueOrThrow({ where: { id: auth.actor.firmId! } });
  const input = { firmName: firm.legalName, firmCode: firm.code, cycleLabel: found.label, breakdown: found.breakdown, generatedAt: new Date(), explain: found.explain, previousCycleLabel: found.previousLabel };
  const name = `statement-${found.account.accountNumber}-${found.label.replace(/\s+/g, "-")}.${format}`;
  if (format === "pdf") {
    const bytes = await statementPdf(input);
    return new Response(Buffer.from(bytes), { headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" } });
  }
  return new Response(statementCsv(input), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" } });
}
