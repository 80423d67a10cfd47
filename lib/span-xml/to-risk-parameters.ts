/**
 * From a parsed SPAN file to the risk core's RiskParameters (one point in time, one clearing
 * organisation, one currency).
 *
 * Contract ids: futures "EXCH:PFCODE:PERIOD" (e.g. "CME:EC:200406"); options
 * "EXCH:PFCODE:PERIOD:C|P:STRIKE" (e.g. "CME:EC:200406:C:1.150").
 * Risk arrays: the file's <a> values are money per contract with LOSSES positive (SPAN
 * convention); the risk core uses gains positive, so each value is negated.
 * Intercommodity credit rates above 1 are read as percentages (75 → 0.75).
 * Spreading deltas are the risk arrays' composite deltas `<ra><d>` (SPAN's delta for spreading),
 * scaled by `<sc>`. Combined commodities in another currency than the portfolio's are kept when
 * the file gives a conversion rate (`<curConv>`), and skipped (listed) otherwise.
 */
import { D, dec } from "../risk/money";
import { RiskError } from "../risk/errors";
import type {
  CombinedCommodityParameters,
  ContractParameters,
  InterSpreadParameters,
  IntraSpreadParameters,
  RiskParameters,
} from "../risk/margin";
import type { SpanDeltaSpread, SpanFile, SpanFuturesProduct, SpanOptionProduct, SpanRiskArray, SpanTier } from "./types";
import type { CurrencyParameters, ShortOptionMinimumTierParameters, TierParameters, WeightedPriceRiskMethod } from "../risk/margin";

export interface ToRiskParametersOptions {
  /** Clearing organisation code (<ec>); default the first. */
  readonly clearingOrg?: string;
  /** Index of the <pointInTime>; default 0. */
  readonly pointInTime?: number;
  /** Currency of the combined commodities to take; default that of the first. */
  readonly currency?: string;
}

export interface ConvertedSpanParameters {
  readonly parameters: RiskParameters;
  /** What was in the file but not carried over, and why. */
  readonly skipped: readonly string[];
}

/** SPAN's loss-positive values as P&L strings: the sign flipped textually (exact; values were checked as numbers on reading). */
function lossesToPnl(ra: SpanRiskArray): string[] {
  return ra.values.map((v) => (v.startsWith("-") ? v.slice(1) : v.startsWith("+") ? `-${v.slice(1)}` : `-${v}`));
}

function firstRiskArray(arrays: readonly SpanRiskArray[]): SpanRiskArray | undefined {
  return arrays.find((a) => Number.parseInt(String(a.r), 10) === 1) ?? arrays[0];
}

function rateOf(rates: readonly { readonly r: number; readonly val: string }[]): string | undefined {
  return (rates.find((r) => r.r === 1) ?? rates[0])?.val;
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Converts the SPAN file's parameters into RiskParameters for compileRiskParameters. */
export function toRiskParameters(file: SpanFile, options: ToRiskParametersOptions = {}): ConvertedSpanParameters {
  const skipped: string[] = [];
  const pitIndex = options.pointInTime ?? 0;
  const pit = file.pointsInTime[pitIndex];
  if (!pit) throw new RiskError("UNKNOWN_REFERENCE", "pointInTime", `the file has no pointInTime ${pitIndex}`);
  const org = options.clearingOrg ? pit.clearingOrgs.find((o) => o.code === options.clearingOrg) : pit.clearingOrgs[0];
  if (!org) throw new RiskError("UNKNOWN_REFERENCE", "clearingOrg", `the file has no clearing organisation ${options.clearingOrg ?? ""}`);
  const ccCurrencies = org.combinedCommodities.map((c) => c.currency);
  const currency = options.currency ?? (ccCurrencies.includes("USD") ? "USD" : ccCurrencies[0] ?? "USD");
  const currencyDef = file.currencies.find((c) => c.code === currency);
  const conversions = org.currencyConversions ?? [];
  /** One unit of `code` in the portfolio currency, from the file's rates (direct or inverse). */
  const rateToBase = (code: string): string | undefined => {
    const direct = conversions.find((c) => c.from === code && c.to === currency);
    if (direct) return direct.factor;
    const inverse = conversions.find((c) => c.from === currency && c.to === code);
    if (inverse && !dec(inverse.factor).isZero()) return new D(1).div(dec(inverse.factor)).toString();
    return undefined;
  };
  const currencies: CurrencyParameters[] = [];

  const futuresProducts = new Map<string, { exch: string; pf: SpanFuturesProduct }>();
  const optionProducts = new Map<string, { exch: string; pf: SpanOptionProduct }>();
  const futureIds = new Map<string, string>();
  for (const ex of org.exchanges) {
    for (const pf of ex.futuresProducts) {
      futuresProducts.set(`${ex.code}|${pf.pfId}`, { exch: ex.code, pf });
      for (const f of pf.futures) futureIds.set(`${ex.code}|${pf.pfId}|${f.cId}`, `${ex.code}:${pf.pfCode}:${f.period}`);
    }
    for (const pf of ex.optionProducts) optionProducts.set(`${ex.code}|${pf.pfId}`, { exch: ex.code, pf });
  }

  const seen = new Set<string>();
  const ccCodes = new Set<string>();
  const combinedCommodities: CombinedCommodityParameters[] = [];
  for (const cc of org.combinedCommodities) {
    if (cc.currency !== currency && !currencies.some((c) => c.code === cc.currency)) {
      const rate = rateToBase(cc.currency);
      if (rate === undefined) {
        skipped.push(`ccDef ${cc.code}: currency ${cc.currency}, and the file gives no rate from ${cc.currency} to ${currency}`);
        continue;
      }
      currencies.push({ code: cc.currency, decimals: file.currencies.find((c) => c.code === cc.currency)?.decimals ?? 2, rateToBase: rate });
    }
    const contracts: ContractParameters[] = [];
    let firstFutureScan: { priceScan?: string; volScan?: string } | undefined;
    for (const link of cc.productLinks) {
      const key = `${link.exch}|${link.pfId}`;
      const fut = futuresProducts.get(key);
      const opt = optionProducts.get(key);
      if (fut) {
        for (const f of fut.pf.futures) {
          const id = `${fut.exch}:${fut.pf.pfCode}:${f.period}`;
          if (seen.has(id)) {
            skipped.push(`fut ${id}: linked to more than one combined commodity`);
            continue;
          }
          seen.add(id);
          const ra = firstRiskArray(f.riskArrays);
          const scan = f.scanRates[0];
          firstFutureScan ??= scan;
          contracts.push({
            id,
            kind: "future",
            period: f.period,
            multiplier: f.cvf ?? fut.pf.cvf ?? "1",
            price: f.price,
            delta: ra?.delta ?? f.delta,
            deltaScale: f.scale ?? link.scale,
            priceScanRange: ra ? undefined : scan?.priceScan,
            riskArray: ra ? lossesToPnl(ra) : undefined,
          });
        }
      } else if (opt) {
        for (const s of opt.pf.series) {
          const underlying = futureIds.get(`${s.underlying.exch ?? opt.exch}|${s.underlying.pfId ?? opt.pf.underlying.pfId}|${s.underlying.cId}`) ?? "";
          for (const o of s.options) {
            const id = `${opt.exch}:${opt.pf.pfCode}:${s.period}:${o.putCall}:${o.strike}`;
            if (seen.has(id)) {
              skipped.push(`opt ${id}: linked to more than one combined commodity`);
              continue;
            }
            seen.add(id);
            const ra = firstRiskArray(o.riskArrays);
            contracts.push({
              id,
              kind: "option",
              period: s.period,
              multiplier: s.cvf ?? opt.pf.cvf ?? "1",
              putCall: o.putCall === "C" ? "call" : "put",
              strike: o.strike,
              underlying,
              expiry: s.settlementDate && /^\d{8}$/.test(s.settlementDate) ? isoDate(s.settlementDate) : undefined,
              volatility: o.volatility ?? s.volatility,
              // SPAN spreads with the risk array's composite delta, not the option's price delta.
              delta: ra?.delta ?? o.delta,
              deltaScale: o.scale ?? s.scale ?? link.scale,
              riskArray: ra ? lossesToPnl(ra) : undefined,
            });
          }
        }
      } else {
        skipped.push(`ccDef ${cc.code}: pfLink ${link.exch}/${link.pfId} (${link.pfType ?? "?"}) is not a futures or options-on-futures product in the file`);
      }
    }
    const tierScan = cc.scanTiers.flatMap((t: SpanTier) => t.scanRates)[0];
    const scan = tierScan ?? firstFutureScan;
    const tiers = cc.intraTiers.map(tierOf);
    const intraSpreads: IntraSpreadParameters[] = [];
    for (const d of cc.intraSpreads) {
      const converted = convertIntraSpread(d, cc.intraTiers, skipped, cc.code);
      if (converted) intraSpreads.push(converted);
    }
    combinedCommodities.push({
      code: cc.code,
      name: cc.name,
      priceScanRange: scan?.priceScan ?? "0",
      volatilityScanRange: scan?.volScan ?? "0",
      currency: cc.currency === currency ? undefined : cc.currency,
      shortOptionMinimumTiers: somTiersOf(cc.somTiers),
      shortOptionMinimumMethod: somMethodOf(cc.somMethod, cc.code, skipped),
      tiers,
      interTiers: (cc.interTiers ?? []).map(tierOf),
      intraSpreads,
      spotCharges: cc.spotRates.filter((s) => s.r === 1).map((s) => ({ period: s.period, spreadRate: s.spreadRate, outrightRate: s.outrightRate })),
      weightedPriceRiskMethod: wprMethodOf(cc.wfprMethod, cc.code, skipped),
      contracts,
    });
    ccCodes.add(cc.code);
  }

  const interSpreads: InterSpreadParameters[] = [];
  for (const d of org.interSpreads) {
    const rate = rateOf(d.rates);
    if (rate === undefined) {
      skipped.push(`interSpreads dSpread ${d.spread}: no rate`);
      continue;
    }
    if (d.legs.some((l) => !ccCodes.has(l.cc) || (l.side !== "A" && l.side !== "B"))) {
      skipped.push(`interSpreads dSpread ${d.spread}: a leg's combined commodity is not taken or its side is not A/B`);
      continue;
    }
    if (d.chargeMethod !== undefined && d.chargeMethod !== "W") {
      skipped.push(`interSpreads dSpread ${d.spread}: chargeMeth ${d.chargeMethod} (only W, weighted price risk credits, is supported)`);
      continue;
    }
    interSpreads.push({
      priority: d.spread,
      rate: creditRate(rate),
      legs: d.legs.map((l) => {
        const legRate = l.rates && l.rates.length ? rateOf(l.rates) : undefined;
        return { combinedCommodity: l.cc, tier: l.tier, period: l.period, ratio: l.ratio, side: l.side as "A" | "B", rate: legRate === undefined ? undefined : creditRate(legRate) };
      }),
    });
  }

  return {
    parameters: {
      asOf: isoDate(pit.date),
      currency,
      currencyDecimals: currencyDef?.decimals ?? 2,
      currencies: currencies.length ? currencies : undefined,
      combinedCommodities,
      interSpreads,
    },
    skipped,
  };
}

function convertIntraSpread(d: SpanDeltaSpread, tiers: readonly SpanTier[], skipped: string[], cc: string): IntraSpreadParameters | null {
  if (d.chargeMethod !== undefined && d.chargeMethod !== "F") {
    skipped.push(`ccDef ${cc} dSpread ${d.spread}: chargeMeth ${d.chargeMethod} (only F, flat rate per spread, is supported)`);
    return null;
  }
  const rate = rateOf(d.rates);
  if (rate === undefined) {
    skipped.push(`ccDef ${cc} dSpread ${d.spread}: no rate`);
    return null;
  }
  const legs = [];
  for (const l of d.legs) {
    if (l.side !== "A" && l.side !== "B") {
      skipped.push(`ccDef ${cc} dSpread ${d.spread}: leg side ${l.side} is not A/B`);
      return null;
    }
    if (l.tier !== undefined && !tiers.some((t) => t.tn === l.tier)) {
      skipped.push(`ccDef ${cc} dSpread ${d.spread}: leg tier ${l.tier} is not an intracommodity tier`);
      return null;
    }
    legs.push({ tier: l.tier, period: l.tier === undefined ? l.period : undefined, ratio: l.ratio, side: l.side as "A" | "B" });
  }
  return { priority: d.spread, rate, legs };
}

function tierOf(t: SpanTier): TierParameters {
  return { number: t.tn, startPeriod: t.startPeriod, endPeriod: t.endPeriod };
}

function somTiersOf(tiers: readonly SpanTier[]): ShortOptionMinimumTierParameters[] {
  const out: ShortOptionMinimumTierParameters[] = [];
  for (const t of tiers) {
    const rate = rateOf(t.rates);
    if (rate !== undefined) out.push({ startPeriod: t.startPeriod, endPeriod: t.endPeriod, rate });
  }
  return out;
}

function somMethodOf(method: string | undefined, cc: string, skipped: string[]): "gross" | "max" | undefined {
  if (method === undefined || method === "" ) return undefined;
  const m = method.toUpperCase();
  if (m === "MAX" || m === "1") return "max";
  if (m === "GROSS" || m === "SUM" || m === "2") return "gross";
  skipped.push(`ccDef ${cc}: somMeth ${method} not known; short options counted gross (calls + puts)`);
  return undefined;
}

function wprMethodOf(method: string | undefined, cc: string, skipped: string[]): WeightedPriceRiskMethod | undefined {
  if (method === undefined || method === "") return undefined;
  const m = method.toUpperCase();
  if (m === "NORMAL") return "normal";
  if (m === "SCANRANGE") return "scan-range";
  if (m === "SCANRANGE_CAP") return "scan-range-cap";
  skipped.push(`ccDef ${cc}: wfprMeth ${method} not known; weighted price risk computed NORMAL (price risk per delta)`);
  return undefined;
}

/** An intercommodity credit rate as a fraction: rates above 1 are percentages (75 → 0.75). */
function creditRate(rate: string): string {
  const r = dec(rate);
  return (r.greaterThan(1) ? r.div(100) : r).toString();
}
