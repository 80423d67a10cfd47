/**
 * Membership onboarding through the real action wrapper against Postgres:
 * registration, drafts step by step, submission (idempotent), review, changes requested,
 * approval refused while a hard requirement is short, exemptions, approval creating the member.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/server/action";
import {
  approveApplication,
  attachApplicationDocument,
  recordApplicationExemption,
  rejectApplication,
  requestApplicationChanges,
  saveApplicationStep,
  startApplicationReview,
  submitApplication,
} from "@/lib/server/applications/actions";
import { acceptInvitation, DUPLICATE_EMAIL_MESSAGE, register, REGISTRATION_MAX_PER_ADDRESS } from "@/lib/server/registration/service";
import { sha256 } from "@/lib/shared/hash";
import { checkSignIn } from "@/lib/auth/sign-in";
import { assessFiling } from "@/lib/filings/capital";
import { STEP_IDS, type StepId } from "@/lib/validation/application";
import { addBusinessDays } from "@/lib/risk";
import { currentRequirement } from "@/lib/server/guaranty-fund/notices";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { memberFunds } from "@/lib/server/guaranty-fund/queries";
import { testClient } from "../support/db";
import { freshStepUpCode } from "../support/step-up";
import { actorFor, requestAs } from "../support/actors";
import { completeApplication, REQUIRED_DOCUMENTS } from "../support/applications";

const PASSWORD = "Applicant-Pass-2026";

describe("membership applications", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  async function newApplicant(tag: string) {
    const email = `${tag}-${randomUUID().slice(0, 8)}@applicant.example`;
    const result = await register(db, { name: `Applicant ${tag}`, email, password: PASSWORD, confirm: PASSWORD }, `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, null);
    expect(result).toEqual({ ok: true });
    return actorFor(db, email);
  }

  async function saveAll(actor: Awaited<ReturnType<typeof newApplicant>>, data: ReturnType<typeof completeApplication>, documents: readonly string[] = REQUIRED_DOCUMENTS) {
    let version = 0;
    for (const step of STEP_IDS) {
      const r = await executeAction(saveApplicationStep.definition, requestAs(actor), { step, version, values: data[step as StepId] });
      expect(r, step).toMatchObject({ ok: true });
      if (r.ok) version = r.data.version;
    }
    for (const kind of documents) {
      const file = await db.storedFile.create({ data: { ownerUserId: actor.userId, purpose: "application-document", originalName: `${kind}.pdf`, contentType: "application/pdf", sizeBytes: 10n, sha256: "0".repeat(64), storageKey: `test/${randomUUID()}` } });
      const r = await executeAction(attachApplicationDocument.definition, requestAs(actor), { version, fileId: file.id, kind });
      expect(r).toMatchObject({ ok: true });
      if (r.ok) version = r.data.version;
    }
    return version;
  }

  it("registers an applicant: weak password and duplicate e-mail refused next to the field, nothing stored", async () => {
    const email = `reg-${randomUUID().slice(0, 8)}@applicant.example`;
    const weak = await register(db, { name: "Weak", email, password: "short", confirm: "short" }, "10.9.9.1", null);
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/At least 12 characters/)] } });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await register(db, { name: "Ok", email, password: PASSWORD, confirm: PASSWORD }, "10.9.9.1", null)).toEqual({ ok: true });
    const dup = await register(db, { name: "Again", email: email.toUpperCase(), password: PASSWORD, confirm: PASSWORD }, "10.9.9.1", null);
    expect(dup).toMatchObject({ ok: false, status: 409, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("APPLICANT");
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect((await checkSignIn(db, email, PASSWORD, "10.9.9.1")).ok).toBe(true);
  });

  it("limits registrations per address", async () => {
    const ip = `10.8.${Math.floor(Math.random() * 250)}.7`;
    for (let i = 0; i < REGISTRATION_MAX_PER_ADDRESS; i++) await register(db, { name: "x", email: "bad", password: "", confirm: "" }, ip, null);
    const refused = await register(db, { name: "Late", email: `late-${randomUUID().slice(0, 8)}@applicant.example`, password: PASSWORD, confirm: PASSWORD }, ip, null);
    expect(refused).toMatchObject({ ok: false, status: 429, formError: expect.stringMatching(/Too many registrations/) });
  });

  it("saves a draft step by step; a bad field is refused with its rule and nothing is stored; a stale version is refused", async () => {
    const actor = await newApplicant("draft");
    const data = completeApplication();
    const bad = await executeAction(saveApplicationStep.definition, requestAs(actor), { step: "capital", version: 0, values: { ...data.capital, capital: "5,000,000" } });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "values.capital": [expect.stringMatching(/digits.*no commas/)] } });
    expect(await db.membershipApplication.findUnique({ where: { applicantUserId: actor.userId } })).toBeNull();
    const first = await executeAction(saveApplicationStep.definition, requestAs(actor), { step: "firm", version: 0, values: data.firm });
    expect(first).toMatchObject({ ok: true, data: { version: 1 } });
    const stale = await executeAction(saveApplicationStep.definition, requestAs(actor), { step: "scope", version: 0, values: data.scope });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringMatching(/changed since this page was loaded/) });
    const incomplete = await executeAction(submitApplication.definition, requestAs(actor), { version: 1 });
    expect(incomplete).toMatchObject({ ok: false, fieldErrors: { capital: [expect.stringMatching(/not been saved/)] } });
  });

  it("submits once (a second submit of the same version does nothing), then: short capital refuses approval until an exemption is recorded", async () => {
    const actor = await newApplicant("short");
    const version = await saveAll(actor, completeApplication({ legalName: "Shortfall Trading LLC", capital: "4000000", repEmail: actor.email }));
    const sub = await executeAction(submitApplication.definition, requestAs(actor), { version });
    expect(sub).toMatchObject({ ok: true, data: { alreadySubmitted: false, status: "SUBMITTED" } });
    const again = await executeAction(submitApplication.definition, requestAs(actor), { version });
    expect(again).toMatchObject({ ok: true, data: { alreadySubmitted: true } });
    const app = await db.membershipApplication.findUniqueOrThrow({ where: { applicantUserId: actor.userId }, include: { transitions: true } });
    expect(app.transitions.filter((t) => t.toStatus === "SUBMITTED")).toHaveLength(1);

    const admin = await actorFor(db, "admin@clearinghouse.example");
    const early = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "SHRT", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(early).toMatchObject({ ok: false, formError: expect.stringMatching(/only an application under review/) });
    expect(await executeAction(startApplicationReview.definition, requestAs(admin), { applicationId: app.id })).toMatchObject({ ok: true });
    const refused = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "SHRT", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/Approval refused: 1 hard requirement is not met.*Minimum capital.*required \$5,000,000\.00, given \$4,000,000\.00/) });
    expect(await db.firm.findUnique({ where: { code: "SHRT" } })).toBeNull();

    const metLine = await executeAction(recordApplicationExemption.definition, requestAs(admin), { applicationId: app.id, requirementId: "legal-form", reason: "nothing to exempt" });
    expect(metLine).toMatchObject({ ok: false, fieldErrors: { requirementId: [expect.any(String)] } });
    const ex = await executeAction(recordApplicationExemption.definition, requestAs(admin), { applicationId: app.id, requirementId: "minimum-capital", reason: "Parent capital infusion of $2M committed by letter" });
    expect(ex).toMatchObject({ ok: true });
    const ok = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "SHRT", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(ok).toMatchObject({ ok: true, data: { firmCode: "SHRT" } });
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(user.role).toBe("MEMBER_RISK_ADMIN");
    // The representative is the applicant here: nobody else is created.
    expect(await db.user.count({ where: { firmId: user.firmId } })).toBe(1);
  });

  it("approval records the scope and hedge fund role that set the member's minimum capital (002 Summary of Requirements, Hedge Funds)", async () => {
    const actor = await newApplicant("agfund");
    const base = completeApplication({ legalName: "Prairie Grain Advisors LLC", capital: "60000000", repEmail: actor.email });
    const data = {
      ...base,
      firm: { ...base.firm, hedgeFundRole: "investment-manager" as const },
      scope: { ...base.scope, exchanges: ["CBOT" as const], agriculturalOtc: true },
      capital: { ...base.capital, guarantyFundBaseDeposit: "2500000" },
      memberships: { ...base.memberships, memberships: [{ exchange: "CBOT" as const, kind: "full" as const, count: "1", firmOwned: true }] },
    };
    const version = await saveAll(actor, data, [...REQUIRED_DOCUMENTS, "otc-settlement", "otc-default-management"]);
    expect(await executeAction(submitApplication.definition, requestAs(actor), { version })).toMatchObject({ ok: true });
    const app = await db.membershipApplication.findUniqueOrThrow({ where: { applicantUserId: actor.userId } });
    const admin = await actorFor(db, "admin@clearinghouse.example");
    await executeAction(startApplicationReview.definition, requestAs(admin), { applicationId: app.id });
    const approved = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "PGAD", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(approved, JSON.stringify(approved)).toMatchObject({ ok: true });
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "PGAD" } });
    expect(firm).toMatchObject({ clearsOtc: true, clearsAgriculturalOtc: true, clearsOtherBaseOtc: false, guaranteesNymexFloorMembers: false, hedgeFundRole: "INVESTMENT_MANAGER", exchanges: ["CBOT"] });
    // its filings are held to the investment manager's $50,000,000, not the CBOT $5,000,000
    const assessed = assessFiling({ firm, lines: { current_assets: "90000000", total_liabilities: "20000000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" }, settings: {} });
    expect(assessed.minimumCapital.requirement.toFixed(2)).toBe("50000000.00");
  });

  it("a member clearing Base futures and IRS owes the $500,000 Base minimum and, as a separate figure, its IRS requirement (seed 002 Guaranty Fund Requirements)", async () => {
    const actor = await newApplicant("irsfut");
    const base = completeApplication({ legalName: "Lakeshore Swaps Clearing LLC", capital: "60000000", repEmail: actor.email });
    const data = { ...base, scope: { ...base.scope, irs: true }, capital: { ...base.capital, guarantyFundIrsDeposit: "50000000" } };
    const version = await saveAll(actor, data, [...REQUIRED_DOCUMENTS, "otc-settlement", "otc-default-management"]);
    expect(await executeAction(submitApplication.definition, requestAs(actor), { version })).toMatchObject({ ok: true });
    const app = await db.membershipApplication.findUniqueOrThrow({ where: { applicantUserId: actor.userId } });
    const admin = await actorFor(db, "admin@clearinghouse.example");
    await executeAction(startApplicationReview.definition, requestAs(admin), { applicationId: app.id });
    const approved = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "LSWP", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(approved, JSON.stringify(approved)).toMatchObject({ ok: true });
    const firm = await db.firm.findUniqueOrThrow({ where: { code: "LSWP" } });
    const funds = await memberFunds(firm.id);
    expect(funds.map((f) => [f.fund, f.required?.toFixed(2)])).toEqual([["base", "500000.00"], ["irs", "50000000.00"]]);
    expect(funds[1]!.onDeposit).toBeNull(); // deposited to the IRS fund, not the Base contribution
    expect(funds[1]!.dueDate).not.toBeNull();
  });

  it("changes requested, answered and resubmitted; approval creates the member, its users, guaranty fund requirement, audit row and e-mails", async () => {
    const actor = await newApplicant("full");
    const repEmail = `rep-${randomUUID().slice(0, 8)}@harborview-futures.example`;
    const data = completeApplication({ legalName: "Full Path Futures LLC", repEmail });
    let version = await saveAll(actor, data);
    expect(await executeAction(submitApplication.definition, requestAs(actor), { version })).toMatchObject({ ok: true });
    const app = await db.membershipApplication.findUniqueOrThrow({ where: { applicantUserId: actor.userId } });

    // Another applicant cannot reach it: its own submit concerns its own (absent) application.
    const other = await newApplicant("other");
    expect(await executeAction(submitApplication.definition, requestAs(other), { version })).toMatchObject({ ok: false, formError: expect.stringMatching(/Save the first step/) });

    const admin = await actorFor(db, "admin@clearinghouse.example");
    await executeAction(startApplicationReview.definition, requestAs(admin), { applicationId: app.id });
    const noFields = await executeAction(requestApplicationChanges.definition, requestAs(admin), { applicationId: app.id, reason: "Please restate", fields: [] });
    expect(noFields).toMatchObject({ ok: false, fieldErrors: { fields: [expect.stringMatching(/at least one/)] } });
    const changes = await executeAction(requestApplicationChanges.definition, requestAs(admin), { applicationId: app.id, reason: "State capital as of the latest month end", fields: ["capital.capital"] });
    expect(changes).toMatchObject({ ok: true });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { userId: actor.userId, subject: "Membership application: Changes requested" } });
    expect(mail.body).toContain("State capital as of the latest month end");
    expect(mail.body).toContain("Capital figures: capital");

    const saved = await executeAction(saveApplicationStep.definition, requestAs(actor), { step: "capital", version, values: { ...data.capital, capital: "7250000" } });
    expect(saved).toMatchObject({ ok: true });
    if (saved.ok) version = saved.data.version;
    expect(await executeAction(submitApplication.definition, requestAs(actor), { version })).toMatchObject({ ok: true, data: { alreadySubmitted: false } });
    await executeAction(startApplicationReview.definition, requestAs(admin), { applicationId: app.id });

    const taken = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "ACME", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { firmCode: ["This code is taken"] } });
    const session = await db.userSession.create({ data: { userId: actor.userId, sessionVersion: 1 } });
    const approved = await executeAction(approveApplication.definition, requestAs(admin), { applicationId: app.id, firmCode: "FULP", secondFactorCode: await freshStepUpCode(db, "admin@clearinghouse.example") });
    expect(approved).toMatchObject({ ok: true });

    const firm = await db.firm.findUniqueOrThrow({ where: { code: "FULP" } });
    expect(firm).toMatchObject({ legalName: "Full Path Futures LLC", legalForm: "LLC", isBank: false, isFcm: false, clearsOtc: false, exchanges: ["CME"] });
    const applicant = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(applicant).toMatchObject({ role: "MEMBER_RISK_ADMIN", firmId: firm.id, sessionVersion: 2 });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    const rep = await db.user.findUniqueOrThrow({ where: { email: repEmail } });
    expect(rep).toMatchObject({ role: "MEMBER_USER", firmId: firm.id });
    const gf = await db.guarantyFundRequirement.findMany({ where: { firmId: firm.id } });
    expect(gf.map((g) => [g.fund, g.amount.toFixed(2)])).toEqual([["base", "500000.00"]]);
    // What the new member owes from day one: a deposit notice for the Base minimum, due in 5 business days (SPEC §6).
    const today = new Date().toISOString().slice(0, 10);
    const due = addBusinessDays(await businessCalendar(db), today, 5);
    const notice = await db.gfNotice.findFirstOrThrow({ where: { firmId: firm.id } });
    expect(notice).toMatchObject({ kind: "DEPOSIT", recalculationId: null, settledAt: null });
    expect([notice.required.toFixed(2), notice.onDeposit.toFixed(2), notice.amountDue.toFixed(2), notice.dueDate?.toISOString().slice(0, 10)]).toEqual(["500000.00", "0.00", "500000.00", due]);
    expect((await currentRequirement(db, firm.id))?.toFixed(2)).toBe("500000.00");
    expect(await db.outboxMessage.count({ where: { userId: actor.userId, kind: "gf.notice.deposit" } })).toBe(1);
    const funds = await memberFunds(firm.id);
    expect(funds.map((f) => [f.fund, f.required?.toFixed(2), f.amountDue?.toFixed(2), f.dueDate?.toISOString().slice(0, 10)])).toEqual([["base", "500000.00", "500000.00", due]]);
    expect(await db.auditEvent.count({ where: { action: "applications.approve", firmId: firm.id, outcome: "ok" } })).toBe(1);
    const files = await db.storedFile.findMany({ where: { ownerUserId: actor.userId } });
    expect(files.every((f) => f.firmId === firm.id)).toBe(true);
    const transitions = await db.applicationTransition.findMany({ where: { applicationId: app.id }, orderBy: { at: "asc" } });
    expect(transitions.map((t) => t.toStatus)).toEqual(["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CHANGES_REQUESTED", "SUBMITTED", "UNDER_REVIEW", "APPROVED"]);
    expect(transitions.every((t) => t.actorEmail && t.at)).toBe(true);
    expect(await db.outboxMessage.count({ where: { userId: actor.userId, kind: "application.status" } })).toBe(6);

    // The representative's one-time link sets a password once.
    const invitation = await db.outboxMessage.findFirstOrThrow({ where: { userId: rep.id, kind: "user.invitation" } });
    const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(invitation.body)![1]!;
    expect((await db.userInvitation.findFirstOrThrow({ where: { userId: rep.id } })).tokenHash).toBe(sha256(token));
    expect(await acceptInvitation(db, { token, password: "Representative-2026", confirm: "Representative-2026" }, null)).toMatchObject({ ok: true });
    expect((await checkSignIn(db, repEmail, "Representative-2026", "10.7.7.7")).ok).toBe(true);
    expect(await acceptInvitation(db, { token, password: "Another-Pass-2026", confirm: "Another-Pass-2026" }, null)).toMatchObject({ ok: false, formError: expect.stringMatching(/not valid/) });

    // Once approved, nothing moves it again.
    expect(await executeAction(rejectApplication.definition, requestAs(admin), { applicationId: app.id, reason: "too late now" })).toMatchObject({ ok: false, formError: expect.stringMatching(/approved: it cannot be moved/) });
  });
});
