import { feedResponse } from "@/lib/server/credit-controls/http";

export const dynamic = "force-dynamic";

/** A new working order: pre-trade checked; if accepted it is stored before the 201 answer, else 200 with the rejection. */
export async function POST(request: Request) {
  return feedResponse({ kind: "order" }, request);
}
