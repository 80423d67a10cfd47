/**
 * Membership onboarding (SPEC §2): drafts saved step by step, documents, submission,
 * and the clearing house's review: start review, request changes, reject, exemptions,
 * approval. Every status change is a transition row (from, to, actor, time, reason, fields)
 * and an e-mail to the applicant, in the caller's transaction. An applicant's application is
 * always found by its owner (the session's user), never by an id from the request.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { ApplicationStatus } from "@/generated/prisma/enums";
import { blockingLines, evaluateApplication, parseBankList, type DraftValues } from "@/lib/applications/checklist";
import { canMove, EDITABLE_STATUSES, REVIEWABLE_STATUSES, STATUS_LABELS, type ApplicationStatusName } from "@/lib/applications/status";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/session";
import { FIRM_HEDGE_FUND_ROLE } from "@/lib/filings/capital";
import { clearingHouseRecipients, enqueue } from "@/lib/notify/outbox";
import { baseFundMemberType, computeGuarantyFundRequirements } from "@/lib/risk/guaranty-fund";
import { anyOtc } from "@/lib/risk/membership";
import { moneyString } from "@/lib/risk/money";
import { UserError, type Tx } from "@/lib/server/action";
import { issueNotices, requirementDraft } from "@/lib/server/guaranty-fund/notices";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { isoOf } from "@/lib/shared/dates";
import { sha256 } from "@/lib/shared/hash";
import { SETTINGS_BY_KEY } from "@/lib/settings/definitions";
import {
  checkSubmission,
  DOCUMENT_KINDS,
  REQUESTABLE_FIELDS,
  STEP_TITLES,
  type ApplicationData,
  type DocumentKind,
  type StepId,
  type SubmittedApplication,
} from "@/lib/validation/application";

type ApplicationRow = Prisma.MembershipApplicationGetPayload<object>;

export const INVITATION_DAYS = 7;

const LEGAL_FORM_LABELS: Record<string, string> = {
  "c-corporation": "C corporation",
  "s-corporation": "S corporation",
  llc: "LLC",
  "limited-partnership": "LP",
  "general-partnership": "GP",
  cooperative: "Cooperative",
  other: "Other",
};

/** Locks the application row for the rest of the transaction (two admins, two tabs). */
async function lock(tx: Tx, id: string): Promise<ApplicationRow | null> {
  await tx.$queryRaw`SELECT id FROM membership_application WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.membershipApplication.findUnique({ where: { id } });
}

async function ownLocked(tx: Tx, actor: Actor): Promise<ApplicationRow | null> {
  const row = await tx.membershipApplication.findUnique({ where: { applicantUserId: actor.userId }, select: { id: true } });
  return row ? lock(tx, row.id) : null;
}

function editable(app: ApplicationRow): void {
  if (!EDITABLE_STATUSES.includes(app.status)) {
    throw new UserError(`Your application is ${STATUS_LABELS[app.status].toLowerCase()}; it cannot be changed now. Nothing was saved.`);
  }
}

/** The applicant's application, created as a draft on first save. */
async function ownForEdit(tx: Tx, actor: Actor, version: number): Promise<ApplicationRow> {
  const app = await ownLocked(tx, actor);
  if (!app) {
    if (version !== 0) throw new UserError("Your application was not found. Reload the page; what you typed is kept in this browser.");
    const created = await tx.membershipApplication.create({ data: { applicantUserId: actor.userId, version: 0 } });
    await tx.applicationTransition.create({ data: { applicationId: created.id, fromStatus: null, toStatus: "DRAFT", actorId: actor.userId, actorEmail: actor.email, reason: "application started", version: 0 } });
    return created;
  }
  editable(app);
  if (app.version !== version) {
    throw new UserError("Your application was changed since this page was loaded (in another tab or window?). Reload the page; what you typed is kept in this browser. Nothing was saved.");
  }
  return app;
}

export async function saveStep(tx: Tx, actor: Actor, step: StepId, values: unknown, version: number) {
  const app = await ownForEdit(tx, actor, version);
  const data = { ...(app.data as ApplicationData), [step]: values } as Prisma.InputJsonObject;
  const updated = await tx.membershipApplication.update({ where: { id: app.id }, data: { data, version: { increment: 1 }, updatedAt: new Date() } });
  return { applicationId: updated.id, version: updated.version };
}

export async function attachDocument(tx: Tx, actor: Actor, fileId: string, kind: DocumentKind, version: number) {
  const file = await tx.storedFile.findFirst({ where: { id: fileId, ownerUserId: actor.userId, purpose: "application-document" } });
  if (!file) throw new UserError("That upload was not found among your documents. Upload the file again.", { fileId: ["Upload the file again"] });
  if (await tx.applicationDocument.findUnique({ where: { fileId } })) throw new UserError("That file is already attached.");
  const app = await ownForEdit(tx, actor, version);
  const doc = await tx.applicationDocument.create({ data: { applicationId: app.id, fileId, kind, uploadedBy: actor.userId } });
  const updated = await tx.membershipApplication.update({ where: { id: app.id }, data: { version: { increment: 1 }, updatedAt: new Date() } });
  return { applicationId: app.id, documentId: doc.id, name: file.originalName, version: updated.version };
}

export async function removeDocument(tx: Tx, actor: Actor, documentId: string, version: number) {
  const app = await ownForEdit(tx, actor, version);
  const doc = await tx.applicationDocument.findFirst({ where: { id: documentId, applicationId: app.id } });
  if (!doc) throw new UserError("No such document on your application.");
  await tx.applicationDocument.delete({ where: { id: doc.id } });
  const updated = await tx.membershipApplication.update({ where: { id: app.id }, data: { version: { increment: 1 }, updatedAt: new Date() } });
  return { applicationId: app.id, kind: doc.kind, version: updated.version };
}

async function transition(
  tx: Tx,
  actor: Actor,
  app: ApplicationRow,
  to: ApplicationStatusName,
  extra: { reason?: string | null; fields?: readonly string[]; data?: Prisma.MembershipApplicationUpdateInput; firmId?: string | null } = {},
) {
  if (!canMove(app.status, to)) {
    throw new UserError(`The application is ${STATUS_LABELS[app.status].toLowerCase()}: it cannot be moved to ${STATUS_LABELS[to].toLowerCase()}. Nothing was changed.`);
  }
  const updated = await tx.membershipApplication.update({ where: { id: app.id }, data: { ...extra.data, status: to as ApplicationStatus, updatedAt: new Date() } });
  const t = await tx.applicationTransition.create({
    data: { applicationId: app.id, fromStatus: app.status, toStatus: to as ApplicationStatus, actorId: actor.userId, actorEmail: actor.email, reason: extra.reason ?? null, fields: [...(extra.fields ?? [])], version: updated.version },
  });
  const applicant = await tx.user.findUniqueOrThrow({ where: { id: app.applicantUserId } });
  const firmName = ((app.data as ApplicationData).firm?.legalName ?? "your firm").trim();
  const lines = [
    `Hello ${applicant.name},`,
    "",
    `The membership application of ${firmName} is now: ${STATUS_LABELS[to]}.`,
    ...(extra.reason ? ["", `Reason: ${extra.reason}`] : []),
    ...(extra.fields?.length ? ["", "Fields concerned:", ...extra.fields.map((f) => `  - ${fieldLabel(f)}`)] : []),
    "",
    to === "APPROVED"
      ? "Sign in again to reach your clearing member area."
      : to === "CHANGES_REQUESTED"
        ? "Sign in, answer the changes requested and submit the application again."
        : "Sign in to the portal to see your application and its history.",
  ];
  await enqueue(tx, [{ email: applicant.email, userId: applicant.id, firmId: extra.firmId ?? null }], {
    kind: "application.status",
    subject: `Membership application: ${STATUS_LABELS[to]}`,
    body: lines.join("\n"),
    dedupeKey: `application-transition:${t.id}`,
  });
  return { updated, transitionId: t.id };
}

/** "capital.secRequirement" → "Capital figures: secRequirement". */
export function fieldLabel(field: string): string {
  if (field === "documents") return "Documents";
  const [step, name] = field.split(".") as [StepId, string | undefined];
  return `${STEP_TITLES[step] ?? step}${name ? `: ${name}` : ""}`;
}

export async function submit(tx: Tx, actor: Actor, version: number) {
  const app = await ownLocked(tx, actor);
  if (!app) throw new UserError("Save the first step of your application before submitting.");
  if (app.submittedVersion === version && (app.status === "SUBMITTED" || app.status === "UNDER_REVIEW")) {
    return { applicationId: app.id, status: app.status, alreadySubmitted: true as const };
  }
  editable(app);
  if (app.version !== version) throw new UserError("Your application was changed since this page was loaded. Reload the page and submit again. Nothing was submitted.");
  const checked = checkSubmission(app.data as ApplicationData);
  if (!checked.ok) throw new UserError("Some steps need attention before the application can be submitted; nothing was submitted.", checked.fieldErrors);
  const { updated } = await transition(tx, actor, app, "SUBMITTED", {
    reason: app.status === "CHANGES_REQUESTED" ? "resubmitted with the changes requested" : null,
    data: { submittedVersion: version, submittedAt: new Date() },
  });
  const staff = await clearingHouseRecipients(tx, ["CH_ADMIN"]);
  await enqueue(tx, staff, {
    kind: "application.submitted",
    subject: `Membership application submitted: ${checked.data.firm.legalName}`,
    body: `${checked.data.firm.legalName} (${actor.email}) submitted its membership application (version ${version}). Review it under Applications.`,
    dedupeKey: `application-submitted:${app.id}:${version}`,
  });
  return { applicationId: app.id, status: updated.status, alreadySubmitted: false as const };
}

async function forReview(tx: Tx, id: string): Promise<ApplicationRow> {
  const app = await lock(tx, id);
  if (!app) throw new UserError("No such application.");
  return app;
}

export async function startReview(tx: Tx, actor: Actor, id: string) {
  const app = await forReview(tx, id);
  await transition(tx, actor, app, "UNDER_REVIEW", { reason: "review started" });
  return app;
}

export async function requestChanges(tx: Tx, actor: Actor, id: string, reason: string, fields: readonly string[]) {
  const app = await forReview(tx, id);
  const unknown = fields.filter((f) => !REQUESTABLE_FIELDS.includes(f));
  if (unknown.length) throw new UserError(`Unknown fields: ${unknown.join(", ")}`, { fields: ["Unknown field"] });
  await transition(tx, actor, app, "CHANGES_REQUESTED", { reason, fields });
  return app;
}

export async function reject(tx: Tx, actor: Actor, id: string, reason: string) {
  const app = await forReview(tx, id);
  await transition(tx, actor, app, "REJECTED", { reason });
  return app;
}

/** The checklist of a stored application, with the current approved-bank setting. */
export async function storedChecklist(tx: Tx, app: ApplicationRow) {
  const docs = await tx.applicationDocument.findMany({ where: { applicationId: app.id }, select: { kind: true } });
  const banks = (await tx.setting.findUnique({ where: { key: "membership.approvedSettlementBanks" } }))?.value ?? SETTINGS_BY_KEY.get("membership.approvedSettlementBanks")!.defaultValue;
  return evaluateApplication(app.data as DraftValues, docs.map((d) => d.kind), parseBankList(banks));
}

export async function recordExemption(tx: Tx, actor: Actor, id: string, requirementId: string, reason: string) {
  const app = await forReview(tx, id);
  if (!REVIEWABLE_STATUSES.includes(app.status)) throw new UserError(`The application is ${STATUS_LABELS[app.status].toLowerCase()}; exemptions are recorded during review.`);
  const outcome = await storedChecklist(tx, app);
  if (!outcome.ok) throw new UserError(`The checklist cannot be computed: ${outcome.message}`);
  const line = outcome.checklist.lines.find((l) => l.id === requirementId);
  if (!line || !line.hard || line.status === "met") {
    throw new UserError("Exemptions are recorded for hard requirements that are not met or need review.", { requirementId: ["Choose a hard requirement that is not met or needs review"] });
  }
  if (await tx.applicationExemption.findUnique({ where: { applicationId_requirementId: { applicationId: id, requirementId } } })) {
    throw new UserError("An exemption is already recorded for this requirement.", { requirementId: ["Already exempted"] });
  }
  const row = await tx.applicationExemption.create({ data: { applicationId: id, requirementId, reason, actorId: actor.userId, actorEmail: actor.email } });
  return { exemptionId: row.id, line };
}

/**
 * Approval, all or nothing: refused while a hard requirement is not met (or needs review)
 * without an exemption; creates the clearing member, moves the applicant into it as its risk
 * administrator (and ends the applicant's sessions so the new role applies at next sign-in),
 * invites the authorized representative, records the initial guaranty fund requirement(s),
 * moves the documents to the firm, and mails the applicant.
 */
export async function approve(tx: Tx, actor: Actor, id: string, firmCode: string, reason: string | undefined) {
  const app = await forReview(tx, id);
  if (app.status !== "UNDER_REVIEW") throw new UserError(`The application is ${STATUS_LABELS[app.status].toLowerCase()}: only an application under review can be approved. Nothing was changed.`);
  const checked = checkSubmission(app.data as ApplicationData);
  if (!checked.ok) throw new UserError("The stored application is incomplete; request changes instead.");
  const outcome = await storedChecklist(tx, app);
  if (!outcome.ok) throw new UserError(`The checklist cannot be computed: ${outcome.message}`);
  const exemptions = await tx.applicationExemption.findMany({ where: { applicationId: id } });
  const blocking = blockingLines(outcome.checklist, exemptions.map((e) => e.requirementId));
  if (blocking.length) {
    throw new UserError(
      `Approval refused: ${blocking.length} hard requirement${blocking.length > 1 ? "s are" : " is"} not met and not exempted: ${blocking.map((l) => `${l.requirement} (required ${l.required}, given ${l.given})`).join("; ")}. Record an exemption with a reason, or request changes.`,
    );
  }
  if (await tx.firm.findUnique({ where: { code: firmCode } })) throw new UserError(`The member code ${firmCode} is taken; choose another.`, { firmCode: ["This code is taken"] });

  const a: SubmittedApplication = checked.data;
  const scope = a.scope;
  const firm = await tx.firm.create({
    data: {
      code: firmCode,
      legalName: a.firm.legalName,
      legalForm: LEGAL_FORM_LABELS[a.firm.legalForm] ?? a.firm.legalForm,
      jurisdiction: a.firm.country,
      isBank: a.firm.isBank,
      isFcm: a.firm.fcmRegistered,
      isBrokerDealer: a.firm.brokerDealer,
      clearsOtc: anyOtc(scope),
      clearsIrs: scope.irs,
      clearsCds: scope.cds,
      clearsAgriculturalOtc: scope.agriculturalOtc,
      clearsOtherBaseOtc: scope.otherBaseOtc,
      guaranteesNymexFloorMembers: scope.guaranteesNymexFloorMembers,
      hedgeFundRole: FIRM_HEDGE_FUND_ROLE[a.firm.hedgeFundRole],
      exchanges: [...scope.exchanges],
    },
  });

  const applicant = await tx.user.findUniqueOrThrow({ where: { id: app.applicantUserId } });
  await tx.user.update({ where: { id: applicant.id }, data: { role: "MEMBER_RISK_ADMIN", firmId: firm.id, sessionVersion: { increment: 1 } } });
  await tx.userSession.updateMany({ where: { userId: applicant.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: "application approved: sign in again as the clearing member" } });

  // The authorized representative: a member user with a one-time link to set a password.
  let invited: string | null = null;
  const repEmail = a.representative.email.toLowerCase();
  if (repEmail !== applicant.email && !(await tx.user.findUnique({ where: { email: repEmail } }))) {
    const rep = await tx.user.create({
      data: { email: repEmail, name: a.representative.name, role: "MEMBER_USER", firmId: firm.id, passwordHash: await hashPassword(randomBytes(32).toString("base64url")) },
    });
    const token = randomBytes(32).toString("base64url");
    await tx.userInvitation.create({ data: { userId: rep.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) } });
    await enqueue(tx, [{ email: rep.email, userId: rep.id, firmId: firm.id }], {
      kind: "user.invitation",
      subject: `Your access to the Clearing Member Portal for ${firm.legalName}`,
      body: [
        `Hello ${rep.name},`,
        "",
        `${firm.legalName} is now a clearing member, and you are named as its authorized representative.`,
        `Set your password within ${INVITATION_DAYS} days with this one-time link:`,
        `${(process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "")}/invitation/${token}`,
      ].join("\n"),
      dedupeKey: `invitation:${rep.id}`,
    });
    invited = rep.email;
  }

  // Initial guaranty fund requirement(s): the Rule 816 / 002 minimum for the member type.
  const effectiveFrom = new Date();
  const gf: { fund: string; amount: string; basis: string }[] = [];
  if (scope.futuresOptions || scope.agriculturalOtc || scope.otherBaseOtc) {
    const memberType = baseFundMemberType({ clearsAgriculturalOtc: scope.agriculturalOtc, clearsOtherBaseOtc: scope.otherBaseOtc });
    const r = computeGuarantyFundRequirements({ aggregate: "0", members: [{ id: firm.id, memberType, averagePerformanceBond: "0", riskWeightedContracts: "0" }] }).members[0]!;
    gf.push({ fund: "base", amount: moneyString(r.requirement), basis: `Rule 816 minimum for a ${memberType === "base-otc" ? "futures/options and Base OTC" : "futures/options"} clearing member (no proportionate share before its first quarter)` });
  }
  for (const fund of ["irs", "cds"] as const) {
    if (!scope[fund]) continue;
    const line = outcome.checklist.lines.find((l) => l.id === `guaranty-fund-${fund}`);
    if (line?.requiredAmount) gf.push({ fund, amount: moneyString(line.requiredAmount), basis: `${line.rule}: ${line.requirement}` });
  }
  for (const g of gf) await tx.guarantyFundRequirement.create({ data: { firmId: firm.id, fund: g.fund, amount: g.amount, basis: g.basis, effectiveFrom, createdBy: actor.userId } });
  // The Base requirement is owed from day one: a deposit notice, due in 5 business days (SPEC §6),
  // e-mailed to the new member's users, and the member's current requirement until its first
  // quarterly recalculation. (IRS and CDS are deposited to their own funds, each due by the same rule.)
  const base = gf.find((g) => g.fund === "base");
  if (base) {
    const noticeDate = isoOf(effectiveFrom);
    const draft = requirementDraft(await businessCalendar(tx), {
      firmId: firm.id,
      kind: "DEPOSIT",
      recalculationId: null,
      noticeDate,
      required: base.amount,
      onDeposit: "0.00",
      calculation: { initialRequirement: true, memberType: baseFundMemberType({ clearsAgriculturalOtc: scope.agriculturalOtc, clearsOtherBaseOtc: scope.otherBaseOtc }), minimum: base.amount, basis: base.basis },
    });
    await issueNotices(tx, [draft], actor.userId, effectiveFrom);
  }

  const docs = await tx.applicationDocument.findMany({ where: { applicationId: id }, select: { fileId: true } });
  await tx.storedFile.updateMany({ where: { id: { in: docs.map((d) => d.fileId) } }, data: { firmId: firm.id } });

  await transition(tx, actor, app, "APPROVED", { reason: reason || `approved as clearing member ${firmCode}`, data: { firmId: firm.id }, firmId: firm.id });
  return { firm, invited, guarantyFund: gf, exemptions: exemptions.map((e) => e.requirementId), applicantEmail: applicant.email };
}

export function documentLabel(kind: string): string {
  return DOCUMENT_KINDS[kind as DocumentKind] ?? kind;
}
