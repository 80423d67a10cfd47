/**
 * Black-76: the price of a European option on a futures contract.
 *
 * This is a MODEL, not money arithmetic: it runs in JavaScript floating point. Its results
 * (option values and deltas) enter the money arithmetic only after the risk-array builder
 * rounds them to a stated precision (risk-array values to `riskArrayDecimals` places, half-even;
 * deltas to 6 places). See risk-array.ts.
 *
 *   d1 = (ln(F/K) + σ²T/2) / (σ√T),  d2 = d1 − σ√T
 *   call = e^(−rT) [F N(d1) − K N(d2)],  put = e^(−rT) [K N(−d2) − F N(−d1)]
 *   delta (per unit of F): call e^(−rT) N(d1), put −e^(−rT) N(−d1)
 * At or after expiry (T <= 0) or with zero volatility the value is the discounted intrinsic value.
 */

export interface Black76Input {
  readonly kind: "call" | "put";
  /** Futures price F. */
  readonly futuresPrice: number;
  /** Strike K. */
  readonly strike: number;
  /** Years to expiry T. */
  readonly yearsToExpiry: number;
  /** Annual volatility σ as a fraction (0.12 = 12%). */
  readonly volatility: number;
  /** Continuously compounded annual interest rate r as a fraction. */
  readonly interestRate: number;
}

/**
 * Standard normal cumulative distribution, Hart's double-precision algorithm (as given by
 * G. West, "Better approximations to cumulative normal functions", 2005): absolute error ~1e-15.
 */
export function normalCdf(x: number): number {
  const ax = Math.abs(x);
  let c: number;
  if (ax > 37) c = 0;
  else {
    const e = Math.exp((-ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let b = 3.52624965998911e-2 * ax + 0.700383064443688;
      b = b * ax + 6.37396220353165;
      b = b * ax + 33.912866078383;
      b = b * ax + 112.079291497871;
      b = b * ax + 221.213596169931;
      b = b * ax + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * ax + 1.75566716318264;
      b = b * ax + 16.064177579207;
      b = b * ax + 86.7807322029461;
      b = b * ax + 296.564248779674;
      b = b * ax + 637.333633378831;
      b = b * ax + 793.826512519948;
      b = b * ax + 440.413735824752;
      c /= b;
    } else {
      let b = ax + 0.65;
      b = ax + 4 / b;
      b = ax + 3 / b;
      b = ax + 2 / b;
      b = ax + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

function d1d2(i: Black76Input): [number, number] | null {
  if (i.yearsToExpiry <= 0 || i.volatility <= 0) return null;
  const sd = i.volatility * Math.sqrt(i.yearsToExpiry);
  const d1 = (Math.log(i.futuresPrice / i.strike) + (sd * sd) / 2) / sd;
  return [d1, d1 - sd];
}

/** Black-76 option value per unit of the underlying (multiply by the contract multiplier). */
export function black76Price(i: Black76Input): number {
  const df = Math.exp(-i.interestRate * Math.max(i.yearsToExpiry, 0));
  const d = d1d2(i);
  if (!d) {
    const intrinsic = i.kind === "call" ? Math.max(i.futuresPrice - i.strike, 0) : Math.max(i.strike - i.futuresPrice, 0);
    return df * intrinsic;
  }
  const [d1, d2] = d;
  return i.kind === "call"
    ? df * (i.futuresPrice * normalCdf(d1) - i.strike * normalCdf(d2))
    : df * (i.strike * normalCdf(-d2) - i.futuresPrice * normalCdf(-d1));
}

/** Black-76 delta: change in option value per unit change of the futures price. */
export function black76Delta(i: Black76Input): number {
  const df = Math.exp(-i.interestRate * Math.max(i.yearsToExpiry, 0));
  const d = d1d2(i);
  if (!d) {
    if (i.kind === "call") return i.futuresPrice > i.strike ? df : 0;
    return i.futuresPrice < i.strike ? -df : 0;
  }
  return i.kind === "call" ? df * normalCdf(d[0]) : -df * normalCdf(-d[0]);
}
