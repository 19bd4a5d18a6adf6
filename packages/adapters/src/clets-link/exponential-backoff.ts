/**
 * Exponential backoff with "equal jitter": the n-th wait (n from 1) is half of
 * min(max, initial·2^(n−1)) plus a random share of the other half. The fixed half keeps a
 * flapping peer from being hammered; the random half keeps many clients (or many outbox rows)
 * that failed together from retrying together.
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const backoffDelay = (policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number => {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};
