/**
 * Margin engine commands for `npm run risk`: span, settlement-variation, collateral, backtest.
 * JSON in (shape checked with zod), JSON out with every decimal as a string. Bad input throws
 * RiskError (the dispatcher prints {"error":{"field","message"}} and exits 2).
 */
import { z } from "zod";
import type { CommandHandler } from "./cli";
import { RiskError } from "../../lib/risk/errors";
import { D, moneyString } from "../../lib/risk/money";
import {
  backtestCoverage,
  computeOriginRequirement,
  computeSpanRequirement,
  EXPLAIN_METHOD_TEXT,
  explainMarginChange,
  ORIGINS,
  type RiskParameters,
} from "../../lib/risk/margin";
import { computeSettlementVariation } from "../../lib/risk/settlement";
import { performanceBondCall, valueCollateral } from "../../lib/risk/collateral";
import { readSpanXmlFile, toRiskParameters } from "../../lib/span-xml";

const decimal = z.union([z.string(), z.number()]);
const quantity = z.union([z.string(), z.number()]);
const position = z.object({ contract: z.string(), quantity });
const concentration = z.array(z.object({ assetClass: z.string(), amount: decimal, reason: z.string().optional() })).optional();
const additional = z.array(z.object({ reason: z.string(), amount: decimal, scope: z.string().optional() })).optional();
const leg = { ratio: decimal, side: z.enum(["A", "B"]) };

const contract = z.union([
  z.object({
    id: z.string(), kind: z.literal("future"), period: z.string(), multiplier: decimal,
    riskArray: z.array(decimal).optional(), delta: decimal.optional(), deltaScale: decimal.optional(), price: decimal.optional(), priceScanRange: decimal.optional(),
  }),
  z.object({
    id: z.string(), kind: z.literal("option"), period: z.string(), multiplier: decimal,
    riskArray: z.array(decimal).optional(), delta: decimal.optional(), deltaScale: decimal.optional(), putCall: z.enum(["call", "put"]), strike: decimal,
    underlying: z.string(), expiry: z.string().optional(), volatility: decimal.optional(), interestRate: decimal.optional(),
  }),
]);

const tier = z.object({ number: z.number().int(), startPeriod: z.string().optional(), endPeriod: z.string().optional() });

const riskParameters = z.object({
  asOf: z.string(),
  currency: z.string(),
  currencyDecimals: z.number().int().optional(),
  currencies: z.array(z.object({ code: z.string(), decimals: z.number().int(), rateToBase: decimal })).optional(),
  riskArrayDecimals: z.number().int().optional(),
  combinedCommodities: z.array(z.object({
    code: z.string(),
    name: z.string().optional(),
    currency: z.string().optional(),
    priceScanRange: decimal,
    volatilityScanRange: decimal,
    shortOptionMinimum: decimal.optional(),
    shortOptionMinimumTiers: z.array(z.object({ startPeriod: z.string().optional(), endPeriod: z.string().optional(), rate: decimal })).optional(),
    shortOptionMinimumMethod: z.enum(["gross", "max"]).optional(),
    tiers: z.array(tier).optional(),
    interTiers: z.array(tier).optional(),
    intraSpreads: z.array(z.object({ priority: z.number().int(), rate: decimal, legs: z.array(z.object({ ...leg, tier: z.number().int().optional(), period: z.string().optional() })) })).optional(),
    spotCharges: z.array(z.object({ period: z.string(), spreadRate: decimal, outrightRate: decimal })).optional(),
    weightedPriceRiskMethod: z.enum(["normal", "scan-range", "scan-range-cap"]).optional(),
    contracts: z.array(contract),
  })),
  interSpreads: z.array(z.object({
    priority: z.number().int(),
    rate: decimal,
    legs: z.array(z.object({ ...leg, combinedCommodity: z.string(), tier: z.number().int().optional(), period: z.string().optional(), rate: decimal.optional() })),
  })).optional(),
});

const spanXmlSource = z.object({ spanXml: z.string(), clearingOrg: z.string().optional(), currency: z.string().optional(), pointInTime: z.number().int().optional() });

const spanInput = z.object({
  parameters: z.union([riskParameters, spanXmlSource]),
  positions: z.array(position).optional(),
  origin: z.enum(ORIGINS).optional(),
  accounts: z.array(z.object({ accountId: z.string(), positions: z.array(position), concentration, additionalPerformanceBond: additional })).optional(),
  initialBuffer: decimal.optional(),
  concentration,
  additionalPerformanceBond: additional,
});

const explainCycle = z.object({
  parameters: z.union([riskParameters, spanXmlSource]),
  positions: z.array(position),
  additionalPerformanceBond: decimal.optional(),
  concentrationCharge: decimal.optional(),
});
const explainInput = z.object({ previous: explainCycle, current: explainCycle });

const settlementInput = z.object({
  products: z.array(z.object({ code: z.string(), multiplier: decimal, tick: decimal })),
  positions: z.array(z.object({
    product: z.string(), account: z.string().optional(), quantity, settlementPrice: decimal,
    previousSettlementPrice: decimal.optional(), tradePrice: decimal.optional(),
  })),
});

const collateralTypes = ["cash", "us-treasury", "us-agency", "equity", "mutual-fund", "letter-of-credit", "ief", "gold"] as const;
const requirementTypes = ["core", "reserve", "concentration", "guaranty-fund"] as const;
const collateralInput = z.object({
  requirementType: z.enum(requirementTypes),
  holdings: z.array(z.object({ id: z.string().optional(), type: z.enum(collateralTypes), marketValue: decimal })),
  schedule: z.partialRecord(z.enum(collateralTypes), z.object({ haircut: decimal, eligibleFor: z.array(z.enum(requirementTypes)) })).optional(),
  accountKind: z.enum(["customer", "house"]).optional(),
  maintenance: decimal.optional(),
  initial: decimal.optional(),
});

const backtestInput = z.object({
  productType: z.enum(["future", "option", "swap-agricultural", "swap-energy", "swap-metal", "swap-other"]),
  priceChanges: z.array(decimal),
  scanRange: decimal,
  marginPeriodOfRisk: z.number().int().optional(),
  coverage: decimal.optional(),
});

/** Validates the JSON shape; the first problem becomes a RiskError naming its path. */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "") || "input";
  throw new RiskError("INVALID_INPUT", field, `${field}: ${issue.message}`);
}

/** Output fields that are money: printed with two decimal places ("1250.50"). */
const MONEY_KEYS = new Set([
  "riskArray", "scanRisk", "intraSpreadCharge", "spotCharge", "interSpreadCredit", "shortOptionMinimum", "riskRequirement",
  "spanRequirement", "concentrationCharge", "additionalPerformanceBond", "maintenance", "initial", "amount",
  "variation", "net", "collects", "pays", "tickValue", "marketValue", "haircut", "value", "ineligibleValue",
  "collateralValue", "excessOverMaintenance", "excessOverInitial", "call", "move",
]);

/** Dec → decimal string, recursively (money to two places; never JSON numbers). */
export function toJson(value: unknown, key = ""): unknown {
  if (value instanceof D) return MONEY_KEYS.has(key) ? moneyString(value) : value.toString();
  if (Array.isArray(value)) return value.map((v) => toJson(v, key));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, k);
    return out;
  }
  return value;
}

async function loadParameters(p: z.infer<typeof spanInput>["parameters"]): Promise<{ parameters: RiskParameters; skipped?: readonly string[] }> {
  if ("spanXml" in p) {
    const converted = toRiskParameters(await readSpanXmlFile(p.spanXml), { clearingOrg: p.clearingOrg, currency: p.currency, pointInTime: p.pointInTime });
    return { parameters: converted.parameters, skipped: converted.skipped };
  }
  return { parameters: p as RiskParameters };
}

const span: CommandHandler = async (raw) => {
  const input = parse(spanInput, raw);
  const { parameters, skipped } = await loadParameters(input.parameters);
  if (input.accounts) {
    if (!input.origin) throw new RiskError("REQUIRED", "origin", "origin is required with accounts");
    const result = computeOriginRequirement({ parameters, origin: input.origin, accounts: input.accounts, initialBuffer: input.initialBuffer });
    return toJson({ ...result, skippedFromFile: skipped });
  }
  if (!input.positions) throw new RiskError("REQUIRED", "positions", "positions (or origin and accounts) are required");
  const result = computeSpanRequirement({
    parameters,
    positions: input.positions,
    initialBuffer: input.initialBuffer,
    concentration: input.concentration,
    additionalPerformanceBond: input.additionalPerformanceBond,
  });
  return toJson({ ...result, skippedFromFile: skipped });
};

/** Why the maintenance requirement changed between two cycles (lib/risk/margin/explain.ts). */
const explain: CommandHandler = async (raw) => {
  const input = parse(explainInput, raw);
  const [previous, current] = await Promise.all([loadParameters(input.previous.parameters), loadParameters(input.current.parameters)]);
  const e = explainMarginChange({ previous: { ...input.previous, parameters: previous.parameters }, current: { ...input.current, parameters: current.parameters } });
  const places = current.parameters.currencyDecimals ?? 2;
  const f = (d: InstanceType<typeof D>) => d.toFixed(places);
  const parts = (x: { positions: InstanceType<typeof D>; prices: InstanceType<typeof D>; parameters: InstanceType<typeof D>; addOns: InstanceType<typeof D> }) => ({ positions: f(x.positions), pricesAndRiskArrays: f(x.prices), parameters: f(x.parameters), addOns: f(x.addOns) });
  return {
    currency: e.currency,
    method: e.method,
    methodText: EXPLAIN_METHOD_TEXT,
    combinedCommodities: e.combinedCommodities.map((c) => ({ combinedCommodity: c.combinedCommodity, name: c.name, previous: f(c.previous), ...parts(c), change: f(c.change), current: f(c.current) })),
    addOns: { previous: f(e.addOnsPrevious), current: f(e.addOnsCurrent), change: f(e.addOns) },
    maintenance: { previous: f(e.previousMaintenance), ...parts(e), change: f(e.change), current: f(e.currentMaintenance) },
  };
};

const settlementVariation: CommandHandler = (raw) => toJson(computeSettlementVariation(parse(settlementInput, raw)));

const collateral: CommandHandler = (raw) => {
  const input = parse(collateralInput, raw);
  const valuation = valueCollateral(input);
  if (input.maintenance === undefined) return toJson({ valuation });
  const call = performanceBondCall({
    accountKind: input.accountKind ?? "customer",
    maintenance: input.maintenance,
    initial: input.initial ?? input.maintenance,
    collateralValue: valuation.value,
  });
  return toJson({ valuation, performanceBond: call });
};

const backtest: CommandHandler = (raw) => toJson(backtestCoverage(parse(backtestInput, raw)));

export const marginCommands: Record<string, CommandHandler> = {
  span,
  explain,
  "settlement-variation": settlementVariation,
  collateral,
  backtest,
};
