/**
 * From a SPAN file as a clearing house publishes it to the engine's parameters: suffixed period
 * codes, a tier without periods, six-decimal arrays, composite deltas in <ra><d> (the option's
 * own <d> is 0.000000, as in real files), <sc>, six-decimal leg ratios, a second currency.
 */
import { describe, expect, it } from "vitest";
import { toRiskParameters, type SpanFile } from "@/lib/span-xml";
import { computeSpanRequirement } from "@/lib/risk";

const ra = (values: string[], d: string) => ({ r: 1, values, delta: d });
/** SPAN's loss-positive array of one long future moving `a` per third... as the file writes it (six decimals). */
const futLosses = (a: number) => [0, 0, -a, -a, a, a, -2 * a, -2 * a, 2 * a, 2 * a, -3 * a, -3 * a, 3 * a, 3 * a, -2.88 * a, 2.88 * a].map((v) => v.toFixed(6));

const FILE: SpanFile = {
  fileFormat: "4.00",
  currencies: [{ code: "INR", decimals: 2 }, { code: "USD", decimals: 2 }],
  unread: [],
  pointsInTime: [{
    date: "20160502",
    isSettlement: true,
    clearingOrgs: [{
      code: "NSCCL",
      currencyConversions: [{ from: "USD", to: "INR", factor: "66.5" }],
      exchanges: [{
        code: "NSE",
        futuresProducts: [{
          pfId: "1", pfCode: "NIFTY", cvf: "75",
          futures: [
            { cId: "11", period: "201605S0", price: "7805.9", scanRates: [], riskArrays: [ra(futLosses(1000), "1.000000")] },
            { cId: "12", period: "201606S0", price: "7830.1", scanRates: [], riskArrays: [ra(futLosses(1010), "1.000000")] },
          ],
        }, {
          pfId: "3", pfCode: "USDINR", cvf: "1000",
          futures: [{ cId: "31", period: "201605S0", scanRates: [], riskArrays: [ra(futLosses(100), "1.000000")] }],
        }],
        optionProducts: [{
          pfId: "2", pfCode: "NIFTY", cvf: "75", underlying: { exch: "NSE", pfId: "1" },
          series: [{
            period: "201605S0", scale: "1", underlying: { exch: "NSE", pfId: "1", cId: "11" }, scanRates: [],
            options: [{ cId: "21", putCall: "C", strike: "7800", delta: "0.000000", riskArrays: [ra(["1.234567", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"], "0.512345")] }],
          }],
        }],
      }],
      combinedCommodities: [{
        code: "NIFTY", currency: "INR",
        productLinks: [{ exch: "NSE", pfId: "1", pfType: "FUT", scale: "1" }, { exch: "NSE", pfId: "2", pfType: "OOP", scale: "1" }],
        scanTiers: [], intraTiers: [{ tn: 0, rates: [], scanRates: [] }], interTiers: [],
        somTiers: [{ tn: 0, rates: [{ r: 1, val: "3.5" }], scanRates: [] }],
        intraSpreads: [{ spread: 1, chargeMethod: "F", rates: [{ r: 1, val: "750.5" }], legs: [{ cc: "NIFTY", tier: 0, side: "A", ratio: "1" }, { cc: "NIFTY", tier: 0, side: "B", ratio: "1" }] }],
        spotRates: [],
      }, {
        code: "USDINR", currency: "USD",
        productLinks: [{ exch: "NSE", pfId: "3", pfType: "FUT", scale: "1" }],
        scanTiers: [], intraTiers: [], interTiers: [], somTiers: [], intraSpreads: [], spotRates: [],
      }],
      interSpreads: [{ spread: 1, chargeMethod: "W", rates: [{ r: 1, val: "0.30" }], legs: [{ cc: "NIFTY", tier: 0, side: "A", ratio: "20.940001" }, { cc: "USDINR", tier: 0, side: "B", ratio: "1" }] }],
    }],
  }],
};

describe("toRiskParameters: a clearing house's file", () => {
  const { parameters, skipped } = toRiskParameters(FILE, { currency: "INR" });

  it("keeps suffixed periods in contract ids, the composite delta, <sc>, a tier without periods and the six-decimal ratio", () => {
    expect(skipped).toEqual([]);
    const nifty = parameters.combinedCommodities[0]!;
    expect(nifty.contracts.map((c) => c.id)).toEqual(["NSE:NIFTY:201605S0", "NSE:NIFTY:201606S0", "NSE:NIFTY:201605S0:C:7800"]);
    expect(nifty.contracts[2]).toMatchObject({ delta: "0.512345", deltaScale: "1", underlying: "NSE:NIFTY:201605S0" });
    expect(nifty.tiers).toEqual([{ number: 0, startPeriod: undefined, endPeriod: undefined }]);
    expect(parameters.interSpreads![0]!.legs[0]!.ratio).toBe("20.940001");
    expect(parameters.currencies).toEqual([{ code: "USD", decimals: 2, rateToBase: "66.5" }]);
  });

  it("SPAN tier 0 A/B calendar spread from the composite delta: 2 long May calls (0.512345 each) against 1 short June future form 1 spread (₹750.50)", () => {
    const r = computeSpanRequirement({ parameters, positions: [{ contract: "NSE:NIFTY:201605S0:C:7800", quantity: 2 }, { contract: "NSE:NIFTY:201606S0", quantity: -1 }] });
    expect(r.combinedCommodities[0]!.intraSpreads).toHaveLength(1);
    expect(r.combinedCommodities[0]!.intraSpreadCharge.toFixed(2)).toBe("750.50");
    // option losses (2 × 1.234567 …) and the short June future summed at six decimals
    expect(r.combinedCommodities[0]!.riskArray[0]!.toString()).toBe("-2.469134");
  });

  it("a USD combined commodity is margined in USD and converted at the file's rate (1 long USDINR: scan $300 → ₹19,950.00)", () => {
    const r = computeSpanRequirement({ parameters, positions: [{ contract: "NSE:USDINR:201605S0", quantity: 1 }] });
    expect([r.combinedCommodities[0]!.currency, r.combinedCommodities[0]!.riskRequirement.toFixed(2), r.spanRequirement.toFixed(2)]).toEqual(["USD", "300.00", "19950.00"]);
  });
});
