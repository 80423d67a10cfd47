import { NextResponse, type NextRequest } from "next/server";
import { authenticateApiKey, tokenFromHeaders } from "@/lib/auth/api-keys";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { feedRowsFromCsv, inputRefused, isInputRefused, storePositions, storeTrades, type FeedTrade } from "@/lib/server/margin/load";

export const dynamic = "force-dynamic";

/**
 * The members' position and trade feed, authenticated with the firm's API key (the key's firm
 * is the only firm touched). Body: JSON `{ positions: [{ account, contract, quantity }] }` or
 * `{ trades: [{ tradeId, account, contract, quantity, price }] }`, or CSV (`content-type:
 * text/csv`, columns account,contract,quantity[,trade_id,price]). All or nothing: one bad row
 * refuses the request, naming the row.
 */
export async function POST(request: NextRequest) {
  const principal = await authenticateApiKey(db(), tokenFromHeaders(request.headers));
  if (!principal) return NextResponse.json({ error: { code: "unauthenticated", message: "a valid API key is required (Authorization: Bearer cmp_…)" } }, { status: 401 });
  let kind: "positions" | "trades";
  let rows: FeedTrade[];
  let where: (i: number) => string;
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("text/csv")) {
      const text = await request.text();
      kind = /trade_id/i.test(text.split(/\r?\n/, 1)[0] ?? "") ? "trades" : "positions";
      ({ rows, where } = feedRowsFromCsv(text, kind));
    } else {
      const body = (await request.json().catch(() => null)) as { positions?: FeedTrade[]; trades?: FeedTrade[] } | null;
      if (!body || (!Array.isArray(body.positions) && !Array.isArray(body.trades))) throw inputRefused("the body must be JSON with a positions or trades list, or CSV", "body");
      kind = Array.isArray(body.trades) ? "trades" : "positions";
      rows = (kind === "trades" ? body.trades : body.positions)!;
      where = (i) => `${kind}[${i}]`;
    }
    if (rows.length > 100_000) throw inputRefused("at most 100,000 rows per request", "body");
    const result = await db().$transaction(async (tx) => {
      const r = kind === "trades" ? await storeTrades(tx, principal.firmId, rows, where) : await storePositions(tx, principal.firmId, rows, where);
      await recordAudit(tx, { firmId: principal.firmId, action: `margin.feed.${kind}`, objectType: "api-key", objectId: principal.keyId, summary: { rows: rows.length, stored: r.count } });
      return r;
    });
    return NextResponse.json({ kind, ...result });
  } catch (e) {
    if (isInputRefused(e)) return NextResponse.json({ error: { field: e.field, message: `${e.message}; nothing was stored` } }, { status: 400 });
    throw e;
  }
}
