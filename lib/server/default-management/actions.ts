"use server";
/**
 * Default management: clearing-house risk staff maintain Base Product Categories,
 * run and notify mandated bidder selection, decide exemption requests, declare defaults,
 * create and close auctions and run the waterfall; member risk admins request exemptions.
 * Bids go through the HTTP route app/api/auctions/[id]/bids (idempotency keys, API keys).
 */
import { defineAction } from "@/lib/server/action";
import {
  categorySchema,
  closeAuctionSchema,
  createAuctionSchema,
  decideExemptionSchema,
  declareDefaultSchema,
  designateWinnersSchema,
  exemptionRequestSchema,
  previewMandateSchema,
  runWaterfallSchema,
  selectionIdSchema,
} from "@/lib/validation/default-management";
import { closeAuction, createAuction, decideExemption, declareDefault, designateAuctionWinners, notifyMandateSelection, previewMandateSelection, requestExemption, runDefaultWaterfall, saveCategory } from "./service";

const CH = "/ch/default-management";
const MEMBER = "/member/default-management";

export const saveProductCategory = defineAction({
  name: "default.saveCategory",
  permission: "ch.risk",
  schema: categorySchema,
  async run(input, { tx, actor }) {
    const { category, before } = await saveCategory(tx, input, actor.userId);
    return {
      data: { id: category.id, code: category.code },
      audit: { action: "default.saveCategory", objectType: "product-category", objectId: category.id, summary: { before: before ? { code: before.code, name: before.name, productCodes: before.productCodes } : null, after: { code: category.code, name: category.name, productCodes: category.productCodes } } },
      revalidate: [CH],
    };
  },
});

export const previewMandatedBidders = defineAction({
  name: "default.previewMandate",
  permission: "ch.risk",
  schema: previewMandateSchema,
  async run(input, { tx, actor }) {
    const { selection, category, mandated } = await previewMandateSelection(tx, input, actor.userId);
    return {
      data: { id: selection.id, mandated },
      audit: { action: "default.previewMandate", objectType: "mandate-selection", objectId: selection.id, summary: { category: category.code, mandatedCount: input.mandatedCount, mandated } },
      revalidate: [CH],
    };
  },
});

export const notifyMandatedBidders = defineAction({
  name: "default.notifyMandate",
  permission: "ch.risk",
  schema: selectionIdSchema,
  async run(input, { tx, actor }) {
    const { selection, notified } = await notifyMandateSelection(tx, input.selectionId, actor.userId);
    return {
      data: { id: selection.id, notified },
      audit: { action: "default.notifyMandate", objectType: "mandate-selection", objectId: selection.id, summary: { category: selection.category.code, notified } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const requestBiddingExemption = defineAction({
  name: "default.requestExemption",
  permission: "member.riskAdmin",
  schema: exemptionRequestSchema,
  async run(input, { tx, actor }) {
    const { request, category, file } = await requestExemption(tx, { ...input, firmId: actor.firmId! }, actor.userId);
    return {
      data: { id: request.id },
      audit: { firmId: actor.firmId, action: "default.requestExemption", objectType: "exemption-request", objectId: request.id, summary: { category: category.code, ground: input.ground, evidence: file.originalName } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const decideBiddingExemption = defineAction({
  name: "default.decideExemption",
  permission: "ch.risk",
  schema: decideExemptionSchema,
  async run(input, { tx, actor }) {
    const request = await decideExemption(tx, input, actor.userId);
    return {
      data: { id: request.id, status: request.status },
      audit: { firmId: request.firmId, action: "default.decideExemption", objectType: "exemption-request", objectId: request.id, summary: { category: request.category.code, decision: input.decision, note: input.note } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const declareMemberDefault = defineAction({
  name: "default.declare",
  permission: "ch.risk",
  schema: declareDefaultSchema,
  // Step-up (ASVS 7.5.3): a fresh second-factor code.
  stepUp: true,
  async run(input, { tx, actor }) {
    const { memberDefault, firm, period, extended } = await declareDefault(tx, { firmId: input.firmId, reason: input.reason }, actor.userId);
    return {
      data: { id: memberDefault.id, coolingOff: { start: period.start, end: period.end } },
      audit: { firmId: firm.id, action: "default.declare", objectType: "member-default", objectId: memberDefault.id, summary: { firm: firm.code, reason: input.reason, coolingOff: { start: period.start, end: period.end }, defaultsInPeriod: period.defaults.length, extended } },
      revalidate: [CH, MEMBER, "/member", "/ch"],
    };
  },
});

export const createDefaultAuction = defineAction({
  name: "default.createAuction",
  permission: "ch.risk",
  schema: createAuctionSchema,
  async run(input, { tx, actor }) {
    const { auction, invited, mandated } = await createAuction(tx, { defaultId: input.defaultId, categoryId: input.categoryId, opensAt: input.opensAt ?? null, closesAt: input.closesAt, voluntaryFirmIds: input.voluntaryFirmIds }, actor.userId);
    return {
      data: { id: auction.id, reference: auction.reference },
      audit: { action: "default.createAuction", objectType: "auction", objectId: auction.id, summary: { reference: auction.reference, opensAt: auction.opensAt.toISOString(), closesAt: auction.closesAt.toISOString(), portfolioPerformanceBond: auction.portfolioPerformanceBond.toFixed(2), invited, mandated } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const closeDefaultAuction = defineAction({
  name: "default.closeAuction",
  permission: "ch.risk",
  schema: closeAuctionSchema,
  async run(input, { tx, actor }) {
    const { auction, result, early } = await closeAuction(tx, { auctionId: input.auctionId, by: "hand", reason: input.reason, winners: input.winners }, actor.userId);
    return {
      data: { id: auction.id, winners: result.winners.map((w) => w.firmCode ?? w.firmId), winningBid: result.winningBid },
      audit: { action: "default.closeAuction", objectType: "auction", objectId: auction.id, summary: { reference: auction.reference, early, reason: input.reason ?? null, winners: result.winners.map((w) => w.firmCode ?? w.firmId), winningBid: result.winningBid, totalBids: result.totalBids, bidsDigest: result.bidsDigest } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const designateDefaultWinners = defineAction({
  name: "default.designateWinners",
  permission: "ch.risk",
  schema: designateWinnersSchema,
  async run(input, { tx, actor }) {
    const { auction, before, result, notified } = await designateAuctionWinners(tx, { auctionId: input.auctionId, winners: input.winners, reason: input.reason }, actor.userId);
    const codes = (ws: readonly { firmId: string; firmCode?: string }[]) => ws.map((w) => w.firmCode ?? w.firmId);
    return {
      data: { id: auction.id, winners: codes(result.winners), winningBid: result.winningBid, notified },
      audit: { action: "default.designateWinners", objectType: "auction", objectId: auction.id, summary: { reference: auction.reference, reason: input.reason, before: codes(before.winners), after: codes(result.winners), winningBid: result.winningBid, bidsDigest: result.bidsDigest, notified } },
      revalidate: [CH, MEMBER],
    };
  },
});

export const runWaterfall = defineAction({
  name: "default.runWaterfall",
  permission: "ch.risk",
  schema: runWaterfallSchema,
  // Step-up (ASVS 7.5.3): a fresh second-factor code.
  stepUp: true,
  async run(input, { tx, actor }) {
    const { waterfall, result, notices } = await runDefaultWaterfall(tx, input, actor.userId);
    return {
      data: { id: waterfall.id, uncovered: result.uncovered, notices },
      audit: { action: "default.runWaterfall", objectType: "default-waterfall", objectId: waterfall.id, summary: { default: input.defaultId, loss: input.loss, covered: result.covered, uncovered: result.uncovered, notices, layers: result.layers.map((l) => ({ id: l.id, applied: l.applied })) } },
      revalidate: [CH, MEMBER, "/member/guaranty-fund", "/ch/guaranty-fund", "/member"],
    };
  },
});
