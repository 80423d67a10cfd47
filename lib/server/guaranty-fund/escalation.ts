/**
 * Escalates guaranty fund notices to the clearing-house admins as they fall overdue, whether or
 * not anyone opens the guaranty fund page (a deposit is due by its date: Rule 816, 802.F). Each
 * server instance runs one; escalateOverdueNotices claims each notice once, so instances share
 * the work safely and nobody is e-mailed twice.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { startPolling, type Poller } from "@/lib/server/poll";
import { escalateOverdueNotices } from "./notices";
import { todayIso } from "@/lib/shared/dates";

export function startOverdueEscalation(db: PrismaClient, intervalMs = 60_000, today: () => string = () => todayIso()): Poller {
  return startPolling(intervalMs, async () => {
    try {
      await db.$transaction((tx) => escalateOverdueNotices(tx, today()));
    } catch (e) {
      console.error("[guaranty fund] escalating overdue notices failed", e);
    }
  });
}
