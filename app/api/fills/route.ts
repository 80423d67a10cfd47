import { feedResponse } from "@/lib/server/credit-controls/http";

export const dynamic = "force-dynamic";

/** A fill of a working order of the key's firm; stored before the 201 answer. */
export async function POST(request: Request) {
  return feedResponse({ kind: "fill" }, request);
}
