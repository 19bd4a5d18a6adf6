import { and, iso, issuedInRange, minutes, num, Params, rowFilters, run, share, type ReportFilter, type ReportRow, type ReportSource, type ReportTable } from './report-filter';

export interface TimelinessReport {
  /** Per court: orders, how many reached DOJ within one business day of issue, and how fast. */
  readonly byCourt: ReportTable;
  /** Acknowledged after the deadline. */
  readonly late: ReportTable;
  /** Not acknowledged and past the deadline. */
  readonly overdue: ReportTable;
}

/**
 * DOJ timeliness (Fam. Code 6380(a); docs/law/doj-deadlines.md). The deadline is the one the domain
 * put on OrderAdded — one business day of issue on the issuing court's calendar (holidays,
 * closures; ADR 0042, 0043) — so no deadline is computed here. Acknowledgement is DOJ's first
 * answer to the enter, from the order's own history; transmission is when the CARPOS gateway first
 * sent the enter to CLETS (its `carpos_deadlines`, the table /carpos/timeliness reads), present
 * only when the gateway keeps its tables beside the views. An order counts once its deadline has
 * passed or it was acknowledged (an order issued an hour ago is neither in time nor late yet).
 */
/** The i-th value of a float array PostgreSQL returns (an array, or its text form from PGlite). */
const at = (v: unknown, i: number): unknown => {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.replace(/[{}]/g, '').split(',') : [];
  const x = list[i];
  return x === undefined || x === null || x === 'NULL' ? null : Number(x);
};

export const timelinessReport = async (src: ReportSource, f: ReportFilter): Promise<TimelinessReport> => {
  const p = new Params();
  const now = p.add(f.now, 'timestamptz');
  const where = and([
    's.doj_deadline IS NOT NULL',
    "s.status IN ('active', 'served', 'canceled')",
    's.issued_at IS NOT NULL',
    ...issuedInRange(f, p, 's.issued_at'),
    ...rowFilters(f, p),
  ]);
  // Transmission is the gateway's, one row per order to join: for a court, a county or an agency's
  // own report (the statewide figure per agency is /carpos/timeliness), so the report stays an index read.
  const sent = src.carposSchema !== undefined && (f.courts?.length || f.counties?.length || f.agencyOri !== undefined) ? true : false;
  const join = sent ? `LEFT JOIN "${src.carposSchema}".carpos_deadlines d ON d.order_id = s.order_id::text AND d.deadline_id = 'd1'` : '';
  const sentAt = sent ? 'd.sent_at' : 'NULL::timestamptz';
  const due = `(s.doj_deadline <= ${now} OR s.doj_acknowledged_at IS NOT NULL)`;
  const sql = `
    SELECT coalesce(s.court_ori, '') AS court, count(*) AS orders,
           count(*) FILTER (WHERE ${due}) AS due,
           count(*) FILTER (WHERE s.doj_acknowledged_at <= s.doj_deadline) AS ack_in_time,
           count(*) FILTER (WHERE s.doj_acknowledged_at > s.doj_deadline) AS ack_late,
           count(*) FILTER (WHERE s.doj_acknowledged_at IS NULL AND s.doj_deadline <= ${now}) AS overdue,
           count(*) FILTER (WHERE ${sentAt} IS NOT NULL OR s.doj_deadline <= ${now}) AS sent_due,
           count(*) FILTER (WHERE ${sentAt} <= s.doj_deadline) AS sent_in_time,
           ${sent ? `percentile_disc(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM ${sentAt} - s.issued_at))` : 'NULL::float8[]'} AS sent_p,
           percentile_disc(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM s.doj_acknowledged_at - s.issued_at)) AS ack_p
    FROM {{schema}}.order_search s ${join}
    WHERE ${where}
    GROUP BY 1 ORDER BY 1`;
  const rows = await run<Record<string, unknown>>(src, sql, p);
  const byCourt: ReportRow[] = rows.map((r) => ({
    court: String(r.court) || 'unknown',
    orders: num(r.orders),
    due: num(r.due),
    acknowledgedInTime: num(r.ack_in_time),
    acknowledgedLate: num(r.ack_late),
    overdue: num(r.overdue),
    shareAcknowledgedInTime: share(num(r.ack_in_time), num(r.due)),
    ...(sent ? { shareSentInTime: share(num(r.sent_in_time), num(r.sent_due)), sentMedianMinutes: minutes(at(r.sent_p, 0)), sentP95Minutes: minutes(at(r.sent_p, 1)) } : {}),
    acknowledgedMedianMinutes: minutes(at(r.ack_p, 0)),
    acknowledgedP95Minutes: minutes(at(r.ack_p, 1)),
  }));

  const list = async (condition: string, order: string): Promise<ReportRow[]> => {
    const q = new Params();
    const w = and([
      's.doj_deadline IS NOT NULL',
      ...issuedInRange(f, q, 's.issued_at'),
      ...rowFilters(f, q),
      condition.includes('$NOW') ? condition.replaceAll('$NOW', q.add(f.now, 'timestamptz')) : condition,
    ]);
    const found = await run<Record<string, unknown>>(
      src,
      `SELECT s.order_id::text AS order_id, s.case_number, s.court_ori, s.order_type, s.issued_at, s.doj_deadline, s.doj_acknowledged_at, ${sentAt} AS sent_at, s.sealed, s.entering_ori
       FROM {{schema}}.order_search s ${join} WHERE ${w} ORDER BY ${order}, s.order_id LIMIT ${q.add(f.listLimit ?? 500, 'int')}`,
      q,
    );
    return found.map((r) => ({
      orderId: String(r.order_id),
      caseNumber: (r.case_number as string | null) ?? null,
      court: (r.court_ori as string | null) ?? null,
      orderType: (r.order_type as string | null) ?? null,
      issuedAt: iso(r.issued_at),
      dojDeadline: iso(r.doj_deadline),
      ...(sent ? { sentAt: iso(r.sent_at) } : {}),
      acknowledgedAt: iso(r.doj_acknowledged_at),
      enteringAgencyOri: String(r.entering_ori),
      sealed: r.sealed === true ? 'yes' : 'no',
    }));
  };
  const listColumns: ReportTable['columns'] = [
    { key: 'orderId', label: 'Order', kind: 'text' },
    { key: 'caseNumber', label: 'Case number', kind: 'text' },
    { key: 'court', label: 'Court', kind: 'text' },
    { key: 'orderType', label: 'Order type', kind: 'text' },
    { key: 'issuedAt', label: 'Issued', kind: 'instant' },
    { key: 'dojDeadline', label: 'DOJ deadline', kind: 'instant' },
    ...(sent ? [{ key: 'sentAt', label: 'Sent to CLETS', kind: 'instant' as const }] : []),
    { key: 'acknowledgedAt', label: 'Acknowledged by DOJ', kind: 'instant' },
  ];
  return {
    byCourt: {
      title: 'DOJ timeliness by court (Fam. Code 6380: one business day of issue)',
      columns: [
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'orders', label: 'Orders issued', kind: 'count' },
        { key: 'due', label: 'Due by now', kind: 'count' },
        { key: 'acknowledgedInTime', label: 'Acknowledged in time', kind: 'count' },
        { key: 'acknowledgedLate', label: 'Acknowledged late', kind: 'count' },
        { key: 'overdue', label: 'Overdue', kind: 'count' },
        { key: 'shareAcknowledgedInTime', label: 'Share acknowledged in time', kind: 'share' },
        ...(sent
          ? [
              { key: 'shareSentInTime', label: 'Share sent in time', kind: 'share' as const },
              { key: 'sentMedianMinutes', label: 'Issue to sent, median (min)', kind: 'minutes' as const },
              { key: 'sentP95Minutes', label: 'Issue to sent, 95th pct (min)', kind: 'minutes' as const },
            ]
          : []),
        { key: 'acknowledgedMedianMinutes', label: 'Issue to acknowledged, median (min)', kind: 'minutes' },
        { key: 'acknowledgedP95Minutes', label: 'Issue to acknowledged, 95th pct (min)', kind: 'minutes' },
      ],
      rows: byCourt,
    },
    late: { title: 'Acknowledged after the deadline', columns: listColumns, rows: await list('s.doj_acknowledged_at > s.doj_deadline', 's.issued_at') },
    overdue: {
      title: 'Overdue: not acknowledged, deadline passed',
      columns: listColumns,
      rows: await list("s.doj_acknowledged_at IS NULL AND s.doj_deadline <= $NOW AND s.status IN ('active', 'served', 'canceled')", 's.doj_deadline'),
    },
  };
};
