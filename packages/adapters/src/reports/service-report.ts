import { and, iso, issuedInRange, num, Params, rowFilters, run, type ReportFilter, type ReportRow, type ReportSource, type ReportTable } from './report-filter';

export interface ServiceReport {
  /** Per court and entering agency: orders in force never served, and how many are older than 7, 30 and 90 days. */
  readonly byCourtAndAgency: ReportTable;
  /** The orders themselves, the oldest first. */
  readonly orders: ReportTable;
}

const DAY_SECONDS = 86_400;

/**
 * Orders in force not yet served (the Attorney General's 2003 finding: one in six never served).
 * An order is in force while active (not served, canceled or expired at `now`); its age is the
 * time since issue, in whole days (partial index order_search_unserved).
 */
export const serviceReport = async (src: ReportSource, f: ReportFilter): Promise<ServiceReport> => {
  const p = new Params();
  const now = p.add(f.now, 'timestamptz');
  const where = and([
    "s.status = 'active'",
    's.issued_at IS NOT NULL',
    `s.issued_at <= ${now}`,
    // The form of order_search_unserved's key: the orders in force are one index range.
    `coalesce(s.expires_at, 'infinity'::timestamptz) > ${now}`,
    ...issuedInRange(f, p, 's.issued_at'),
    ...rowFilters(f, p),
  ]);
  const age = `extract(epoch FROM ${now} - s.issued_at)`;
  const rows = await run<Record<string, unknown>>(
    src,
    `SELECT coalesce(s.court_ori, '') AS court, s.entering_ori AS agency, count(*) AS unserved,
            count(*) FILTER (WHERE ${age} > 7 * ${DAY_SECONDS}) AS over7,
            count(*) FILTER (WHERE ${age} > 30 * ${DAY_SECONDS}) AS over30,
            count(*) FILTER (WHERE ${age} > 90 * ${DAY_SECONDS}) AS over90
     FROM {{schema}}.order_search s WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    p,
  );
  const list = await run<Record<string, unknown>>(
    src,
    `SELECT s.order_id::text AS order_id, s.case_number, s.court_ori, s.entering_ori, s.order_type, s.issued_at, s.expires_at,
            floor(${age} / ${DAY_SECONDS})::int AS age_days
     FROM {{schema}}.order_search s WHERE ${where} ORDER BY s.issued_at, s.order_id LIMIT ${p.add(f.listLimit ?? 500, 'int')}`,
    p,
  );
  return {
    byCourtAndAgency: {
      title: 'Orders in force not yet served, by age',
      columns: [
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'agency', label: 'Entering agency', kind: 'text' },
        { key: 'unserved', label: 'Not served', kind: 'count' },
        { key: 'over7', label: 'Over 7 days', kind: 'count' },
        { key: 'over30', label: 'Over 30 days', kind: 'count' },
        { key: 'over90', label: 'Over 90 days', kind: 'count' },
      ],
      rows: rows.map((r) => ({
        court: String(r.court) || 'unknown',
        agency: String(r.agency),
        unserved: num(r.unserved),
        over7: num(r.over7),
        over30: num(r.over30),
        over90: num(r.over90),
      })),
    },
    orders: {
      title: 'Unserved orders, the oldest first',
      columns: [
        { key: 'orderId', label: 'Order', kind: 'text' },
        { key: 'caseNumber', label: 'Case number', kind: 'text' },
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'agency', label: 'Entering agency', kind: 'text' },
        { key: 'orderType', label: 'Order type', kind: 'text' },
        { key: 'issuedAt', label: 'Issued', kind: 'instant' },
        { key: 'expiresAt', label: 'Expires', kind: 'instant' },
        { key: 'ageDays', label: 'Age (days)', kind: 'days' },
      ],
      rows: list.map(
        (r): ReportRow => ({
          orderId: String(r.order_id),
          caseNumber: (r.case_number as string | null) ?? null,
          court: (r.court_ori as string | null) ?? null,
          agency: String(r.entering_ori),
          orderType: (r.order_type as string | null) ?? null,
          issuedAt: iso(r.issued_at),
          expiresAt: iso(r.expires_at),
          ageDays: num(r.age_days),
        }),
      ),
    },
  };
};
