import { feedResponse } from "@/lib/server/credit-controls/http";

export const dynamic = "force-dynamic";

/** The pre-trade check: accept or reject with the reason (RMI block, clip size, limit). See /api/openapi.json; also served by the check service. */
export async function POST(request: Request) {
  return feedResponse({ kind: "check" }, request);
}
