import { feedResponse } from "@/lib/server/credit-controls/http";

export const dynamic = "force-dynamic";

/** Cancels a working order of the key's firm, named by its clientOrderId (or the portal's order id). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return feedResponse({ kind: "cancel", ref: decodeURIComponent(id) }, request);
}
