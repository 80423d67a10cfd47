/**
 * Margin figures a member sees, through the database: the what-if starts from exactly the
 * statement's figures (the Rule 824 additional performance bond included), and a percent
 * setting reaches the risk core as an exact fraction wherever a requirement is computed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spanOf } from "@/lib/server/default-management/figures";
import type { StatementBreakdown } from "@/lib/server/margin/statement";
import { whatIfRequirement } from "@/lib/server/margin/what-if";
import { changeSetting } from "@/lib/server/settings/service";
import { testClient } from "../support/db";
import { DomainError } from "@/lib/shared/errors";

const db = testClient();
afterAll(() => db.$disconnect());

/** Runs `body` in a transaction that is always rolled back, so the shared database is left as it was. */
async function rolledBack(body: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<void>): Promise<void> {
  const done = new Error("rolled back");
  await expect(db.$transaction(async (tx) => {
    await body(tx);
    throw done;
  })).rejects.toBe(done);
}

async function acmeHouse() {
  const account = await db.marginAccount.findFirstOrThrow({ where: { accountNumber: "ACME-H" }, include: { positions: { orderBy: { contract: "asc" } } } });
  const statement = await db.marginStatement.findFirstOrThrow({ where: { accountId: account.id, cycle: { businessDate: new Date("2026-11-20T00:00:00Z"), kind: "SCHEDULED", number: 2 } } });
  return { account, statement, positions: account.positions.map((p) => ({ contract: p.contract, quantity: p.quantity.toString() })) };
}

describe("what-if margin", () => {
  it("starts from the statement's maintenance and initial, Rule 824 additional performance bond included", async () => {
    const { account, statement, positions } = await acmeHouse();
    const b = statement.breakdown as unknown as StatementBreakdown;
    expect(b.span.additionalPerformanceBond).toBe("500.00");
    const { requirement } = await whatIfRequirement(db, account.firmId, { accountId: account.id, positions });
    expect(requirement.additionalPerformanceBond).toBe("500.00");
    expect(requirement.concentrationCharge).toBe(b.span.concentrationCharge);
    expect(requirement.maintenance).toBe(statement.maintenance.toFixed(2));
    expect(requirement.initial).toBe(statement.initial.toFixed(2));
  });

  it("an uploaded portfolio (no account) carries the product charges it holds, not the house account's member-wide ones", async () => {
    const { account, positions } = await acmeHouse();
    const fromAccount = await whatIfRequirement(db, account.firmId, { accountId: account.id, positions });
    const uploaded = await whatIfRequirement(db, account.firmId, { positions });
    expect(uploaded.requirement.spanRequirement).toBe(fromAccount.requirement.spanRequirement);
    const product = (r: StatementBreakdown["span"]) => r.additionalPerformanceBonds.filter((a) => !a.label.includes("member"));
    expect(product(uploaded.requirement)).toEqual(product(fromAccount.requirement));
  });

  it("refuses another firm's account, naming the field, and reads nothing of it", async () => {
    const { account, positions } = await acmeHouse();
    const blue = await db.firm.findUniqueOrThrow({ where: { code: "BLUE" } });
    const refused = await whatIfRequirement(db, blue.id, { accountId: account.id, positions }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ field: "accountId", message: "not one of your firm's accounts" });
  });
});

describe("a percent setting reaches the risk core exactly", () => {
  it("an initial buffer of 14.3% is 0.143 in the what-if and in the default-management figures (not 0.14300000000000002)", async () => {
    const { account, positions } = await acmeHouse();
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@clearinghouse.example" } });
    await rolledBack(async (tx) => {
      await changeSetting(tx, "margin.initialBufferPercent", "14.3", "test: an exact percent", admin.id);
      const whatIf = await whatIfRequirement(tx, account.firmId, { accountId: account.id, positions });
      expect(whatIf.requirement.initialBuffer).toBe("0.143");
      const figures = await spanOf(tx, positions);
      expect(figures.requirement!.initialBuffer.toString()).toBe("0.143");
    });
  });
});
