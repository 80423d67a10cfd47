import "server-only";
/**
 * Exemption requests from mandated bidding (Rule 914, four grounds): a member asks with
 * evidence, risk staff decide.
 */
import type { ExemptionGround } from "@/generated/prisma/client";
import { type Tx, UserError } from "@/lib/server/action";
import { clearingHouseRecipients, enqueue, firmRecipients } from "@/lib/notify/outbox";
import { currentMandates } from "./mandates";
import { GROUND_LABELS } from "./internal";

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
