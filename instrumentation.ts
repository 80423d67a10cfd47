/**
 * Runs once per server instance at start: the outbox worker, the auction closer and the
 * escalation of overdue guaranty fund notices (each instance runs one of each; they share the
 * work safely).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.PORTAL_OUTBOX_WORKER === "0") return;
  const { db } = await import("@/lib/db/client");
  const { startWorker } = await import("@/lib/notify/worker");
  const { startAuctionCloser } = await import("@/lib/server/default-management/closer");
  const { startOverdueEscalation } = await import("@/lib/server/guaranty-fund/escalation");
  startWorker(db());
  startAuctionCloser(db());
  startOverdueEscalation(db());
}
