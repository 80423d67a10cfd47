"use server";
/**
 * Credit controls for a member risk admin (SPEC §4): groupings and their versioned settings,
 * lifting a credit-control block, RMI blocks and unblocks, the kill switch. Each change bumps
 * the firm's credit state version, so every instance's pre-trade check sees it.
 */
import { defineAction, UserError, type Tx } from "@/lib/server/action";
import { createGroupingSchema, killSwitchSchema, liftCreditBlockSchema, rmiBlockSchema, rmiUnblockSchema, updateGroupingSchema } from "@/lib/validation/credit-controls";
import { bumpVersion, lockVersion, markStale } from "./state";

const PAGE = "/member/credit-controls";

async function changed(tx: Tx, firmId: string): Promise<void> {
  markStale(firmId, await bumpVersion(tx, firmId));
}

export const createGrouping = defineAction({
  name: "creditControls.createGrouping",
  permission: "member.riskAdmin",
  schema: createGroupingSchema,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    const exists = await tx.creditGrouping.findUnique({ where: { firmId_executionFirmId_exchange_productComplex: { firmId, ...input } } });
    if (exists) throw new UserError(`The grouping ${input.executionFirmId} × ${input.exchange} × ${input.productComplex} already exists; nothing was changed.`, { executionFirmId: ["already exists"] });
    const grouping = await tx.creditGrouping.create({ data: { firmId, ...input, currentVersion: 1 } });
    // A new grouping starts at zero: every order is refused until a limit is set.
    await tx.creditGroupingVersion.create({
      data: { groupingId: grouping.id, version: 1, futuresLimit: "0", optionsLimit: "0", includeGtc: false, includeGtd: false, actionEmail: true, actionBlock: false, actionCancel: false, note: "created (limits at zero)", changedBy: actor.userId, changedByEmail: actor.email },
    });
    await changed(tx, firmId);
    return { data: { id: grouping.id }, audit: { firmId, action: "creditControls.createGrouping", objectType: "credit-grouping", objectId: grouping.id, summary: { ...input } }, revalidate: [PAGE] };
  },
});

export const updateGrouping = defineAction({
  name: "creditControls.updateGrouping",
  permission: "member.riskAdmin",
  schema: updateGroupingSchema,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    const grouping = await tx.creditGrouping.findFirst({ where: { id: input.groupingId, firmId } });
    if (!grouping) throw new UserError("No such grouping of your firm; nothing was changed.");
    const before = await tx.creditGroupingVersion.findUniqueOrThrow({ where: { groupingId_version: { groupingId: grouping.id, version: grouping.currentVersion } } });
    const version = grouping.currentVersion + 1;
    const settings = {
      futuresLimit: input.futuresLimit,
      optionsLimit: input.optionsLimit,
      clipBuyFutures: input.clipBuyFutures,
      clipSellFutures: input.clipSellFutures,
      clipBuyOptions: input.clipBuyOptions,
      clipSellOptions: input.clipSellOptions,
      includeGtc: input.includeGtc,
      includeGtd: input.includeGtd,
      actionEmail: input.actionEmail,
      actionBlock: input.actionBlock,
      actionCancel: input.actionCancel,
      note: input.note,
    };
    const row = await tx.creditGroupingVersion.create({ data: { groupingId: grouping.id, version, ...settings, changedBy: actor.userId, changedByEmail: actor.email } });
    if (input.rates.length) await tx.creditReferenceRate.createMany({ data: input.rates.map((r) => ({ versionId: row.id, ...r })) });
    // Optimistic: two admins saving at once cannot both become the same version.
    const moved = await tx.creditGrouping.updateMany({ where: { id: grouping.id, currentVersion: grouping.currentVersion }, data: { currentVersion: version } });
    if (moved.count !== 1) throw new UserError("Someone changed this grouping at the same time; reload and try again. Nothing was changed.");
    await changed(tx, firmId);
    return {
      data: { id: row.id, version },
      audit: {
        firmId,
        action: "creditControls.updateGrouping",
        objectType: "credit-grouping",
        objectId: grouping.id,
        summary: { version, before: { futuresLimit: before.futuresLimit.toFixed(2), optionsLimit: before.optionsLimit.toFixed(2) }, after: { futuresLimit: input.futuresLimit, optionsLimit: input.optionsLimit }, rates: input.rates.length, note: input.note },
      },
      revalidate: [PAGE, `${PAGE}/groupings/${grouping.id}`],
    };
  },
});

export const liftCreditBlock = defineAction({
  name: "creditControls.liftCreditBlock",
  permission: "member.riskAdmin",
  schema: liftCreditBlockSchema,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    const grouping = await tx.creditGrouping.findFirst({ where: { id: input.groupingId, firmId } });
    if (!grouping) throw new UserError("No such grouping of your firm; nothing was changed.");
    const lifted = await tx.creditBlock.updateMany({ where: { groupingId: grouping.id, liftedAt: null }, data: { liftedAt: new Date(), liftedBy: actor.userId, liftedByEmail: actor.email } });
    if (lifted.count === 0) throw new UserError("This grouping has no credit-control block; nothing was changed.");
    // A new version (same settings) so that a new breach fires its actions again.
    const current = await tx.creditGroupingVersion.findUniqueOrThrow({ where: { groupingId_version: { groupingId: grouping.id, version: grouping.currentVersion } }, include: { rates: true } });
    const version = grouping.currentVersion + 1;
    const c = current;
    const row = await tx.creditGroupingVersion.create({
      data: {
        groupingId: grouping.id,
        version,
        futuresLimit: c.futuresLimit,
        optionsLimit: c.optionsLimit,
        clipBuyFutures: c.clipBuyFutures,
        clipSellFutures: c.clipSellFutures,
        clipBuyOptions: c.clipBuyOptions,
        clipSellOptions: c.clipSellOptions,
        includeGtc: c.includeGtc,
        includeGtd: c.includeGtd,
        actionEmail: c.actionEmail,
        actionBlock: c.actionBlock,
        actionCancel: c.actionCancel,
        note: "credit-control block lifted",
        changedBy: actor.userId,
        changedByEmail: actor.email,
      },
    });
    const rates = c.rates;
    if (rates.length) await tx.creditReferenceRate.createMany({ data: rates.map((r) => ({ versionId: row.id, derivativeType: r.derivativeType, product: r.product, rate: r.rate })) });
    await tx.creditGrouping.update({ where: { id: grouping.id }, data: { currentVersion: version } });
    await changed(tx, firmId);
    return { data: { lifted: lifted.count }, audit: { firmId, action: "creditControls.liftCreditBlock", objectType: "credit-grouping", objectId: grouping.id, summary: { lifted: lifted.count, version } }, revalidate: [PAGE, `${PAGE}/groupings/${grouping.id}`] };
  },
});

export const rmiBlock = defineAction({
  name: "creditControls.rmiBlock",
  permission: "member.riskAdmin",
  schema: rmiBlockSchema,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    const block = await tx.rmiBlock.create({
      data: { firmId, kind: "RMI", executionFirmId: input.executionFirmId ?? null, account: input.account ?? null, exchange: input.exchange ?? null, derivativeType: input.derivativeType ?? null, side: input.side ?? null, reason: input.reason, createdBy: actor.userId, createdByEmail: actor.email },
    });
    await changed(tx, firmId);
    return { data: { id: block.id }, audit: { firmId, action: "creditControls.rmiBlock", objectType: "rmi-block", objectId: block.id, summary: { ...input } }, revalidate: [`${PAGE}/rmi`] };
  },
});

export const rmiUnblock = defineAction({
  name: "creditControls.rmiUnblock",
  permission: "member.riskAdmin",
  schema: rmiUnblockSchema,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    // Only RMI blocks (and kill switches): a credit-control block is lifted on its grouping.
    const lifted = await tx.rmiBlock.updateMany({ where: { id: input.blockId, firmId, liftedAt: null }, data: { liftedAt: new Date(), liftedBy: actor.userId, liftedByEmail: actor.email } });
    if (lifted.count === 0) throw new UserError("No such active block of your firm; nothing was changed.");
    await changed(tx, firmId);
    return { data: { id: input.blockId }, audit: { firmId, action: "creditControls.rmiUnblock", objectType: "rmi-block", objectId: input.blockId, summary: {} }, revalidate: [`${PAGE}/rmi`] };
  },
});

export const killSwitch = defineAction({
  name: "creditControls.killSwitch",
  permission: "member.riskAdmin",
  schema: killSwitchSchema,
  // Step-up (ASVS 7.5.3): a fresh second-factor code.
  stepUp: true,
  async run(input, { tx, actor }) {
    const firmId = actor.firmId!;
    // Take the firm's order-entry lock first: an order another check instance accepts while the
    // working orders are being cancelled would otherwise stay working.
    await lockVersion(tx, firmId);
    const account = input.account ?? null;
    const block = await tx.rmiBlock.create({
      data: { firmId, kind: "KILL_SWITCH", executionFirmId: input.executionFirmId, account, reason: "kill switch", createdBy: actor.userId, createdByEmail: actor.email },
    });
    const cancelled = await tx.creditOrder.updateMany({
      where: { firmId, executionFirmId: input.executionFirmId, ...(account ? { account } : {}), state: { in: ["WORKING", "PARTIALLY_FILLED"] } },
      data: { state: "CANCELLED", cancelReason: "kill switch", updatedAt: new Date() },
    });
    const event = await tx.killSwitchEvent.create({ data: { firmId, blockId: block.id, executionFirmId: input.executionFirmId, account, cancelledCount: cancelled.count, activatedBy: actor.userId, activatedByEmail: actor.email } });
    await changed(tx, firmId);
    return {
      data: { blockId: block.id, cancelled: cancelled.count },
      audit: { firmId, action: "creditControls.killSwitch", objectType: "kill-switch", objectId: event.id, summary: { executionFirmId: input.executionFirmId, account, cancelled: cancelled.count } },
      revalidate: [`${PAGE}/rmi`, PAGE],
    };
  },
});
