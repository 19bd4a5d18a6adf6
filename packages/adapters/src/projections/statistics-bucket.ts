import { californiaLocalDate } from '@ccpor/domain';
import type { OrderSearchRow } from './order-search-row';

/** The key of one `order_statistics` row; '' stands for "unknown" (drafts) or "never expires". */
export interface StatisticsBucket {
  readonly county: string;
  readonly order_type: string;
  readonly stage: string;
  readonly status: string;
  /** 'YYYY-MM' in California time. */
  readonly issue_month: string;
  /** 'YYYY-MM' (UTC) of expires_at, for active and served orders only. */
  readonly expiry_month: string;
}

/** UTC 'YYYY-MM' of an instant; the statistics query computes "this month" the same way. */
export const utcMonth = (instant: string): string => new Date(Date.parse(instant)).toISOString().slice(0, 7);

export const statisticsBucket = (row: OrderSearchRow): StatisticsBucket => ({
  county: row.county ?? '',
  order_type: row.order_type ?? '',
  stage: row.stage ?? '',
  status: row.status,
  issue_month: row.issued_at === null ? '' : californiaLocalDate(new Date(Date.parse(row.issued_at)).toISOString()).slice(0, 7),
  expiry_month: (row.status === 'active' || row.status === 'served') && row.expires_at !== null ? utcMonth(row.expires_at) : '',
});

export const bucketKey = (b: StatisticsBucket): string =>
  `${b.county}|${b.order_type}|${b.stage}|${b.status}|${b.issue_month}|${b.expiry_month}`;

/**
 * The count changes a set of row transitions makes: −1 for the bucket a row leaves, +1 for the
 * one it enters. Buckets whose changes cancel out are dropped.
 */
export const statisticsDeltas = (
  transitions: readonly { readonly before: OrderSearchRow | undefined; readonly after: OrderSearchRow }[],
): (StatisticsBucket & { readonly orders: number })[] => {
  const deltas = new Map<string, StatisticsBucket & { orders: number }>();
  const add = (b: StatisticsBucket, n: number): void => {
    const key = bucketKey(b);
    const entry = deltas.get(key);
    if (entry) entry.orders += n;
    else deltas.set(key, { ...b, orders: n });
  };
  for (const { before, after } of transitions) {
    if (before) add(statisticsBucket(before), -1);
    add(statisticsBucket(after), 1);
  }
  return [...deltas.values()].filter((d) => d.orders !== 0);
};
