/**
 * Firms an integration test made for itself are retired at its end, so the tests that run
 * after it on the shared database see the demo data as they expect: the firms are withdrawn,
 * their open notices settled (not overdue for the escalation test) and their statement-less
 * accounts and positions removed (every account has a statement in the demo's cycles).
 */
import type { PrismaClient } from "@/generated/prisma/client";

export async function retireTestFirms(db: PrismaClient, codes: readonly string[]): Promise<void> {
  const firms = await db.firm.findMany({ where: { code: { in: [...codes] } }, select: { id: true } });
  const firmIds = firms.map((f) => f.id);
  await db.gfNotice.updateMany({ where: { firmId: { in: firmIds }, settledAt: null }, data: { settledAt: new Date() } });
  const accounts = await db.marginAccount.findMany({ where: { firmId: { in: firmIds } }, select: { id: true } });
  const accountIds = accounts.map((a) => a.id);
  if ((await db.marginStatement.count({ where: { accountId: { in: accountIds } } })) === 0) {
    await db.position.deleteMany({ where: { accountId: { in: accountIds } } });
    await db.marginAccount.deleteMany({ where: { id: { in: accountIds } } });
  }
  await db.firm.updateMany({ where: { id: { in: firmIds } }, data: { status: "WITHDRAWN" } });
}
