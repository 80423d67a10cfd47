import "server-only";
/**
 * Creating a default auction of a defaulter's portfolio in one Base Product Category (Rule 914.2;
 * seed 003 §C): mandated and voluntary bidders are invited.
 */
import { randomBytes } from "node:crypto";
import { type Tx, UserError } from "@/lib/server/action";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { formatUsd } from "@/lib/shared/money";
import { housePositions, spanOf } from "./figures";
import { currentMandates } from "./mandates";
import { writeJson } from "@/lib/shared/json-column";
import { auctionPortfolioColumn } from "./columns";

function newReference(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex").toUpperCase()}`;
}

export async function createAuction(tx: Tx, input: { defaultId: string; categoryId: string; opensAt: Date | null; closesAt: Date; voluntaryFirmIds: readonly string[] }, userId: string) {
  const memberDefault = await tx.memberDefault.findUnique({ where: { id: input.defaultId }, include: { waterfall: true } });
  if (!memberDefault) throw new UserError("No such default; nothing was created.", { defaultId: ["Choose a default"] });
  if (memberDefault.waterfall) throw new UserError("The waterfall of this default has been run; no further auction can be added. Nothing was created.", { defaultId: ["Waterfall already run"] });
  const category = await tx.productCategory.findUnique({ where: { id: input.categoryId } });
  if (!category) throw new UserError("No such category; nothing was created.", { categoryId: ["Choose a category"] });
  const open = await tx.auction.findFirst({ where: { defaultId: memberDefault.id, categoryId: category.id, status: "OPEN" } });
  if (open) throw new UserError(`Auction ${open.reference} of this portfolio is still open; close it first. Nothing was created.`, { categoryId: ["An auction is open"] });
  const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  const now = clock!.now;
  const opensAt = input.opensAt ?? now;
  if (input.closesAt.getTime() <= now.getTime()) throw new UserError("The closing time has passed. Nothing was created.", { closesAt: ["In the future"] });
  if (input.closesAt.getTime() <= opensAt.getTime()) throw new UserError("The auction must close after it opens. Nothing was created.", { closesAt: ["After the opening time"] });
  const positions = await housePositions(tx, memberDefault.firmId, category.productCodes);
  if (positions.length === 0) throw new UserError(`The defaulter has no proprietary positions in ${category.code}; there is nothing to auction. Nothing was created.`, { categoryId: ["No positions in this category"] });
  const span = await spanOf(tx, positions);
  if (!span.requirement) throw new UserError("No risk parameters are loaded, so the portfolio's performance bond cannot be computed. Nothing was created.", { categoryId: ["No risk parameters"] });
  const mandated = await currentMandates(tx, category.id);
  const eligible = new Set((await tx.firm.findMany({ where: { status: "ACTIVE" }, select: { id: true } })).map((f) => f.id));
  const invited = new Map<string, boolean>();
  for (const id of mandated) if (eligible.has(id)) invited.set(id, true);
  for (const id of input.voluntaryFirmIds) {
    if (!eligible.has(id)) throw new UserError("A voluntary bidder is not an active member; nothing was created.", { voluntaryFirmIds: ["Not an active member"] });
    if (!invited.has(id)) invited.set(id, false);
  }
  if (invited.size === 0) throw new UserError(`No bidder: ${category.code} has no mandated bidders and no voluntary bidder was chosen. Nothing was created.`, { voluntaryFirmIds: ["Invite at least one member"] });
  const auction = await tx.auction.create({
    data: {
      reference: newReference(`AUC-${category.code}`.slice(0, 20)),
      defaultId: memberDefault.id,
      categoryId: category.id,
      opensAt,
      closesAt: input.closesAt,
      portfolio: writeJson(auctionPortfolioColumn, { positions: positions.map((p) => ({ contract: p.contract, quantity: p.quantity })), parametersOf: span.businessDate, span: { maintenance: span.requirement.maintenance.toFixed(2), initial: span.requirement.initial.toFixed(2) } }, "auction.portfolio"),
      portfolioPerformanceBond: span.requirement.maintenance.toFixed(2),
      createdBy: userId,
      invitations: { create: [...invited].map(([firmId, m]) => ({ firmId, mandated: m })) },
    },
  });
  const firm = await tx.firm.findUniqueOrThrow({ where: { id: memberDefault.firmId } });
  for (const [firmId, m] of invited) {
    await enqueue(tx, await firmRecipients(tx, firmId), {
      kind: "default.auction.invited",
      subject: `Default auction ${auction.reference}: ${category.code} portfolio of ${firm.code}, closes ${auction.closesAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      body: [
        `You are invited ${m ? "as a mandated bidder (required to bid, Rule 914)" : "as a voluntary bidder"} to auction ${auction.reference}: the ${category.name} portfolio of ${firm.legalName}.`,
        `Performance bond requirement of the portfolio: ${formatUsd(auction.portfolioPerformanceBond)}.`,
        `Bids are sealed and accepted until ${auction.closesAt.toISOString()} by the clearing house's clock. See the portfolio and bid at /member/default-management/auctions/${auction.id}.`,
      ].join("\n"),
      dedupeKey: `auction-invite:${auction.id}:${firmId}`,
    });
  }
  return { auction, invited: invited.size, mandated: [...invited.values()].filter(Boolean).length };
}
