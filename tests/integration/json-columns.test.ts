/**
 * JSON columns are read through their schema, never cast: a stored auction.result that is not
 * what the close wrote (an amount as a number, a missing line) is reported naming the column
 * and the place, and nothing is changed, instead of being used as if it were a result.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { designateAuctionWinners } from "@/lib/server/default-management/service";
import { testClient } from "../support/db";

const db = testClient();
afterAll(() => db.$disconnect());

class RolledBack extends Error {}

describe("typed JSON columns", () => {
  it("a malformed stored auction.result is reported with the column and the path, and nothing is changed", async () => {
    const [staff, defaulter, bidder] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: "risk@clearinghouse.example" } }),
      db.firm.findUniqueOrThrow({ where: { code: "COBT" } }),
      db.firm.findUniqueOrThrow({ where: { code: "ACME" } }),
    ]);
    const tag = randomUUID().slice(0, 8).toUpperCase();
    let refusal: unknown = null;
    // Everything is made in one transaction rolled back at the end: no default is left behind.
    await db
      .$transaction(async (tx) => {
        const category = await tx.productCategory.create({ data: { code: `JSON-${tag}`, name: "JSON column test", productCodes: ["CME:EC"], createdBy: staff.id } });
        const memberDefault = await tx.memberDefault.create({ data: { firmId: defaulter.id, defaultDate: new Date("2026-03-02"), reason: "test", declaredBy: staff.id, coolingOffStart: new Date("2026-03-02"), coolingOffEnd: new Date("2026-03-24") } });
        const stored = { winners: [{ firmId: bidder.id }], winningBid: 125000, competitiveThreshold: "50000.00", participants: [] };
        const auction = await tx.auction.create({
          data: { reference: `AUC-JSON-${tag}`, defaultId: memberDefault.id, categoryId: category.id, status: "CLOSED", opensAt: new Date("2026-03-02T14:00:00Z"), closesAt: new Date("2026-03-02T15:00:00Z"), closedAt: new Date("2026-03-02T15:00:00Z"), portfolio: { positions: [], parametersOf: null }, portfolioPerformanceBond: "100000.00", createdBy: staff.id, result: stored },
        });
        await tx.auctionBid.create({ data: { reference: `BID-JSON-${tag}`, auctionId: auction.id, firmId: bidder.id, amount: "125000.00", submittedBy: staff.id, submittedAt: new Date("2026-03-02T14:30:00Z") } });
        refusal = await designateAuctionWinners(tx, { auctionId: auction.id, winners: [bidder.id], reason: "test" }, staff.id).catch((e: unknown) => e);
        throw new RolledBack();
      })
      .catch((e: unknown) => {
        if (!(e instanceof RolledBack)) throw e;
      });
    expect(refusal).toBeInstanceOf(Error);
    const message = (refusal as Error).message;
    expect(message).toMatch(/^The stored auction\.result is malformed \(/);
    expect(message).toContain("winningBid: Invalid input: expected string, received number");
    expect(message).toContain("defaulterGfRequirement");
    expect(await db.productCategory.count({ where: { code: `JSON-${tag}` } })).toBe(0);
  });
});
