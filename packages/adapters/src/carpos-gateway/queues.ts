import { type SqlDatabase } from '../sql/sql-database';
import { schemaSql } from './gateway-sql';
import { type MissingData } from './plan-event';

/** Where the gateway's tables are: the same database and schema it was started with. */
export interface CarposStore {
  readonly db: SqlDatabase;
  readonly schema: string;
}

export interface QueueFilter {
  /** Only orders this agency added to the registry, or submits to CARPOS for (a sheriff entering a court's orders). */
  readonly agencyOri?: string;
  /** False: leave sealed orders out (their existence is hidden from all but supervisors). Default true. */
  readonly includeSealed?: boolean;
  readonly limit?: number;
}

/**
 * The filter as SQL over `r` (carpos_orders) and `s` (carpos_order_state), with its parameters
 * numbered from `first`.
 */
export const filterSql = (first: number): string =>
  `($${first}::text IS NULL OR r.agency_ori = $${first} OR r.submitter_ori = $${first})
   AND ($${first + 1}::boolean OR NOT COALESCE((s.state->'details'->>'sealed')::boolean, false))`;

export const filterParams = (filter: QueueFilter): [string | null, boolean] => [filter.agencyOri ?? null, filter.includeSealed ?? true];

export interface OutboxEntry {
  readonly id: string;
  readonly messageId: string;
  readonly orderId: string;
  readonly agencyOri: string | null;
  /** The ORI the CARPOS record goes out under (the agency itself, or the sheriff entering for it). */
  readonly submitterOri: string | null;
  readonly transaction: string;
  /** ROS4 or ROS5 for a proof of service. */
  readonly screen: string | null;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly missing: readonly MissingData[] | null;
  readonly createdAt: string;
  readonly firstSentAt: string | null;
}

interface OutboxRowDb extends Record<string, unknown> {
  id: string;
  message_id: string;
  order_id: string;
  agency_ori: string | null;
  submitter_ori: string | null;
  transaction: string;
  screen: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  missing: MissingData[] | null;
  created_at: Date | string;
  first_sent_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

const toEntry = (r: OutboxRowDb): OutboxEntry => ({
  id: String(r.id),
  messageId: r.message_id,
  orderId: r.order_id,
  agencyOri: r.agency_ori,
  submitterOri: r.submitter_ori,
  transaction: r.transaction,
  screen: r.screen,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: r.last_error,
  missing: r.missing,
  createdAt: iso(r.created_at) ?? '',
  firstSentAt: iso(r.first_sent_at),
});

const DEFAULT_LIMIT = 500;

const OUTBOX_COLUMNS = `o.id, o.message_id, o.order_id, r.agency_ori, r.submitter_ori, o.transaction, o.screen, o.status, o.attempts, o.next_attempt_at,
              o.last_error, o.missing, o.created_at, o.first_sent_at`;

/** One outbox row by id (the operator's retry checks whose it is first). */
export const findOutboxEntry = async (store: CarposStore, id: string): Promise<OutboxEntry | undefined> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<OutboxRowDb>(
    q(`SELECT ${OUTBOX_COLUMNS} FROM {{schema}}.carpos_outbox o JOIN {{schema}}.carpos_orders r ON r.order_id = o.order_id WHERE o.id = $1`),
    [id],
  );
  const row = rows.rows[0];
  return row === undefined ? undefined : toEntry(row);
};

const outboxWhere = async (store: CarposStore, statuses: readonly string[], filter: QueueFilter): Promise<OutboxEntry[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<OutboxRowDb>(
    q(`SELECT o.id, o.message_id, o.order_id, r.agency_ori, r.submitter_ori, o.transaction, o.screen, o.status, o.attempts, o.next_attempt_at,
              o.last_error, o.missing, o.created_at, o.first_sent_at
       FROM {{schema}}.carpos_outbox o JOIN {{schema}}.carpos_orders r ON r.order_id = o.order_id
       LEFT JOIN {{schema}}.carpos_order_state s ON s.order_id = o.order_id
       WHERE o.status = ANY($1::text[]) AND ${filterSql(2)}
       ORDER BY o.id LIMIT $4`),
    [statuses, ...filterParams(filter), filter.limit ?? DEFAULT_LIMIT],
  );
  return rows.rows.map(toEntry);
};

/** Rows waiting to be sent, or sent and waiting for DOJ's answer. */
export const pendingQueue = (store: CarposStore, filter: QueueFilter = {}): Promise<OutboxEntry[]> => outboxWhere(store, ['pending', 'in-flight'], filter);

/** Rows held because the order lacks DOJ-required data, each with what is missing. */
export const awaitingDataQueue = (store: CarposStore, filter: QueueFilter = {}): Promise<OutboxEntry[]> => outboxWhere(store, ['awaiting-data'], filter);

/** Rows that failed `maxAttempts` times (or whose answer could not be applied); `retryDeadLetter` sends one again. */
export const deadLetterQueue = (store: CarposStore, filter: QueueFilter = {}): Promise<OutboxEntry[]> => outboxWhere(store, ['dead'], filter);

/** Puts a dead-lettered row back in the queue with a fresh attempt count; false if it was not dead. */
export const retryDeadLetter = async (store: CarposStore, id: string): Promise<boolean> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query(
    q("UPDATE {{schema}}.carpos_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = $1 AND status = 'dead' RETURNING id"),
    [id],
  );
  return rows.rows.length > 0;
};

export interface CorrectionEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly fcn: string | null;
  readonly rejectedMessageId: string;
  readonly transaction: string;
  readonly rejectedAt: string | null;
  /** The reject as DOJ sent it (ERC, ERF, ERM …). */
  readonly response: unknown;
}

/** The correction queue: orders whose last DOJ answer was a reject, until a modification is acknowledged. */
export const correctionQueue = async (store: CarposStore, filter: QueueFilter = {}): Promise<CorrectionEntry[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{
    order_id: string;
    agency_ori: string | null;
    fcn: string | null;
    message_id: string;
    transaction: string;
    answered_at: Date | string | null;
    response: unknown;
  }>(
    q(`SELECT r.order_id, r.agency_ori, r.fcn, o.message_id, o.transaction, o.answered_at, o.response
       FROM {{schema}}.carpos_orders r
       JOIN LATERAL (SELECT * FROM {{schema}}.carpos_outbox x WHERE x.order_id = r.order_id AND x.status = 'rejected' ORDER BY x.id DESC LIMIT 1) o ON true
       LEFT JOIN {{schema}}.carpos_order_state s ON s.order_id = r.order_id
       WHERE r.correction AND ${filterSql(1)}
       ORDER BY o.answered_at LIMIT $3`),
    [...filterParams(filter), filter.limit ?? DEFAULT_LIMIT],
  );
  return rows.rows.map((r) => ({
    orderId: r.order_id,
    agencyOri: r.agency_ori,
    fcn: r.fcn,
    rejectedMessageId: r.message_id,
    transaction: r.transaction,
    rejectedAt: iso(r.answered_at),
    response: r.response,
  }));
};

export interface ReviewEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly fcn: string | null;
  /** Message ids of DOJ answers not yet reviewed: the `messageId` a ReviewDojResponse names. */
  readonly messageIds: readonly string[];
}

/**
 * Acknowledgements and rejects a CLETS-certified user has yet to review, from the order state
 * the gateway keeps (it trails the log by the feeder's lag). The HTTP layer shows it only to
 * CLETS-certified users; the review itself is the domain's ReviewDojResponse command.
 */
export const reviewQueue = async (store: CarposStore, filter: QueueFilter = {}): Promise<ReviewEntry[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ order_id: string; agency_ori: string | null; fcn: string | null; pending: string[] }>(
    q(`SELECT s.order_id, r.agency_ori, r.fcn, s.state->'doj'->'awaitingReview' AS pending
       FROM {{schema}}.carpos_order_state s JOIN {{schema}}.carpos_orders r ON r.order_id = s.order_id
       WHERE jsonb_array_length(COALESCE(s.state->'doj'->'awaitingReview', '[]'::jsonb)) > 0 AND ${filterSql(1)}
       ORDER BY s.order_id LIMIT $3`),
    [...filterParams(filter), filter.limit ?? DEFAULT_LIMIT],
  );
  return rows.rows.map((r) => ({ orderId: r.order_id, agencyOri: r.agency_ori, fcn: r.fcn, messageIds: r.pending }));
};

export interface NotificationEntry {
  readonly id: string;
  readonly receivedAt: string;
  readonly agencyOri: string;
  readonly notificationType: string | null;
  readonly fcn: string | null;
  readonly nic: string | null;
  /** The registry order with that FCN, when the gateway knows it. */
  readonly orderId: string | null;
  readonly message: unknown;
}

/** Unsolicited DOJ notifications addressed to one agency, newest first. */
export const notificationsForAgency = async (store: CarposStore, agencyOri: string, limit = DEFAULT_LIMIT): Promise<NotificationEntry[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{
    id: string;
    received_at: Date | string;
    agency_ori: string;
    notification_type: string | null;
    fcn: string | null;
    nic: string | null;
    order_id: string | null;
    message: unknown;
  }>(
    q(`SELECT id, received_at, agency_ori, notification_type, fcn, nic, order_id, message
       FROM {{schema}}.carpos_notifications WHERE agency_ori = $1 ORDER BY id DESC LIMIT $2`),
    [agencyOri, limit],
  );
  return rows.rows.map((r) => ({
    id: String(r.id),
    receivedAt: iso(r.received_at) ?? '',
    agencyOri: r.agency_ori,
    notificationType: r.notification_type,
    fcn: r.fcn,
    nic: r.nic,
    orderId: r.order_id,
    message: r.message,
  }));
};

export interface NotSubmittedEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
}

/** Orders of agencies that do not submit through the registry: recorded, never sent. */
export const notSubmittedOrders = async (store: CarposStore, filter: QueueFilter = {}): Promise<NotSubmittedEntry[]> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ order_id: string; agency_ori: string | null }>(
    q(`SELECT r.order_id, r.agency_ori FROM {{schema}}.carpos_orders r LEFT JOIN {{schema}}.carpos_order_state s ON s.order_id = r.order_id
       WHERE r.submitted = false AND ${filterSql(1)} ORDER BY r.order_id LIMIT $3`),
    [...filterParams(filter), filter.limit ?? DEFAULT_LIMIT],
  );
  return rows.rows.map((r) => ({ orderId: r.order_id, agencyOri: r.agency_ori }));
};

export interface QueueCounts {
  readonly pending: number;
  readonly inFlight: number;
  readonly awaitingData: number;
  readonly dead: number;
  /** Orders in the correction queue. */
  readonly rejected: number;
}

/** How many rows each queue holds, for gauges; one statement. */
export const queueCounts = async (store: CarposStore): Promise<QueueCounts> => {
  const q = schemaSql(store.schema);
  const rows = await store.db.query<{ pending: string | number; in_flight: string | number; awaiting: string | number; dead: string | number; rejected: string | number }>(
    q(`SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'in-flight') AS in_flight,
              count(*) FILTER (WHERE status = 'awaiting-data') AS awaiting,
              count(*) FILTER (WHERE status = 'dead') AS dead,
              (SELECT count(*) FROM {{schema}}.carpos_orders WHERE correction) AS rejected
       FROM {{schema}}.carpos_outbox WHERE status IN ('pending', 'in-flight', 'awaiting-data', 'dead')`),
  );
  const r = rows.rows[0];
  return {
    pending: Number(r?.pending ?? 0),
    inFlight: Number(r?.in_flight ?? 0),
    awaitingData: Number(r?.awaiting ?? 0),
    dead: Number(r?.dead ?? 0),
    rejected: Number(r?.rejected ?? 0),
  };
};
