import "server-only";
/**
 * Reads for the clearing house's default-management pages. Sealed bids: while an
 * auction is open these reads answer how many bids it has received and nothing else about them
 * (no amount, no bidder); after the close the stored result holds each participant's last bid.
 */
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { currentMandates, GROUND_LABELS } from "./service";
import { defaulterCollateral, housePositions } from "./figures";
import { readJson } from "@/lib/shared/json-column";
import { auctionPortfolioColumn, auctionResultColumn, selectionInputsColumn, selectionResultColumn, waterfallLossColumn, waterfallResultColumn, type AuctionResult } from "./columns";

/** A member's line of a stored selection (mandate_selection.result). */
export type SelectionMemberJson = z.output<typeof selectionResultColumn>["members"][number];
/** A closed auction's stored result (auction.result) and a participant's line of it. */
export type AuctionResultJson = AuctionResult;
export type AuctionParticipantJson = AuctionResult["participants"][number];

/** Rule 914: the selection is reviewed at least semi-annually. */
export function reviewDue(notifiedAt: Date | null, now = new Date()): boolean {
  if (!notifiedAt) return true;
  const due = new Date(notifiedAt);
  due.setUTCMonth(due.getUTCMonth() + 6);
  return due.getTime() <= now.getTime();
}

function codeLookup(firms: readonly { id: string; code: string }[]) {
  const codes = new Map(firms.map((f) => [f.id, f.code]));
  return (id: string) => codes.get(id) ?? id.slice(0, 8);
}

/** Everything the default-management overview shows. */
export async function chDefaultManagement(now = new Date()) {
  const client = db();
  const [firms, categories, exemptions, defaults] = await Promise.all([
    client.firm.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, legalName: true, status: true } }),
    client.productCategory.findMany({ orderBy: { code: "asc" } }),
    client.exemptionRequest.findMany({ orderBy: { requestedAt: "desc" }, include: { category: { select: { code: true } } }, take: 200 }),
    client.memberDefault.findMany({ orderBy: { declaredAt: "desc" }, include: { auctions: { select: { status: true } }, waterfall: { select: { ranAt: true, uncovered: true, notices: true } } } }),
  ]);
  const code = codeLookup(firms);
  const perCategory = await Promise.all(
    categories.map(async (c) => {
      const [latest, notified, mandates] = await Promise.all([
        client.mandateSelection.findFirst({ where: { categoryId: c.id }, orderBy: { createdAt: "desc" } }),
        client.mandateSelection.findFirst({ where: { categoryId: c.id, status: "NOTIFIED" }, orderBy: { notifiedAt: "desc" }, include: { lines: true } }),
        currentMandates(client, c.id),
      ]);
      const latestResult = latest ? readJson(selectionResultColumn, latest.result, "mandate_selection.result") : null;
      const latestInputs = latest ? readJson(selectionInputsColumn, latest.inputs, "mandate_selection.inputs") : null;
      return {
        category: c,
        latest: latest && latestResult && latestInputs ? { id: latest.id, status: latest.status, createdAt: latest.createdAt, notifiedAt: latest.notifiedAt, mandatedCount: latestInputs.mandatedCount, notCapable: latestInputs.notCapable, members: latestResult.members } : null,
        roster: notified
          ? {
              id: notified.id,
              notifiedAt: notified.notifiedAt!,
              mandated: notified.lines.filter((l) => l.status === "mandated").map((l) => ({ firmId: l.firmId, code: code(l.firmId), exemptSince: !mandates.has(l.firmId), status: firms.find((f) => f.id === l.firmId)?.status ?? "ACTIVE" })).sort((a, b) => a.code.localeCompare(b.code)),
              reviewDue: reviewDue(notified.notifiedAt, now),
            }
          : null,
      };
    }),
  );
  const files = await client.storedFile.findMany({ where: { id: { in: exemptions.map((e) => e.evidenceFileId) } }, select: { id: true, originalName: true } });
  const fileName = new Map(files.map((f) => [f.id, f.originalName]));
  const userIds = [...new Set(exemptions.flatMap((e) => [e.requestedBy, e.decidedBy]).filter((x): x is string => Boolean(x)))];
  const users = await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  const exemptionRows = exemptions.map((e) => ({
    id: e.id,
    firm: code(e.firmId),
    category: e.category.code,
    ground: GROUND_LABELS[e.ground],
    explanation: e.explanation,
    evidence: { id: e.evidenceFileId, name: fileName.get(e.evidenceFileId) ?? "evidence" },
    status: e.status,
    requestedAt: e.requestedAt,
    requestedBy: email.get(e.requestedBy) ?? "",
    decidedAt: e.decidedAt,
    decidedBy: e.decidedBy ? (email.get(e.decidedBy) ?? "") : "",
    note: e.decisionNote,
  }));
  return {
    firms,
    activeFirms: firms.filter((f) => f.status === "ACTIVE"),
    categories: perCategory,
    pendingExemptions: exemptionRows.filter((e) => e.status === "PENDING"),
    decidedExemptions: exemptionRows.filter((e) => e.status !== "PENDING"),
    defaults: defaults.map((d) => ({
      id: d.id,
      firm: code(d.firmId),
      firmName: firms.find((f) => f.id === d.firmId)?.legalName ?? "",
      defaultDate: d.defaultDate,
      declaredAt: d.declaredAt,
      reason: d.reason,
      coolingOffStart: d.coolingOffStart,
      coolingOffEnd: d.coolingOffEnd,
      auctions: d.auctions.length,
      openAuctions: d.auctions.filter((a) => a.status === "OPEN").length,
      waterfall: d.waterfall,
    })),
  };
}

/** A default with its auctions (bids sealed while open), the waterfall and the notices it issued. */
export async function chDefaultDetail(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const client = db();
  const memberDefault = await client.memberDefault.findUnique({
    where: { id },
    include: { auctions: { orderBy: { createdAt: "asc" }, include: { category: true, invitations: true } }, waterfall: true },
  });
  if (!memberDefault) return null;
  const firms = await client.firm.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, legalName: true, status: true } });
  const code = codeLookup(firms);
  const defaulter = firms.find((f) => f.id === memberDefault.firmId)!;
  const [categories, userRows] = await Promise.all([client.productCategory.findMany({ orderBy: { code: "asc" } }), client.user.findMany({ where: { id: { in: [memberDefault.declaredBy, ...(memberDefault.waterfall ? [memberDefault.waterfall.ranBy] : [])] } }, select: { id: true, email: true } })]);
  const email = new Map(userRows.map((u) => [u.id, u.email]));
  const active = firms.filter((f) => f.status === "ACTIVE");
  const activeIds = new Set(active.map((f) => f.id));
  // What createAuction will do for each category: the portfolio and the mandated bidders from the roster.
  const auctionChoices = await Promise.all(
    categories.map(async (c) => {
      const [positions, mandates] = await Promise.all([housePositions(client, memberDefault.firmId, c.productCodes), currentMandates(client, c.id)]);
      return { id: c.id, code: c.code, name: c.name, positions, mandated: [...mandates].filter((f) => activeIds.has(f)).map(code).sort(), auctioned: memberDefault.auctions.some((a) => a.categoryId === c.id) };
    }),
  );
  const auctions = await Promise.all(
    memberDefault.auctions.map(async (a) => {
      const open = a.status === "OPEN";
      // Sealed: while open, only how many members bid and how many bids arrived; never an amount or a bidder.
      // A member's later bid replaces its earlier one, so the members bidding are what will compete.
      const bids = open ? await client.auctionBid.groupBy({ by: ["firmId"], where: { auctionId: a.id }, _count: { _all: true } }) : null;
      const portfolio = readJson(auctionPortfolioColumn, a.portfolio, "auction.portfolio");
      return {
        id: a.id,
        reference: a.reference,
        category: a.category.code,
        status: a.status,
        opensAt: a.opensAt,
        closesAt: a.closesAt,
        closedAt: a.closedAt,
        closeReason: a.closeReason,
        portfolioPerformanceBond: a.portfolioPerformanceBond.toFixed(2),
        positions: portfolio.positions,
        parametersOf: portfolio.parametersOf,
        invited: a.invitations.map((i) => ({ code: code(i.firmId), mandated: i.mandated })).sort((x, y) => Number(y.mandated) - Number(x.mandated) || x.code.localeCompare(y.code)),
        bidding: bids === null ? null : { members: bids.length, bids: bids.reduce((n, b) => n + b._count._all, 0) },
        result: open || a.result === null ? null : readJson(auctionResultColumn, a.result, "auction.result"),
        // winners can be designated anew until the default's waterfall has run on the result
        designable: !open && memberDefault.waterfall === null,
      };
    }),
  );
  const notices = await client.gfNotice.findMany({
    where: { kind: { in: ["REPLENISHMENT", "ASSESSMENT"] }, calculation: { path: ["default"], equals: memberDefault.id } },
    orderBy: [{ kind: "asc" }, { issuedAt: "asc" }],
  });
  const ackers = await client.user.findMany({ where: { id: { in: notices.map((n) => n.acknowledgedBy).filter((x): x is string => Boolean(x)) } }, select: { id: true, email: true } });
  const ackEmail = new Map(ackers.map((u) => [u.id, u.email]));
  const collateral = memberDefault.waterfall ? null : await defaulterCollateral(client, memberDefault.firmId);
  return {
    memberDefault,
    declaredBy: email.get(memberDefault.declaredBy) ?? "",
    defaulter,
    activeFirms: active,
    auctionChoices,
    auctions,
    allClosed: auctions.every((a) => a.status === "CLOSED"),
    waterfall: memberDefault.waterfall
      ? { ranAt: memberDefault.waterfall.ranAt, ranBy: email.get(memberDefault.waterfall.ranBy) ?? "", loss: readJson(waterfallLossColumn, memberDefault.waterfall.loss, "default_waterfall.loss"), result: readJson(waterfallResultColumn, memberDefault.waterfall.result, "default_waterfall.result"), notices: memberDefault.waterfall.notices }
      : null,
    collateral,
    notices: notices.map((n) => ({ id: n.id, firm: code(n.firmId), kind: n.kind, noticeDate: n.noticeDate, dueDate: n.dueDate, amountDue: n.amountDue.toFixed(2), rule: n.rule, settledAt: n.settledAt, acknowledgedAt: n.acknowledgedAt, acknowledgedBy: n.acknowledgedBy ? (ackEmail.get(n.acknowledgedBy) ?? "") : null })),
  };
}
