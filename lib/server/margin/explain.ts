import "server-only";
/**
 * "Why margin changed since the previous cycle" for one statement: the risk core's margin
 * explain (lib/risk/margin/explain.ts) on what the two cycles kept. Nothing new is stored: each
 * cycle keeps its risk parameter set (risk_parameter_set.parameters, the parsed file) and each
 * statement keeps the account's positions and its Rule 824 / concentration add-ons in its
 * breakdown, so both cycles' requirements are recomputed exactly.
 */
import { db } from "@/lib/db/client";
import { EXPLAIN_METHOD_TEXT, explainMarginChange, isRiskError, type RiskParameters } from "@/lib/risk";
import type { StatementBreakdown } from "./statement";

/** One line of the explain table; amounts are exact decimal strings with the currency's places. */
export interface ExplainLine {
  readonly code: string;
  readonly name: string;
  readonly previous: string;
  readonly current: string;
  readonly positions: string;
  readonly prices: string;
  readonly parameters: string;
  readonly addOns: string;
  readonly change: string;
}

export type StatementExplain =
  | { readonly status: "first"; readonly method: string }
  | { readonly status: "unavailable"; readonly method: string; readonly reason: string }
  | {
      readonly status: "explained";
      readonly method: string;
      readonly currency: string;
      readonly lines: readonly ExplainLine[];
      readonly total: ExplainLine;
      /** False when the recomputed requirements differ from the stored statements (a rule or file changed since). */
      readonly matchesStatements: boolean;
    };

const rawCache = new Map<string, RiskParameters>();

/** A stored parameter set as parsed (kept for the last few sets read: files can be large). */
async function rawParameters(id: string): Promise<RiskParameters | null> {
  const hit = rawCache.get(id);
  if (hit) return hit;
  const row = await db().riskParameterSet.findUnique({ where: { id }, select: { parameters: true } });
  if (!row) return null;
  if (rawCache.size >= 4) rawCache.delete(rawCache.keys().next().value!);
  const params = row.parameters as unknown as RiskParameters;
  rawCache.set(id, params);
  return params;
}

const cycleInput = (parameters: RiskParameters, b: StatementBreakdown) => ({
  parameters,
  positions: b.positions.map((p) => ({ contract: p.contract, quantity: p.quantity })),
  additionalPerformanceBond: b.span.additionalPerformanceBond,
  concentrationCharge: b.span.concentrationCharge,
});

/** Explains one statement against the account's statement of the previous cycle (null: its first). */
export async function explainStatement(
  current: { breakdown: StatementBreakdown; parameterSetId: string },
  previous: { breakdown: StatementBreakdown; parameterSetId: string } | null,
): Promise<StatementExplain> {
  const method = EXPLAIN_METHOD_TEXT;
  if (!previous) return { status: "first", method };
  const [prevParams, curParams] = await Promise.all([rawParameters(previous.parameterSetId), rawParameters(current.parameterSetId)]);
  if (!prevParams || !curParams) return { status: "unavailable", method, reason: "a cycle's risk parameters are no longer stored" };
  try {
    const e = explainMarginChange({ previous: cycleInput(prevParams, previous.breakdown), current: cycleInput(curParams, current.breakdown) });
    const places = curParams.currencyDecimals ?? 2;
    const s = (d: { toFixed(n: number): string }) => d.toFixed(places);
    const lines: ExplainLine[] = e.combinedCommodities.map((c) => ({
      code: c.combinedCommodity, name: c.name, previous: s(c.previous), current: s(c.current),
      positions: s(c.positions), prices: s(c.prices), parameters: s(c.parameters), addOns: s(c.addOns), change: s(c.change),
    }));
    if (!e.addOnsPrevious.isZero() || !e.addOnsCurrent.isZero()) {
      const zero = s(e.addOns.minus(e.addOns));
      lines.push({ code: "Add-ons", name: "Rule 824 and concentration charges", previous: s(e.addOnsPrevious), current: s(e.addOnsCurrent), positions: zero, prices: zero, parameters: zero, addOns: s(e.addOns), change: s(e.addOns) });
    }
    const total: ExplainLine = {
      code: "Maintenance", name: "", previous: s(e.previousMaintenance), current: s(e.currentMaintenance),
      positions: s(e.positions), prices: s(e.prices), parameters: s(e.parameters), addOns: s(e.addOns), change: s(e.change),
    };
    const matchesStatements = e.previousMaintenance.eq(previous.breakdown.span.maintenance) && e.currentMaintenance.eq(current.breakdown.span.maintenance);
    return { status: "explained", method, currency: e.currency, lines, total, matchesStatements };
  } catch (err) {
    if (isRiskError(err)) return { status: "unavailable", method, reason: err.message };
    throw err;
  }
}
