import { actionRoute } from "@/lib/server/action-route";
import { fileReport } from "@/lib/server/filings/actions";

export const dynamic = "force-dynamic";

/**
 * A member files a financial report (or an amendment): the filing form's input as JSON
 * (lib/validation/filing.ts `filingSchema`), answered 201 `{ id, version, caseId }`.
 * Honours `Idempotency-Key` (lib/server/action-route.ts).
 */
export const POST = actionRoute(fileReport);
