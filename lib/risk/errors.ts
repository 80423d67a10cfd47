/**
 * The risk core's errors: one coded class, codes and default messages in this one file.
 * Every public function of lib/risk checks its inputs and throws a RiskError naming the
 * field (a dotted path into the input, e.g. "positions[3].quantity") and the rule broken.
 */
export const RISK_ERROR_CODES = {
  // shared
  INVALID_INPUT: "input is not of the expected shape",
  INVALID_NUMBER: "not a decimal number",
  OUT_OF_RANGE: "value out of the allowed range",
  REQUIRED: "value is required",
  UNKNOWN_REFERENCE: "refers to something that does not exist",
  DUPLICATE: "appears more than once",
  INVALID_DATE: "not a valid calendar date (YYYY-MM-DD)",
  // margin engine (SPAN, settlement variation, collateral, backtest)
  UNKNOWN_CONTRACT: "contract is not in the risk parameters",
  RISK_ARRAY_LENGTH: "a risk array has exactly 16 scenario values",
  OFF_TICK: "price is not a multiple of the product's tick",
  MALFORMED_FILE: "file is not a valid risk parameter file",
  // financial safeguards (capital, guaranty fund, auction, waterfall, calendar)
  NOT_A_BUSINESS_DAY: "date is not a business day",
  INCONSISTENT: "inputs contradict each other",
} as const;

export type RiskErrorCode = keyof typeof RISK_ERROR_CODES;

export class RiskError extends Error {
  readonly code: RiskErrorCode;
  readonly field: string;
  constructor(code: RiskErrorCode, field: string, message?: string) {
    super(message ?? `${field}: ${RISK_ERROR_CODES[code]}`);
    this.name = "RiskError";
    this.code = code;
    this.field = field;
  }
  toJSON(): { code: RiskErrorCode; field: string; message: string } {
    return { code: this.code, field: this.field, message: this.message };
  }
}

export function isRiskError(e: unknown): e is RiskError {
  return e instanceof RiskError;
}
