import { and, counterFilters, num, Params, run, type ReportFilter, type ReportSource, type ReportTable } from './report-filter';

export interface RejectsReport {
  /** Per month and error code: DOJ's rejects (the error notification the registry owes courts). */
  readonly byMonthAndCode: ReportTable;
  /** Per court and error code, over the range. */
  readonly byCourtAndCode: ReportTable;
}

/** DOJ rejects by error code and court over time, from the `order_event_counts` counters. */
export const rejectsReport = async (src: ReportSource, f: ReportFilter): Promise<RejectsReport> => {
  const p = new Params();
  const where = and(["kind = 'rejected'", ...counterFilters(f, p, 'month')]);
  const byMonth = await run<Record<string, unknown>>(
    src,
    `SELECT month, reason, sum(events)::bigint AS n FROM {{schema}}.order_event_counts WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    p,
  );
  const byCourt = await run<Record<string, unknown>>(
    src,
    `SELECT court_ori, reason, sum(events)::bigint AS n FROM {{schema}}.order_event_counts WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    p,
  );
  return {
    byMonthAndCode: {
      title: 'DOJ rejects by month and error code',
      columns: [
        { key: 'month', label: 'Month', kind: 'text' },
        { key: 'code', label: 'Error code', kind: 'text' },
        { key: 'rejects', label: 'Rejects', kind: 'count' },
      ],
      rows: byMonth.map((r) => ({ month: String(r.month), code: String(r.reason), rejects: num(r.n) })),
    },
    byCourtAndCode: {
      title: 'DOJ rejects by court and error code',
      columns: [
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'code', label: 'Error code', kind: 'text' },
        { key: 'rejects', label: 'Rejects', kind: 'count' },
      ],
      rows: byCourt.map((r) => ({ court: String(r.court_ori) || 'unknown', code: String(r.reason), rejects: num(r.n) })),
    },
  };
};
