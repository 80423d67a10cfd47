/**
 * What the SPAN XML reader extracts from a spanFile (fileFormat 4.00). Numbers stay decimal
 * strings exactly as the file writes them; `toRiskParameters` turns them into the risk core's
 * parameter objects.
 */

export interface SpanCurrency {
  readonly code: string;
  readonly symbol?: string;
  readonly name?: string;
  readonly decimals?: number;
}

export interface SpanScanRate {
  readonly r: number;
  readonly priceScan?: string;
  readonly volScan?: string;
}

export interface SpanRiskArray {
  readonly r: number;
  /** The file's values: LOSSES positive (SPAN convention), exactly as written (six decimals in CME files). */
  readonly values: readonly string[];
  /** The composite delta `<ra><d>`: the delta SPAN uses for spreading. */
  readonly delta?: string;
}

export interface SpanFuture {
  readonly cId: string;
  /** Period code: YYYYMM, optionally DD or another suffix (W1, S0, ...), as written. */
  readonly period: string;
  readonly price?: string;
  readonly delta?: string;
  readonly cvf?: string;
  /** Delta scaling factor `<sc>`. */
  readonly scale?: string;
  readonly scanRates: readonly SpanScanRate[];
  readonly riskArrays: readonly SpanRiskArray[];
}

export interface SpanFuturesProduct {
  readonly pfId: string;
  readonly pfCode: string;
  readonly name?: string;
  readonly currency?: string;
  readonly cvf?: string;
  readonly futures: readonly SpanFuture[];
}

export interface SpanUnderlying {
  readonly exch?: string;
  readonly pfId?: string;
  readonly cId?: string;
}

export interface SpanOption {
  readonly cId: string;
  readonly putCall: "C" | "P";
  readonly strike: string;
  readonly price?: string;
  readonly delta?: string;
  readonly volatility?: string;
  /** Delta scaling factor `<sc>`. */
  readonly scale?: string;
  readonly riskArrays: readonly SpanRiskArray[];
}

export interface SpanSeries {
  readonly period: string;
  readonly volatility?: string;
  readonly timeToExpiry?: string;
  readonly settlementDate?: string;
  readonly cvf?: string;
  /** Delta scaling factor `<sc>`. */
  readonly scale?: string;
  readonly underlying: SpanUnderlying;
  readonly scanRates: readonly SpanScanRate[];
  readonly options: readonly SpanOption[];
}

export interface SpanOptionProduct {
  readonly pfId: string;
  readonly pfCode: string;
  readonly name?: string;
  readonly currency?: string;
  readonly cvf?: string;
  readonly underlying: SpanUnderlying & { readonly pfCode?: string };
  readonly series: readonly SpanSeries[];
}

export interface SpanExchange {
  readonly code: string;
  readonly name?: string;
  readonly futuresProducts: readonly SpanFuturesProduct[];
  readonly optionProducts: readonly SpanOptionProduct[];
}

export interface SpanProductLink {
  readonly exch: string;
  readonly pfId: string;
  readonly pfCode?: string;
  readonly pfType?: string;
  /** Delta scaling factor `<sc>` of the product family in the combined commodity. */
  readonly scale?: string;
}

export interface SpanTier {
  readonly tn: number;
  /** Absent: the tier covers the whole combined commodity. */
  readonly startPeriod?: string;
  readonly endPeriod?: string;
  readonly rates: readonly { readonly r: number; readonly val: string }[];
  readonly scanRates: readonly SpanScanRate[];
}

export interface SpanSpreadLeg {
  readonly cc: string;
  /** tLeg: tier number; pLeg: period. */
  readonly tier?: number;
  readonly period?: string;
  readonly side: string;
  /** Delta per spread `<i>`, exactly as written (any number of decimals). */
  readonly ratio: string;
  /** Leg-specific rates (intercommodity credit rates per leg), when the file gives them. */
  readonly rates?: readonly { readonly r: number; readonly val: string }[];
}

export interface SpanDeltaSpread {
  readonly spread: number;
  readonly chargeMethod?: string;
  readonly rates: readonly { readonly r: number; readonly val: string }[];
  readonly legs: readonly SpanSpreadLeg[];
}

export interface SpanSpotRate {
  readonly r: number;
  readonly period: string;
  readonly spreadRate: string;
  readonly outrightRate: string;
}

export interface SpanCombinedCommodity {
  readonly code: string;
  readonly name?: string;
  readonly currency: string;
  readonly productLinks: readonly SpanProductLink[];
  readonly scanTiers: readonly SpanTier[];
  readonly intraTiers: readonly SpanTier[];
  readonly somTiers: readonly SpanTier[];
  readonly intraSpreads: readonly SpanDeltaSpread[];
  readonly spotRates: readonly SpanSpotRate[];
  /** Tiers for intercommodity spreading (`<interTiers>`). */
  readonly interTiers: readonly SpanTier[];
  /** Weighted futures price risk method `<wfprMeth>` (NORMAL, SCANRANGE, SCANRANGE_CAP), if given. */
  readonly wfprMethod?: string;
  /** Short option minimum method `<somMeth>` (MAX: the greater of short calls and short puts; GROSS: their sum), if given. */
  readonly somMethod?: string;
}

/** A currency conversion rate `<curConv>`: one unit of `from` is `factor` units of `to`. */
export interface SpanCurrencyConversion {
  readonly from: string;
  readonly to: string;
  readonly factor: string;
}

/** Elements of the file the reader did not take, by path pattern (no positions), with how many there were. */
export interface SpanUnreadElement {
  readonly path: string;
  readonly count: number;
}

export interface SpanClearingOrg {
  readonly code: string;
  readonly name?: string;
  readonly exchanges: readonly SpanExchange[];
  readonly combinedCommodities: readonly SpanCombinedCommodity[];
  readonly interSpreads: readonly SpanDeltaSpread[];
  readonly currencyConversions: readonly SpanCurrencyConversion[];
}

export interface SpanPointInTime {
  /** Business date YYYYMMDD. */
  readonly date: string;
  readonly isSettlement: boolean;
  readonly clearingOrgs: readonly SpanClearingOrg[];
}

export interface SpanFile {
  readonly fileFormat?: string;
  readonly created?: string;
  readonly currencies: readonly SpanCurrency[];
  readonly pointsInTime: readonly SpanPointInTime[];
  /** What the file holds that the reader skipped (for the import report). */
  readonly unread: readonly SpanUnreadElement[];
}
