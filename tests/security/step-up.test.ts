/**
 * Step-up (ASVS 7.5.3): the kill switch, declaring a default, running the waterfall and approving
 * a membership ask for a fresh second-factor code, through the real action wrapper. Without a
 * code, with a wrong one, or with one already used, each is refused naming `secondFactorCode`
 * and changes nothing (a wrong or reused code is an `auth.step-up` row with the client's
 * address and user agent); with a fresh one it runs and its audit row says `stepUp: "totp"`.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEP_UP_MESSAGES } from "@/lib/auth/second-factor";
import { totpCode, totpStep } from "@/lib/auth/totp";
import { demoTotpSecret } from "@/lib/demo/second-factor";
import { executeAction, type ActionDefinition } from "@/lib/server/action";
import { approveApplication, attachApplicationDocument, saveApplicationStep, startApplicationReview, submitApplication } from "@/lib/server/applications/actions";
import { killSwitch } from "@/lib/server/credit-controls/actions";
import { declareMemberDefault, runWaterfall } from "@/lib/server/default-management/actions";
import { register } from "@/lib/server/registration/service";
import { STEP_IDS, type StepId } from "@/lib/validation/application";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";
import { completeApplication, REQUIRED_DOCUMENTS } from "../support/applications";
import { testClient } from "../support/db";
import { retireTestFirms } from "../support/test-firms";

const db = testClient();
const CLIENT = { "x-forwarded-for": "198.51.100.23", "user-agent": "StepUpTest/1.0" };
const FIRM = "S7UP";
let firmId = "";

/** A code of the demo user's published secret, `offset` steps from now. */
const codeOf = (email: string, offset = 0) => totpCode(demoTotpSecret(email), totpStep(Date.now()) + offset);

/** Starts every case from a clean slate: no code of this user used yet, no failures counted. */
async function resetSecondFactor(email: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  await db.userSecondFactor.update({ where: { userId: user.id }, data: { lastUsedStep: null } });
  await db.loginAttempt.deleteMany({ where: { email, reason: "second-factor" } });
}

async function run(def: ActionDefinition<never, unknown>, email: string, input: Record<string, unknown>) {
  return executeAction(def, requestAs(await actorFor(db, email), CLIENT), input);
}

interface Case {
  readonly name: string;
  readonly action: string;
  readonly email: string;
  readonly def: ActionDefinition<never, unknown>;
  readonly input: () => Promise<Record<string, unknown>>;
  /** What the action changes, to show a refusal changed nothing. */
  readonly changed: () => Promise<number>;
}

async function approvableApplication(): Promise<string> {
  const email = `stepup-${randomUUID().slice(0, 8)}@applicant.example`;
  const password = "Applicant-Pass-2026";
  expect(await register(db, { name: "Step-up applicant", email, password, confirm: password }, "10.7.0.1", null)).toEqual({ ok: true });
  const applicant = await actorFor(db, email);
  const data = completeApplication({ legalName: "Step Up Futures LLC", capital: "60000000", repEmail: email });
  let version = 0;
  for (const step of STEP_IDS) {
    const r = await executeAction(saveApplicationStep.definition, requestAs(applicant), { step, version, values: data[step as StepId] });
    expect(r, step).toMatchObject({ ok: true });
    if (r.ok) version = r.data.version;
  }
  for (const kind of REQUIRED_DOCUMENTS) {
    const file = await db.storedFile.create({ data: { ownerUserId: applicant.userId, purpose: "application-document", originalName: `${kind}.pdf`, contentType: "application/pdf", sizeBytes: 10n, sha256: "0".repeat(64), storageKey: `test/${randomUUID()}` } });
    const r = await executeAction(attachApplicationDocument.definition, requestAs(applicant), { version, fileId: file.id, kind });
    if (r.ok) version = r.data.version;
  }
  expect(await executeAction(submitApplication.definition, requestAs(applicant), { version })).toMatchObject({ ok: true });
  const app = await db.membershipApplication.findUniqueOrThrow({ where: { applicantUserId: applicant.userId } });
  expect(await executeAction(startApplicationReview.definition, requestAs(await actorFor(db, ROLE_EMAILS.CH_ADMIN)), { applicationId: app.id })).toMatchObject({ ok: true });
  return app.id;
}

let applicationId = "";
let defaultId = "";

const CASES: readonly Case[] = [
  {
    name: "the kill switch",
    action: "creditControls.killSwitch",
    email: ROLE_EMAILS.MEMBER_RISK_ADMIN,
    def: killSwitch.definition as ActionDefinition<never, unknown>,
    input: async () => ({ executionFirmId: "STEPUP1", confirm: true }),
    changed: () => db.killSwitchEvent.count({ where: { executionFirmId: "STEPUP1" } }),
  },
  {
    name: "declaring a default",
    action: "default.declare",
    email: ROLE_EMAILS.CH_RISK_STAFF,
    def: declareMemberDefault.definition as ActionDefinition<never, unknown>,
    input: async () => ({ firmId, firmCode: FIRM, confirmation: FIRM, reason: "Failed to meet a settlement variation call (step-up test)." }),
    changed: () => db.memberDefault.count({ where: { firmId } }),
  },
  {
    name: "running the waterfall",
    action: "default.runWaterfall",
    email: ROLE_EMAILS.CH_RISK_STAFF,
    def: runWaterfall.definition as ActionDefinition<never, unknown>,
    input: async () => ({ defaultId, loss: { house: "1000.00", customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" } }),
    changed: () => db.defaultWaterfall.count({ where: { defaultId } }),
  },
  {
    name: "approving a membership",
    action: "applications.approve",
    email: ROLE_EMAILS.CH_ADMIN,
    def: approveApplication.definition as ActionDefinition<never, unknown>,
    input: async () => ({ applicationId, firmCode: "SUPF" }),
    changed: () => db.firm.count({ where: { code: "SUPF" } }),
  },
];

beforeAll(async () => {
  const firm = await db.firm.create({ data: { code: FIRM, legalName: "Step Up Test LLC", legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME"] } });
  firmId = firm.id;
  await db.gfDeposit.create({ data: { firmId, kind: "DEPOSIT", amount: "1000000.00", valueDate: new Date("2026-11-20"), reference: "step-up test deposit", recordedBy: firmId } });
  applicationId = await approvableApplication();
});

afterAll(async () => {
  await retireTestFirms(db, [FIRM, "SUPF"]);
  await db.$disconnect();
});

describe("step-up for the most dangerous actions (ASVS 7.5.3)", () => {
  for (const c of CASES) {
    it(`${c.name} (${c.action}) is refused without, with a wrong and with a used code, and runs with a fresh one, audited as stepped up`, async () => {
      if (c.action === "default.runWaterfall") {
        const declared = await db.memberDefault.findFirstOrThrow({ where: { firmId } });
        defaultId = declared.id;
      }
      await resetSecondFactor(c.email);
      const input = await c.input();
      const before = await c.changed();

      const missing = await run(c.def, c.email, input);
      expect(missing).toMatchObject({ ok: false, fieldErrors: { secondFactorCode: [expect.stringMatching(/6-digit code/)] } });

      const wrongCode = codeOf(c.email) === "000000" ? "111111" : "000000";
      const wrong = await run(c.def, c.email, { ...input, secondFactorCode: wrongCode });
      expect(wrong).toMatchObject({ ok: false, fieldErrors: { secondFactorCode: [STEP_UP_MESSAGES.invalid] } });

      // A code already used (here: to sign in) is refused as used.
      const user = await db.user.findUniqueOrThrow({ where: { email: c.email } });
      await db.userSecondFactor.update({ where: { userId: user.id }, data: { lastUsedStep: BigInt(totpStep(Date.now())) } });
      const replayed = await run(c.def, c.email, { ...input, secondFactorCode: codeOf(c.email) });
      expect(replayed).toMatchObject({ ok: false, fieldErrors: { secondFactorCode: [STEP_UP_MESSAGES.reused] } });

      expect(await c.changed()).toBe(before);
      expect(await db.auditEvent.count({ where: { action: c.action, outcome: "ok", actorId: user.id, summary: { path: ["stepUp"], equals: "totp" } } })).toBe(0);
      const refusals = await db.auditEvent.findMany({ where: { action: "auth.step-up", objectId: c.action, actorId: user.id }, orderBy: { id: "asc" } });
      expect(refusals.map((r) => [r.outcome, (r.summary as { reason: string }).reason])).toEqual([["denied", "invalid"], ["denied", "reused"]]);
      for (const r of refusals) expect(r.summary).toMatchObject({ address: "198.51.100.23", userAgent: "StepUpTest/1.0" });

      // The next step's code is fresh: accepted, used once, and the audit row records the step-up.
      const fresh = codeOf(c.email, 1);
      const ok = await run(c.def, c.email, { ...input, secondFactorCode: fresh });
      expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true });
      expect(await c.changed()).toBe(before + 1);
      const row = await db.auditEvent.findFirstOrThrow({ where: { action: c.action, outcome: "ok", actorId: user.id }, orderBy: { id: "desc" } });
      expect(row.summary).toMatchObject({ stepUp: "totp" });
      expect(JSON.stringify(row.summary)).not.toContain(fresh);

      // The same code again: refused as used, nothing more changed.
      const again = await run(c.def, c.email, { ...input, secondFactorCode: fresh });
      expect(again).toMatchObject({ ok: false, fieldErrors: { secondFactorCode: [STEP_UP_MESSAGES.reused] } });
      expect(await c.changed()).toBe(before + 1);
    });
  }

  it("a user without an enrolled second factor is told to enrol, and nothing changes", async () => {
    const email = `risk-noenrol-${randomUUID().slice(0, 6)}@acme.example`;
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    await db.user.create({ data: { email, name: "Risk without a factor", role: "MEMBER_RISK_ADMIN", passwordHash: "x", firmId: acme.id } });
    const r = await run(killSwitch.definition as ActionDefinition<never, unknown>, email, { executionFirmId: "STEPUP2", confirm: true, secondFactorCode: "123456" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { secondFactorCode: [STEP_UP_MESSAGES.notEnrolled] } });
    expect(STEP_UP_MESSAGES.notEnrolled).toMatch(/turn on two-step sign-in/);
    expect(await db.killSwitchEvent.count({ where: { executionFirmId: "STEPUP2" } })).toBe(0);
  });
});
