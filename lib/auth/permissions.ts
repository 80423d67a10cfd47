/**
 * Roles (SPEC §1) and what each may do. Pure data: used by the one authorization helper
 * (lib/auth/authorize.ts), by the navigation, and by the authorization-matrix tests.
 * Deny by default: a permission not listed for a role is refused.
 */
export const ROLES = ["APPLICANT", "MEMBER_USER", "MEMBER_RISK_ADMIN", "CH_RISK_STAFF", "CH_ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  APPLICANT: "Applicant",
  MEMBER_USER: "Member user",
  MEMBER_RISK_ADMIN: "Member risk admin",
  CH_RISK_STAFF: "Clearing-house risk staff",
  CH_ADMIN: "Clearing-house admin",
};

export type Permission =
  /** an applicant's own application and documents */
  | "application.own"
  /** read the firm's own requirements, statements, notices, filings */
  | "member.read"
  /** file reports, acknowledge notices */
  | "member.file"
  /** credit limits, RMI blocks, kill switch, auction bids */
  | "member.riskAdmin"
  /** read across all firms */
  | "ch.read"
  /** run margin cycles, declare defaults, run auctions */
  | "ch.risk"
  /** approve applications, review filings, issue notices, manage users */
  | "ch.admin"
  /** change settings (SPEC intro and §1: clearing-house staff) */
  | "settings.edit"
  /** read the audit trail */
  | "audit.read";

const MEMBER: Permission[] = ["member.read", "member.file"];

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  APPLICANT: ["application.own"],
  MEMBER_USER: MEMBER,
  MEMBER_RISK_ADMIN: [...MEMBER, "member.riskAdmin"],
  CH_RISK_STAFF: ["ch.read", "ch.risk", "settings.edit", "audit.read"],
  CH_ADMIN: ["ch.read", "ch.admin", "settings.edit", "audit.read"],
};

/** Permissions whose data belongs to one firm: the actor's firm must be the resource's firm. */
export const FIRM_SCOPED: ReadonlySet<Permission> = new Set<Permission>(["member.read", "member.file", "member.riskAdmin"]);

export interface ActorLike {
  readonly role: RoleName;
  readonly firmId: string | null;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * The decision itself, pure. `resourceFirmId` is the firm that owns the data touched (for
 * firm-scoped permissions); a member is allowed only its own firm's data.
 */
export function decide(actor: ActorLike | null, permission: Permission, resourceFirmId?: string | null): Decision {
  if (!actor) return { allowed: false, reason: "not signed in" };
  if (!ROLE_PERMISSIONS[actor.role].includes(permission)) {
    return { allowed: false, reason: `the ${ROLE_LABELS[actor.role]} role may not do this (${permission})` };
  }
  if (FIRM_SCOPED.has(permission)) {
    if (!actor.firmId) return { allowed: false, reason: "this user belongs to no clearing member" };
    if (resourceFirmId !== undefined && resourceFirmId !== actor.firmId) return { allowed: false, reason: "this belongs to another firm" };
  }
  return { allowed: true };
}

export function can(actor: ActorLike | null, permission: Permission): boolean {
  return decide(actor, permission).allowed;
}

/** Where each role lands after signing in. */
export function homePath(role: RoleName): string {
  switch (role) {
    case "APPLICANT":
      return "/application";
    case "MEMBER_USER":
    case "MEMBER_RISK_ADMIN":
      return "/member";
    case "CH_RISK_STAFF":
    case "CH_ADMIN":
      return "/ch";
  }
}
