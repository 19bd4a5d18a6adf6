import * as t from 'io-ts';
import { CountyCode, OrderDate, ORDER_TYPES, Ori } from '@ccpor/domain';
import type { ReportFilter, StatisticsDimension } from '@ccpor/adapters';
import { badRequest } from '../http/problem';

const oneOrMany = <C extends t.Mixed>(codec: C, name: string) => t.union([codec, t.array(codec)], name);
const OrderTypeCode = t.keyof(Object.fromEntries(ORDER_TYPES.map((o) => [o, null])) as Record<string, null>, 'order type');

/**
 * The filters every report takes (issue 16), in the URL so a page can be bookmarked and a court's
 * system can pull the same figures: `from`/`to` are California dates (inclusive), `county`,
 * `court` and `orderType` may repeat. Counters kept by month (statistics, rejects) use the months
 * the range touches.
 */
const filterProps = {
  from: OrderDate,
  to: OrderDate,
  county: oneOrMany(CountyCode, 'county codes (two digits)'),
  court: oneOrMany(Ori, 'court ORIs'),
  orderType: oneOrMany(OrderTypeCode, 'order types'),
};

export const ReportQuery = t.exact(t.partial(filterProps), 'ReportQuery');
export type ReportQuery = t.TypeOf<typeof ReportQuery>;

/** The access report is of users' decisions: only the days (`from`, `to`) filter it. */
export const AccessReportQuery = t.exact(t.partial({ from: filterProps.from, to: filterProps.to }), 'AccessReportQuery');

export const StatisticsDimensionCodec = t.keyof({ month: null, county: null, court: null, orderType: null, stage: null }, 'StatisticsDimension');
export const StatisticalReportQuery = t.exact(t.partial({ ...filterProps, by: StatisticsDimensionCodec }), 'StatisticalReportQuery');

/** The CSV export names the table it writes (each report has one or more; the first by default). */
export const CsvQuery = (query: t.Mixed) =>
  t.intersection([query, t.exact(t.partial({ table: t.refinement(t.string, (s) => /^[a-zA-Z]{1,40}$/.test(s), 'table name') }))], 'ReportCsvQuery');

const list = <A>(v: A | readonly A[] | undefined): readonly A[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? (v as readonly A[]) : [v as A]);

/** The query as the adapters' filter; a range that ends before it starts is refused on `to`. */
export const toFilter = (q: ReportQuery, now: string): ReportFilter => {
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) throw badRequest('INVALID_RANGE', `The range ends (${q.to}) before it starts (${q.from}).`, 'to');
  const counties = list(q.county);
  const courts = list(q.court);
  const orderTypes = list(q.orderType);
  return {
    now,
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(counties ? { counties } : {}),
    ...(courts ? { courts } : {}),
    ...(orderTypes ? { orderTypes } : {}),
  };
};

export const dimensionOf = (q: { by?: StatisticsDimension }): StatisticsDimension => q.by ?? 'month';
