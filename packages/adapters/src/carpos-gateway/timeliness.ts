import { schemaSql } from './gateway-sql';
import { filterParams, filterSql, type CarposStore, type QueueFilter } from './queues';

/**
 * Timeliness of every DOJ transmission (ADR 0042; docs/law/doj-deadlines.md): each deadline the
 * domain started — issue, modification, renewal, termination, proof of service — is a row of
 * carpos_deadlines, met when DOJ acknowledged a message carrying it. The registry's own part is
 * measured too: when the first message carrying it went to CLETS.
 */

export interface OverdueOrder {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly issuedAt: string | null;
  /** When this deadline fell due (for the enter, the order's first DOJ deadline). */
  readonly dojDeadline: string;
  /** Which deadline of the order ('d1' …) and what it is for. */
  readonly deadlineId: string;
  readonly purpose: string;
  readonly transaction: string | null;
  readonly startedAt: string;
  /** When a message carrying it first went to CLETS; null: never sent. */
  readonly sentAt: string | null;
  /**
   * Why it is still open: the order's message is held for missing data, DOJ refused it and a
   * correction is awaited, the registry has not sent it yet, or DOJ has not answered.
   */
  readonly reason: 'awaiting-data' | 'rejected' | 'not-sent' | 'not-acknowledged';
}

const iso = (v: Date | string | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

const OPEN_DEADLINE = 'd.acknowledged_at IS NULL AND NOT d.withdrawn AND r.submitted AND NOT r.withdrawn';

/** Open DOJ deadlines of orders submitted through the registry that are past due, the longest overdue first. */
export const overdueOrders = async (store: CarposStore, now: Date = new Date(), filter: QueueFilter = {}): Promise<OverdueOrder[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{
    order_id: string;
    agency_ori: string | null;
    issued_at: Date | string | null;
    deadline_id: string;
    purpose: string;
    transaction: string | null;
    started_at: Date | string;
    due_at: Date | string;
    sent_at: Date | string | null;
    correction: boolean;
    awaiting: boolean;
  }>(
    q(`SELECT d.order_id, r.agency_ori, r.issued_at, d.deadline_id, d.purpose, d.transaction, d.started_at, d.due_at, d.sent_at, r.correction,
              EXISTS (SELECT 1 FROM {{schema}}.carpos_outbox o WHERE o.order_id = d.order_id AND d.deadline_id = ANY(o.deadline_ids) AND o.status = 'awaiting-data') AS awaiting
       FROM {{schema}}.carpos_deadlines d
       JOIN {{schema}}.carpos_orders r ON r.order_id = d.order_id
       LEFT JOIN {{schema}}.carpos_order_state s ON s.order_id = d.order_id
       WHERE ${OPEN_DEADLINE} AND d.due_at < $1 AND ${filterSql(2)}
       ORDER BY d.due_at, d.order_id, d.deadline_id LIMIT $4`),
    [now.toISOString(), ...filterParams(filter), filter.limit ?? 1_000],
  );
  return rows.rows.map((r) => ({
    orderId: r.order_id,
    agencyOri: r.agency_ori,
    issuedAt: iso(r.issued_at),
    dojDeadline: iso(r.due_at) ?? '',
    deadlineId: r.deadline_id,
    purpose: r.purpose,
    transaction: r.transaction,
    startedAt: iso(r.started_at) ?? '',
    sentAt: iso(r.sent_at),
    reason: r.awaiting ? 'awaiting-data' : r.correction ? 'rejected' : r.sent_at === null ? 'not-sent' : 'not-acknowledged',
  }));
};

/** The number of orders with an overdue DOJ deadline, for a gauge such as `ccpor_carpos_overdue_orders`. */
export const overdueGauge = async (store: CarposStore, now: Date = new Date()): Promise<number> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ n: string | number }>(
    q(`SELECT count(DISTINCT d.order_id) AS n FROM {{schema}}.carpos_deadlines d JOIN {{schema}}.carpos_orders r ON r.order_id = d.order_id
       WHERE ${OPEN_DEADLINE} AND d.due_at < $1`),
    [now.toISOString()],
  );
  return Number(rows.rows[0]?.n ?? 0);
};

/** The gauge in the Prometheus text format, ready to append to a /metrics response. */
export const overdueGaugeText = async (store: CarposStore, now: Date = new Date()): Promise<string> =>
  [
    '# HELP ccpor_carpos_overdue_orders Orders with a DOJ deadline (enter, modification, renewal, termination, proof of service) past due and not acknowledged.',
    '# TYPE ccpor_carpos_overdue_orders gauge',
    `ccpor_carpos_overdue_orders ${await overdueGauge(store, now)}`,
    '',
  ].join('\n');

/** Per agency and purpose: how many deadlines, and how many were sent to CLETS and acknowledged by DOJ in time. */
export interface TransmissionTimeliness {
  readonly agencyOri: string;
  readonly purpose: string;
  readonly deadlines: number;
  /** Sent to CLETS by the deadline / after it / not at all although it has passed. */
  readonly sentInTime: number;
  readonly sentLate: number;
  /** Acknowledged by DOJ by the deadline / after it. */
  readonly acknowledgedInTime: number;
  readonly acknowledgedLate: number;
  /** Not acknowledged and past due. */
  readonly overdue: number;
  /** From the starting event to the first send, and to DOJ's acknowledgement. */
  readonly toSentP50Ms: number;
  readonly toAcknowledgedP50Ms: number;
  readonly toAcknowledgedP95Ms: number;
}

export const transmissionTimeliness = async (store: CarposStore, options: { since?: Date; now?: Date } = {}): Promise<TransmissionTimeliness[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<Record<string, string | number | null>>(
    q(`SELECT r.agency_ori, d.purpose, count(*) AS n,
              count(*) FILTER (WHERE d.sent_at <= d.due_at) AS sent_in_time,
              count(*) FILTER (WHERE d.sent_at > d.due_at) AS sent_late,
              count(*) FILTER (WHERE d.acknowledged_at <= d.due_at) AS ack_in_time,
              count(*) FILTER (WHERE d.acknowledged_at > d.due_at) AS ack_late,
              count(*) FILTER (WHERE d.acknowledged_at IS NULL AND NOT d.withdrawn AND d.due_at < $2) AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.sent_at - d.started_at) * 1000) FILTER (WHERE d.sent_at IS NOT NULL) AS sent_p50,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.acknowledged_at - d.started_at) * 1000) FILTER (WHERE d.acknowledged_at IS NOT NULL) AS ack_p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM d.acknowledged_at - d.started_at) * 1000) FILTER (WHERE d.acknowledged_at IS NOT NULL) AS ack_p95
       FROM {{schema}}.carpos_deadlines d JOIN {{schema}}.carpos_orders r ON r.order_id = d.order_id
       WHERE r.submitted AND r.agency_ori IS NOT NULL AND NOT d.withdrawn AND ($1::timestamptz IS NULL OR d.started_at >= $1)
       GROUP BY r.agency_ori, d.purpose ORDER BY r.agency_ori, d.purpose`),
    [options.since?.toISOString() ?? null, (options.now ?? new Date()).toISOString()],
  );
  return rows.rows.map((r) => ({
    agencyOri: String(r.agency_ori),
    purpose: String(r.purpose),
    deadlines: Number(r.n),
    sentInTime: Number(r.sent_in_time),
    sentLate: Number(r.sent_late),
    acknowledgedInTime: Number(r.ack_in_time),
    acknowledgedLate: Number(r.ack_late),
    overdue: Number(r.overdue),
    toSentP50Ms: Math.round(Number(r.sent_p50 ?? 0)),
    toAcknowledgedP50Ms: Math.round(Number(r.ack_p50 ?? 0)),
    toAcknowledgedP95Ms: Math.round(Number(r.ack_p95 ?? 0)),
  }));
};

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
