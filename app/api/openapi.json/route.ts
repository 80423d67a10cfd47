import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/server/credit-controls/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the credit-controls feed (and of the pre-trade check service beside the portal). */
export function GET() {
  return NextResponse.json(openApiDocument());
}
