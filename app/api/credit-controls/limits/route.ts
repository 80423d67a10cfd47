import { actionRoute } from "@/lib/server/action-route";
import { updateGrouping } from "@/lib/server/credit-controls/actions";

export const dynamic = "force-dynamic";

/**
 * A member risk admin changes a grouping's credit limits and settings (a new version):
 * `updateGroupingSchema` as JSON, answered 201 `{ id, version }` (the new version's id).
 * Honours `Idempotency-Key` (lib/server/action-route.ts).
 */
export const POST = actionRoute(updateGrouping);
