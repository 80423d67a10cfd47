import "server-only";
import { db } from "@/lib/db/client";

export async function auditPage(options: { beforeId?: bigint; action?: string; take?: number }) {
  return db().auditEvent.findMany({
    where: { ...(options.beforeId ? { id: { lt: options.beforeId } } : {}), ...(options.action ? { action: { startsWith: options.action } } : {}) },
    orderBy: { id: "desc" },
    take: options.take ?? 100,
  });
}
