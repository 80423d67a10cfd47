/** Who owes a second factor at sign-in (pure; lib/auth/second-factor.ts does the checking). */
import type { RoleName } from "./permissions";

export const SECOND_FACTOR_ROLES: ReadonlySet<RoleName> = new Set<RoleName>(["CH_RISK_STAFF", "CH_ADMIN", "MEMBER_RISK_ADMIN"]);

export function secondFactorRequired(role: RoleName): boolean {
  return SECOND_FACTOR_ROLES.has(role);
}

export type SecondFactorStep = "verify" | "enroll";

/** What a session still needs: "verify" (enrolled), "enroll" (required but not enrolled), or null. */
export function pendingSecondFactor(role: RoleName, confirmed: boolean, sessionSecondFactorAt: Date | null): SecondFactorStep | null {
  if (sessionSecondFactorAt) return null;
  if (confirmed) return "verify";
  return secondFactorRequired(role) ? "enroll" : null;
}
