import { and, iso, num, Params, rowFilters, run, type ReportFilter, type ReportRow, type ReportSource, type ReportTable } from './report-filter';

export interface ExpiringReport {
  readonly byCourt: ReportTable;
  readonly orders: ReportTable;
}

const DAY_MS = 86_400_000;

/**
 * Orders in force that expire in the next 30, 60 and 90 days (the renewal window: a renewal is
 * asked for before the order expires, Fam. Code 6345), per court, from the expires_at index.
 * The date range does not apply: the window is counted from `now`.
 */
export const expiringReport = async (src: ReportSource, f: ReportFilter): Promise<ExpiringReport> => {
  const windowed = (p: Params) => {
    const at = (days: number): string => p.add(new Date(Date.parse(f.now) + days * DAY_MS).toISOString(), 'timestamptz');
    const d90 = at(90);
    return { d90, where: and(["s.status IN ('active', 'served')", `s.expires_at > ${p.add(f.now, 'timestamptz')}`, `s.expires_at <= ${d90}`, ...rowFilters(f, p)]) };
  };
  const p = new Params();
  const { d90, where } = windowed(p);
  const d30 = p.add(new Date(Date.parse(f.now) + 30 * DAY_MS).toISOString(), 'timestamptz');
  const d60 = p.add(new Date(Date.parse(f.now) + 60 * DAY_MS).toISOString(), 'timestamptz');
  const rows = await run<Record<string, unknown>>(
    src,
    `SELECT coalesce(s.court_ori, '') AS court,
            count(*) FILTER (WHERE s.expires_at <= ${d30}) AS within30,
            count(*) FILTER (WHERE s.expires_at <= ${d60}) AS within60,
            count(*) FILTER (WHERE s.expires_at <= ${d90}) AS within90
     FROM {{schema}}.order_search s WHERE ${where} GROUP BY 1 ORDER BY 1`,
    p,
  );
  const q = new Params();
  const listed = windowed(q);
  const list = await run<Record<string, unknown>>(
    src,
    `SELECT s.order_id::text AS order_id, s.case_number, s.court_ori, s.order_type, s.status, s.expires_at
     FROM {{schema}}.order_search s WHERE ${listed.where} ORDER BY s.expires_at, s.order_id LIMIT ${q.add(f.listLimit ?? 500, 'int')}`,
    q,
  );
  return {
    byCourt: {
      title: 'Orders expiring in the next 30, 60 and 90 days',
      columns: [
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'within30', label: 'Within 30 days', kind: 'count' },
        { key: 'within60', label: 'Within 60 days', kind: 'count' },
        { key: 'within90', label: 'Within 90 days', kind: 'count' },
      ],
      rows: rows.map((r) => ({ court: String(r.court) || 'unknown', within30: num(r.within30), within60: num(r.within60), within90: num(r.within90) })),
    },
    orders: {
      title: 'Orders expiring, the soonest first',
      columns: [
        { key: 'orderId', label: 'Order', kind: 'text' },
        { key: 'caseNumber', label: 'Case number', kind: 'text' },
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'orderType', label: 'Order type', kind: 'text' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'expiresAt', label: 'Expires', kind: 'instant' },
      ],
      rows: list.map(
        (r): ReportRow => ({
          orderId: String(r.order_id),
          caseNumber: (r.case_number as string | null) ?? null,
          court: (r.court_ori as string | null) ?? null,
          orderType: (r.order_type as string | null) ?? null,
          status: String(r.status),
          expiresAt: iso(r.expires_at),
        }),
      ),
    },
  };
};
