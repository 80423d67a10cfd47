import { NextResponse, type NextRequest } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { templateCsv, templateXlsx } from "@/lib/server/filings/template";

export const dynamic = "force-dynamic";

/** The financial statement template: `?format=csv` or `?format=xlsx`. */
export async function GET(request: NextRequest) {
  const auth = await requireApi("member.read", "filing-template");
  if (!auth.ok) return auth.response;
  const format = request.nextUrl.searchParams.get("format") ?? "csv";
  if (format === "csv") {
    return new Response(templateCsv(), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="financial-statement-template.csv"', "cache-control": "private, no-store" } });
  }
  if (format === "xlsx") {
    return new Response(Buffer.from(templateXlsx()), {
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": 'attachment; filename="financial-statement-template.xlsx"', "cache-control": "private, no-store" },
    });
  }
  return NextResponse.json({ error: { field: "format", message: "format must be csv or xlsx" } }, { status: 400 });
}
