import type { ReportScope } from '@ccpor/domain';
import * as t from 'io-ts';
import type { StatisticsRow } from '@ccpor/adapters';

const Month = t.refinement(t.string, (s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s), 'month (YYYY-MM)');
const CountyCode = t.refinement(t.string, (s) => /^\d{2}$/.test(s), 'county code (two digits)');

/** The query string of `GET /statistics`: bounds on the month of issue (California time) and counties. */
export const StatisticsRequestQuery = t.exact(
  t.partial({
    issuedFromMonth: Month,
    issuedToMonth: Month,
    county: t.union([CountyCode, t.array(CountyCode)], 'county codes (two digits)'),
  }),
  'StatisticsQuery',
);
export type StatisticsRequestQuery = t.TypeOf<typeof StatisticsRequestQuery>;

export type StatisticsScope = ReportScope;

/** The counts, totalled along each dimension, with the rows they came from. */
export interface StatisticsReport {
  readonly asOf: string;
  readonly scope: StatisticsScope;
  readonly orders: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byCounty: Readonly<Record<string, number>>;
  readonly byOrderType: Readonly<Record<string, number>>;
  readonly byStage: Readonly<Record<string, number>>;
  readonly byIssueMonth: Readonly<Record<string, number>>;
  readonly rows: readonly StatisticsRow[];
}

const UNKNOWN = 'unknown';

export const statisticsReport = (rows: readonly StatisticsRow[], asOf: string, scope: StatisticsScope): StatisticsReport => {
  const totals = { byStatus: {}, byCounty: {}, byOrderType: {}, byStage: {}, byIssueMonth: {} } as Record<
    'byStatus' | 'byCounty' | 'byOrderType' | 'byStage' | 'byIssueMonth',
    Record<string, number>
  >;
  const add = (into: Record<string, number>, key: string, n: number): void => {
    const k = key === '' ? UNKNOWN : key;
    into[k] = (into[k] ?? 0) + n;
  };
  let orders = 0;
  for (const r of rows) {
    orders += r.orders;
    add(totals.byStatus, r.status, r.orders);
    add(totals.byCounty, r.county, r.orders);
    add(totals.byOrderType, r.orderType, r.orders);
    add(totals.byStage, r.stage, r.orders);
    add(totals.byIssueMonth, r.issueMonth, r.orders);
  }
  return { asOf, scope, orders, ...totals, rows };
};
