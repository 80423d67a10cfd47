import { NextResponse } from "next/server";
import { OPENAPI } from "@/lib/server/credit-controls/openapi";

/** The OpenAPI 3.1 document of the credit-controls feed. */
export function GET() {
  return NextResponse.json(OPENAPI);
}
