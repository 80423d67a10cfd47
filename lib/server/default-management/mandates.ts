import "server-only";
/**
 * Mandated bidder selection (Rule 914): run on today's figures as a preview, then notified as
 * the category's roster.
 */
import { type Tx, UserError } from "@/lib/server/action";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import { selectMandatedBidders } from "@/lib/risk";
import { settingsOf } from "@/lib/server/settings/read";
import { categoryFootprints } from "./figures";
import { GROUND_FROM_DB, refuse } from "./internal";
import { writeJson } from "@/lib/shared/json-column";
import { selectionInputsColumn, selectionResultColumn } from "./columns";

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
      inputs: writeJson(selectionInputsColumn, inputs, "mandate_selection.inputs"),
      result: writeJson(selectionResultColumn, result, "mandate_selection.result"),
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
