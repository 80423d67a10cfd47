"use server";
/**
 * Guaranty fund: clearing-house risk staff run the quarterly or interim recalculation
 * (preview, then issue the notices) and record deposits and withdrawals; members acknowledge
 * their notices.
 */
import { Prisma } from "@/generated/prisma/client";
import { defineAction, UserError } from "@/lib/server/action";
import { formatUsd } from "@/lib/risk";
import { uploadedText } from "@/lib/server/margin/files";
import { acknowledgeNoticeSchema, issueRecalculationSchema, previewRecalculationSchema, recordDepositSchema } from "@/lib/validation/guaranty-fund";
import { balanceOf, currentRequirement, settleCoveredNotices } from "./notices";
import { dateOnly } from "@/lib/shared/dates";
import { issueRecalculation, previewRecalculation } from "./recalculation";

export const previewGfRecalculation = defineAction({
  name: "gf.previewRecalculation",
  permission: "ch.risk",
  schema: previewRecalculationSchema,
  async run(input, { tx, actor }) {
    const source = input.fileId ? await uploadedText(tx, input.fileId, "gf-stress-results", actor) : { text: input.entered!, name: "entered" };
    const { recalculation, result } = await previewRecalculation(tx, { kind: input.kind, asOf: input.asOf, noticeDate: input.noticeDate, stressCsv: source.text, stressSource: source.name, userId: actor.userId });
    return {
      data: { id: recalculation.id, aggregate: result.cover2.aggregate },
      audit: { action: "gf.previewRecalculation", objectType: "gf-recalculation", objectId: recalculation.id, summary: { kind: input.kind, asOf: input.asOf, aggregate: result.cover2.aggregate, worstScenario: result.cover2.worstScenario, stress: source.name } },
      revalidate: ["/ch/guaranty-fund"],
    };
  },
});

export const issueGfRecalculation = defineAction({
  name: "gf.issueNotices",
  permission: "ch.risk",
  schema: issueRecalculationSchema,
  async run(input, { tx, actor }) {
    const { recalculation, notices } = await issueRecalculation(tx, { recalculationId: input.recalculationId, userId: actor.userId });
    return {
      data: { id: recalculation.id, notices: notices.length },
      audit: { action: "gf.issueNotices", objectType: "gf-recalculation", objectId: recalculation.id, summary: { notices: notices.length, aggregate: recalculation.aggregate.toFixed(2) } },
      revalidate: ["/ch/guaranty-fund", "/member/guaranty-fund", "/member"],
    };
  },
});

export const recordGfDeposit = defineAction({
  name: "gf.recordDeposit",
  permission: "ch.risk",
  schema: recordDepositSchema,
  async run(input, { tx, actor }) {
    const firm = await tx.firm.findUnique({ where: { code: input.firmCode.toUpperCase() } });
    if (!firm) throw new UserError(`No clearing member ${input.firmCode}; nothing was recorded.`, { firmCode: ["Choose a member"] });
    const balance = await balanceOf(tx, firm.id);
    const amount = new Prisma.Decimal(input.amount);
    if (input.kind === "WITHDRAWAL") {
      const required = (await currentRequirement(tx, firm.id)) ?? new Prisma.Decimal(0);
      const excess = Prisma.Decimal.max(0, balance.minus(required));
      if (amount.greaterThan(excess)) {
        const message = `${firm.code} has ${formatUsd(balance)} on deposit against a requirement of ${formatUsd(required)}: only the excess, ${formatUsd(excess)}, may be withdrawn (Rule 816)`;
        throw new UserError(`${message}. Nothing was recorded.`, { amount: [message] });
      }
    }
    const movement = await tx.gfDeposit.create({ data: { firmId: firm.id, kind: input.kind, amount, valueDate: dateOnly(input.valueDate), reference: input.reference, recordedBy: actor.userId } });
    const settled = await settleCoveredNotices(tx, firm.id);
    const after = await balanceOf(tx, firm.id);
    return {
      data: { id: movement.id, balance: after.toFixed(2), settled },
      audit: { firmId: firm.id, action: "gf.recordDeposit", objectType: "gf-deposit", objectId: movement.id, summary: { firm: firm.code, kind: input.kind, amount: amount.toFixed(2), valueDate: input.valueDate, reference: input.reference, balance: after.toFixed(2), noticesSettled: settled } },
      revalidate: ["/ch/guaranty-fund", "/member/guaranty-fund"],
    };
  },
});

export const acknowledgeGfNotice = defineAction({
  name: "gf.acknowledgeNotice",
  permission: "member.file",
  schema: acknowledgeNoticeSchema,
  async run(input, { tx, actor }) {
    // Looked up with the session's firm: another firm's notice id matches nothing.
    const notice = await tx.gfNotice.findFirst({ where: { id: input.noticeId, firmId: actor.firmId! } });
    if (!notice) throw new UserError("No such notice for your firm; nothing was acknowledged.");
    if (notice.acknowledgedAt) throw new UserError(`This notice was already acknowledged on ${notice.acknowledgedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
    const now = new Date();
    await tx.gfNotice.update({ where: { id: notice.id }, data: { acknowledgedAt: now, acknowledgedBy: actor.userId } });
    return {
      data: { id: notice.id, acknowledgedAt: now.toISOString() },
      audit: { firmId: actor.firmId, action: "gf.acknowledgeNotice", objectType: "gf-notice", objectId: notice.id, summary: { kind: notice.kind, required: notice.required.toFixed(2), amountDue: notice.amountDue.toFixed(2) } },
      revalidate: ["/member", "/member/guaranty-fund", "/ch/guaranty-fund"],
    };
  },
});
