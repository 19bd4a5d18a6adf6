import type { Prng } from './prng';

/** Draws items with given weights in O(log n), by binary search over cumulative weights. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) {
      if (!(w >= 0)) throw new Error('weights must be non-negative');
      sum += w;
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('weights must add up to more than zero');
    this.total = sum;
  }

  draw(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]![0];
  }
}

/**
 * Zipf–Mandelbrot weights by rank, p(k) ∝ 1 / (k + q)^s: a few names very common, a long tail
 * of rare ones, as real name frequencies are (the search goals were measured with q = 10, s = 1; docs/performance-goals.md).
 */
export const zipf = <T>(ranked: readonly T[], s = 1, q = 10): Weighted<T> =>
  new Weighted(ranked.map((item, k) => [item, 1 / Math.pow(k + 1 + q, s)] as const));
