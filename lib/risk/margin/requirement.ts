/**
 * The SPAN performance bond requirement of one portfolio, with the breakdown a margin statement
 * shows [seed 002 "CME SPAN"; SPEC §5]:
 *
 *   per combined commodity: riskRequirement = max(scanRisk + intraSpreadCharge + spotCharge
 *                                                 − interSpreadCredit, shortOptionMinimum)
 *   spanRequirement  = Σ riskRequirement
 *   maintenance      = spanRequirement + concentration charge + additional performance bond (Rule 824)
 *   initial          = maintenance × (1 + buffer), buffer default 10% [seed 001: initial =
 *                      maintenance + 10%], rounded UP to the minor unit (never under-collects).
 */
import { D, dec, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import { compileRiskParameters, type CompiledRiskParameters, type RiskParameters } from "./parameters";
import { addPosition, beginPortfolio, createWorkspace, marginPortfolio, requirementOf, type PortfolioResult, type SpanWorkspace } from "./portfolio";
import type { SpreadLine } from "./intra-spread";
import { toQuantity, type QuantityInput } from "./quantity";
import { MICRO, assertExact, decToUnits, mulDiv, unitsToDec } from "./minor-units";

export interface PositionInput {
  /** Contract id as in the risk parameters. */
  readonly contract: string;
  /** Whole contracts: positive long, negative short. */
  readonly quantity: QuantityInput;
}

/** Concentration charge: an add-on when a position is large relative to the market or the member's ANC. */
export interface ConcentrationChargeInput {
  readonly assetClass: string;
  readonly amount: DecInput;
  readonly reason?: string;
}

/** Rule 824 additional performance bond: risk staff's add-on on a member, product or side, with a reason. */
export interface AdditionalPerformanceBondInput {
  readonly reason: string;
  readonly amount: DecInput;
  /** What it applies to (member, product, long/short side), for the statement. */
  readonly scope?: string;
}

export interface RequirementAddOns {
  readonly concentration?: readonly ConcentrationChargeInput[];
  readonly additionalPerformanceBond?: readonly AdditionalPerformanceBondInput[];
}

export interface ComputeSpanRequirementInput extends RequirementAddOns {
  readonly parameters: RiskParameters | CompiledRiskParameters;
  readonly positions: readonly PositionInput[];
  /** Initial over maintenance, fraction (default 0.10). */
  readonly initialBuffer?: DecInput;
}

export interface CombinedCommodityRequirement {
  readonly combinedCommodity: string;
  readonly name: string;
  /** Currency of this combined commodity's figures. */
  readonly currency: string;
  /** Summed risk array of the portfolio's positions in this combined commodity (P&L per scenario, full precision). */
  readonly riskArray: readonly Dec[];
  /** The figures below are shown rounded half-even to the currency; the requirement is computed from the exact ones. */
  readonly scanRisk: Dec;
  /** Scenario (1-16) of the largest loss; null if no scenario is a loss. */
  readonly worstScenario: number | null;
  readonly intraSpreadCharge: Dec;
  /** The intracommodity spreads formed: priority, legs, spreads, charge. */
  readonly intraSpreads: readonly SpreadLineFigures[];
  readonly spotCharge: Dec;
  readonly interSpreadCredit: Dec;
  /** The intercommodity spreads this combined commodity took part in: priority, legs, spreads, its credit. */
  readonly interSpreads: readonly SpreadLineFigures[];
  /** Scan risk split for intercommodity credits (when any spread could form). */
  readonly priceRisk: { readonly timeRisk: Dec; readonly volatilityRisk: Dec; readonly priceRisk: Dec; readonly weightedPriceRisk: Dec } | null;
  readonly shortOptionMinimum: Dec;
  /** True when the short option minimum exceeded the scan-based risk and was taken. */
  readonly shortOptionMinimumApplies: boolean;
  /** max(scan + intra + spot − inter, short option minimum), from the exact figures, rounded half-even to the currency. */
  readonly riskRequirement: Dec;
  /** The requirement in the portfolio's currency (converted at the file's rate, half-even). */
  readonly requirementInBase: Dec;
}

export interface SpreadLineFigures {
  readonly priority: number;
  readonly legs: string;
  /** Spreads formed (fractional when option deltas form them), to 6 places. */
  readonly spreads: Dec;
  readonly amount: Dec;
}

export interface AddOnLine {
  readonly label: string;
  readonly reason?: string;
  readonly amount: Dec;
}

export interface SpanRequirement {
  readonly currency: string;
  readonly combinedCommodities: readonly CombinedCommodityRequirement[];
  readonly spanRequirement: Dec;
  readonly concentrationCharges: readonly AddOnLine[];
  readonly concentrationCharge: Dec;
  readonly additionalPerformanceBonds: readonly AddOnLine[];
  readonly additionalPerformanceBond: Dec;
  readonly maintenance: Dec;
  readonly initialBuffer: Dec;
  readonly initial: Dec;
}

const workspaces = new WeakMap<CompiledRiskParameters, SpanWorkspace>();

/** The compiled form of parameters (compiling raw ones), and a reusable workspace for it. */
export function resolveParameters(parameters: RiskParameters | CompiledRiskParameters): { params: CompiledRiskParameters; ws: SpanWorkspace } {
  if (!parameters || typeof parameters !== "object") throw new RiskError("REQUIRED", "parameters", "risk parameters are required");
  const params = (parameters as CompiledRiskParameters).compiled === true ? (parameters as CompiledRiskParameters) : compileRiskParameters(parameters as RiskParameters);
  let ws = workspaces.get(params);
  if (!ws) {
    ws = createWorkspace(params);
    workspaces.set(params, ws);
  }
  return { params, ws };
}

function checkedBuffer(b: Dec, field: string): { dec: Dec; micro: number } {
  if (b.isNegative() || b.greaterThan(10)) throw new RiskError("OUT_OF_RANGE", field, `${field} must be a fraction from 0 to 10`);
  return { dec: b, micro: decToUnits(b, 6, field) };
}

/** The default buffer, 10% [seed 001: initial = maintenance + 10%], converted once (Decs are immutable). */
const DEFAULT_BUFFER = checkedBuffer(new D("0.10"), "initialBuffer");

/** Buffer as micro units (fraction × 1e6), 0 to 10, at most 6 decimals. */
export function bufferMicro(value: DecInput | undefined, field = "initialBuffer"): { dec: Dec; micro: number } {
  return value === undefined ? DEFAULT_BUFFER : checkedBuffer(dec(value, field), field);
}

/** initial = maintenance × (1 + buffer), rounded up to the minor unit. */
export function initialUnits(maintenance: number, buffer: number): number {
  return mulDiv(maintenance, MICRO + buffer, MICRO, "up", "initial");
}

/** Adds validated positions to the workspace's current portfolio. */
export function addPositions(params: CompiledRiskParameters, ws: SpanWorkspace, positions: readonly PositionInput[], field: string): void {
  if (!Array.isArray(positions)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list`);
  for (let i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    const idx = pos ? params.contractIndex.get(pos.contract) : undefined;
    if (idx === undefined) {
      throw new RiskError("UNKNOWN_CONTRACT", `${field}[${i}].contract`, `${field}[${i}].contract ${pos ? String(pos.contract) : ""} is not in the risk parameters`);
    }
    const q = pos.quantity;
    addPosition(ws, idx, typeof q === "number" && Number.isSafeInteger(q) && Math.abs(q) <= 1e12 ? q : toQuantity(q, `${field}[${i}].quantity`));
  }
}

interface AddOnUnits {
  readonly lines: AddOnLine[];
  readonly total: number;
}

function addOns(items: readonly { readonly amount: DecInput; readonly reason?: string }[] | undefined, label: (i: number) => string, decimals: number, field: string, reasonRequired: boolean): AddOnUnits {
  if (items === undefined) return { lines: [], total: 0 };
  if (!Array.isArray(items)) throw new RiskError("INVALID_INPUT", field, `${field} must be a list`);
  let total = 0;
  const lines = items.map((item, i) => {
    const f = `${field}[${i}]`;
    if (reasonRequired && (typeof item.reason !== "string" || item.reason.trim() === "")) throw new RiskError("REQUIRED", `${f}.reason`, `${f}.reason is required (Rule 824 calls state their reason)`);
    const amount = dec(item.amount, `${f}.amount`);
    if (amount.isNegative()) throw new RiskError("OUT_OF_RANGE", `${f}.amount`, `${f}.amount must not be negative`);
    total = assertExact(total + decToUnits(amount, decimals, `${f}.amount`), field);
    return { label: label(i), reason: item.reason, amount };
  });
  return { lines, total };
}

/** Turns a margined portfolio (minor units) and add-ons into the statement breakdown. */
export function buildRequirement(params: CompiledRiskParameters, units: PortfolioResult, extras: RequirementAddOns, buffer: { dec: Dec; micro: number }, field: string): SpanRequirement {
  const d = params.decimals;
  const conc = addOns(extras.concentration, (i) => `Concentration charge (${extras.concentration![i]!.assetClass})`, d, `${field}concentration`, false);
  const apb = addOns(extras.additionalPerformanceBond, (i) => `Additional performance bond (Rule 824)${extras.additionalPerformanceBond![i]!.scope ? `: ${extras.additionalPerformanceBond![i]!.scope}` : ""}`, d, `${field}additionalPerformanceBond`, true);
  const maintenance = assertExact(units.total + conc.total + apb.total, "maintenance");
  return {
    currency: params.currency,
    combinedCommodities: units.combinedCommodities.map((u) => {
      const cc = params.combinedCommodities[u.cc]!;
      const shown = (v: Dec): Dec => requirementOf(v, cc.decimals);
      const lines = (l: readonly SpreadLine[]): SpreadLineFigures[] => l.map((x) => ({ priority: x.priority, legs: x.legs, spreads: x.spreads.toDecimalPlaces(6, D.ROUND_HALF_EVEN), amount: shown(x.amount) }));
      return {
        combinedCommodity: cc.code,
        name: cc.name,
        currency: u.currency,
        riskArray: u.riskArray,
        scanRisk: shown(u.scanRisk),
        worstScenario: u.worstScenario === 0 ? null : u.worstScenario,
        intraSpreadCharge: shown(u.intraSpreadCharge),
        intraSpreads: lines(u.intraSpreads),
        spotCharge: shown(u.spotCharge),
        interSpreadCredit: shown(u.interSpreadCredit),
        interSpreads: lines(u.interSpreads),
        priceRisk: u.priceRisk && { timeRisk: shown(u.priceRisk.timeRisk), volatilityRisk: shown(u.priceRisk.volatilityRisk), priceRisk: shown(u.priceRisk.priceRisk), weightedPriceRisk: u.priceRisk.weightedPriceRisk.toDecimalPlaces(6, D.ROUND_HALF_EVEN) },
        shortOptionMinimum: shown(u.shortOptionMinimum),
        shortOptionMinimumApplies: u.shortOptionMinimumApplies,
        riskRequirement: u.riskRequirement,
        requirementInBase: u.requirementInBase,
      };
    }),
    spanRequirement: unitsToDec(units.total, d),
    concentrationCharges: conc.lines,
    concentrationCharge: unitsToDec(conc.total, d),
    additionalPerformanceBonds: apb.lines,
    additionalPerformanceBond: unitsToDec(apb.total, d),
    maintenance: unitsToDec(maintenance, d),
    initialBuffer: buffer.dec,
    initial: unitsToDec(initialUnits(maintenance, buffer.micro), d),
  };
}

/**
 * SPAN requirement of one portfolio (net: positions in the same contract are netted).
 * Throws RiskError: UNKNOWN_CONTRACT (positions[i].contract), OUT_OF_RANGE (fractional
 * quantity, negative add-on, …), REQUIRED (a Rule 824 add-on without a reason).
 */
export function computeSpanRequirement(input: ComputeSpanRequirementInput): SpanRequirement {
  const { params, ws } = resolveParameters(input.parameters);
  const buffer = bufferMicro(input.initialBuffer);
  beginPortfolio(ws);
  addPositions(params, ws, input.positions, "positions");
  return buildRequirement(params, marginPortfolio(ws, true), input, buffer, "");
}
