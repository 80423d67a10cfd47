/**
 * The 16 SPAN risk scenarios [seed 002 "CME SPAN"; SPEC §5].
 *
 * Scenarios 1-14: price unchanged, up and down 1/3, 2/3 and 3/3 of the price scan range, each
 * with volatility up and down the volatility scan range. Scenarios 15-16: price up and down
 * 3 times the price scan range, volatility unchanged, of which 32% of the gain or loss counts.
 * Every scenario is one day nearer expiry.
 */
import { D, type Dec } from "../money";

export const SCENARIO_COUNT = 16;
/** Fraction of the extreme moves' (scenarios 15, 16) gain or loss that counts. */
export const EXTREME_COVER_FRACTION: Dec = new D("0.32");
/** Extreme moves are this multiple of the price scan range. */
export const EXTREME_MOVE_MULTIPLE = 3;

export interface SpanScenario {
  /** 1-based scenario number as statements show it. */
  readonly number: number;
  /** Price move as a fraction of the price scan range (numerator over 3). */
  readonly priceMoveThirds: number;
  /** +1 volatility up the scan range, -1 down, 0 unchanged. */
  readonly volatilityMove: -1 | 0 | 1;
  /** 1 for scenarios 1-14, 0.32 for the extreme moves. */
  readonly coverFraction: Dec;
  readonly description: string;
}

function scenario(number: number, priceMoveThirds: number, volatilityMove: -1 | 0 | 1, description: string): SpanScenario {
  const extreme = Math.abs(priceMoveThirds) > 3;
  return { number, priceMoveThirds, volatilityMove, coverFraction: extreme ? EXTREME_COVER_FRACTION : new D(1), description };
}

export const SPAN_SCENARIOS: readonly SpanScenario[] = [
  scenario(1, 0, 1, "Price unchanged; volatility up the scan range"),
  scenario(2, 0, -1, "Price unchanged; volatility down the scan range"),
  scenario(3, 1, 1, "Price up 1/3 the price scan range; volatility up"),
  scenario(4, 1, -1, "Price up 1/3 the price scan range; volatility down"),
  scenario(5, -1, 1, "Price down 1/3 the price scan range; volatility up"),
  scenario(6, -1, -1, "Price down 1/3 the price scan range; volatility down"),
  scenario(7, 2, 1, "Price up 2/3 the price scan range; volatility up"),
  scenario(8, 2, -1, "Price up 2/3 the price scan range; volatility down"),
  scenario(9, -2, 1, "Price down 2/3 the price scan range; volatility up"),
  scenario(10, -2, -1, "Price down 2/3 the price scan range; volatility down"),
  scenario(11, 3, 1, "Price up 3/3 the price scan range; volatility up"),
  scenario(12, 3, -1, "Price up 3/3 the price scan range; volatility down"),
  scenario(13, -3, 1, "Price down 3/3 the price scan range; volatility up"),
  scenario(14, -3, -1, "Price down 3/3 the price scan range; volatility down"),
  scenario(15, 3 * EXTREME_MOVE_MULTIPLE, 0, "Price up extreme (3 times the price scan range); cover 32% of loss"),
  scenario(16, -3 * EXTREME_MOVE_MULTIPLE, 0, "Price down extreme (3 times the price scan range); cover 32% of loss"),
];
