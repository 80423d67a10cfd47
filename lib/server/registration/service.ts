/**
 * Self-registration of an applicant and the one-time links that let a user created
 * at approval set a password. Public: no session. Registrations are limited per address, held
 * in Postgres like the sign-in limits; every outcome is audited; passwords are Argon2id hashes.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { zodFieldErrors, type FieldErrors } from "@/lib/server/action";
import { sha256 } from "@/lib/shared/hash";
import { PASSWORD_MIN, registerSchema, setPasswordSchema } from "@/lib/validation/application";

/** Registrations from one address within the window, after which it is refused. */
export const REGISTRATION_MAX_PER_ADDRESS = 10;
export const REGISTRATION_WINDOW_MINUTES = 60;

export const DUPLICATE_EMAIL_MESSAGE = "An account with this e-mail already exists. Sign in instead, or use another address.";

export type PublicResult = { ok: true } | { ok: false; status: number; fieldErrors?: FieldErrors; formError: string };

if (PASSWORD_MIN !== PASSWORD_MIN_LENGTH) throw new Error("lib/validation/application.ts PASSWORD_MIN must equal PASSWORD_MIN_LENGTH");

export async function register(db: PrismaClient, raw: unknown, ip: string, requestId: string | null): Promise<PublicResult> {
  const since = new Date(Date.now() - REGISTRATION_WINDOW_MINUTES * 60_000);
  const recent = await db.registrationAttempt.count({ where: { ip, at: { gte: since } } });
  const email = typeof (raw as { email?: unknown })?.email === "string" ? ((raw as { email: string }).email.trim().toLowerCase()) : "";
  const refuse = async (outcome: string, result: Exclude<PublicResult, { ok: true }>) => {
    await db.$transaction(async (tx) => {
      await tx.registrationAttempt.create({ data: { ip, email, outcome } });
      await recordAudit(tx, { actorEmail: email || undefined, action: "auth.register", outcome: "refused", summary: { reason: outcome, ip }, requestId });
    });
    return result;
  };
  if (recent >= REGISTRATION_MAX_PER_ADDRESS) {
    return refuse("address-limited", { ok: false, status: 429, formError: "Too many registrations from this address. Try again in an hour." });
  }
  const parsed = registerSchema.safeParse(raw);
  if (!parsed.success) return refuse("invalid", { ok: false, status: 400, fieldErrors: zodFieldErrors(parsed.error), formError: "Some fields need attention; nothing was saved." });
  const input = parsed.data;
  if (await db.user.findUnique({ where: { email: input.email } })) {
    return refuse("duplicate", { ok: false, status: 409, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] }, formError: DUPLICATE_EMAIL_MESSAGE });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: "APPLICANT", passwordHash } });
      await tx.registrationAttempt.create({ data: { ip, email: input.email, outcome: "ok" } });
      await recordAudit(tx, { actor: { userId: user.id, email: user.email, role: user.role }, action: "auth.register", objectType: "user", objectId: user.id, summary: { ip }, requestId });
    });
  } catch (e) {
    // Two registrations of one address at once: the unique index decides.
    if ((e as { code?: string }).code === "P2002") return { ok: false, status: 409, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] }, formError: DUPLICATE_EMAIL_MESSAGE };
    throw e;
  }
  return { ok: true };
}

export const INVALID_LINK_MESSAGE = "This link is not valid, was already used, or has expired. Ask the clearing house for a new one.";

/** Sets the password of the user a one-time invitation names, and spends the link. */
export async function acceptInvitation(db: PrismaClient, raw: unknown, requestId: string | null): Promise<PublicResult & { email?: string }> {
  const parsed = setPasswordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: zodFieldErrors(parsed.error), formError: "Some fields need attention; nothing was saved." };
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    const inv = await tx.userInvitation.findUnique({ where: { tokenHash: sha256(parsed.data.token) } });
    if (!inv || inv.usedAt || inv.expiresAt.getTime() < Date.now()) return { ok: false as const, status: 400, formError: INVALID_LINK_MESSAGE };
    const spent = await tx.userInvitation.updateMany({ where: { id: inv.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count !== 1) return { ok: false as const, status: 400, formError: INVALID_LINK_MESSAGE };
    const user = await tx.user.update({ where: { id: inv.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor: { userId: user.id, email: user.email, role: user.role }, firmId: user.firmId, action: "auth.invitation-accepted", objectType: "user", objectId: user.id, summary: { invitationId: inv.id }, requestId });
    return { ok: true as const, email: user.email };
  });
}
