import { actionRoute } from "@/lib/server/action-route";
import { acknowledgeGfNotice } from "@/lib/server/guaranty-fund/actions";

export const dynamic = "force-dynamic";

/**
 * A member acknowledges a guaranty fund notice of its firm: `{ noticeId }`, answered 200
 * `{ id, acknowledgedAt }`. Honours `Idempotency-Key` (lib/server/action-route.ts); without
 * one, a second acknowledgement of the notice is refused (422).
 */
export const POST = actionRoute(acknowledgeGfNotice, { status: 200 });
