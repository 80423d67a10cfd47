import "server-only";
/**
 * The members' waterfall simulator: a hypothetical default on today's figures.
 */
import { type Tx, UserError } from "@/lib/server/action";
import { coolingOffPeriods, runBaseWaterfall } from "@/lib/risk";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { dateOnly, todayIso } from "@/lib/shared/dates";
import { layerJson, type LossInput, waterfallInput } from "./waterfall-input";
import { refuse } from "./internal";

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
