/**
 * The one wrapper every server action goes through, in order: check the Origin; authenticate;
 * parse the input with the zod schema the form also uses; authorize (the firm always from the
 * session); for the most dangerous actions, check a fresh second-factor code (`stepUp`); run the
 * service in a transaction together with its audit row, so the change is
 * durable before the user is told; revalidate; answer
 * `{ ok: true, data } | { ok: false, fieldErrors, formError }`. Expected errors (DomainError,
 * lib/shared/errors.ts) carry a message for the user; unexpected ones are logged and answered with a reference id.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/audit";
import { authorizeAction } from "@/lib/auth/authorize";
import { claimStepUpCode, recordStepUpRefusal, type StepUpOutcome } from "@/lib/auth/second-factor";
import type { Permission } from "@/lib/auth/permissions";
import { lookupActor, type Actor, type ActorLookup } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { registerAction } from "./action-registry";
import { canonicalJson, checkedIdempotencyKey, fingerprint, idempotent, IdempotencyError, userScope } from "./idempotency";
import { clientInfo, type ClientInfo } from "./client";
import { checkOrigin } from "./origin";
import { checkSubmittedText } from "@/lib/text/unsafe-text";
import { DomainError, type FieldErrors } from "@/lib/shared/errors";

export type { FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; fieldErrors?: FieldErrors; formError?: string };

/**
 * How a form calls an action: with its submission's idempotency key, so that a retry after a
 * lost answer (the connection dropped) gets the first answer and stores nothing again, as
 * `Idempotency-Key` does for the JSON routes (lib/server/idempotency.ts, same records).
 */
export interface ActionCall {
  readonly idempotencyKey?: string;
}

export type Tx = Prisma.TransactionClient;

/** An expected refusal of an action (a DomainError coded "refused", 422): shown to the user as it is, nothing is changed. */
export class UserError extends DomainError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super("refused", message, fieldErrors);
    this.name = "UserError";
  }
}

/**
 * A step-up refused (a missing, wrong, reused code, a locked second factor, or none enrolled):
 * the field error names `secondFactorCode`; recorded as `auth.step-up` (auditRefusal).
 */
export class StepUpRefused extends UserError {
  constructor(readonly outcome: Exclude<StepUpOutcome, { ok: true }>) {
    super(`${outcome.message} Nothing was changed.`, { secondFactorCode: [outcome.message] });
    this.name = "StepUpRefused";
  }
}

export interface ActionContext {
  readonly actor: Actor;
  readonly tx: Tx;
  readonly requestId: string | null;
}

export interface ActionOutcome<T> {
  readonly data: T;
  readonly audit: Omit<AuditEntry, "actor" | "requestId">;
  readonly revalidate?: readonly string[];
}

export interface ActionDefinition<S extends z.ZodType, T> {
  readonly name: string;
  readonly permission: Permission;
  readonly schema: S;
  /**
   * Step-up (ASVS 7.5.3): the action also needs a fresh code of the user's authenticator app in
   * the field `secondFactorCode` (its schema spreads `stepUpFields`), checked and used once in
   * the action's transaction; the audit row then says `stepUp: "totp"`. The service never sees
   * the code.
   */
  readonly stepUp?: boolean;
  readonly run: (input: z.output<S>, ctx: ActionContext) => Promise<ActionOutcome<T>>;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** What a server action needs from its request; injectable so tests can drive the real wrapper. */
export interface RequestContext {
  readonly headers: { get(name: string): string | null };
  readonly lookup: () => Promise<ActorLookup>;
  readonly revalidate: (path: string) => void;
}

function auditActorOf(actor: Actor) {
  return { userId: actor.userId, email: actor.email, role: actor.role };
}

/**
 * Validates an action's input with its schema; an invalid one is audited ("invalid") and
 * answered with the field errors. Shared by the server action and its JSON route.
 */
export async function parseActionInput<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  actor: Actor,
  raw: unknown,
  requestId: string | null,
): Promise<{ ok: true; input: z.output<S> } | { ok: false; fieldErrors: FieldErrors }> {
  // Free text is NFC, and never carries direction overrides or control characters (ASVS 1.2).
  const text = checkSubmittedText(raw);
  if (!text.ok) {
    await recordAudit(db(), { actor: auditActorOf(actor), firmId: actor.firmId, action: def.name, outcome: "invalid", summary: { fields: Object.keys(text.fieldErrors), rule: "unsafe-text" }, requestId });
    return { ok: false, fieldErrors: text.fieldErrors };
  }
  const parsed = def.schema.safeParse(text.value);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors = zodFieldErrors(parsed.error);
  await recordAudit(db(), { actor: auditActorOf(actor), firmId: actor.firmId, action: def.name, outcome: "invalid", summary: { fields: Object.keys(fieldErrors) }, requestId });
  return { ok: false, fieldErrors };
}

const STEP_UP_FIELD = "secondFactorCode";

/** The input without its step-up code: what the service gets and what a retry is compared by. */
function withoutStepUpCode<I>(def: { readonly stepUp?: boolean }, input: I): I {
  if (!def.stepUp || typeof input !== "object" || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([key]) => key !== STEP_UP_FIELD)) as I;
}

/** What an idempotency key's submission is compared by (a retry may come with another code). */
export function actionFingerprint<S extends z.ZodType, T>(def: ActionDefinition<S, T>, input: z.output<S>): string {
  return fingerprint(def.name, canonicalJson(withoutStepUpCode(def, input)));
}

/**
 * Runs an action's service in the caller's transaction, with its audit row (plus `auditExtra` in
 * the summary); a step-up action first uses its fresh code in the same transaction.
 */
export async function runActionIn<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  tx: Tx,
  actor: Actor,
  input: z.output<S>,
  requestId: string | null,
  auditExtra?: Record<string, string>,
): Promise<ActionOutcome<T>> {
  if (def.stepUp) {
    const code = (input as Record<string, unknown>)[STEP_UP_FIELD];
    const checked = typeof code === "string" ? await claimStepUpCode(tx, { id: actor.userId, email: actor.email }, code) : ({ ok: false, reason: "invalid", message: "Enter the 6-digit code your authenticator app shows now." } as const);
    if (!checked.ok) throw new StepUpRefused(checked);
    auditExtra = { ...auditExtra, stepUp: "totp" };
  }
  const result = await def.run(withoutStepUpCode(def, input), { actor, tx, requestId });
  const summary = auditExtra && result.audit.summary && typeof result.audit.summary === "object" && !Array.isArray(result.audit.summary) ? { ...result.audit.summary, ...auditExtra } : result.audit.summary;
  await recordAudit(tx, { ...result.audit, summary, actor: auditActorOf(actor), requestId });
  return result;
}

/**
 * Audits an expected refusal (a DomainError) of an action, outside the rolled-back transaction; a
 * refused step-up as `auth.step-up` with the client's address and user agent.
 */
export async function auditRefusal(def: { name: string }, actor: Actor, error: DomainError, requestId: string | null, client?: ClientInfo): Promise<void> {
  if (error instanceof StepUpRefused) {
    const user = { id: actor.userId, email: actor.email, role: actor.role, firmId: actor.firmId };
    await recordStepUpRefusal(db(), { user, action: def.name, reason: error.outcome.reason, address: client?.address ?? "unknown", userAgent: client?.userAgent ?? "", requestId });
    return;
  }
  await recordAudit(db(), { actor: auditActorOf(actor), firmId: actor.firmId, action: def.name, outcome: "refused", summary: { code: error.code, message: error.message }, requestId });
}

export async function executeAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>, request: RequestContext, input: unknown, call: ActionCall = {}): Promise<ActionResult<T>> {
  const requestId = request.headers.get("x-request-id");
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return { ok: false, formError: origin.message };
  let key: string | null;
  try {
    key = call.idempotencyKey === undefined ? null : checkedIdempotencyKey(call.idempotencyKey);
  } catch (e) {
    return { ok: false, formError: `${(e as Error).message}; nothing was saved.` };
  }

  const auth = await authorizeAction(def.permission, def.name, request.lookup, requestId, clientInfo(request.headers));
  if (!auth.ok) return { ok: false, formError: auth.message };
  const actor = auth.actor;

  const raw = input instanceof FormData ? Object.fromEntries(input.entries()) : input;
  const parsed = await parseActionInput(def, actor, raw, requestId);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, formError: "Some fields need attention; nothing was saved." };

  try {
    const ran: { outcome?: ActionOutcome<T> } = {};
    // With a key, the answer is stored with the change: a retry of the same submission gets it back.
    const stored = await idempotent(db(), { scope: userScope(actor.userId), key, fingerprint: actionFingerprint(def, parsed.input) }, async (tx) => {
      const outcome = await runActionIn(def, tx, actor, parsed.input, requestId, key ? { idempotencyKey: key } : undefined);
      ran.outcome = outcome;
      // Stored as JSON (a bigint as its digits): a replay answers that.
      const body = key ? JSON.parse(JSON.stringify(outcome.data ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) : {};
      return { status: 200, body: body as Prisma.InputJsonValue };
    });
    if (stored.replayed || !ran.outcome) return { ok: true, data: stored.answer.body as T };
    for (const p of ran.outcome.revalidate ?? []) request.revalidate(p);
    return { ok: true, data: ran.outcome.data };
  } catch (e) {
    if (e instanceof IdempotencyError) return { ok: false, formError: `${e.message}; nothing was saved.` };
    if (e instanceof DomainError) {
      await auditRefusal(def, actor, e, requestId, clientInfo(request.headers));
      return { ok: false, formError: e.message, fieldErrors: e.fieldErrors };
    }
    const reference = requestId ?? randomUUID();
    console.error(`[action ${def.name}] reference ${reference}`, e);
    return { ok: false, formError: `Something went wrong and nothing was saved. Quote reference ${reference} to the clearing house.` };
  }
}

export type ServerAction<T> = ((input: unknown, call?: ActionCall) => Promise<ActionResult<T>>) & {
  readonly actionName: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly definition: ActionDefinition<any, T>;
};

export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>): ServerAction<T> {
  registerAction(def);
  const action = async (input: unknown, call?: ActionCall) => executeAction(def, { headers: await headers(), lookup: lookupActor, revalidate: revalidatePath }, input, call);
  return Object.assign(action, { actionName: def.name, definition: def });
}
