import "server-only";
/**
 * Running the loss waterfall of a default (Rule 802.B.1 as amended) and issuing the notices that
 * follow (802.F, 802.B.1.v).
 */
import { Prisma } from "@/generated/prisma/client";
import { type Tx, UserError } from "@/lib/server/action";
import { clearingHouseRecipients, enqueue } from "@/lib/notify/outbox";
import { type AuctionClassification, isBusinessDay, nextBusinessDay, runBaseWaterfall } from "@/lib/risk";
import { assessmentDraft, issueNotices, type NoticeDraft, replenishmentDraft } from "@/lib/server/guaranty-fund/notices";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { dateOnly, isoOf, todayIso } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";
import { classify } from "./auction-result";
import { type LossInput, waterfallInput, waterfallJson } from "./waterfall-input";
import { refuse } from "./internal";
import { readJson, writeJson } from "@/lib/shared/json-column";
import { auctionResultColumn, waterfallLossColumn, waterfallResultColumn } from "./columns";

/** Re-classifies each closed auction of the default on today's guaranty fund figures, keeping its bids and winners. */
async function closedAuctionsOf(tx: Tx, defaultId: string) {
  const auctions = await tx.auction.findMany({ where: { defaultId }, include: { category: true }, orderBy: { createdAt: "asc" } });
  const open = auctions.filter((a) => a.status === "OPEN");
  if (open.length) throw new UserError(`Auction${open.length > 1 ? "s" : ""} ${open.map((a) => a.reference).join(", ")} ${open.length > 1 ? "are" : "is"} still open; close ${open.length > 1 ? "them" : "it"} first. Nothing was run.`);
  const out: AuctionClassification[] = [];
  for (const a of auctions) {
    const stored = readJson(auctionResultColumn, a.result, "auction.result");
    out.push((await classify(tx, a, a.category.code, stored.designatedWinners ? stored.winners.map((w) => w.firmId) : undefined)).classification);
  }
  return { auctions, classifications: out };
}

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
      loss: writeJson(waterfallLossColumn, { ...input.loss }, "default_waterfall.loss"),
      input: JSON.parse(JSON.stringify({ ...wInput, auctions: auctions.map((a) => a.reference), collateralCycle: collateral.cycle, incentives: combined.members.map((m) => ({ firmId: m.id, firmCode: codes.get(m.id), contribution: m.contribution.toFixed(2), seniorized: m.seniorized.toFixed(2), maintained: m.maintained.toFixed(2), subordinated: m.subordinated.toFixed(2) })) })),
      result: writeJson(waterfallResultColumn, json, "default_waterfall.result"),
      uncovered: json.uncovered,
      ranBy: userId,
      ranAt: now,
      notices: notices.length,
    },
  });
  await enqueue(tx, await clearingHouseRecipients(tx, ["CH_RISK_STAFF", "CH_ADMIN"]), {
    kind: "default.waterfall",
    subject: `Waterfall run for the default of ${codes.get(memberDefault.firmId)}: loss ${formatUsd(json.loss)}, uncovered ${formatUsd(json.uncovered)}`,
    body: `Layer by layer:\n${json.layers.map((l) => `- ${l.description} (${l.rule}): ${formatUsd(l.applied)} of ${formatUsd(l.capacity)}`).join("\n")}\n${notices.length} notice(s) issued. See /ch/default-management/defaults/${memberDefault.id}.`,
    dedupeKey: `waterfall:${stored.id}`,
  });
  return { waterfall: stored, result: json, notices: notices.length };
}
