/**
 * The one authorization helper. Every page, server action and route handler calls one of
 * these; the decision is lib/auth/permissions.ts `decide` (deny by default; a member only
 * ever reaches its own firm's data, the firm taken from the session, never from the request).
 * Every refusal is an `authz.denied` audit row with the client's address and user agent
 * (ASVS 16.3.2).
 */
import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { clientInfo, type ClientInfo } from "@/lib/server/client";
import { decide, type Permission } from "./permissions";
import { lookupActor, requestId, type Actor, type ActorLookup } from "./session";

async function auditDenied(actor: Actor, permission: Permission, what: string, reason: string, resourceFirmId?: string | null, reqId?: string | null, client?: ClientInfo): Promise<void> {
  const from = client ?? clientInfo(await headers());
  await recordAudit(db(), {
    actor: { userId: actor.userId, email: actor.email, role: actor.role },
    firmId: actor.firmId,
    action: "authz.denied",
    objectType: "route",
    objectId: what,
    outcome: "denied",
    summary: { permission, reason, ...(resourceFirmId ? { resourceFirmId } : {}), address: from.address, userAgent: from.userAgent },
    requestId: reqId === undefined ? await requestId() : reqId,
  });
}

/** For pages: sends a visitor to sign in, refuses (403 page) a user without the permission. */
export async function requirePage(permission: Permission, path: string, resourceFirmId?: string | null): Promise<Actor> {
  const lookup = await lookupActor();
  if (!lookup.actor && lookup.secondFactor) {
    const asked = (await headers()).get("x-pathname") ?? path;
    redirect(`/signin/second-factor?callbackUrl=${encodeURIComponent(asked)}`);
  }
  if (!lookup.actor) {
    // Come back to the page asked for (a layout guards for all its pages, so ask the request).
    const asked = (await headers()).get("x-pathname") ?? path;
    redirect(`/signin?callbackUrl=${encodeURIComponent(asked)}${lookup.expired ? "&expired=1" : ""}`);
  }
  const decision = decide(lookup.actor, permission, resourceFirmId);
  if (!decision.allowed) {
    await auditDenied(lookup.actor, permission, path, decision.reason, resourceFirmId);
    forbidden();
  }
  return lookup.actor;
}

/**
 * A member asked for an object that is not among its firm's (another firm's, or none): logged as
 * a refused access like any other (ASVS 16.3.2), answered as "not found" so nothing is revealed.
 */
export async function auditNotFound(actor: Actor, what: string): Promise<void> {
  await auditDenied(actor, "member.read", what, "not one of the firm's objects (another firm's, or none)", null);
}

/** For pages: the 404 of an object outside the member's firm, logged first (auditNotFound). */
export async function notFoundForFirm(actor: Actor, what: string): Promise<never> {
  await auditNotFound(actor, what);
  notFound();
}

export type ApiAuth = { ok: true; actor: Actor } | { ok: false; response: NextResponse };

/** For route handlers: JSON 401 / 403 with the reason. */
export async function requireApi(permission: Permission, what: string, resourceFirmId?: string | null): Promise<ApiAuth> {
  const lookup = await lookupActor();
  if (!lookup.actor) {
    const error = lookup.secondFactor ? "enter the code of your authenticator app first (second factor)" : lookup.expired ? "your session has expired; sign in again" : "sign in first";
    return { ok: false, response: NextResponse.json({ error: { code: "unauthenticated", message: error } }, { status: 401 }) };
  }
  const decision = decide(lookup.actor, permission, resourceFirmId);
  if (!decision.allowed) {
    await auditDenied(lookup.actor, permission, what, decision.reason, resourceFirmId);
    return { ok: false, response: NextResponse.json({ error: { code: "forbidden", message: decision.reason } }, { status: 403 }) };
  }
  return { ok: true, actor: lookup.actor };
}

/** For server actions (used by lib/server/action.ts). */
export async function authorizeAction(
  permission: Permission,
  name: string,
  lookupFn: () => Promise<ActorLookup> = lookupActor,
  reqId: string | null = null,
  client?: ClientInfo,
): Promise<{ ok: true; actor: Actor } | { ok: false; message: string; status: 401 | 403 }> {
  const lookup = await lookupFn();
  if (!lookup.actor) {
    if (lookup.secondFactor) return { ok: false, status: 401, message: "Enter the code of your authenticator app first (second factor); nothing was changed." };
    return { ok: false, status: 401, message: lookup.expired ? "Your session has expired. Sign in again; nothing was changed." : "Sign in first; nothing was changed." };
  }
  const decision = decide(lookup.actor, permission);
  if (!decision.allowed) {
    await auditDenied(lookup.actor, permission, `action:${name}`, decision.reason, undefined, reqId, client);
    return { ok: false, status: 403, message: `Not allowed: ${decision.reason}. Nothing was changed.` };
  }
  return { ok: true, actor: lookup.actor };
}
