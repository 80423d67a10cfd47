/**
 * Pro-rata apportionment for the waterfall layers and assessments that never lowers anyone's
 * share when the amount grows.
 *
 * allocateProRata (largest remainder) sums exactly but is not monotone in the total: raising
 * the amount by a cent can take a cent from one member (the "Alabama paradox"), which would
 * break "raising the loss never lowers any member's charge". This is the divisor method of
 * D'Hondt/Jefferson on cents: every share starts at its exact pro-rata share rounded down
 * (as in allocateProRata), and the cents left over go one at a time to the member whose
 * next cent is reached first as the rate rises, i.e. the smallest (share + 1 cent) / weight
 * (ties to the earlier entry). Shares sum to the total exactly, each share is at least its
 * exact share rounded down, and when the total does not exceed the sum of the weights and
 * every weight is a whole number of cents no share exceeds its weight.
 *
 * Computed in exact integers (bigint: weights scaled to integers, W in all, the total in units,
 * T; thresholds compared by cross-multiplying, (s_a + 1) × w_b against (s_b + 1) × w_a) when
 * (T + 1) × W < 10^39. In that range the decimal computation (apportionMonotoneDecimal, 40
 * significant digits) floors every exact share correctly and orders every pair of distinct
 * thresholds correctly (they differ by at least 1/W relative to their size, far more than its
 * rounding), and equal thresholds are the same rational number, rounded alike: so the result
 * is the same. Otherwise the decimal computation is used.
 */
import { D, type Dec, ZERO, CENT, EXACT_LIMIT, type ProRataShare, centsToDec, checkAllocationTotal, decimalWeightSum, scaledBigInt, scaledWeights, weightPlaces } from "../money";
import { RiskError } from "../errors";

export function apportionMonotone<K>(total: Dec, weights: readonly { readonly key: K; readonly weight: Dec }[], unit: Dec = CENT): ProRataShare<K>[] {
  return apportionExact(total, weights, unit) ?? apportionMonotoneDecimal(total, weights, unit);
}

function apportionExact<K>(total: Dec, weights: readonly { readonly key: K; readonly weight: Dec }[], unit: Dec): ProRataShare<K>[] | null {
  checkAllocationTotal(total, unit);
  const places = weightPlaces(weights);
  if (places === null) return null;
  if (total.isZero()) return weights.map((x) => ({ key: x.key, amount: ZERO })); // zero whatever the weights' sum
  const scaled = scaledWeights(weights, places);
  if (scaled === null) return null;
  const { ints: w, sum: W } = scaled;
  if (W === 0n) throw new RiskError("OUT_OF_RANGE", "weights", "cannot allocate a non-zero amount over zero weights");
  const T = scaledBigInt(total.div(unit), 0);
  if (T === null || (T + 1n) * W >= EXACT_LIMIT) return null;
  const n = weights.length;
  const shares: bigint[] = new Array<bigint>(n);
  let allocated = 0n;
  for (let i = 0; i < n; i++) {
    const s = w[i] === 0n ? 0n : (T * w[i]!) / W;
    shares[i] = s;
    allocated += s;
  }
  let left = T - allocated; // fewer than the number of non-zero weights
  if (left > 0n) {
    // min-heap of members with weight on the threshold (share + 1) / weight, ties by index
    const heap: number[] = [];
    for (let i = 0; i < n; i++) if (w[i] !== 0n) heap.push(i);
    const less = (a: number, b: number): boolean => {
      const x = (shares[a]! + 1n) * w[b]!;
      const y = (shares[b]! + 1n) * w[a]!;
      return x < y || (x === y && a < b);
    };
    const siftDown = (k: number): void => {
      const size = heap.length;
      const item = heap[k]!;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && less(heap[r]!, heap[l]!) ? r : l;
        if (!less(heap[m]!, item)) break;
        heap[k] = heap[m]!;
        k = m;
      }
      heap[k] = item;
    };
    for (let k = (heap.length >> 1) - 1; k >= 0; k--) siftDown(k);
    for (; left > 0n; left--) {
      const i = heap[0]!;
      shares[i] = shares[i]! + 1n; // its next threshold only rises: sift it down from the top
      siftDown(0);
    }
  }
  const cents = unit.eq(CENT);
  return weights.map((x, i) => ({ key: x.key, amount: cents ? centsToDec(shares[i]!) : new D(shares[i]!.toString()).times(unit) }));
}

/**
 * apportionMonotone in decimal arithmetic throughout (40 significant digits): the general
 * path, and the reference the exact integer path is tested against.
 */
export function apportionMonotoneDecimal<K>(total: Dec, weights: readonly { readonly key: K; readonly weight: Dec }[], unit: Dec = CENT): ProRataShare<K>[] {
  checkAllocationTotal(total, unit);
  const weightSum = decimalWeightSum(total, weights);
  if (weightSum === null) return weights.map((w) => ({ key: w.key, amount: ZERO }));
  if (total.isZero()) return weights.map((w) => ({ key: w.key, amount: ZERO }));
  const units = total.div(unit);
  const shares: Dec[] = [];
  let allocated = ZERO;
  for (const w of weights) {
    if (w.weight.isZero()) {
      shares.push(ZERO);
      continue;
    }
    const s = units.times(w.weight).div(weightSum).floor();
    shares.push(s);
    allocated = allocated.plus(s);
  }
  let left = units.minus(allocated); // fewer than weights.length
  if (left.isPositive() && !left.isZero()) {
    // min-heap on threshold (share + 1) / weight, ties by index
    const heap: { i: number; t: Dec }[] = [];
    const less = (a: { i: number; t: Dec }, b: { i: number; t: Dec }): boolean => {
      const c = a.t.comparedTo(b.t);
      return c < 0 || (c === 0 && a.i < b.i);
    };
    const push = (e: { i: number; t: Dec }): void => {
      heap.push(e);
      let k = heap.length - 1;
      while (k > 0) {
        const p = (k - 1) >> 1;
        if (!less(heap[k]!, heap[p]!)) break;
        [heap[k], heap[p]] = [heap[p]!, heap[k]!];
        k = p;
      }
    };
    const pop = (): { i: number; t: Dec } => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        let k = 0;
        for (;;) {
          const l = 2 * k + 1;
          const r = l + 1;
          let m = k;
          if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
          if (m === k) break;
          [heap[k], heap[m]] = [heap[m]!, heap[k]!];
          k = m;
        }
      }
      return top;
    };
    weights.forEach((w, i) => {
      if (!w.weight.isZero()) push({ i, t: shares[i]!.plus(1).times(weightSum).div(w.weight) });
    });
    for (; left.greaterThan(0); left = left.minus(1)) {
      const e = pop();
      shares[e.i] = shares[e.i]!.plus(1);
      push({ i: e.i, t: shares[e.i]!.plus(1).times(weightSum).div(weights[e.i]!.weight) });
    }
  }
  return weights.map((w, i) => ({ key: w.key, amount: shares[i]!.times(unit) }));
}
