/**
 * Financial safeguards commands of the risk CLI: requirements, capital,
 * guaranty-fund, cover2, auction, waterfall, cooling-off. JSON in, JSON out; amounts out as
 * decimal strings (money with two places, ratios up to 12 places). zod checks the JSON shape;
 * the risk core checks the values and throws RiskError naming the field (exit 2).
 */
import { z } from "zod";
import type { CommandHandler } from "./cli";
import {
  D,
  RiskError,
  assessCapital,
  classifyAuction,
  combineAuctionOutcomes,
  computeGuarantyFundRequirements,
  coolingOffPeriods,
  createBusinessCalendar,
  evaluateMembershipRequirements,
  filingDueDate,
  guarantyFundDepositNotice,
  runBaseWaterfall,
  selectMandatedBidders,
  sizeGuarantyFundCover2,
  allocateTrancheLosses,
  DEFAULT_APPROVED_SETTLEMENT_BANKS,
  type Dec,
} from "../../lib/risk";

const amount = z.union([z.string(), z.number()]);
const obj = z.looseObject({});
const isoDate = z.string();

/** Parse with zod; a shape error becomes RiskError INVALID_INPUT naming the path. */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "input";
  throw new RiskError("INVALID_INPUT", field, `${field}: ${issue.message}`);
}

/** Decimals to strings: whole cents as money ("1250.50"), finer values to 12 places. */
export function toJson(value: unknown): unknown {
  if (value instanceof D) {
    const d = value as Dec;
    return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toDecimalPlaces(12).toString();
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") {
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toJson(v)]));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

const requirementsSchema = z.object({ application: obj, settings: z.object({ approvedSettlementBanks: z.array(z.string()) }).optional() });
const capitalSchema = z.object({
  statement: obj,
  requirement: obj,
  previousAdjustedNetCapital: amount.optional(),
  dueDate: isoDate.optional(),
  filedDate: isoDate.optional(),
  settings: obj.optional(),
  filing: z.object({ kind: z.enum(["monthly", "annual-certified", "bank-periodic", "bank-annual-certified"]), periodEnd: isoDate.optional(), regulatorFilingDate: isoDate.optional(), brokerDealer: z.boolean().optional(), settings: obj.optional() }).optional(),
  holidays: z.array(isoDate).optional(),
});
const gfSchema = z.object({
  aggregate: amount,
  members: z.array(obj),
  weights: obj.optional(),
  minimums: obj.optional(),
  notices: z.object({ noticeDate: isoDate, holidays: z.array(isoDate), onDeposit: z.record(z.string(), amount), kind: z.enum(["quarterly", "interim"]).optional() }).optional(),
});
const cover2Schema = z.object({ scenarios: z.array(z.string()), members: z.array(z.object({ id: z.string(), affiliateGroup: z.string().optional(), performanceBondOnDeposit: amount, stressLosses: z.array(amount) })) });
const auctionSchema = z.object({ selection: obj.optional(), auctions: z.array(obj).optional(), members: z.array(obj).optional() });
const waterfallSchema = z.object({ defaulterId: z.string(), loss: obj, defaulterCollateral: obj, cmeContribution: obj.optional(), members: z.array(obj), settings: obj.optional(), tranches: obj.optional() });
const coolingOffSchema = z.object({ defaultDates: z.array(isoDate), holidays: z.array(isoDate), asOf: isoDate.optional(), businessDays: z.number().int().optional() });

/* eslint-disable @typescript-eslint/no-explicit-any -- the risk core validates the values */
export const safeguardsCommands: Record<string, CommandHandler> = {
  requirements(input) {
    const i = parse(requirementsSchema, input);
    return toJson(evaluateMembershipRequirements(i.application as any, i.settings ?? { approvedSettlementBanks: DEFAULT_APPROVED_SETTLEMENT_BANKS }));
  },
  capital(input) {
    const i = parse(capitalSchema, input);
    let dueDate = i.dueDate;
    let filing = null;
    if (i.filing) {
      filing = filingDueDate(createBusinessCalendar({ holidays: i.holidays ?? [] }), i.filing as any);
      dueDate ??= filing.dueDate;
    }
    const assessment = assessCapital({ statement: i.statement as any, requirement: i.requirement as any, previousAdjustedNetCapital: i.previousAdjustedNetCapital as any, dueDate, filedDate: i.filedDate, settings: i.settings as any });
    return toJson({ ...assessment, filing });
  },
  "guaranty-fund"(input) {
    const i = parse(gfSchema, input);
    const result = computeGuarantyFundRequirements({ aggregate: i.aggregate as any, members: i.members as any, weights: i.weights as any, minimums: i.minimums as any });
    let notices = null;
    if (i.notices) {
      const n = i.notices;
      const calendar = createBusinessCalendar({ holidays: n.holidays }, "notices.holidays");
      notices = result.members.map((m) => {
        const onDeposit = n.onDeposit[m.id];
        if (onDeposit === undefined) throw new RiskError("REQUIRED", `notices.onDeposit.${m.id}`, `notices.onDeposit.${m.id} is required`);
        return guarantyFundDepositNotice(calendar, { memberId: m.id, noticeDate: n.noticeDate, required: m.requirement, onDeposit: onDeposit as any, kind: n.kind });
      });
    }
    return toJson({ ...result, notices });
  },
  cover2(input) {
    return toJson(sizeGuarantyFundCover2(parse(cover2Schema, input) as any));
  },
  auction(input) {
    const i = parse(auctionSchema, input);
    if (!i.selection && !i.auctions) throw new RiskError("REQUIRED", "auctions", "give selection and/or auctions");
    const selection = i.selection ? selectMandatedBidders(i.selection as any) : null;
    const auctions = (i.auctions ?? []).map((a) => classifyAuction(a as any));
    const combined = i.members ? combineAuctionOutcomes({ members: i.members as any, auctions }) : null;
    return toJson({ selection, auctions, combined });
  },
  waterfall(input) {
    const i = parse(waterfallSchema, input);
    const result = runBaseWaterfall(i as any);
    return toJson({ ...result, tranches: i.tranches ? allocateTrancheLosses(i.tranches as any) : null });
  },
  "cooling-off"(input) {
    const i = parse(coolingOffSchema, input);
    return toJson(coolingOffPeriods(createBusinessCalendar({ holidays: i.holidays }), i));
  },
};
