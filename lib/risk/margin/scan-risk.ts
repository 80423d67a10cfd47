/**
 * Scan risk: the largest loss over the 16 scenarios of a combined commodity's summed risk
 * arrays, with the scenario that produces it; zero (and no scenario) if no scenario is a loss
 * [seed 002 "CME SPAN": "it selects the largest loss among these observations"; SPEC §5].
 */
import { dec, ZERO, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import { SCENARIO_COUNT } from "./scenarios";

export interface ScanRiskUnits {
  /** Largest loss as a positive number of minor units (0 if none). */
  readonly loss: number;
  /** 1-based scenario of the largest loss (the lowest-numbered on ties); 0 if none is a loss. */
  readonly scenario: number;
}

/** Kernel: scan risk of 16 P&L sums at `offset`, written to loss[at] and scenario[at] (no allocation). */
export function scanRiskInto(sums: Float64Array, offset: number, loss: Float64Array, scenario: Float64Array, at: number): void {
  let worst = 0;
  let worstScenario = 0;
  for (let s = 0; s < SCENARIO_COUNT; s++) {
    const l = -sums[offset + s]!;
    if (l > worst) {
      worst = l;
      worstScenario = s + 1;
    }
  }
  loss[at] = worst;
  scenario[at] = worstScenario;
}

/** Kernel: scan risk of 16 P&L sums (minor units) starting at `offset`. */
export function scanRiskUnits(sums: Float64Array, offset: number): ScanRiskUnits {
  let worst = 0;
  let scenario = 0;
  for (let s = 0; s < SCENARIO_COUNT; s++) {
    const loss = -sums[offset + s]!;
    if (loss > worst) {
      worst = loss;
      scenario = s + 1;
    }
  }
  return { loss: worst, scenario };
}

export interface ComputeScanRiskInput {
  /** A portfolio risk array: 16 P&L values (gains positive, losses negative). */
  readonly riskArray: readonly DecInput[];
}

export interface ScanRisk {
  readonly scanRisk: Dec;
  readonly worstScenario: number | null;
}

/** Scan risk = max(0, max_s(−riskArray_s)); worstScenario = argmax (lowest number on ties). */
export function computeScanRisk(input: ComputeScanRiskInput): ScanRisk {
  if (!Array.isArray(input.riskArray) || input.riskArray.length !== SCENARIO_COUNT) {
    throw new RiskError("RISK_ARRAY_LENGTH", "riskArray", `riskArray must have exactly 16 values, got ${Array.isArray(input.riskArray) ? input.riskArray.length : "none"}`);
  }
  let worst: Dec = ZERO;
  let scenario: number | null = null;
  input.riskArray.forEach((v, s) => {
    const loss = dec(v, `riskArray[${s}]`).negated();
    if (loss.greaterThan(worst)) {
      worst = loss;
      scenario = s + 1;
    }
  });
  return { scanRisk: worst, worstScenario: scenario };
}
