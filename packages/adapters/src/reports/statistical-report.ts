import { utcMonth } from '../projections/statistics-bucket';
import { hiddenOrderFilters } from '../search/search-sql';
import { and, counterFilters, monthOf, num, Params, rowFilters, run, type ReportFilter, type ReportSource, type ReportTable } from './report-filter';

export type StatisticsDimension = 'month' | 'county' | 'court' | 'orderType' | 'stage';

const COLUMN: Record<Exclude<StatisticsDimension, 'month'>, string> = { county: 'county', court: 'court_ori', orderType: 'order_type', stage: 'stage' };

export interface StatisticalReport {
  /** By the dimension asked for: orders issued, entered, in force now, renewals and cancellations. */
  readonly byKey: ReportTable;
  /** Cancellations in the range by reason. */
  readonly cancellations: ReportTable;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * Orders issued and entered (by California month of issue and of entry), renewed and canceled,
 * and — grouped by anything but the month — in force now, grouped by one dimension (issue 16).
 * Every figure comes from the narrow counters (`order_month_counts`, `order_in_force_counts`,
 * `order_event_counts`); only the rows that need an instant are read one by one: orders expiring
 * in the current month (in force now?) and, for a caller who may not see every sealed order, the
 * sealed ones to take off again (partial index order_search_hidden). In force now is of every
 * order, whenever issued: the date range does not apply to it.
 */
export const statisticalReport = async (src: ReportSource, f: ReportFilter, by: StatisticsDimension): Promise<StatisticalReport> => {
  const p = new Params();
  const key = (monthColumn: string): string => (by === 'month' ? monthColumn : COLUMN[by]);
  const rowKey = (monthExpr: string): string => (by === 'month' ? monthExpr : `coalesce(s.${COLUMN[by]}, '')`);
  const issueMonth = "coalesce(to_char(s.issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), '')";
  const entryMonth = "coalesce(to_char(s.added_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), '')";
  const withInForce = by !== 'month';
  // In force now: the counters by month of expiry after now's, and the rows expiring in now's month one by one.
  let inForce = '';
  let now = '';
  if (withInForce) {
    now = p.add(f.now, 'timestamptz');
    const month = utcMonth(f.now);
    const monthStart = p.add(`${month}-01T00:00:00Z`, 'timestamptz');
    const monthEnd = p.add(`${nextMonth(month)}-01T00:00:00Z`, 'timestamptz');
    const dims = counterFilters({ ...f, from: undefined, to: undefined }, p, 'expiry_month');
    inForce = `
      UNION ALL
      SELECT ${key('')}, 'inForce', orders FROM {{schema}}.order_in_force_counts
       WHERE (expiry_month = '' OR expiry_month > ${p.add(month, 'text')}) AND ${and(dims)}
      UNION ALL
      SELECT ${rowKey("''")}, 'inForce', 1 FROM {{schema}}.order_search s
       WHERE s.status IN ('active', 'served') AND s.expires_at > ${now} AND s.expires_at >= ${monthStart} AND s.expires_at < ${monthEnd}
         AND ${and(rowFilters({ ...f, visibility: undefined }, p))}`;
  }
  // Month bounds as the counters apply them, for the rows read one by one.
  const inMonths = (expr: string): string[] => [
    ...(f.from ? [`${expr} >= ${p.add(monthOf(f.from), 'text')}`] : []),
    ...(f.to ? [`${expr} <= ${p.add(monthOf(f.to), 'text')}`] : []),
  ];
  // Sealed orders the caller may not find, counted −1 in the buckets the counters put them in.
  const hidden =
    f.visibility === undefined || f.visibility.sealed === 'all'
      ? ''
      : `UNION ALL
         SELECT v.k, v.measure, -1 FROM {{schema}}.order_search s
         CROSS JOIN LATERAL (VALUES
           (${rowKey(issueMonth)}, 'issued', s.issued_at IS NOT NULL AND ${and(inMonths(issueMonth))}),
           (${rowKey(entryMonth)}, 'entered', s.added_at IS NOT NULL AND ${and(inMonths(entryMonth))})
           ${withInForce ? `, (${rowKey("''")}, 'inForce', s.status IN ('active', 'served') AND (s.expires_at IS NULL OR s.expires_at > ${now}))` : ''}
         ) AS v(k, measure, applies)
         WHERE v.applies AND s.sealed AND s.status IN ('active', 'served', 'canceled') AND ${and(rowFilters({ ...f, visibility: undefined }, p))}
           AND NOT (${and(hiddenOrderFilters(f.visibility, p.add(f.visibility.agencyOri, 'text'), 's'))})`;
  const sql = `
    SELECT k, measure, sum(n)::bigint AS n FROM (
      SELECT ${key('month')} AS k, measure, orders AS n FROM {{schema}}.order_month_counts WHERE ${and(counterFilters(f, p, 'month'))}
      ${inForce}
      UNION ALL
      SELECT ${key('month')}, kind, events FROM {{schema}}.order_event_counts
       WHERE kind IN ('renewed', 'canceled') AND ${and(counterFilters(f, p, 'month'))}
      ${hidden}
    ) AS counted GROUP BY k, measure`;
  const rows = await run<{ k: string; measure: string; n: unknown }>(src, sql, p);
  const byKey = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const k = r.k === '' ? 'unknown' : r.k;
    const entry = byKey.get(k) ?? { issued: 0, entered: 0, renewed: 0, canceled: 0 };
    entry[r.measure] = (entry[r.measure] ?? 0) + num(r.n);
    byKey.set(k, entry);
  }
  const q = new Params();
  const reasons = await run<{ reason: string; n: unknown }>(
    src,
    `SELECT reason, sum(events)::bigint AS n FROM {{schema}}.order_event_counts WHERE kind = 'canceled' AND ${and(counterFilters(f, q, 'month'))} GROUP BY reason ORDER BY reason`,
    q,
  );
  const label = { month: 'Month', county: 'County', court: 'Court', orderType: 'Order type', stage: 'Stage' }[by];
  return {
    byKey: {
      title: `Orders by ${label.toLowerCase()}`,
      columns: [
        { key: 'key', label, kind: 'text' },
        { key: 'issued', label: 'Issued', kind: 'count' },
        { key: 'entered', label: 'Entered', kind: 'count' },
        ...(withInForce ? [{ key: 'inForce', label: 'In force now', kind: 'count' as const }] : []),
        { key: 'renewed', label: 'Renewals', kind: 'count' },
        { key: 'canceled', label: 'Cancellations', kind: 'count' },
      ],
      rows: [...byKey.entries()]
        .filter(([, v]) => Object.values(v).some((n) => n !== 0))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => ({ key: k, issued: v.issued ?? 0, entered: v.entered ?? 0, ...(withInForce ? { inForce: v.inForce ?? 0 } : {}), renewed: v.renewed ?? 0, canceled: v.canceled ?? 0 })),
    },
    cancellations: {
      title: 'Cancellations by reason',
      columns: [
        { key: 'reason', label: 'Reason', kind: 'text' },
        { key: 'cancellations', label: 'Cancellations', kind: 'count' },
      ],
      rows: reasons.map((r) => ({ reason: r.reason, cancellations: num(r.n) })),
    },
  };
};
