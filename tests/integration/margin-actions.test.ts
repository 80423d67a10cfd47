/**
 * Margin actions through the real wrapper: Rule 824 charges with a reason, collateral requests
 * confined to the member's own accounts and approved by the clearing house with haircuts, and a
 * statement looked up by id AND firm.
 */
import { afterAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/server/action";
import { addAdditionalCharge, decideCollateralRequest, endAdditionalCharge, requestCollateral } from "@/lib/server/margin/actions";
import { memberStatement } from "@/lib/server/margin/queries";
import { closeCyclePools } from "@/lib/server/margin/cycle";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

const db = testClient();
afterAll(async () => {
  await closeCyclePools();
  await db.$disconnect();
});

describe("margin actions", () => {
  it("Rule 824: a charge needs a reason, is recorded, told to the member, and can be ended", async () => {
    const staff = await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF);
    const refused = await executeAction(addAdditionalCharge.definition, requestAs(staff), { firmCode: "BLUE", productCode: "CME:OPS", side: "LONG", amount: "2500.00", reason: "short" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(/State the reason/)] } });
    const ok = await executeAction(addAdditionalCharge.definition, requestAs(staff), { firmCode: "BLUE", productCode: "CME:OPS", side: "LONG", amount: "2500.00", reason: "Palm olein volatility after the export levy change" });
    expect(ok.ok).toBe(true);
    const id = (ok as { data: { id: string } }).data.id;
    const blue = await db.firm.findUniqueOrThrow({ where: { code: "BLUE" } });
    expect(await db.outboxMessage.count({ where: { firmId: blue.id, kind: "margin.rule824" } })).toBeGreaterThan(0);
    expect(await executeAction(endAdditionalCharge.definition, requestAs(staff), { chargeId: id })).toMatchObject({ ok: true });
    expect(await executeAction(endAdditionalCharge.definition, requestAs(staff), { chargeId: id })).toMatchObject({ ok: false });
  });

  it("a member cannot request collateral moves on another firm's account", async () => {
    const blueUser = await actorFor(db, "ops@blue.example");
    const acmeAccount = await db.marginAccount.findFirstOrThrow({ where: { accountNumber: "ACME-H" } });
    const r = await executeAction(requestCollateral.definition, requestAs(blueUser), { accountId: acmeAccount.id, kind: "POST", type: "cash", marketValue: "100.00" });
    expect(r).toMatchObject({ ok: false, formError: expect.stringMatching(/No such account for your firm/) });
  });

  it("a withdrawal beyond the holding is refused; a deposit approved by the clearing house adds to the holding", async () => {
    const member = await actorFor(db, ROLE_EMAILS.MEMBER_USER);
    const staff = await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF);
    const account = await db.marginAccount.findFirstOrThrow({ where: { accountNumber: "ACME-C1001" } });
    expect(await executeAction(requestCollateral.definition, requestAs(member), { accountId: account.id, kind: "WITHDRAW", type: "gold", marketValue: "10.00" })).toMatchObject({ ok: false, fieldErrors: { marketValue: ["More than you hold"] } });
    // the refusal states amounts in dollars with separators
    const cash = await db.collateralHolding.findUniqueOrThrow({ where: { accountId_type: { accountId: account.id, type: "cash" } } });
    const tooMuch = await executeAction(requestCollateral.definition, requestAs(member), { accountId: account.id, kind: "WITHDRAW", type: "cash", marketValue: cash.marketValue.plus(1000000).toFixed(2) });
    expect(tooMuch).toMatchObject({ ok: false, formError: expect.stringMatching(/^You hold \$[\d,]+\.\d\d cash in ACME-C1001; you cannot withdraw \$\d{1,3}(,\d{3})+\.\d\d\.$/) });
    const before = await db.collateralHolding.findUniqueOrThrow({ where: { accountId_type: { accountId: account.id, type: "cash" } } });
    const req = await executeAction(requestCollateral.definition, requestAs(member), { accountId: account.id, kind: "POST", type: "cash", marketValue: "2500.00" });
    expect(req.ok).toBe(true);
    const requestId = (req as { data: { id: string } }).data.id;
    expect(await executeAction(decideCollateralRequest.definition, requestAs(staff), { requestId, approve: true })).toMatchObject({ ok: true });
    const after = await db.collateralHolding.findUniqueOrThrow({ where: { accountId_type: { accountId: account.id, type: "cash" } } });
    expect(after.marketValue.minus(before.marketValue).toFixed(2)).toBe("2500.00");
    expect(await executeAction(decideCollateralRequest.definition, requestAs(staff), { requestId, approve: true })).toMatchObject({ ok: false });
  });

  it("a statement is found by id only with its own firm", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const blue = await db.firm.findUniqueOrThrow({ where: { code: "BLUE" } });
    const s = await db.marginStatement.findFirstOrThrow({ where: { firmId: acme.id } });
    expect((await memberStatement(acme.id, s.id))?.statement.id).toBe(s.id);
    expect(await memberStatement(blue.id, s.id)).toBeNull();
  });
});
