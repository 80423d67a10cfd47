/**
 * The import report of a SPAN file: what was read (per exchange and per combined commodity:
 * product families, futures, option series, options), what the conversion did not carry over
 * (`skipped`, from toRiskParameters) and which elements of the file the reader did not take
 * (`unread`, by path with a count). Shown to risk staff on upload and stored with the parameters.
 */
import type { SpanClearingOrg, SpanFile, SpanUnreadElement } from "./types";

export interface SpanImportCounts {
  /** Product families (futPf, oopPf). */
  readonly products: number;
  readonly futures: number;
  readonly optionSeries: number;
  readonly options: number;
}

export interface SpanImportReport {
  readonly fileFormat?: string;
  /** Business date of the point in time read, YYYYMMDD. */
  readonly businessDate?: string;
  readonly clearingOrg?: string;
  readonly exchanges: readonly ({ readonly code: string; readonly name?: string } & SpanImportCounts)[];
  readonly combinedCommodities: readonly ({ readonly code: string; readonly name?: string; readonly currency: string } & SpanImportCounts)[];
  readonly currencyConversions: number;
  readonly skipped: readonly string[];
  readonly unread: readonly SpanUnreadElement[];
}

function countsOf(org: SpanClearingOrg): Map<string, SpanImportCounts> {
  const byProduct = new Map<string, SpanImportCounts>();
  for (const ex of org.exchanges) {
    for (const pf of ex.futuresProducts) byProduct.set(`${ex.code}|${pf.pfId}`, { products: 1, futures: pf.futures.length, optionSeries: 0, options: 0 });
    for (const pf of ex.optionProducts) {
      byProduct.set(`${ex.code}|${pf.pfId}`, { products: 1, futures: 0, optionSeries: pf.series.length, options: pf.series.reduce((n, s) => n + s.options.length, 0) });
    }
  }
  return byProduct;
}

function add(a: SpanImportCounts, b: SpanImportCounts): SpanImportCounts {
  return { products: a.products + b.products, futures: a.futures + b.futures, optionSeries: a.optionSeries + b.optionSeries, options: a.options + b.options };
}

const NONE: SpanImportCounts = { products: 0, futures: 0, optionSeries: 0, options: 0 };

/** The report for one point in time and clearing organisation (the defaults of toRiskParameters: the first of each). */
export function spanImportReport(file: SpanFile, skipped: readonly string[], options: { readonly clearingOrg?: string; readonly pointInTime?: number } = {}): SpanImportReport {
  const pit = file.pointsInTime[options.pointInTime ?? 0];
  const org = pit && (options.clearingOrg ? pit.clearingOrgs.find((o) => o.code === options.clearingOrg) : pit.clearingOrgs[0]);
  const base = { fileFormat: file.fileFormat, businessDate: pit?.date, skipped: [...skipped], unread: [...file.unread] };
  if (!org) return { ...base, exchanges: [], combinedCommodities: [], currencyConversions: 0 };
  const byProduct = countsOf(org);
  const exchanges = org.exchanges.map((ex) => ({
    code: ex.code,
    ...(ex.name !== undefined ? { name: ex.name } : {}),
    ...[...ex.futuresProducts, ...ex.optionProducts].reduce((n, pf) => add(n, byProduct.get(`${ex.code}|${pf.pfId}`) ?? NONE), NONE),
  }));
  const combinedCommodities = org.combinedCommodities.map((cc) => ({
    code: cc.code,
    ...(cc.name !== undefined ? { name: cc.name } : {}),
    currency: cc.currency,
    ...cc.productLinks.reduce((n, link) => add(n, byProduct.get(`${link.exch}|${link.pfId}`) ?? NONE), NONE),
  }));
  return { ...base, clearingOrg: org.code, exchanges, combinedCommodities, currencyConversions: org.currencyConversions.length };
}
