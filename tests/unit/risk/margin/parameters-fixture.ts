/** Shared hand-made risk parameters for the margin tests (not a test file). */
import type { RiskParameters } from "@/lib/risk/margin";

/** The seed's Euro FX example [seed 002 "CME SPAN"]: settlement 1.1960, scan $2,400 = 192 points, vol scan 1%. */
export const EURO_FX: RiskParameters = {
  asOf: "2004-04-15",
  currency: "USD",
  riskArrayDecimals: 0,
  combinedCommodities: [
    {
      code: "EC",
      priceScanRange: "2400",
      volatilityScanRange: "0.01",
      contracts: [
        { id: "EC:200406", kind: "future", period: "200406", multiplier: "125000", price: "1.1960" },
        // 50 calendar days to expiry, implied volatility 11.884%: reprices the seed's option column exactly.
        { id: "EC:200406:C:1.150", kind: "option", period: "200406", multiplier: "125000", putCall: "call", strike: "1.150", underlying: "EC:200406", expiry: "2004-06-04", volatility: "0.11884" },
      ],
    },
  ],
};

/** The seed's table, column by column (P&L, gains positive). */
export const SEED_FUTURE = [0, 0, 800, 800, -800, -800, 1600, 1600, -1600, -1600, 2400, 2400, -2400, -2400, 2304, -2304];
export const SEED_SHORT_CALL = [-130, 155, -785, -531, 500, 815, -1463, -1240, 1102, 1446, -2160, -1967, 1674, 2043, -2112, 1466];
export const SEED_PORTFOLIO = [-130, 155, 15, 269, -300, 15, 137, 360, -498, -154, 240, 433, -726, -357, 192, -838];

const future = (id: string, period: string) => ({ id, kind: "future" as const, period, multiplier: "1000" });

/**
 * Hand-workable commodities: futures arrays are (thirds/3) × scan × cover, so one long CL
 * future loses 3,000 in scenario 13; GC 3,000; SI 2,000; PL 1,000.
 */
export const HAND: RiskParameters = {
  asOf: "2025-01-02",
  currency: "USD",
  combinedCommodities: [
    {
      code: "CL",
      priceScanRange: "3000",
      volatilityScanRange: "0",
      shortOptionMinimum: "25",
      tiers: [
        { number: 1, startPeriod: "202501", endPeriod: "202501" },
        { number: 2, startPeriod: "202502", endPeriod: "202502" },
        { number: 3, startPeriod: "202503", endPeriod: "202506" },
      ],
      intraSpreads: [
        { priority: 1, rate: "150", legs: [{ tier: 1, ratio: "1", side: "A" }, { tier: 2, ratio: "1", side: "B" }] },
        { priority: 2, rate: "400", legs: [{ tier: 1, ratio: "1", side: "A" }, { tier: 3, ratio: "1", side: "B" }] },
      ],
      spotCharges: [{ period: "202501", spreadRate: "20", outrightRate: "50" }],
      contracts: [
        future("CL:202501", "202501"),
        future("CL:202502", "202502"),
        future("CL:202503", "202503"),
        {
          id: "CL:202503:P:40", kind: "option", period: "202503", multiplier: "1000", putCall: "put", strike: "40", underlying: "CL:202503", delta: "-0.05",
          riskArray: ["-1", "1", "-2", "0", "-3", "-1", "-2", "-1", "-6", "-4", "-2", "-1", "-12", "-10", "-1", "-20"],
        },
      ],
    },
    { code: "GC", priceScanRange: "3000", volatilityScanRange: "0", contracts: [future("GC:202502", "202502")] },
    { code: "SI", priceScanRange: "2000", volatilityScanRange: "0", contracts: [future("SI:202502", "202502")] },
    { code: "PL", priceScanRange: "1000", volatilityScanRange: "0", contracts: [future("PL:202502", "202502")] },
  ],
  interSpreads: [
    { priority: 1, rate: "0.5", legs: [{ combinedCommodity: "GC", ratio: "1", side: "A" }, { combinedCommodity: "SI", ratio: "2", side: "B" }] },
    { priority: 2, rate: "0.8", legs: [{ combinedCommodity: "GC", ratio: "1", side: "A" }, { combinedCommodity: "PL", ratio: "1", side: "B" }] },
  ],
};
