import "server-only";
/**
 * Declaring a member in default (Rule 802; cooling-off period 802.H).
 */
import { type Tx, UserError } from "@/lib/server/action";
import { clearingHouseRecipients, enqueue } from "@/lib/notify/outbox";
import { coolingOffPeriods } from "@/lib/risk";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { dateOnly, isoOf, todayIso } from "@/lib/shared/dates";
import { allMemberRecipients } from "./internal";

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
