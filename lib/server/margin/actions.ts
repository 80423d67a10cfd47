"use server";
/**
 * Settlement cycles: clearing-house risk staff load risk parameters and settlement
 * prices, open cycles, add Rule 824 charges and decide collateral requests; members report
 * positions and trades and request collateral moves. The cycle itself runs in batches through
 * POST /api/margin/cycles/{id}/run (each batch commits with its progress).
 */
import { Prisma } from "@/generated/prisma/client";
import { defineAction, UserError, type Tx } from "@/lib/server/action";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { formatUsd, valueCollateral, type CollateralType } from "@/lib/risk";
import {
  additionalChargeSchema,
  collateralRequestSchema,
  decideCollateralSchema,
  endChargeSchema,
  loadRiskParametersSchema,
  loadSettlementPricesSchema,
  startCycleSchema,
  uploadFeedSchema,
} from "@/lib/validation/margin";
import { cycleLabel, openCycle } from "./cycle";
import { uploadedFile, uploadedText } from "./files";
import { feedRowsFromCsv, isInputRefused, storePositions, storeRiskParameters, storeSettlementPrices, storeTrades } from "./load";
import { readJson } from "@/lib/shared/json-column";
import { importReportColumn } from "./columns";

/** Turns a refused input into the user's message (nothing was stored: the transaction rolls back). */
async function refusing<T>(field: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isInputRefused(e)) throw new UserError(`${e.message}. Nothing was loaded.`, { [field]: [e.message] });
    throw e;
  }
}

export const loadRiskParameters = defineAction({
  name: "margin.loadRiskParameters",
  permission: "ch.risk",
  schema: loadRiskParametersSchema,
  async run(input, { tx, actor }) {
    const file = await uploadedFile(tx, input.fileId, "span-parameters", actor);
    const set = await refusing("fileId", () => storeRiskParameters(tx, { businessDate: input.businessDate, source: { path: file.path }, sourceName: file.name, fileId: input.fileId, userId: actor.userId }));
    return {
      data: { id: set.id, contracts: set.contractCount, skipped: set.skipped as string[], report: readJson(importReportColumn, set.importReport, "risk_parameter_set.import_report") },
      audit: { action: "margin.loadRiskParameters", objectType: "risk-parameter-set", objectId: set.id, summary: { businessDate: input.businessDate, file: file.name, contracts: set.contractCount } },
      revalidate: ["/ch/margin"],
    };
  },
});

export const loadSettlementPrices = defineAction({
  name: "margin.loadSettlementPrices",
  permission: "ch.risk",
  schema: loadSettlementPricesSchema,
  async run(input, { tx, actor }) {
    const source = input.fileId ? await uploadedText(tx, input.fileId, "settlement-prices", actor) : { text: input.entered!, name: "entered" };
    const result = await refusing(input.fileId ? "fileId" : "entered", () =>
      storeSettlementPrices(tx, { businessDate: input.businessDate, cycle: input.cycle, csv: source.text, source: input.fileId ? "csv" : "entered", fileId: input.fileId ?? null, userId: actor.userId }),
    );
    return {
      data: { id: result.set.id, count: result.count, cycle: result.set.cycleKind === "SCHEDULED" ? `cycle ${result.set.cycleNumber}` : `ad hoc ${result.set.cycleNumber}` },
      audit: { action: "margin.loadSettlementPrices", objectType: "settlement-price-set", objectId: result.set.id, summary: { businessDate: input.businessDate, cycle: input.cycle, prices: result.count, source: source.name } },
      revalidate: ["/ch/margin"],
    };
  },
});

export const startCycle = defineAction({
  name: "margin.startCycle",
  permission: "ch.risk",
  schema: startCycleSchema,
  async run(input, { tx, actor }) {
    const { cycle, resumed } = await refusing("priceSetId", () => openCycle(tx, { priceSetId: input.priceSetId, userId: actor.userId }));
    return {
      data: { cycleId: cycle.id, resumed, label: cycleLabel(cycle) },
      audit: { action: "margin.startCycle", objectType: "margin-cycle", objectId: cycle.id, summary: { cycle: cycleLabel(cycle), resumed, accounts: cycle.totalAccounts } },
      revalidate: ["/ch/margin"],
    };
  },
});

export const addAdditionalCharge = defineAction({
  name: "margin.addCharge",
  permission: "ch.risk",
  schema: additionalChargeSchema,
  async run(input, { tx, actor }) {
    const firm = await tx.firm.findUnique({ where: { code: input.firmCode } });
    if (!firm) throw new UserError("No such member.", { firmCode: ["Choose a member"] });
    if (input.productCode && (await tx.marginProduct.count({ where: { code: input.productCode } })) === 0) throw new UserError(`Product ${input.productCode} is not set up.`, { productCode: ["Not a product"] });
    const charge = await tx.additionalCharge.create({ data: { firmId: firm.id, productCode: input.productCode || null, side: input.side || null, amount: input.amount, reason: input.reason, createdBy: actor.userId } });
    await enqueue(tx, await firmRecipients(tx, firm.id), {
      kind: "margin.rule824",
      subject: `Additional performance bond (Rule 824): $${input.amount}`,
      body: `The clearing house has added an additional performance bond of $${input.amount} on ${input.productCode ? `${input.productCode}${input.side ? ` (${input.side.toLowerCase()} side)` : ""}` : "your firm"} from the next settlement cycle. Reason: ${input.reason}`,
      dedupeKey: `margin.rule824:${charge.id}`,
    });
    return {
      data: { id: charge.id },
      audit: { firmId: firm.id, action: "margin.addCharge", objectType: "additional-charge", objectId: charge.id, summary: { firm: firm.code, product: input.productCode || null, side: input.side || null, amount: input.amount, reason: input.reason } },
      revalidate: ["/ch/margin"],
    };
  },
});

export const endAdditionalCharge = defineAction({
  name: "margin.endCharge",
  permission: "ch.risk",
  schema: endChargeSchema,
  async run(input, { tx }) {
    const result = await tx.additionalCharge.updateMany({ where: { id: input.chargeId, endedAt: null }, data: { endedAt: new Date() } });
    if (result.count === 0) throw new UserError("No such active charge; nothing was changed.");
    return { data: { id: input.chargeId }, audit: { action: "margin.endCharge", objectType: "additional-charge", objectId: input.chargeId, summary: {} }, revalidate: ["/ch/margin"] };
  },
});

export const requestCollateral = defineAction({
  name: "margin.requestCollateral",
  permission: "member.file",
  schema: collateralRequestSchema,
  async run(input, { tx, actor }) {
    // The account is looked up with the session's firm: another firm's account id matches nothing.
    const account = await tx.marginAccount.findFirst({ where: { id: input.accountId, firmId: actor.firmId! } });
    if (!account) throw new UserError("No such account for your firm; nothing was requested.", { accountId: ["Choose one of your accounts"] });
    if (input.kind === "WITHDRAW") {
      const holding = await tx.collateralHolding.findUnique({ where: { accountId_type: { accountId: account.id, type: input.type } } });
      if (!holding || holding.marketValue.lessThan(input.marketValue)) {
        throw new UserError(`You hold ${holding ? formatUsd(holding.marketValue) : "no"} ${input.type} in ${account.accountNumber}; you cannot withdraw ${formatUsd(input.marketValue)}.`, { marketValue: ["More than you hold"] });
      }
    }
    const request = await tx.collateralRequest.create({ data: { firmId: account.firmId, accountId: account.id, kind: input.kind, type: input.type, marketValue: input.marketValue, requestedBy: actor.userId } });
    return {
      data: { id: request.id },
      audit: { firmId: actor.firmId, action: "margin.requestCollateral", objectType: "collateral-request", objectId: request.id, summary: { account: account.accountNumber, kind: input.kind, type: input.type, marketValue: input.marketValue } },
      revalidate: ["/member/statements"],
    };
  },
});

/** Post adds to the holding; a withdrawal is refused if the value after haircut would fall below the last maintenance requirement. */
async function applyCollateral(tx: Tx, request: { accountId: string; kind: string; type: string; marketValue: Prisma.Decimal }): Promise<void> {
  const holding = await tx.collateralHolding.findUnique({ where: { accountId_type: { accountId: request.accountId, type: request.type } } });
  const current = holding?.marketValue ?? new Prisma.Decimal(0);
  const next = request.kind === "POST" ? current.plus(request.marketValue) : current.minus(request.marketValue);
  if (next.isNegative()) throw new UserError(`The account holds only ${formatUsd(current)} of ${request.type}; the withdrawal cannot be approved.`);
  if (request.kind === "WITHDRAW") {
    const holdings = await tx.collateralHolding.findMany({ where: { accountId: request.accountId } });
    const after = holdings.map((h) => ({ type: h.type as CollateralType, marketValue: h.type === request.type ? next.toFixed(2) : h.marketValue.toFixed(2) }));
    const value = valueCollateral({ requirementType: "core", holdings: after }).value;
    const last = await tx.marginStatement.findFirst({ where: { accountId: request.accountId, cycle: { status: "COMPLETED" } }, orderBy: { cycle: { finishedAt: "desc" } } });
    if (last && value.lessThan(last.maintenance.toString())) {
      throw new UserError(`After the withdrawal the collateral would be worth ${formatUsd(value)} after haircuts, below the maintenance requirement of ${formatUsd(last.maintenance)}; it cannot be approved.`);
    }
  }
  await tx.collateralHolding.upsert({ where: { accountId_type: { accountId: request.accountId, type: request.type } }, create: { accountId: request.accountId, type: request.type, marketValue: next }, update: { marketValue: next, updatedAt: new Date() } });
}

export const decideCollateralRequest = defineAction({
  name: "margin.decideCollateral",
  permission: "ch.risk",
  schema: decideCollateralSchema,
  async run(input, { tx, actor }) {
    const request = await tx.collateralRequest.findUnique({ where: { id: input.requestId } });
    if (!request || request.status !== "PENDING") throw new UserError("No such pending request; nothing was changed.");
    if (input.approve) await applyCollateral(tx, request);
    await tx.collateralRequest.update({ where: { id: request.id }, data: { status: input.approve ? "APPROVED" : "REJECTED", decidedBy: actor.userId, decidedAt: new Date(), decisionNote: input.note || null } });
    await enqueue(tx, await firmRecipients(tx, request.firmId), {
      kind: "margin.collateral",
      subject: `Collateral ${request.kind === "POST" ? "deposit" : "withdrawal"} ${input.approve ? "approved" : "rejected"}: ${formatUsd(request.marketValue)} ${request.type}`,
      body: `Your request to ${request.kind === "POST" ? "post" : "withdraw"} ${formatUsd(request.marketValue)} of ${request.type} was ${input.approve ? "approved" : "rejected"}.${input.note ? ` Note: ${input.note}` : ""}`,
      dedupeKey: `margin.collateral:${request.id}`,
    });
    return {
      data: { id: request.id },
      audit: { firmId: request.firmId, action: "margin.decideCollateral", objectType: "collateral-request", objectId: request.id, summary: { approve: input.approve, note: input.note } },
      revalidate: ["/ch/margin", "/member/statements"],
    };
  },
});

export const uploadPositions = defineAction({
  name: "margin.uploadPositions",
  permission: "member.file",
  schema: uploadFeedSchema,
  async run(input, { tx, actor }) {
    const file = await uploadedText(tx, input.fileId, "margin-feed", actor);
    const kind = /trade_id/i.test(file.text.split(/\r?\n/, 1)[0] ?? "") ? "trades" : "positions";
    const result = await refusing("fileId", async () => {
      const { rows, where } = feedRowsFromCsv(file.text, kind);
      return kind === "trades" ? storeTrades(tx, actor.firmId!, rows, where) : storePositions(tx, actor.firmId!, rows, where);
    });
    return {
      data: { kind, count: result.count },
      audit: { firmId: actor.firmId, action: "margin.uploadPositions", objectType: "file", objectId: input.fileId, summary: { kind, rows: result.count, file: file.name } },
      revalidate: ["/member/statements", "/member/what-if"],
    };
  },
});
