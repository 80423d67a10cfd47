/**
 * The clearing house changes an approved member's capital facts (registrations, product scope,
 * hedge fund status): the change is kept with who, when, before, after and why; the member's
 * minimum capital follows it; input the application's rules refuse is refused the same way,
 * naming the field, and changes nothing.
 */
import { afterAll, describe, expect, it } from "vitest";
import { requirementFacts } from "@/lib/filings/capital";
import { computeMinimumCapital } from "@/lib/risk/membership/minimum-capital";
import { executeAction } from "@/lib/server/action";
import { updateFirmFacts } from "@/lib/server/firms/actions";
import { firmFactsOf } from "@/lib/validation/firms";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

describe("changing a member's capital facts (002 Summary of Requirements, Rule 992)", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  const factsOf = async (code: string) => ({ firmCode: code, ...firmFactsOf(await db.firm.findUniqueOrThrow({ where: { code } })) });
  const minimumOf = async (code: string) => computeMinimumCapital(requirementFacts(await db.firm.findUniqueOrThrow({ where: { code } }))).requirement.toFixed(2);

  it("a change is kept with before, after and reason, and the minimum capital follows it (Rule 992: NYMEX floor guarantees, $20,000,000)", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const before = await factsOf("COBT");
    expect(await minimumOf("COBT")).toBe("5000000.00");
    const result = await executeAction(updateFirmFacts.definition, requestAs(admin), { ...before, guaranteesNymexFloorMembers: true, reason: "Guarantees floor members from 1 December" });
    expect(result).toEqual({ ok: true, data: { firmCode: "COBT", changed: ["guaranteesNymexFloorMembers"] } });
    expect(await minimumOf("COBT")).toBe("20000000.00");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "firms.updateFacts", outcome: "ok" }, orderBy: { id: "desc" } });
    expect(audit.summary).toEqual({ before: { guaranteesNymexFloorMembers: false }, after: { guaranteesNymexFloorMembers: true }, reason: "Guarantees floor members from 1 December" });
    expect(audit.actorId).toBe(admin.userId);

    // back as it was, for the tests that follow on the demo data
    const back = await executeAction(updateFirmFacts.definition, requestAs(admin), { ...before, reason: "Guarantee withdrawn" });
    expect(back.ok).toBe(true);
    expect(await factsOf("COBT")).toEqual(before);
    expect(await minimumOf("COBT")).toBe("5000000.00");
  });

  it("OTC scope sets clearsOtc: other Base OTC raises a CME member's minimum from $5,000,000 to $50,000,000 (002)", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const before = await factsOf("ACME");
    expect(await minimumOf("ACME")).toBe("5000000.00");
    const result = await executeAction(updateFirmFacts.definition, requestAs(admin), { ...before, otherBaseOtc: true, reason: "Approved for FX swaps" });
    expect(result).toMatchObject({ ok: true, data: { changed: ["otherBaseOtc"] } });
    expect((await db.firm.findUniqueOrThrow({ where: { code: "ACME" } })).clearsOtc).toBe(true);
    expect(await minimumOf("ACME")).toBe("50000000.00");
    await executeAction(updateFirmFacts.definition, requestAs(admin), { ...before, reason: "Restored" });
    expect(await factsOf("ACME")).toEqual(before);
    expect((await db.firm.findUniqueOrThrow({ where: { code: "ACME" } })).clearsOtc).toBe(false);
    expect(await minimumOf("ACME")).toBe("5000000.00");
  });

  it("refuses what the application's rules refuse, naming the field, and changes nothing", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const cobt = await factsOf("COBT");
    const acme = await factsOf("ACME");
    const auditsBefore = await db.auditEvent.count({ where: { action: "firms.updateFacts", outcome: "ok" } });
    const cases = [
      { input: { ...cobt, irs: true, reason: "IRS clearing" }, field: "irs", message: /CBOT-, NYMEX- or COMEX-only clearing member is not eligible to clear CDS or IRS/ },
      { input: { ...acme, guaranteesNymexFloorMembers: true, reason: "Floor members" }, field: "guaranteesNymexFloorMembers", message: /Only a NYMEX clearing member guarantees NYMEX floor members \(Rule 992\)/ },
      { input: { ...acme, reason: "no change" }, field: null, message: /Nothing to change: ACME's facts are already as given/ },
      { input: { ...acme, firmCode: "NOPE", reason: "unknown member" }, field: "firmCode", message: /No clearing member has the code NOPE/ },
      { input: { ...acme, isBank: true, reason: "" }, field: "reason", message: /Say why/ },
      { input: { ...acme, hedgeFundRole: "family-office", reason: "bad role" }, field: "hedgeFundRole", message: /Choose the hedge fund status/ },
    ];
    for (const c of cases) {
      const result = await executeAction(updateFirmFacts.definition, requestAs(admin), c.input);
      expect(result.ok, JSON.stringify(c.input)).toBe(false);
      if (result.ok) continue;
      const text = [result.formError ?? "", ...Object.values(result.fieldErrors ?? {}).flat()].join(" ");
      expect(text).toMatch(c.message);
      if (c.field) expect(Object.keys(result.fieldErrors ?? {})).toContain(c.field);
    }
    expect(await factsOf("COBT")).toEqual(cobt);
    expect(await factsOf("ACME")).toEqual(acme);
    expect(await db.auditEvent.count({ where: { action: "firms.updateFacts", outcome: "ok" } })).toBe(auditsBefore);
  });
});
