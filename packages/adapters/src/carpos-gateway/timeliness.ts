import { schemaSql } from './gateway-sql';
import { filterParams, filterSql, type CarposStore, type QueueFilter } from './queues';

/**
 * Timeliness against Fam. Code 6380's one business day (domain-brief §6): the deadline comes
 * with OrderAdded (`dojDeadline`, computed by the domain on the court calendar); an order is
 * in time when DOJ acknowledged its enter by then.
 */

export interface OverdueOrder {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly issuedAt: string | null;
  readonly dojDeadline: string;
  /** Whether the enter is held for missing data, in the correction queue, or simply not answered yet. */
  readonly reason: 'awaiting-data' | 'rejected' | 'not-acknowledged';
}

const iso = (v: Date | string | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** Orders submitted through the registry whose enter DOJ has not acknowledged by the deadline. */
export const overdueOrders = async (store: CarposStore, now: Date = new Date(), filter: QueueFilter = {}): Promise<OverdueOrder[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{
    order_id: string;
    agency_ori: string | null;
    issued_at: Date | string | null;
    doj_deadline: Date | string;
    correction: boolean;
    awaiting: boolean;
  }>(
    q(`SELECT r.order_id, r.agency_ori, r.issued_at, r.doj_deadline, r.correction,
              EXISTS (SELECT 1 FROM {{schema}}.carpos_outbox o WHERE o.order_id = r.order_id AND o.transaction = 'enter' AND o.status = 'awaiting-data') AS awaiting
       FROM {{schema}}.carpos_orders r LEFT JOIN {{schema}}.carpos_order_state s ON s.order_id = r.order_id
       WHERE r.submitted AND NOT r.entered AND NOT r.withdrawn AND r.doj_deadline < $1 AND ${filterSql(2)}
       ORDER BY r.doj_deadline LIMIT $4`),
    [now.toISOString(), ...filterParams(filter), filter.limit ?? 1_000],
  );
  return rows.rows.map((r) => ({
    orderId: r.order_id,
    agencyOri: r.agency_ori,
    issuedAt: iso(r.issued_at),
    dojDeadline: iso(r.doj_deadline) ?? '',
    reason: r.awaiting ? 'awaiting-data' : r.correction ? 'rejected' : 'not-acknowledged',
  }));
};

/** The number of overdue orders, for a gauge such as `ccpor_carpos_overdue_orders`. */
export const overdueGauge = async (store: CarposStore, now: Date = new Date()): Promise<number> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ n: string | number }>(
    q('SELECT count(*) AS n FROM {{schema}}.carpos_orders WHERE submitted AND NOT entered AND NOT withdrawn AND doj_deadline < $1'),
    [now.toISOString()],
  );
  return Number(rows.rows[0]?.n ?? 0);
};

/** The gauge in the Prometheus text format, ready to append to a /metrics response. */
export const overdueGaugeText = async (store: CarposStore, now: Date = new Date()): Promise<string> =>
  [
    '# HELP ccpor_carpos_overdue_orders Orders whose CARPOS entry is past its one-business-day deadline and not acknowledged.',
    '# TYPE ccpor_carpos_overdue_orders gauge',
    `ccpor_carpos_overdue_orders ${await overdueGauge(store, now)}`,
    '',
  ].join('\n');

export interface SubmissionLatency {
  readonly agencyOri: string;
  /** Orders whose enter DOJ acknowledged in the period. */
  readonly count: number;
  /** From issue to DOJ's acknowledgement, the span the law measures. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Acknowledged after the deadline. */
  readonly late: number;
  /** Not acknowledged and already past the deadline. */
  readonly overdue: number;
}

/** Per agency: how long orders took from issue to DOJ acknowledgement, and how many missed the day. */
export const submissionLatencyByAgency = async (store: CarposStore, options: { since?: Date; now?: Date } = {}): Promise<SubmissionLatency[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ agency_ori: string; n: string | number; p50: number | null; p95: number | null; late: string | number; overdue: string | number }>(
    q(`SELECT agency_ori,
              count(*) FILTER (WHERE entered) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM entered_at - issued_at) * 1000) FILTER (WHERE entered) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM entered_at - issued_at) * 1000) FILTER (WHERE entered) AS p95,
              count(*) FILTER (WHERE entered AND entered_at > doj_deadline) AS late,
              count(*) FILTER (WHERE NOT entered AND NOT withdrawn AND doj_deadline < $2) AS overdue
       FROM {{schema}}.carpos_orders
       WHERE submitted AND agency_ori IS NOT NULL AND ($1::timestamptz IS NULL OR issued_at >= $1)
       GROUP BY agency_ori ORDER BY agency_ori`),
    [options.since?.toISOString() ?? null, (options.now ?? new Date()).toISOString()],
  );
  return rows.rows.map((r) => ({
    agencyOri: r.agency_ori,
    count: Number(r.n),
    p50Ms: Math.round(Number(r.p50 ?? 0)),
    p95Ms: Math.round(Number(r.p95 ?? 0)),
    late: Number(r.late),
    overdue: Number(r.overdue),
  }));
};
