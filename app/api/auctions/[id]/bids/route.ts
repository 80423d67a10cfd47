import { NextResponse } from "next/server";
import { authenticateApiKey, tokenFromHeaders } from "@/lib/auth/api-keys";
import { requireApi } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { checkOrigin } from "@/lib/server/origin";
import { apiKeyScope, fingerprint, idempotencyKey, idempotent, IdempotencyError, userScope } from "@/lib/server/idempotency";
import { submitBid } from "@/lib/server/default-management/service";
import { DomainError } from "@/lib/shared/errors";
import { bidSchema } from "@/lib/validation/default-management";

export const dynamic = "force-dynamic";

type Bidder = { firmId: string; scope: string; submittedBy: string; apiKeyId: string | null };

function error(status: number, field: string, message: string) {
  return NextResponse.json({ error: { field, message } }, { status });
}

/** A member risk admin's session (Rule 914 bids are risk decisions) or the firm's API key. */
async function bidder(request: Request): Promise<Bidder | NextResponse> {
  const token = tokenFromHeaders(request.headers);
  if (token) {
    const principal = await authenticateApiKey(db(), token);
    if (!principal) return error(401, "authorization", "send a valid, unrevoked API key of your firm as 'Authorization: Bearer cmp_…'");
    return { firmId: principal.firmId, scope: apiKeyScope(principal.keyId), submittedBy: `api-key:${principal.keyId}`, apiKeyId: principal.keyId };
  }
  // A session's cookies ride along on any request: only the portal's own pages may use them to bid.
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return error(403, "origin", origin.message);
  const auth = await requireApi("member.riskAdmin", "auction-bid");
  if (!auth.ok) return auth.response;
  const a = auth.actor;
  return { firmId: a.firmId!, scope: userScope(a.userId), submittedBy: `user:${a.userId}`, apiKeyId: null };
}

/**
 * Submit or replace the firm's sealed bid. The bid is stored (with its receipt) before the 201
 * answer; a retry with the same Idempotency-Key answers the stored receipt and stores nothing.
 * Refused after the deadline by the database's clock (409), for a firm not invited (403).
 * The bid table is its own record (append-only, who and when by the database's clock); the
 * audit trail gets one row per auction at the close, with a digest of every bid. A per-bid
 * audit row would serialize all bidders on the audit chain's lock in the last second.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return error(404, "auctionId", "no such auction");
  const who = await bidder(request);
  if (who instanceof NextResponse) return who;
  let key: string | null;
  try {
    key = idempotencyKey(request.headers);
  } catch (e) {
    if (e instanceof IdempotencyError) return error(e.status, "Idempotency-Key", e.message);
    throw e;
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return error(400, "body", 'the body must be a JSON object such as {"amount": "125000.00"}');
  }
  const parsed = bidSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return error(422, issue.path.join(".") || "body", issue.message);
  }
  try {
    const outcome = await idempotent(db(), { scope: who.scope, key, fingerprint: fingerprint("auction-bid", id, parsed.data.amount) }, async (tx) => {
      const receipt = await submitBid(tx, { auctionId: id, firmId: who.firmId, amount: parsed.data.amount, submittedBy: who.submittedBy });
      return { status: 201, body: { ...receipt } };
    });
    return NextResponse.json(outcome.answer.body, { status: outcome.answer.status, headers: outcome.replayed ? { "idempotent-replayed": "true" } : {} });
  } catch (e) {
    if (e instanceof DomainError) return error(e.status, e.field ?? "_form", e.message);
    if (e instanceof IdempotencyError) return error(e.status, "Idempotency-Key", e.message);
    throw e;
  }
}

/** The firm's own bids in this auction (never another firm's), newest first. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return error(404, "auctionId", "no such auction");
  let firmId: string;
  const token = tokenFromHeaders(request.headers);
  if (token) {
    const principal = await authenticateApiKey(db(), token);
    if (!principal) return error(401, "authorization", "send a valid, unrevoked API key of your firm");
    firmId = principal.firmId;
  } else {
    const auth = await requireApi("member.read", "auction-bids");
    if (!auth.ok) return auth.response;
    firmId = auth.actor.firmId!;
  }
  const invitation = await db().auctionInvitation.findUnique({ where: { auctionId_firmId: { auctionId: id, firmId } } });
  if (!invitation) return error(404, "auctionId", "no such auction for your firm");
  const bids = await db().auctionBid.findMany({ where: { auctionId: id, firmId }, orderBy: { id: "desc" } });
  return NextResponse.json({
    bids: bids.map((b, i) => ({ reference: b.reference, amount: b.amount.toFixed(2), submittedAt: b.submittedAt.toISOString(), counts: i === 0 })),
  });
}
