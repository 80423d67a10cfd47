import "server-only";
/**
 * Default management (SPEC §7; Rule 914; Rule 802 as amended, seed 003): Base Product
 * Categories, mandated bidder selection, exemption requests, declaring a default, auctions with
 * sealed bids, closing them, and the loss waterfall with the notices that follow. Every function
 * runs inside the caller's transaction; the formulas are the risk core's.
 */
import { createHash, randomBytes } from "node:crypto";
import { Prisma, type ExemptionGround } from "@/generated/prisma/client";
import { UserError, type Tx } from "@/lib/server/action";
import { recordAudit } from "@/lib/audit/audit";
import { clearingHouseRecipients, enqueue, firmRecipients, type Recipient } from "@/lib/notify/outbox";
import {
  classifyAuction,
  combineAuctionOutcomes,
  coolingOffPeriods,
  nextBusinessDay,
  isBusinessDay,
  runBaseWaterfall,
  selectMandatedBidders,
  RiskError,
  type AuctionClassification,
  type ExemptionGround as RiskExemptionGround,
  type WaterfallInput,
  type WaterfallResult,
} from "@/lib/risk";
import { assessmentDraft, businessCalendar, dateOnly, isoOf, issueNotices, replenishmentDraft, todayIso, usd, type NoticeDraft } from "@/lib/server/guaranty-fund/notices";
import { settingsOf } from "@/lib/server/settings/read";
import { categoryFootprints, defaulterCollateral, gfFigures, housePositions, spanOf } from "./figures";

export const GROUND_FROM_DB: Record<ExemptionGround, RiskExemptionGround> = {
  DOES_NOT_TRADE: "does-not-trade",
  NOT_PROPORTIONATE: "not-proportionate",
  NO_TRADING_DESK: "no-trading-desk",
  OPERATIONAL: "operational",
};

export const GROUND_LABELS: Record<ExemptionGround, string> = {
  DOES_NOT_TRADE: "(i) does not trade the relevant products or product types",
  NOT_PROPORTIONATE: "(ii) open interest not proportionate to the defaulter's portfolio",
  NO_TRADING_DESK: "(iii) no active trading desk for the products",
  OPERATIONAL: "(iv) other operational reasons",
};

/** A risk-core refusal is the user's input problem: it names the field and the rule. */
function refuse<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RiskError) throw new UserError(`${e.message}. Nothing was changed.`, { [e.field]: [e.message] });
    throw e;
  }
}

async function allMemberRecipients(tx: Tx): Promise<Recipient[]> {
  const users = await tx.user.findMany({ where: { firmId: { not: null }, disabledAt: null, role: { in: ["MEMBER_USER", "MEMBER_RISK_ADMIN"] } }, select: { id: true, email: true, firmId: true } });
  return users.map((u) => ({ email: u.email, userId: u.id, firmId: u.firmId }));
}

// ---------------------------------------------------------------------------------------------
// Base Product Categories (Rule 914)

export async function saveCategory(tx: Tx, input: { id?: string; code: string; name: string; description: string; productCodes: readonly string[] }, userId: string) {
  const known = new Set((await tx.marginProduct.findMany({ select: { code: true } })).map((p) => p.code));
  const unknown = input.productCodes.filter((c) => !known.has(c));
  if (unknown.length) throw new UserError(`Unknown product${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: a category holds products set up in the portal ("EXCH:CODE"). Nothing was saved.`, { productCodes: [`Unknown: ${unknown.join(", ")}`] });
  const taken = await tx.productCategory.findFirst({ where: { code: input.code, ...(input.id ? { id: { not: input.id } } : {}) } });
  if (taken) throw new UserError(`A category ${input.code} already exists. Nothing was saved.`, { code: ["Already used"] });
  const data = { code: input.code, name: input.name, description: input.description, productCodes: [...new Set(input.productCodes)].sort() };
  if (input.id) {
    const before = await tx.productCategory.findUnique({ where: { id: input.id } });
    if (!before) throw new UserError("No such category; nothing was saved.");
    const after = await tx.productCategory.update({ where: { id: input.id }, data: { ...data, updatedAt: new Date() } });
    return { category: after, before };
  }
  return { category: await tx.productCategory.create({ data: { ...data, createdBy: userId } }), before: null };
}

// ---------------------------------------------------------------------------------------------
// Mandated bidder selection (Rule 914)

/** The latest decision on each firm's exemption request in a category. */
async function decidedExemptions(tx: Tx, categoryId: string) {
  const rows = await tx.exemptionRequest.findMany({ where: { categoryId, status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" } });
  const out = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!out.has(r.firmId)) out.set(r.firmId, r);
  return out;
}

/** Runs the selection for a category on today's figures and stores it as a preview. */
export async function previewMandateSelection(tx: Tx, input: { categoryId: string; mandatedCount: number; notCapable: readonly string[] }, userId: string) {
  const category = await tx.productCategory.findUnique({ where: { id: input.categoryId } });
  if (!category) throw new UserError("No such category; nothing was run.", { categoryId: ["Choose a category"] });
  const firms = await tx.firm.findMany({ where: { status: "ACTIVE" }, orderBy: { code: "asc" } });
  const unknown = input.notCapable.filter((id) => !firms.some((f) => f.id === id));
  if (unknown.length) throw new UserError("A member marked not capable is not an active member; nothing was run.", { notCapable: ["Unknown member"] });
  const footprints = await categoryFootprints(tx, category.productCodes);
  const exemptions = await decidedExemptions(tx, category.id);
  const minRatio = await settingsOf(tx).decimal("auction.proportionalityMinRatio");
  const selection = refuse(() =>
    selectMandatedBidders({
      category: category.code,
      members: footprints.map((f) => {
        const ex = exemptions.get(f.firmId);
        return {
          id: f.firmId,
          proprietaryOpenInterestLastSixMonths: f.openInterestLastSixMonths,
          proprietaryPerformanceBond: f.proprietaryPerformanceBond,
          proprietaryIntradayVolume: f.proprietaryIntradayVolume,
          capable: !input.notCapable.includes(f.firmId),
          ...(ex ? { exemption: { ground: GROUND_FROM_DB[ex.ground], granted: ex.status === "GRANTED" } } : {}),
        };
      }),
      settings: { mandatedCount: input.mandatedCount, proportionalityMinRatio: minRatio },
    }),
  );
  const codeOf = new Map<string, string>(firms.map((f) => [f.id, f.code]));
  const code = (id: string) => codeOf.get(id) ?? id;
  const inputs = { mandatedCount: input.mandatedCount, notCapable: [...input.notCapable], proportionalityMinRatio: minRatio, footprints: footprints.map((f) => ({ ...f, firmCode: code(f.firmId) })) };
  const result = {
    category: category.code,
    mandated: selection.mandated.map(code),
    members: selection.members.map((m) => ({
      firmId: m.id,
      firmCode: code(m.id),
      status: m.status,
      reason: m.reason,
      rank: m.rank,
      relativePerformanceBond: m.relativePerformanceBond.toDecimalPlaces(6).toString(),
      relativeVolume: m.relativeVolume.toDecimalPlaces(6).toString(),
      score: m.score.toDecimalPlaces(10).toString(),
    })),
  };
  const row = await tx.mandateSelection.create({
    data: {
      categoryId: category.id,
      inputs,
      result,
      createdBy: userId,
      lines: { create: selection.members.map((m) => ({ firmId: m.id, status: m.status, rank: m.rank, score: m.score.toDecimalPlaces(10).toString(), reason: m.reason })) },
    },
  });
  return { selection: row, category, mandated: result.mandated };
}

/** Makes a previewed selection the category's roster and tells each member its status. */
export async function notifyMandateSelection(tx: Tx, selectionId: string, userId: string, now = new Date()) {
  const claimed = await tx.mandateSelection.updateMany({ where: { id: selectionId, status: "PREVIEW" }, data: { status: "NOTIFIED", notifiedBy: userId, notifiedAt: now } });
  if (claimed.count === 0) throw new UserError("This selection was already notified or does not exist; nothing was sent.");
  const sel = await tx.mandateSelection.findUniqueOrThrow({ where: { id: selectionId }, include: { category: true, lines: true } });
  let notified = 0;
  for (const line of sel.lines) {
    if (line.status !== "mandated") continue;
    notified++;
    await enqueue(tx, await firmRecipients(tx, line.firmId), {
      kind: "default.mandate",
      subject: `Mandated bidder: Base Product Category ${sel.category.code} (Rule 914)`,
      body: [
        `Your firm is a Mandated Base Clearing Member for ${sel.category.name} (${sel.category.code}: ${sel.category.productCodes.join(", ")}).`,
        `Why: ${line.reason}.`,
        "You are required to bid in the default auctions of this category and to take part in default management drills.",
        "You may request an exemption on one of the four grounds of Rule 914, with evidence, at /member/default-management.",
      ].join("\n"),
      dedupeKey: `mandate:${sel.id}:${line.firmId}`,
    });
  }
  return { selection: sel, notified };
}

/** The firms mandated in a category now: the latest notified roster, less exemptions granted since. */
export async function currentMandates(tx: Tx, categoryId: string): Promise<Set<string>> {
  const sel = await tx.mandateSelection.findFirst({ where: { categoryId, status: "NOTIFIED" }, orderBy: { notifiedAt: "desc" }, include: { lines: true } });
  if (!sel) return new Set();
  const granted = await tx.exemptionRequest.findMany({ where: { categoryId, status: "GRANTED", decidedAt: { gt: sel.notifiedAt! } }, select: { firmId: true } });
  const exempt = new Set(granted.map((g) => g.firmId));
  return new Set(sel.lines.filter((l) => l.status === "mandated" && !exempt.has(l.firmId)).map((l) => l.firmId));
}

// ---------------------------------------------------------------------------------------------
// Exemption requests (Rule 914)

export async function requestExemption(tx: Tx, input: { firmId: string; categoryId: string; ground: ExemptionGround; explanation: string; evidenceFileId: string }, userId: string) {
  const category = await tx.productCategory.findUnique({ where: { id: input.categoryId } });
  if (!category) throw new UserError("No such category; nothing was sent.", { categoryId: ["Choose a category"] });
  if (!(await currentMandates(tx, category.id)).has(input.firmId)) {
    throw new UserError(`Your firm is not a mandated bidder in ${category.code}, so there is nothing to be exempted from (Rule 914). Nothing was sent.`, { categoryId: ["Not mandated in this category"] });
  }
  const pending = await tx.exemptionRequest.findFirst({ where: { firmId: input.firmId, categoryId: category.id, status: "PENDING" } });
  if (pending) throw new UserError(`Your request of ${pending.requestedAt.toISOString().slice(0, 10)} for ${category.code} is still being reviewed. Nothing was sent.`, { categoryId: ["A request is pending"] });
  const file = await tx.storedFile.findFirst({ where: { id: input.evidenceFileId, purpose: "exemption-evidence", firmId: input.firmId } });
  if (!file) throw new UserError("The evidence file was not found; upload it again. Nothing was sent.", { evidenceFileId: ["Upload the evidence again"] });
  const request = await tx.exemptionRequest.create({ data: { firmId: input.firmId, categoryId: category.id, ground: input.ground, explanation: input.explanation, evidenceFileId: file.id, requestedBy: userId } });
  const firm = await tx.firm.findUniqueOrThrow({ where: { id: input.firmId } });
  await enqueue(tx, await clearingHouseRecipients(tx, ["CH_RISK_STAFF"]), {
    kind: "default.exemption.requested",
    subject: `Exemption request: ${firm.code} in ${category.code}`,
    body: `${firm.legalName} (${firm.code}) asks to be exempted from mandated bidding in ${category.name} on ground ${GROUND_LABELS[input.ground]}.\n\n${input.explanation}\n\nEvidence: ${file.originalName}. Review it at /ch/default-management.`,
    dedupeKey: `exemption:${request.id}`,
  });
  return { request, category, file };
}

export async function decideExemption(tx: Tx, input: { exemptionId: string; decision: "GRANTED" | "DENIED"; note: string }, userId: string, now = new Date()) {
  const claimed = await tx.exemptionRequest.updateMany({ where: { id: input.exemptionId, status: "PENDING" }, data: { status: input.decision, decidedBy: userId, decidedAt: now, decisionNote: input.note } });
  if (claimed.count === 0) throw new UserError("This request was already decided or does not exist; nothing was changed.");
  const request = await tx.exemptionRequest.findUniqueOrThrow({ where: { id: input.exemptionId }, include: { category: true } });
  await enqueue(tx, await firmRecipients(tx, request.firmId, ["MEMBER_RISK_ADMIN"]), {
    kind: "default.exemption.decided",
    subject: `Exemption request ${input.decision === "GRANTED" ? "granted" : "denied"}: ${request.category.code}`,
    body: `Your request to be exempted from mandated bidding in ${request.category.name} (${GROUND_LABELS[request.ground]}) was ${input.decision.toLowerCase()}.\n\n${input.note}`,
    dedupeKey: `exemption-decided:${request.id}`,
  });
  return request;
}

// ---------------------------------------------------------------------------------------------
// Declaring a default (Rule 802; cooling-off period 802.H)

export async function declareDefault(tx: Tx, input: { firmId: string; reason: string }, userId: string, now = new Date()) {
  // One declaration at a time: the cooling-off period depends on every earlier default.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('member-default', 0))`;
  const firm = await tx.firm.findUnique({ where: { id: input.firmId } });
  if (!firm) throw new UserError("No such clearing member; nothing was declared.", { firmId: ["Choose a member"] });
  if (firm.status !== "ACTIVE") throw new UserError(`${firm.code} is ${firm.status.toLowerCase().replace("_", " ")}, not an active member; nothing was declared.`, { firmId: ["Not an active member"] });
  const calendar = await businessCalendar(tx);
  const today = todayIso(now);
  const earlier = await tx.memberDefault.findMany({ select: { id: true, defaultDate: true } });
  const dates = [...earlier.map((d) => isoOf(d.defaultDate)), today];
  const periods = coolingOffPeriods(calendar, { defaultDates: dates, asOf: today });
  const period = periods.current!;
  await tx.firm.update({ where: { id: firm.id }, data: { status: "IN_DEFAULT" } });
  const created = await tx.memberDefault.create({
    data: { firmId: firm.id, defaultDate: dateOnly(today), reason: input.reason, declaredBy: userId, declaredAt: now, coolingOffStart: dateOnly(period.start), coolingOffEnd: dateOnly(period.end) },
  });
  // 802.H: a default inside the period extends it for every default of the period.
  const extended = await tx.memberDefault.updateMany({ where: { defaultDate: { gte: dateOnly(period.start), lte: dateOnly(period.end) }, NOT: { id: created.id } }, data: { coolingOffStart: dateOnly(period.start), coolingOffEnd: dateOnly(period.end) } });
  const recipients = [...(await allMemberRecipients(tx)), ...(await clearingHouseRecipients(tx, ["CH_RISK_STAFF", "CH_ADMIN"]))];
  await enqueue(tx, recipients, {
    kind: "default.declared",
    subject: `Notice of default: ${firm.legalName} (${firm.code})`,
    body: [
      `The clearing house has declared ${firm.legalName} (${firm.code}) in default on ${today}.`,
      `Reason: ${input.reason}`,
      `Cooling-off period (Rule 802.H): ${period.start} to ${period.end}${period.defaults.length > 1 ? `, extended by this default (${period.defaults.length} defaults in the period)` : ""}.`,
      "Mandated bidders will be invited to the auctions of the defaulter's portfolio. See /member/default-management.",
    ].join("\n"),
    dedupeKey: `default:${created.id}`,
  });
  return { memberDefault: created, firm, period, extended: extended.count };
}

// ---------------------------------------------------------------------------------------------
// Auctions (Rule 914.2; seed 003 §C)

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
      portfolio: { positions: positions.map((p) => ({ contract: p.contract, quantity: p.quantity })), parametersOf: span.businessDate, span: { maintenance: span.requirement.maintenance.toFixed(2), initial: span.requirement.initial.toFixed(2) } },
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
        `Performance bond requirement of the portfolio: ${usd(auction.portfolioPerformanceBond)}.`,
        `Bids are sealed and accepted until ${auction.closesAt.toISOString()} by the clearing house's clock. See the portfolio and bid at /member/default-management/auctions/${auction.id}.`,
      ].join("\n"),
      dedupeKey: `auction-invite:${auction.id}:${firmId}`,
    });
  }
  return { auction, invited: invited.size, mandated: [...invited.values()].filter(Boolean).length };
}

export class BidRefused extends Error {
  constructor(message: string, readonly field: string, readonly status: 403 | 404 | 409 | 422) {
    super(message);
  }
}

export interface BidReceipt {
  readonly reference: string;
  readonly auction: string;
  readonly amount: string;
  readonly submittedAt: string;
  readonly closesAt: string;
}

/**
 * Stores a sealed bid. The database's clock decides: the auction row is read FOR SHARE (so a
 * close, which takes it FOR UPDATE, waits for bids in flight and they for it) and the bid is
 * accepted only while clock_timestamp() is inside [opensAt, closesAt) and the auction is OPEN;
 * the same instant is the bid's submittedAt. A firm's last bid is the one with the highest id
 * (ids are drawn in the order the bids are inserted).
 */
export async function submitBid(tx: Tx, input: { auctionId: string; firmId: string; amount: string; submittedBy: string }): Promise<BidReceipt> {
  // One statement: the check, the stamp and the insert see the same instant of the clock, and a
  // bid costs one round trip however many bidders arrive in the last second.
  const suffix = randomBytes(5).toString("hex").toUpperCase();
  const rows = await tx.$queryRaw<{ reference: string; status: string; opens_at: Date; closes_at: Date; now: Date; invited: boolean; bid: string | null }[]>`
    WITH a AS (
      SELECT id, reference, status::text AS status, opens_at, closes_at, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR SHARE
    ), inv AS (
      SELECT 1 FROM auction_invitation WHERE auction_id = ${input.auctionId}::uuid AND firm_id = ${input.firmId}::uuid
    ), ins AS (
      INSERT INTO auction_bid (reference, auction_id, firm_id, amount, submitted_by, submitted_at)
      SELECT left('BID-' || a.reference, 29) || '-' || ${suffix}, a.id, ${input.firmId}::uuid, ${input.amount}::numeric, ${input.submittedBy}, a.now
      FROM a WHERE EXISTS (SELECT 1 FROM inv) AND a.status = 'OPEN' AND a.now >= a.opens_at AND a.now < a.closes_at
      RETURNING reference
    )
    SELECT a.reference, a.status, a.opens_at, a.closes_at, a.now, EXISTS (SELECT 1 FROM inv) AS invited, (SELECT reference FROM ins) AS bid FROM a`;
  const a = rows[0];
  if (!a) throw new BidRefused("no such auction", "auctionId", 404);
  if (!a.invited) throw new BidRefused("your firm is not invited to this auction", "auctionId", 403);
  if (a.bid === null) {
    if (a.status !== "OPEN" || a.now.getTime() >= a.closes_at.getTime()) {
      throw new BidRefused(`the auction closed at ${a.closes_at.toISOString()} (clearing house clock ${a.now.toISOString()}); the bid was not accepted`, "closesAt", 409);
    }
    throw new BidRefused(`the auction opens at ${a.opens_at.toISOString()}; the bid was not accepted`, "opensAt", 409);
  }
  return { reference: a.bid, auction: a.reference, amount: new Prisma.Decimal(input.amount).toFixed(2), submittedAt: a.now.toISOString(), closesAt: a.closes_at.toISOString() };
}

/** Each bidding firm's last bid (the one that counts) and how many bids it made, in the order the last bids came in (ties in amount go to the earlier). */
export async function lastBids(tx: Tx, auctionId: string) {
  return tx.$queryRaw<{ firm_id: string; amount: Prisma.Decimal; reference: string; submitted_at: Date; bids: bigint }[]>`
    SELECT firm_id, amount, reference, submitted_at, bids FROM (
      SELECT DISTINCT ON (firm_id) id, firm_id::text, amount, reference, submitted_at, count(*) OVER (PARTITION BY firm_id) AS bids
      FROM auction_bid WHERE auction_id = ${auctionId}::uuid ORDER BY firm_id, id DESC
    ) last ORDER BY id`;
}

/** Serializable form of a classification (amounts as strings). */
function classificationJson(c: AuctionClassification, codes: ReadonlyMap<string, string>, bids: Awaited<ReturnType<typeof lastBids>>) {
  const bidOf = new Map(bids.map((b) => [b.firm_id, b]));
  return {
    winners: c.winners.map((w) => ({ firmId: w, firmCode: codes.get(w) })),
    winningBid: c.winningBid?.toFixed(2) ?? null,
    competitiveThreshold: c.competitiveThreshold.toFixed(2),
    participants: c.participants.map((p) => ({
      firmId: p.memberId,
      firmCode: codes.get(p.memberId),
      mandated: p.mandated,
      bid: p.bid?.toFixed(2) ?? null,
      bidReference: bidOf.get(p.memberId)?.reference ?? null,
      bidSubmittedAt: bidOf.get(p.memberId)?.submitted_at.toISOString() ?? null,
      bidsSubmitted: Number(bidOf.get(p.memberId)?.bids ?? 0),
      outcome: p.outcome,
      distanceFromWinningBid: p.distanceFromWinningBid?.toFixed(2) ?? null,
      contribution: p.contribution.toFixed(2),
      cap: p.cap.toFixed(2),
      seniorized: p.seniorized.toFixed(2),
      maintained: p.maintained.toFixed(2),
      subordinated: p.subordinated.toFixed(2),
    })),
  };
}

async function classify(tx: Tx, auction: { id: string; reference: string; portfolioPerformanceBond: Prisma.Decimal; defaultId: string }, category: string, winners?: readonly string[]) {
  const memberDefault = await tx.memberDefault.findUniqueOrThrow({ where: { id: auction.defaultId } });
  const invitations = await tx.auctionInvitation.findMany({ where: { auctionId: auction.id } });
  const bids = await lastBids(tx, auction.id);
  const defaulter = await gfFigures(tx, memberDefault.firmId);
  const participants: { memberId: string; mandated: boolean; gfRequirement: string; gfContribution: string }[] = [];
  for (const inv of invitations) {
    const gf = await gfFigures(tx, inv.firmId);
    participants.push({ memberId: inv.firmId, mandated: inv.mandated, gfRequirement: gf.requirement.toFixed(2), gfContribution: gf.contribution.toFixed(2) });
  }
  const classification = refuse(() =>
    classifyAuction({
      auctionId: auction.reference,
      category,
      portfolioPerformanceBond: auction.portfolioPerformanceBond.toFixed(2),
      defaulterGfRequirement: defaulter.requirement.toFixed(2),
      bids: bids.map((b) => ({ memberId: b.firm_id, amount: b.amount.toFixed(2) })),
      participants,
      ...(winners && winners.length ? { winners } : {}),
    }),
  );
  return { classification, bids, defaulterGfRequirement: defaulter.requirement };
}

/**
 * Closes an auction: at its deadline (`by: "deadline"`, only once the database's clock has
 * reached it) or early by hand. The row is locked FOR UPDATE, so bids in flight finish first
 * and later ones find it closed. Winners default to the best bid; staff may designate them
 * (802.B.6). Each invited member is told its own result.
 */
export async function closeAuction(tx: Tx, input: { auctionId: string; by: "deadline" | "hand"; reason?: string; winners?: readonly string[] }, userId: string | null) {
  const rows = await tx.$queryRaw<{ status: string; closes_at: Date; now: Date }[]>`
    SELECT status::text AS status, closes_at, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new UserError("No such auction; nothing was closed.");
  if (row.status !== "OPEN") throw new UserError("This auction is already closed; nothing was changed.");
  const early = row.now.getTime() < row.closes_at.getTime();
  if (input.by === "deadline" && early) throw new UserError(`The deadline ${row.closes_at.toISOString()} has not passed; nothing was closed.`);
  if (input.by === "hand" && early && !(input.reason && input.reason.trim().length >= 3)) throw new UserError("Closing before the deadline needs a reason; nothing was closed.", { reason: ["Give the reason for closing early"] });
  const auction = await tx.auction.findUniqueOrThrow({ where: { id: input.auctionId }, include: { category: true, memberDefault: { include: { auctions: false } } } });
  if (input.winners?.length) {
    const bidders = new Set((await lastBids(tx, auction.id)).map((b) => b.firm_id));
    if (input.winners.some((w) => !bidders.has(w))) throw new UserError("A designated winner did not bid; nothing was closed.", { winners: ["Choose among the bidders"] });
  }
  const closedAt = early ? row.now : row.closes_at;
  const result = await auctionResult(tx, auction, input.winners);
  await tx.auction.update({ where: { id: auction.id }, data: { status: "CLOSED", closedAt, closedBy: userId, closeReason: early ? input.reason!.trim() : "deadline", result } });
  await notifyAuctionResult(tx, auction, result, closedAt, "closed", (firmId) => `auction-result:${auction.id}:${firmId}`);
  return { auction, result, early };
}

/**
 * An auction's result as stored: the classification with each participant's last bid, and a
 * SHA-256 digest of every bid in order (the close's audit row carries it: a bid changed or
 * removed afterwards no longer matches the audit trail). `winners` when the clearing house
 * designates them (seed 003: "discretion to select the best bid"), else the best bid wins.
 */
async function auctionResult(tx: Tx, auction: { id: string; reference: string; portfolioPerformanceBond: Prisma.Decimal; defaultId: string; category: { code: string } }, winners?: readonly string[]) {
  const { classification, bids, defaulterGfRequirement } = await classify(tx, auction, auction.category.code, winners);
  const codes = new Map((await tx.firm.findMany({ select: { id: true, code: true } })).map((f) => [f.id, f.code]));
  const all = await tx.auctionBid.findMany({ where: { auctionId: auction.id }, orderBy: { id: "asc" } });
  const digest = createHash("sha256");
  for (const b of all) digest.update(`${b.id}|${b.reference}|${b.firmId}|${b.amount.toFixed(2)}|${b.submittedAt.toISOString()}|${b.submittedBy}\n`);
  return {
    ...classificationJson(classification, codes, bids),
    defaulterGfRequirement: defaulterGfRequirement.toFixed(2),
    portfolioPerformanceBond: auction.portfolioPerformanceBond.toFixed(2),
    totalBids: all.length,
    bidsDigest: digest.digest("hex"),
    designatedWinners: Boolean(winners?.length),
    rule: "Seed 003 §C / Rule 802.B.1: winning bid seniorized; competitive (less than half the portfolio's performance bond from the winning bid) maintained; non-competitive or mandated without a bid subordinated, each up to min(own GF requirement, defaulter's GF requirement)",
  };
}

type AuctionResult = Awaited<ReturnType<typeof auctionResult>>;

/** Tells each invited member its own result (`what`: the auction closed, or its winners were designated anew). */
async function notifyAuctionResult(tx: Tx, auction: { id: string; reference: string; category: { code: string } }, result: AuctionResult, at: Date, what: "closed" | "redesignated", dedupeKey: (firmId: string) => string, only?: ReadonlySet<string>) {
  for (const p of result.participants) {
    if (only && !only.has(p.firmId)) continue;
    const text = OUTCOME_TEXT[p.outcome as keyof typeof OUTCOME_TEXT];
    await enqueue(tx, await firmRecipients(tx, p.firmId), {
      kind: "default.auction.result",
      subject: what === "closed" ? `Auction ${auction.reference} closed: ${text.short}` : `Auction ${auction.reference}: winners designated anew, ${text.short}`,
      body: [
        what === "closed"
          ? `Auction ${auction.reference} (${auction.category.code}) closed at ${at.toISOString()}.`
          : `The clearing house designated the winners of auction ${auction.reference} (${auction.category.code}) anew at ${at.toISOString()}: ${result.winners.map((w) => w.firmCode ?? w.firmId).join(", ")}. This replaces the result you were sent before.`,
        p.bid === null ? "Your firm did not bid." : `Your last bid: ${usd(p.bid)} (${p.bidReference}).`,
        `Result: ${text.long}`,
        `Your Base guaranty fund contribution ${usd(p.contribution)}: seniorized ${usd(p.seniorized)}, maintained ${usd(p.maintained)}, subordinated ${usd(p.subordinated)} (cap ${usd(p.cap)}).`,
        `See /member/default-management/auctions/${auction.id}.`,
      ].join("\n"),
      dedupeKey: dedupeKey(p.firmId),
    });
  }
}

/**
 * The clearing house designates a closed auction's winning bidder(s) itself, with a reason (seed
 * 003: "The Clearing House shall have discretion to select the best bid submitted for any
 * portfolio in an auction, based on the totality of the circumstances"; "Winning Bidder" is the
 * member designated as such). Possible until the default's waterfall has run on the result. The
 * auction is classified again with those winners; members whose result changes are told.
 */
export async function designateAuctionWinners(tx: Tx, input: { auctionId: string; winners: readonly string[]; reason: string }, userId: string) {
  const rows = await tx.$queryRaw<{ status: string; now: Date }[]>`SELECT status::text AS status, clock_timestamp() AS now FROM auction WHERE id = ${input.auctionId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new UserError("No such auction; nothing was changed.");
  if (row.status !== "CLOSED") throw new UserError("Bids are sealed until the close: winners are designated once the auction is closed. Nothing was changed.");
  const auction = await tx.auction.findUniqueOrThrow({ where: { id: input.auctionId }, include: { category: true, memberDefault: { include: { waterfall: { select: { ranAt: true } } } } } });
  if (auction.memberDefault.waterfall) throw new UserError(`The waterfall for this default ran at ${auction.memberDefault.waterfall.ranAt.toISOString()} on this auction's result; its winners can no longer change. Nothing was changed.`);
  const bidders = new Set((await lastBids(tx, auction.id)).map((b) => b.firm_id));
  if (input.winners.some((w) => !bidders.has(w))) throw new UserError("A designated winner did not bid in this auction; nothing was changed.", { winners: ["Choose among the members that bid"] });
  const before = auction.result as unknown as AuctionResult;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (same(before.winners.map((w) => w.firmId), input.winners)) throw new UserError(`${before.winners.map((w) => w.firmCode ?? w.firmId).join(", ")} already ${before.winners.length === 1 ? "is the winner" : "are the winners"}; nothing was changed.`, { winners: ["Choose other winners"] });
  const result = { ...(await auctionResult(tx, auction, input.winners)), designation: { reason: input.reason, by: userId, at: row.now.toISOString(), previousWinners: before.winners } };
  await tx.auction.update({ where: { id: auction.id }, data: { result } });
  // each member whose outcome or split changed is told, once per designation
  const was = new Map(before.participants.map((p) => [p.firmId, `${p.outcome}|${p.seniorized}|${p.maintained}|${p.subordinated}`]));
  const changed = new Set(result.participants.filter((p) => was.get(p.firmId) !== `${p.outcome}|${p.seniorized}|${p.maintained}|${p.subordinated}`).map((p) => p.firmId));
  await notifyAuctionResult(tx, auction, result, row.now, "redesignated", (firmId) => `auction-designation:${auction.id}:${row.now.toISOString()}:${firmId}`, changed);
  return { auction, before, result, notified: changed.size };
}

export const OUTCOME_TEXT = {
  winning: { short: "your bid won", long: "your bid won. Your contribution up to the cap is seniorized: used last in the guaranty fund layers (Rule 802.B.1.ii.c)." },
  competitive: { short: "competitive bid", long: "your bid was competitive (less than half the portfolio's performance bond from the winning bid). Your contribution is maintained: used pro rata with the fund (Rule 802.B.1.ii.b)." },
  "non-competitive": { short: "non-competitive bid", long: "your bid was not competitive (half the portfolio's performance bond or more from the winning bid). Your contribution up to the cap is subordinated: used first (Rule 802.B.1.ii.a)." },
  "mandated-no-bid": { short: "mandated, no bid", long: "your firm was a mandated bidder and did not bid. Your contribution up to the cap is subordinated: used first (Rule 802.B.1.ii.a)." },
  "not-required-no-bid": { short: "no bid (not required)", long: "your firm was not required to bid and did not. Your contribution is maintained (Rule 802.B.1.ii.b)." },
} as const;

/** Closes every open auction whose deadline the database's clock has passed (the worker calls this). */
export async function closeDueAuctions(db: { $transaction: <T>(f: (tx: Tx) => Promise<T>) => Promise<T>; $queryRaw: Tx["$queryRaw"] }): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM auction WHERE status = 'OPEN' AND closes_at <= clock_timestamp() ORDER BY closes_at`;
  let closed = 0;
  for (const { id } of due) {
    try {
      await db.$transaction(async (tx) => {
        const { auction, result } = await closeAuction(tx, { auctionId: id, by: "deadline" }, null);
        await recordAudit(tx, { action: "default.closeAuction", objectType: "auction", objectId: auction.id, summary: { reference: auction.reference, by: "deadline", winners: result.winners.map((w) => w.firmCode ?? w.firmId), winningBid: result.winningBid, totalBids: result.totalBids, bidsDigest: result.bidsDigest } });
      });
      closed++;
    } catch (e) {
      if (!(e instanceof UserError)) throw e; // closed meanwhile by hand or by another worker
    }
  }
  return closed;
}

// ---------------------------------------------------------------------------------------------
// The loss waterfall (Rule 802.B.1 as amended) and its notices (802.F, 802.B.1.v)

export interface LossInput {
  readonly house: string;
  readonly customerSegregated: string;
  readonly customerSecured: string;
  readonly customerClearedSwaps: string;
  readonly otherAssets: string;
}

/** The waterfall input for a default from today's figures (members' GF, the defaulter's collateral, the auctions' outcomes). */
async function waterfallInput(tx: Tx, memberDefault: { id: string; firmId: string; coolingOffStart: Date; coolingOffEnd: Date }, loss: LossInput, reclassified: readonly AuctionClassification[]) {
  const members = await tx.firm.findMany({ where: { status: { in: ["ACTIVE", "SUSPENDED"] }, NOT: { id: memberDefault.firmId } }, orderBy: { code: "asc" } });
  const memberIds = new Set(members.map((m) => m.id));
  const figures = new Map<string, Awaited<ReturnType<typeof gfFigures>>>();
  for (const m of members) figures.set(m.id, await gfFigures(tx, m.id));
  const combined = refuse(() =>
    combineAuctionOutcomes({
      members: members.map((m) => ({ id: m.id, gfRequirement: figures.get(m.id)!.requirement.toFixed(2), gfContribution: figures.get(m.id)!.contribution.toFixed(2) })),
      auctions: reclassified.map((a) => ({ ...a, participants: a.participants.filter((p) => memberIds.has(p.memberId)) })),
    }),
  );
  const incentives = new Map(combined.members.map((m) => [m.id, m]));
  // What each member was already assessed in this cooling-off period (802.H: 550% over the period).
  const assessed = await tx.gfNotice.groupBy({ by: ["firmId"], where: { kind: "ASSESSMENT", noticeDate: { gte: memberDefault.coolingOffStart, lte: memberDefault.coolingOffEnd } }, _sum: { amountDue: true } });
  const assessedOf = new Map(assessed.map((a) => [a.firmId, a._sum.amountDue ?? new Prisma.Decimal(0)]));
  // The CME Contribution already used by other defaults of the period (802.H).
  const others = await tx.defaultWaterfall.findMany({ where: { memberDefault: { coolingOffStart: memberDefault.coolingOffStart, NOT: { id: memberDefault.id } } } });
  let cmeUsed = new Prisma.Decimal(0);
  for (const w of others) {
    const layer = (w.result as unknown as { layers: { id: string; applied: string }[] }).layers.find((l) => l.id === "cme-contribution");
    if (layer) cmeUsed = cmeUsed.plus(layer.applied);
  }
  const collateral = await defaulterCollateral(tx, memberDefault.firmId);
  const input: WaterfallInput = {
    defaulterId: memberDefault.firmId,
    loss: { house: loss.house, customerSegregated: loss.customerSegregated, customerSecured: loss.customerSecured, customerClearedSwaps: loss.customerClearedSwaps },
    defaulterCollateral: {
      guarantyFund: collateral.guarantyFund,
      housePerformanceBond: collateral.housePerformanceBond,
      otherAssets: loss.otherAssets,
      customer: collateral.customer,
      customerPerformanceBondRequirements: collateral.customerPerformanceBondRequirements,
    },
    cmeContribution: { usedInCoolingOffPeriod: cmeUsed.toFixed(2) },
    members: members.map((m) => {
      const f = figures.get(m.id)!;
      const inc = incentives.get(m.id)!;
      return {
        id: m.id,
        gfRequirement: f.requirement.toFixed(2),
        gfContribution: f.contribution.toFixed(2),
        seniorized: inc.seniorized.toFixed(2),
        subordinated: inc.subordinated.toFixed(2),
        assessedInPeriod: (assessedOf.get(m.id) ?? new Prisma.Decimal(0)).toFixed(2),
      };
    }),
  };
  return { input, members, combined, collateral };
}

/** Re-classifies each closed auction of the default on today's guaranty fund figures, keeping its bids and winners. */
async function closedAuctionsOf(tx: Tx, defaultId: string) {
  const auctions = await tx.auction.findMany({ where: { defaultId }, include: { category: true }, orderBy: { createdAt: "asc" } });
  const open = auctions.filter((a) => a.status === "OPEN");
  if (open.length) throw new UserError(`Auction${open.length > 1 ? "s" : ""} ${open.map((a) => a.reference).join(", ")} ${open.length > 1 ? "are" : "is"} still open; close ${open.length > 1 ? "them" : "it"} first. Nothing was run.`);
  const out: AuctionClassification[] = [];
  for (const a of auctions) {
    const stored = a.result as unknown as { winners: { firmId: string }[]; designatedWinners: boolean };
    out.push((await classify(tx, a, a.category.code, stored.designatedWinners ? stored.winners.map((w) => w.firmId) : undefined)).classification);
  }
  return { auctions, classifications: out };
}

/** A layer's totals as strings (the report and the simulator). */
function layerJson(l: WaterfallResult["layers"][number]) {
  return { id: l.id, rule: l.rule, description: l.description, capacity: l.capacity.toFixed(2), applied: l.applied.toFixed(2), remainingLoss: l.remainingLoss.toFixed(2) };
}

export function waterfallJson(r: WaterfallResult, codes: ReadonlyMap<string, string>) {
  return {
    loss: r.loss.toFixed(2),
    covered: r.covered.toFixed(2),
    uncovered: r.uncovered.toFixed(2),
    nextSteps: r.nextSteps,
    defaulterCollateral: {
      applied: r.defaulterCollateral.applied.toFixed(2),
      accountClasses: r.defaulterCollateral.accountClasses.map((c) => ({ accountClass: c.accountClass, loss: c.loss.toFixed(2), fromCustomerCollateral: c.fromCustomerCollateral.toFixed(2), fromHouseAssets: c.fromHouseAssets.toFixed(2), residual: c.residual.toFixed(2) })),
      houseAssets: r.defaulterCollateral.houseAssets.map((h) => ({ source: h.source, available: h.available.toFixed(2), applied: h.applied.toFixed(2) })),
    },
    layers: r.layers.map((l) => ({
      ...layerJson(l),
      shares: l.shares.map((s) => ({ firmId: s.memberId, firmCode: codes.get(s.memberId), capacity: s.capacity.toFixed(2), amount: s.amount.toFixed(2) })),
    })),
    members: r.members.map((m) => ({
      firmId: m.id,
      firmCode: codes.get(m.id),
      subordinatedUsed: m.subordinatedUsed.toFixed(2),
      maintainedUsed: m.maintainedUsed.toFixed(2),
      seniorizedUsed: m.seniorizedUsed.toFixed(2),
      alternateTrancheUsed: m.alternateTrancheUsed.toFixed(2),
      guarantyFundUsed: m.guarantyFundUsed.toFixed(2),
      assessed: m.assessed.toFixed(2),
      assessmentCapacity: m.assessmentCapacity.toFixed(2),
      totalCharge: m.totalCharge.toFixed(2),
    })),
  };
}

export type WaterfallJson = ReturnType<typeof waterfallJson>;

/**
 * Runs the waterfall for a default's realised loss once its auctions are closed, applies each
 * member's guaranty fund used (and the defaulter's), and issues the replenishment notices
 * (802.F: next business day) and assessment notices (802.B.1.v: before the close of Fedwire on
 * the day assessed; capped at 275% / 550% over the cooling-off period, 802.H).
 */
export async function runDefaultWaterfall(tx: Tx, input: { defaultId: string; loss: LossInput }, userId: string, now = new Date()) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`waterfall\n${input.defaultId}`}, 0))`;
  const memberDefault = await tx.memberDefault.findUnique({ where: { id: input.defaultId }, include: { waterfall: true } });
  if (!memberDefault) throw new UserError("No such default; nothing was run.");
  if (memberDefault.waterfall) throw new UserError(`The waterfall of this default was already run on ${memberDefault.waterfall.ranAt.toISOString().slice(0, 10)}; nothing was changed.`);
  const { auctions, classifications } = await closedAuctionsOf(tx, memberDefault.id);
  const { input: wInput, combined, collateral } = await waterfallInput(tx, memberDefault, input.loss, classifications);
  const result = refuse(() => runBaseWaterfall(wInput));
  const codes = new Map((await tx.firm.findMany({ select: { id: true, code: true } })).map((f) => [f.id, f.code]));
  const json = waterfallJson(result, codes);
  const today = todayIso(now);
  const calendar = await businessCalendar(tx);
  // Used guaranty fund leaves the contributions (restored by replenishment).
  const defaulterGf = result.defaulterCollateral.houseAssets.find((h) => h.source === "guaranty-fund")!.applied;
  if (defaulterGf.greaterThan(0)) {
    await tx.gfDeposit.create({ data: { firmId: memberDefault.firmId, kind: "LOSS_APPLIED", amount: defaulterGf.toFixed(2), valueDate: dateOnly(today), reference: `Default ${memberDefault.id.slice(0, 8)}: defaulter's contribution applied (Rule 802.A.2)`, recordedBy: userId } });
  }
  const drafts: NoticeDraft[] = [];
  const incentives = new Map(combined.members.map((m) => [m.id, m]));
  const assessDue = isBusinessDay(calendar, today) ? today : nextBusinessDay(calendar, today);
  for (const m of result.members) {
    const f = wInput.members.find((x) => x.id === m.id)!;
    const inc = incentives.get(m.id)!;
    const calc = {
      default: memberDefault.id,
      defaulter: codes.get(memberDefault.firmId),
      seniorized: inc.seniorized.toFixed(2),
      maintained: inc.maintained.toFixed(2),
      subordinated: inc.subordinated.toFixed(2),
      subordinatedUsed: m.subordinatedUsed.toFixed(2),
      maintainedUsed: m.maintainedUsed.toFixed(2),
      seniorizedUsed: m.seniorizedUsed.toFixed(2),
      guarantyFundUsed: m.guarantyFundUsed.toFixed(2),
      assessed: m.assessed.toFixed(2),
      loss: json.loss,
      uncovered: json.uncovered,
    };
    if (m.guarantyFundUsed.greaterThan(0)) {
      await tx.gfDeposit.create({ data: { firmId: m.id, kind: "LOSS_APPLIED", amount: m.guarantyFundUsed.toFixed(2), valueDate: dateOnly(today), reference: `Default of ${codes.get(memberDefault.firmId)}: contribution applied (Rule 802.B.1.ii)`, recordedBy: userId } });
      const after = new Prisma.Decimal(f.gfContribution as string).minus(m.guarantyFundUsed.toFixed(2));
      drafts.push(replenishmentDraft(calendar, { firmId: m.id, usedOn: today, amountApplied: m.guarantyFundUsed.toFixed(2), required: f.gfRequirement as string, onDeposit: after.toFixed(2), calculation: calc }));
    }
    if (m.assessed.greaterThan(0)) {
      const draft = assessmentDraft({
        firmId: m.id,
        noticeDate: today,
        dueDate: assessDue,
        amount: m.assessed.toFixed(2),
        gfRequirement: f.gfRequirement as string,
        assessedInPeriod: f.assessedInPeriod as string,
        coolingOff: { from: isoOf(memberDefault.coolingOffStart), to: isoOf(memberDefault.coolingOffEnd) },
        onDeposit: new Prisma.Decimal(f.gfContribution as string).minus(m.guarantyFundUsed.toFixed(2)).toFixed(2),
      });
      // Like the replenishment notice, the assessment names the default it is for (the caps come from assessmentDraft).
      drafts.push({ ...draft, calculation: { ...(draft.calculation as Prisma.JsonObject), default: memberDefault.id, defaulter: codes.get(memberDefault.firmId) ?? null } });
    }
  }
  const notices = await issueNotices(tx, drafts, userId, now);
  const stored = await tx.defaultWaterfall.create({
    data: {
      defaultId: memberDefault.id,
      loss: { ...input.loss },
      input: JSON.parse(JSON.stringify({ ...wInput, auctions: auctions.map((a) => a.reference), collateralCycle: collateral.cycle, incentives: combined.members.map((m) => ({ firmId: m.id, firmCode: codes.get(m.id), contribution: m.contribution.toFixed(2), seniorized: m.seniorized.toFixed(2), maintained: m.maintained.toFixed(2), subordinated: m.subordinated.toFixed(2) })) })),
      result: json,
      uncovered: json.uncovered,
      ranBy: userId,
      ranAt: now,
      notices: notices.length,
    },
  });
  await enqueue(tx, await clearingHouseRecipients(tx, ["CH_RISK_STAFF", "CH_ADMIN"]), {
    kind: "default.waterfall",
    subject: `Waterfall run for the default of ${codes.get(memberDefault.firmId)}: loss ${usd(json.loss)}, uncovered ${usd(json.uncovered)}`,
    body: `Layer by layer:\n${json.layers.map((l) => `- ${l.description} (${l.rule}): ${usd(l.applied)} of ${usd(l.capacity)}`).join("\n")}\n${notices.length} notice(s) issued. See /ch/default-management/defaults/${memberDefault.id}.`,
    dedupeKey: `waterfall:${stored.id}`,
  });
  return { waterfall: stored, result: json, notices: notices.length };
}

/**
 * The waterfall simulator (members): a hypothetical default of another member with a loss of
 * the given size, on today's figures, with every member's contribution maintained (no
 * auction). Answers the layers' totals and this firm's own line only.
 */
export async function simulateWaterfall(tx: Tx, input: { firmId: string; defaulterFirmId: string; loss: LossInput }) {
  if (input.firmId === input.defaulterFirmId) throw new UserError("Pick another member as the hypothetical defaulter.", { defaulterFirmId: ["Another member"] });
  const defaulter = await tx.firm.findUnique({ where: { id: input.defaulterFirmId } });
  if (!defaulter || defaulter.status !== "ACTIVE") throw new UserError("Pick an active member as the hypothetical defaulter.", { defaulterFirmId: ["An active member"] });
  const calendar = await businessCalendar(tx);
  const today = todayIso();
  const period = coolingOffPeriods(calendar, { defaultDates: [today] }).periods[0]!;
  // No default row exists: the nil uuid matches none (the id is compared with uuid columns).
  const hypothetical = { id: "00000000-0000-0000-0000-000000000000", firmId: defaulter.id, coolingOffStart: dateOnly(period.start), coolingOffEnd: dateOnly(period.end) };
  const { input: wInput } = await waterfallInput(tx, hypothetical, input.loss, []);
  const result = refuse(() => runBaseWaterfall(wInput));
  const own = result.members.find((m) => m.id === input.firmId) ?? null;
  const ownFigures = wInput.members.find((m) => m.id === input.firmId) ?? null;
  return {
    loss: result.loss.toFixed(2),
    covered: result.covered.toFixed(2),
    uncovered: result.uncovered.toFixed(2),
    members: result.members.length,
    layers: result.layers.map((l) => ({
      ...layerJson(l),
      yours: (l.shares.find((s) => s.memberId === input.firmId)?.amount ?? null)?.toFixed(2) ?? null,
    })),
    yours: own && ownFigures
      ? { gfRequirement: ownFigures.gfRequirement as string, gfContribution: ownFigures.gfContribution as string, guarantyFundUsed: own.guarantyFundUsed.toFixed(2), assessed: own.assessed.toFixed(2), assessmentCapacity: own.assessmentCapacity.toFixed(2), totalCharge: own.totalCharge.toFixed(2) }
      : null,
    nextSteps: result.nextSteps,
  };
}
