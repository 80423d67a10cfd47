/**
 * Step-up codes for tests that drive the four step-up actions for another purpose. A code works
 * once and only within a step of the clock, so each call clears the demo user's last used step
 * and gives the current code of its published secret (lib/demo/second-factor.ts). The step-up
 * rules themselves (missing, wrong, replayed, fresh) are tested in tests/security/step-up.test.ts
 * without this.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { totpCode } from "@/lib/auth/totp";
import { demoTotpSecret } from "@/lib/demo/second-factor";

export async function freshStepUpCode(db: PrismaClient, email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  await db.userSecondFactor.update({ where: { userId: user.id }, data: { lastUsedStep: null } });
  return totpCode(demoTotpSecret(email));
}
