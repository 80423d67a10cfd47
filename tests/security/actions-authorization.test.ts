/**
 * Every server action, driven through the real wrapper with every role: allowed roles get past
 * authorization (their empty input then fails validation); every other role is refused with a
 * clear message, an authz.denied audit row, and no change.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { executeAction, type ServerAction } from "@/lib/server/action";
import { registeredActions } from "@/lib/server/action-registry";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

/** Who may call each action. A new action must be added here, or this test fails. */
const EXPECTED: Record<string, readonly RoleName[]> = {
  "settings.update": ["CH_RISK_STAFF", "CH_ADMIN"],
  "apiKeys.create": ["MEMBER_RISK_ADMIN"],
  "apiKeys.revoke": ["MEMBER_RISK_ADMIN"],
  "users.revokeSessions": ["CH_ADMIN"],
  "firms.updateFacts": ["CH_ADMIN"],
  "margin.loadRiskParameters": ["CH_RISK_STAFF"],
  "margin.loadSettlementPrices": ["CH_RISK_STAFF"],
  "margin.startCycle": ["CH_RISK_STAFF"],
  "margin.addCharge": ["CH_RISK_STAFF"],
  "margin.endCharge": ["CH_RISK_STAFF"],
  "margin.decideCollateral": ["CH_RISK_STAFF"],
  "margin.requestCollateral": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "margin.uploadPositions": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "creditControls.createGrouping": ["MEMBER_RISK_ADMIN"],
  "creditControls.updateGrouping": ["MEMBER_RISK_ADMIN"],
  "creditControls.liftCreditBlock": ["MEMBER_RISK_ADMIN"],
  "creditControls.rmiBlock": ["MEMBER_RISK_ADMIN"],
  "creditControls.rmiUnblock": ["MEMBER_RISK_ADMIN"],
  "creditControls.killSwitch": ["MEMBER_RISK_ADMIN"],
  "applications.saveStep": ["APPLICANT"],
  "applications.attachDocument": ["APPLICANT"],
  "applications.removeDocument": ["APPLICANT"],
  "applications.submit": ["APPLICANT"],
  "applications.startReview": ["CH_ADMIN"],
  "applications.requestChanges": ["CH_ADMIN"],
  "applications.reject": ["CH_ADMIN"],
  "applications.recordExemption": ["CH_ADMIN"],
  "applications.approve": ["CH_ADMIN"],
  "filings.submit": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "filings.review": ["CH_ADMIN"],
  "filings.closeCase": ["CH_ADMIN"],
  "filings.notice": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "filings.addKeyContact": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "filings.removeKeyContact": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "filings.signOffContacts": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "gf.previewRecalculation": ["CH_RISK_STAFF"],
  "gf.issueNotices": ["CH_RISK_STAFF"],
  "gf.recordDeposit": ["CH_RISK_STAFF"],
  "gf.acknowledgeNotice": ["MEMBER_USER", "MEMBER_RISK_ADMIN"],
  "default.saveCategory": ["CH_RISK_STAFF"],
  "default.previewMandate": ["CH_RISK_STAFF"],
  "default.notifyMandate": ["CH_RISK_STAFF"],
  "default.requestExemption": ["MEMBER_RISK_ADMIN"],
  "default.decideExemption": ["CH_RISK_STAFF"],
  "default.declare": ["CH_RISK_STAFF"],
  "default.createAuction": ["CH_RISK_STAFF"],
  "default.closeAuction": ["CH_RISK_STAFF"],
  "default.designateWinners": ["CH_RISK_STAFF"],
  "default.runWaterfall": ["CH_RISK_STAFF"],
  "stressPath.create": ["CH_RISK_STAFF"],
  "stressPath.setStatus": ["CH_RISK_STAFF"],
};

async function actionModules(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await actionModules(p)));
    else if (e.name === "actions.ts") out.push(p);
  }
  return out;
}

const actions = new Map<string, ServerAction<unknown>>();

describe("authorization matrix: every server action × every role", () => {
  const db = testClient();
  beforeAll(async () => {
    for (const file of await actionModules(path.resolve("lib/server"))) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        if (typeof value === "function" && "actionName" in value) actions.set((value as ServerAction<unknown>).actionName, value as ServerAction<unknown>);
      }
    }
  });
  afterAll(() => db.$disconnect());

  it("lists every registered action in the expected matrix, and nothing else", () => {
    expect([...registeredActions().keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...actions.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const role of ROLES) {
    it(`${role}: allowed exactly where the matrix says`, async () => {
      const actor = await actorFor(db, ROLE_EMAILS[role]);
      for (const [name, action] of actions) {
        const before = await db.auditEvent.count({ where: { action: "authz.denied", actorId: actor.userId } });
        const result = await executeAction(action.definition, requestAs(actor), {});
        expect(result.ok, `${role} ${name}`).toBe(false);
        if (result.ok) continue;
        if (EXPECTED[name]!.includes(role)) {
          expect(result.formError, `${role} ${name}`).not.toMatch(/^Not allowed/);
          expect(result.fieldErrors, `${role} ${name}`).toBeDefined();
        } else {
          expect(result.formError, `${role} ${name}`).toMatch(/^Not allowed: .*Nothing was changed\.$/);
          expect(await db.auditEvent.count({ where: { action: "authz.denied", actorId: actor.userId } })).toBe(before + 1);
        }
      }
    });
  }

  it("refuses a caller who is not signed in, or whose session expired", async () => {
    for (const action of actions.values()) {
      const result = await executeAction(action.definition, requestAs(null), {});
      expect(result).toEqual({ ok: false, formError: "Sign in first; nothing was changed." });
    }
  });

  it("refuses a foreign Origin and a missing or null Origin before anything else", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const input = { key: "capital.earlyWarningPercent", value: "125", reason: "origin test" };
    const update = actions.get("settings.update")!;
    for (const origin of ["https://evil.example", "null", null]) {
      const result = await executeAction(update.definition, requestAs(admin, { origin }), input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.formError).toMatch(/^Refused: /);
    }
    expect((await db.setting.findUniqueOrThrow({ where: { key: "capital.earlyWarningPercent" } })).value).toBe("110");
  });
});
