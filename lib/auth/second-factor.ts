/**
 * The second factor (TOTP) at sign-in. After the password, a session whose user has a
 * confirmed TOTP, or whose role requires one, is "pending" until a code is checked here
 * (user_session.second_factor_at); lookupActor treats a pending session as nobody, so no page,
 * route or action is reachable before. Required for clearing-house staff and member risk
 * admins (SECOND_FACTOR_ROLES), optional for the others. Wrong codes count towards a limit
 * held in Postgres, every outcome is audited, and a code works once.
 */
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import type { RoleName } from "./permissions";
import { open, seal } from "./secret-box";
import { generateTotpSecret, matchTotp, otpauthUri } from "./totp";

export { SECOND_FACTOR_ROLES, secondFactorRequired, pendingSecondFactor, type SecondFactorStep } from "./second-factor-policy";

/** Wrong codes for one account within the window after which codes are refused for the rest of it. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const SECOND_FACTOR_WINDOW_MINUTES = 15;

export interface SecondFactorUser {
  readonly id: string;
  readonly email: string;
  readonly role: RoleName;
  readonly firmId: string | null;
}

/**
 * The secret to enroll with: a pending (unconfirmed) one is shown again, else a new one is
 * stored encrypted. Refused when a confirmed one exists.
 */
export async function startEnrollment(db: PrismaClient, user: SecondFactorUser): Promise<{ secret: string; uri: string }> {
  const existing = await db.userSecondFactor.findUnique({ where: { userId: user.id } });
  if (existing?.confirmedAt) throw new Error("a second factor is already set up for this account");
  let secret: string;
  if (existing) {
    secret = open(existing.secretEnc, user.id);
  } else {
    secret = generateTotpSecret();
    await db.userSecondFactor.upsert({ where: { userId: user.id }, create: { userId: user.id, secretEnc: seal(secret, user.id) }, update: {} });
    // A concurrent request may have created it first: show the stored one.
    const stored = await db.userSecondFactor.findUniqueOrThrow({ where: { userId: user.id } });
    secret = open(stored.secretEnc, user.id);
  }
  return { secret, uri: otpauthUri(secret, user.email) };
}

export type CodeOutcome = { ok: true; enrolled: boolean } | { ok: false; message: string; reason: "invalid" | "reused" | "locked" | "not-enrolled" };

export function secondFactorLockedMessage(until: Date): string {
  return `Too many wrong codes: try again after ${until.toISOString().slice(11, 16)} UTC.`;
}

/**
 * The lock after too many wrong codes (at sign-in and for step-up alike): the account's recent
 * wrong codes (up to the limit) and, when they reach it, the message saying until when.
 */
async function secondFactorLock(client: Pick<Prisma.TransactionClient, "loginAttempt">, email: string, since: Date): Promise<{ failures: number; locked: string | null }> {
  const failures = await client.loginAttempt.findMany({
    where: { email, success: false, reason: "second-factor", at: { gte: since } },
    orderBy: { at: "desc" },
    take: SECOND_FACTOR_MAX_FAILURES,
    select: { at: true },
  });
  if (failures.length < SECOND_FACTOR_MAX_FAILURES) return { failures: failures.length, locked: null };
  const oldest = failures[failures.length - 1]!.at;
  return { failures: failures.length, locked: secondFactorLockedMessage(new Date(oldest.getTime() + SECOND_FACTOR_WINDOW_MINUTES * 60_000)) };
}

/**
 * Checks a code for a session: on success the session is marked (and a pending enrollment
 * confirmed), in one transaction with the audit row.
 */
export async function checkSecondFactorCode(
  db: PrismaClient,
  input: { user: SecondFactorUser; sessionId: string; code: string; ip: string; userAgent?: string; requestId?: string | null; now?: Date },
): Promise<CodeOutcome> {
  const { user, sessionId, ip } = input;
  const userAgent = input.userAgent ?? "";
  const now = input.now ?? new Date();
  const code = input.code.replace(/\s/g, "");
  const auditActor = { userId: user.id, email: user.email, role: user.role };
  const since = new Date(now.getTime() - SECOND_FACTOR_WINDOW_MINUTES * 60_000);

  const refuse = async (reason: Exclude<CodeOutcome, { ok: true }>["reason"], message: string, count: boolean) => {
    await db.$transaction(async (tx) => {
      if (count) await tx.loginAttempt.create({ data: { email: user.email, ip, success: false, reason: "second-factor" } });
      await recordAudit(tx, { actor: auditActor, firmId: user.firmId, action: "auth.second-factor", objectType: "session", objectId: sessionId, outcome: "denied", summary: { reason, address: ip, userAgent }, requestId: input.requestId });
    });
    return { ok: false as const, reason, message };
  };

  const { failures, locked } = await secondFactorLock(db, user.email, since);
  if (locked) return refuse("locked", locked, false);

  const factor = await db.userSecondFactor.findUnique({ where: { userId: user.id } });
  if (!factor) return refuse("not-enrolled", "Set up your authenticator app first: no second factor is enrolled for this account.", false);
  const lastUsed = factor.lastUsedStep === null ? null : Number(factor.lastUsedStep);
  const step = matchTotp(open(factor.secretEnc, user.id), code, now.getTime(), lastUsed);
  if (step === null) {
    // Tell a reused code apart from a wrong one (the user waits for the next code).
    const anyStep = lastUsed !== null ? matchTotp(open(factor.secretEnc, user.id), code, now.getTime(), null) : null;
    const outcome =
      anyStep !== null
        ? await refuse("reused", "That code was already used. Wait for the next code of your authenticator app.", false)
        : await refuse("invalid", "The code is not correct. Enter the 6-digit code your authenticator app shows now.", true);
    if (outcome.reason === "invalid" && failures + 1 >= SECOND_FACTOR_MAX_FAILURES) {
      return { ...outcome, reason: "locked" as const, message: secondFactorLockedMessage(new Date(now.getTime() + SECOND_FACTOR_WINDOW_MINUTES * 60_000)) };
    }
    return outcome;
  }

  const enrolled = !factor.confirmedAt;
  const used = await db.$transaction(async (tx) => {
    // The step only moves forward: of two requests with the same code, one wins.
    const claimed = await tx.userSecondFactor.updateMany({
      where: { userId: user.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(step) } }] },
      data: { lastUsedStep: BigInt(step), ...(enrolled ? { confirmedAt: now } : {}) },
    });
    if (claimed.count === 0) return false;
    await tx.userSession.update({ where: { id: sessionId }, data: { secondFactorAt: now } });
    await tx.loginAttempt.create({ data: { email: user.email, ip, success: true, reason: "second-factor" } });
    await recordAudit(tx, {
      actor: auditActor,
      firmId: user.firmId,
      action: enrolled ? "auth.second-factor-enrolled" : "auth.second-factor",
      objectType: "session",
      objectId: sessionId,
      summary: { address: ip, userAgent },
      requestId: input.requestId,
    });
    return true;
  });
  if (!used) return refuse("reused", "That code was already used. Wait for the next code of your authenticator app.", false);
  return { ok: true, enrolled };
}

export type StepUpOutcome = { ok: true; step: number } | { ok: false; message: string; reason: "invalid" | "reused" | "locked" | "not-enrolled" };

export const STEP_UP_MESSAGES = {
  notEnrolled: "This action asks for a code of your authenticator app, and no second factor is set up for your account: turn on two-step sign-in first (Two-step sign-in, /signin/second-factor).",
  invalid: "The code is not correct. Enter the 6-digit code your authenticator app shows now.",
  reused: "That code was already used. Wait for the next code of your authenticator app.",
} as const;

/**
 * Step-up (ASVS 7.5.3): a fresh code for one dangerous action, checked and used in that action's
 * own transaction, so the code is spent only with the change it allowed. The same rules as at
 * sign-in: the user's confirmed factor only, one step of drift, a code works once (the used step
 * is shared with sign-in, so a code typed to sign in cannot be typed again here), and the
 * account's wrong codes lock this as they lock sign-in. Records nothing on a refusal: the
 * caller records it outside the rolled-back transaction (recordStepUpRefusal).
 */
export async function claimStepUpCode(tx: Prisma.TransactionClient, user: { readonly id: string; readonly email: string }, codeRaw: string, now = new Date()): Promise<StepUpOutcome> {
  const code = codeRaw.replace(/\s/g, "");
  const since = new Date(now.getTime() - SECOND_FACTOR_WINDOW_MINUTES * 60_000);
  const { locked } = await secondFactorLock(tx, user.email, since);
  if (locked) return { ok: false, reason: "locked", message: locked };
  const factor = await tx.userSecondFactor.findUnique({ where: { userId: user.id } });
  if (!factor?.confirmedAt) return { ok: false, reason: "not-enrolled", message: STEP_UP_MESSAGES.notEnrolled };
  const secret = open(factor.secretEnc, user.id);
  const lastUsed = factor.lastUsedStep === null ? null : Number(factor.lastUsedStep);
  const step = matchTotp(secret, code, now.getTime(), lastUsed);
  if (step === null) {
    const anyStep = lastUsed !== null ? matchTotp(secret, code, now.getTime(), null) : null;
    return anyStep !== null ? { ok: false, reason: "reused", message: STEP_UP_MESSAGES.reused } : { ok: false, reason: "invalid", message: STEP_UP_MESSAGES.invalid };
  }
  // The step only moves forward: of two requests with the same code, one wins.
  const claimed = await tx.userSecondFactor.updateMany({
    where: { userId: user.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(step) } }] },
    data: { lastUsedStep: BigInt(step) },
  });
  if (claimed.count === 0) return { ok: false, reason: "reused", message: STEP_UP_MESSAGES.reused };
  return { ok: true, step };
}

/**
 * A refused step-up: an `auth.step-up` audit row (which action, why, from where) and, for a
 * wrong code, a failed attempt that counts towards the second factor's lock.
 */
export async function recordStepUpRefusal(
  db: PrismaClient,
  input: { user: SecondFactorUser; action: string; reason: Exclude<StepUpOutcome, { ok: true }>["reason"]; address: string; userAgent: string; requestId?: string | null },
): Promise<void> {
  const { user } = input;
  await db.$transaction(async (tx) => {
    if (input.reason === "invalid") await tx.loginAttempt.create({ data: { email: user.email, ip: input.address, success: false, reason: "second-factor" } });
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email, role: user.role },
      firmId: user.firmId,
      action: "auth.step-up",
      objectType: "action",
      objectId: input.action,
      outcome: "denied",
      summary: { reason: input.reason, address: input.address, userAgent: input.userAgent },
      requestId: input.requestId,
    });
  });
}

/** Demo mode: gives a demo user a confirmed second factor with a published secret (README). */
export async function ensureConfirmedSecondFactor(db: PrismaClient, userId: string, secret: string): Promise<boolean> {
  const existing = await db.userSecondFactor.findUnique({ where: { userId } });
  if (existing?.confirmedAt) return false;
  await db.userSecondFactor.upsert({
    where: { userId },
    create: { userId, secretEnc: seal(secret, userId), confirmedAt: new Date() },
    update: { secretEnc: seal(secret, userId), confirmedAt: new Date(), lastUsedStep: null },
  });
  return true;
}
