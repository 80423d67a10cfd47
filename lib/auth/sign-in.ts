/**
 * Checking a sign-in: rate limits held in Postgres (so they hold across instances), Argon2id
 * password check, a new server-side session row, and an audit row for every outcome with the
 * client's address and user agent (ASVS 16.3.1). An unknown e-mail and a wrong password are
 * the same refusal to the user (and the same `invalid` reason in the log).
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { RoleName } from "./permissions";

/** Failures on one account within the window that lock it (for the rest of the window). */
export const ACCOUNT_MAX_FAILURES = 5;
/** Failures from one address within the window after which it is refused. */
export const ADDRESS_MAX_FAILURES = 30;
export const LOCK_WINDOW_MINUTES = 15;

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; role: RoleName; firmId: string | null }; sessionId: string; sessionVersion: number }
  | { ok: false; message: string; reason: "invalid" | "account-locked" | "address-limited" | "disabled" };

export const SIGN_IN_MESSAGES = {
  invalid: "Email or password is incorrect.",
  disabled: "This account is disabled. Ask your administrator.",
  addressLimited: "Too many failed sign-in attempts from this address. Try again later.",
} as const;

export function accountLockedMessage(until: Date): string {
  return `Too many failed sign-in attempts: this account is locked until ${until.toISOString().slice(11, 16)} UTC.`;
}

export async function checkSignIn(db: PrismaClient, emailRaw: string, password: string, ip: string, requestId?: string | null, userAgent = ""): Promise<SignInOutcome> {
  const email = emailRaw.trim().toLowerCase();
  const since = new Date(Date.now() - LOCK_WINDOW_MINUTES * 60_000);

  const refuse = async (reason: Exclude<SignInOutcome, { ok: true }>["reason"], message: string, firmId?: string | null) => {
    await db.$transaction(async (tx) => {
      await tx.loginAttempt.create({ data: { email, ip, success: false, reason } });
      await recordAudit(tx, { actorEmail: email, firmId, action: "auth.sign-in", outcome: "denied", summary: { reason, address: ip, userAgent }, requestId });
    });
    return { ok: false as const, reason, message };
  };

  const addressFailures = await db.loginAttempt.count({ where: { ip, success: false, at: { gte: since } } });
  if (addressFailures >= ADDRESS_MAX_FAILURES) return refuse("address-limited", SIGN_IN_MESSAGES.addressLimited);

  const accountFailures = await db.loginAttempt.findMany({
    where: { email, success: false, reason: "invalid", at: { gte: since } },
    orderBy: { at: "desc" },
    take: ACCOUNT_MAX_FAILURES,
    select: { at: true },
  });
  if (accountFailures.length >= ACCOUNT_MAX_FAILURES) {
    const oldest = accountFailures[accountFailures.length - 1]!.at;
    return refuse("account-locked", accountLockedMessage(new Date(oldest.getTime() + LOCK_WINDOW_MINUTES * 60_000)));
  }

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    const outcome = await refuse("invalid", SIGN_IN_MESSAGES.invalid, user?.firmId);
    // The attempt that reaches the limit locks the account: say so now.
    if (user && accountFailures.length + 1 >= ACCOUNT_MAX_FAILURES) {
      return { ...outcome, reason: "account-locked", message: accountLockedMessage(new Date(Date.now() + LOCK_WINDOW_MINUTES * 60_000)) };
    }
    return outcome;
  }
  if (user.disabledAt) return refuse("disabled", SIGN_IN_MESSAGES.disabled, user.firmId);

  const session = await db.$transaction(async (tx) => {
    await tx.loginAttempt.create({ data: { email, ip, success: true } });
    const s = await tx.userSession.create({ data: { userId: user.id, sessionVersion: user.sessionVersion, ip } });
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email, role: user.role },
      firmId: user.firmId,
      action: "auth.sign-in",
      objectType: "session",
      objectId: s.id,
      summary: { address: ip, userAgent },
      requestId,
    });
    return s;
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, firmId: user.firmId },
    sessionId: session.id,
    sessionVersion: user.sessionVersion,
  };
}
