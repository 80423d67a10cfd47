import { actionRoute } from "@/lib/server/action-route";
import { submitApplication } from "@/lib/server/applications/actions";

export const dynamic = "force-dynamic";

/**
 * The applicant submits its own membership application: `{ version }` (the version shown),
 * answered 200 `{ applicationId, status, alreadySubmitted }`. Honours `Idempotency-Key`
 * (lib/server/action-route.ts).
 */
export const POST = actionRoute(submitApplication, { status: 200 });
