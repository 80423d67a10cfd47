import "server-only";
import { db } from "@/lib/db/client";

/** The firm's API keys, newest first (the secret is never stored, only its hash). */
export async function firmApiKeys(firmId: string) {
  return db().apiKey.findMany({ where: { firmId }, orderBy: { createdAt: "desc" } });
}
