import "server-only";
/**
 * A server action posted from a foreign or null Origin, refused by the proxy before Next.js
 * handles it: an audit row (who, if the cookie names a session; from where; which page).
 */
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/audit";

export async function auditRefusedOrigin(input: { origin: string | null; path: string; requestId: string; userAgent: string | null; address: string | null; message: string }): Promise<void> {
  await recordAudit(db(), {
    action: "security.origin-refused",
    outcome: "denied",
    objectType: "page",
    objectId: input.path,
    summary: { origin: input.origin ?? "(none)", message: input.message, userAgent: input.userAgent ?? "", address: input.address ?? "" },
    requestId: input.requestId,
  });
}
