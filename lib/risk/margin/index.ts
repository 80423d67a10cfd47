/**
 * Margin engine: SPAN performance bond [seed 002 "CME SPAN"; SPEC §5].
 * Parameters → compiled integer form → requirement per portfolio, gross or net per origin,
 * with the statement breakdown; plus the coverage backtest.
 */
export * from "./scenarios";
export * from "./black76";
export * from "./risk-array";
export {
  compileRiskParameters,
  contractRiskArray,
  dayIndex,
  MAX_RISK_ARRAY_DECIMALS,
  type CombinedCommodityParameters,
  type CompiledRiskParameters,
  type ContractParameters,
  type FutureParameters,
  type InterSpreadParameters,
  type IntraSpreadParameters,
  type OptionParameters,
  type RiskParameters,
  type SpotChargeParameters,
  type SpreadLegParameters,
  type SpreadSide,
  type TierParameters,
  type CurrencyParameters,
  type ShortOptionMinimumTierParameters,
  type WeightedPriceRiskMethod,
} from "./parameters";
export { computeScanRisk, type ComputeScanRiskInput, type ScanRisk } from "./scan-risk";
export { toQuantity, type QuantityInput } from "./quantity";
export {
  computeSpanRequirement,
  type AddOnLine,
  type AdditionalPerformanceBondInput,
  type CombinedCommodityRequirement,
  type ComputeSpanRequirementInput,
  type ConcentrationChargeInput,
  type PositionInput,
  type RequirementAddOns,
  type SpanRequirement,
  type SpreadLineFigures,
} from "./requirement";
export {
  AccountMargin,
  computeOriginRequirement,
  marginAccounts,
  ORIGINS,
  type AccountPositions,
  type ComputeOriginRequirementInput,
  type MarginAccountsInput,
  type MarginAccountsResult,
  type Origin,
  type OriginRequirement,
  type PortfolioRequirement,
} from "./gross-margining";
export * from "./backtest";
export {
  EXPLAIN_METHOD_TEXT,
  explainMarginChange,
  mixParameters,
  type CombinedCommodityExplain,
  type ExplainCycleInput,
  type ExplainMarginChangeInput,
  type ExplainParts,
  type MarginExplain,
} from "./explain";
export { isPeriodCode, comparePeriods, periodInRange, periodMatches, periodMonth } from "./periods";
export { integerPathStats } from "./integer-path";
export {
  computeStressPath,
  RESPONSIVENESS_DECIMALS,
  STRESS_PATH_MAX_DAYS,
  type ComputeStressPathInput,
  type StressContractInput,
  type StressPathDay,
  type StressPathMove,
  type StressPathResult,
} from "./stress-path";
