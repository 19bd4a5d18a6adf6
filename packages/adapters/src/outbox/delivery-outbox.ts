import { randomUUID } from 'node:crypto';
import { type SqlDatabase, type SqlSession } from '../sql/sql-database';
import { type BackoffPolicy } from '../clets-link/exponential-backoff';
import { schemaSql } from '../carpos-gateway/gateway-sql';

/** A message for one receiver, as a planner asks for it. */
export interface NewDelivery {
  /** Unique per channel: the same event planned twice (a batch read again) is written once. */
  readonly dedupeKey: string;
  /** Who receives it (a subscription id, a recipient key); never an address. */
  readonly target: string;
  /** Rows with the same key are delivered one after the other, in the order they were written. */
  readonly orderingKey: string;
  readonly agencyOri: string | null;
  readonly kind: string;
  /** What the sender needs to render the message; never secrets or personal addresses. */
  readonly payload: unknown;
}

export type DeliveryStatus = 'pending' | 'in-flight' | 'delivered' | 'dead' | 'withheld';

export interface Delivery {
  readonly id: string;
  readonly channel: string;
  readonly deliveryId: string;
  readonly target: string;
  readonly orderingKey: string;
  readonly agencyOri: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export interface RetrySettings {
  /** After this many failed attempts a row is dead-lettered. */
  readonly maxAttempts: number;
  /** Wait before attempt n+1: exponential from `initialMs` to `maxMs`, with jitter. */
  readonly backoff: BackoffPolicy;
  /** A claimed row not settled within this time (the process died) is claimed again. */
  readonly leaseMs: number;
}

export const defaultRetrySettings: RetrySettings = { maxAttempts: 10, backoff: { initialMs: 1_000, maxMs: 3_600_000 }, leaseMs: 60_000 };

interface Row extends Record<string, unknown> {
  id: string;
  channel: string;
  delivery_id: string;
  target: string;
  ordering_key: string;
  agency_ori: string | null;
  kind: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

const toDelivery = (r: Row): Delivery => ({
  id: String(r.id),
  channel: r.channel,
  deliveryId: r.delivery_id,
  target: r.target,
  orderingKey: r.ordering_key,
  agencyOri: r.agency_ori,
  kind: r.kind,
  payload: r.payload,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: iso(r.next_attempt_at) ?? '',
  lastError: r.last_error,
  createdAt: iso(r.created_at) ?? '',
  deliveredAt: iso(r.delivered_at),
});

const COLUMNS = 'id, channel, delivery_id, target, ordering_key, agency_ori, kind, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at';

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly agencyOri?: string;
  readonly target?: string;
  /** Rows after this id (paging, oldest first). */
  readonly after?: string;
  readonly limit?: number;
}

/** Open rows per state (delivered and withheld rows are counted by the worker as they close). */
export interface DeliveryCounts {
  readonly pending: number;
  readonly inFlight: number;
  readonly dead: number;
}

/**
 * One channel's outbox (ADR 0071): rows written by a feeder in the same transaction as its
 * checkpoint, claimed in order per ordering key (a row goes only when every earlier row of its key
 * is delivered or withheld), settled with a compare-and-set, retried with exponential backoff and
 * jitter, dead-lettered after `maxAttempts`, and put back by an operator. At least once: a row whose
 * claim outlived its lease (the process died mid-send) is sent again under the same delivery id.
 */
export class DeliveryOutbox {
  private readonly q: (template: string) => string;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    readonly channel: string,
    readonly settings: RetrySettings = defaultRetrySettings,
  ) {
    this.q = schemaSql(schema);
  }

  /** Writes rows inside the caller's transaction; rows already there (same dedupe key) are left alone. */
  async enqueue(tx: SqlSession, rows: readonly NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      this.q(`INSERT INTO {{schema}}.delivery_outbox (channel, delivery_id, dedupe_key, target, ordering_key, agency_ori, kind, payload)
        SELECT $1, delivery_id, dedupe_key, target, ordering_key, agency_ori, kind, payload
        FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (delivery_id uuid, dedupe_key text, target text, ordering_key text, agency_ori text, kind text, payload jsonb))
          WITH ORDINALITY AS x(delivery_id, dedupe_key, target, ordering_key, agency_ori, kind, payload, n)
        ORDER BY n
        ON CONFLICT (channel, dedupe_key) DO NOTHING`),
      [
        this.channel,
        JSON.stringify(
          rows.map((r) => ({ delivery_id: randomUUID(), dedupe_key: r.dedupeKey, target: r.target, ordering_key: r.orderingKey, agency_ori: r.agencyOri, kind: r.kind, payload: r.payload })),
        ),
      ],
    );
  }

  /**
   * Claims up to `limit` rows that may go now: pending and due, or in flight past their lease, and
   * first among the open rows of their ordering key. Each claim counts as an attempt.
   */
  async claim(limit: number): Promise<Delivery[]> {
    const rows = await this.db.query<Row>(
      this.q(`WITH ready AS (
          SELECT o.id FROM {{schema}}.delivery_outbox o
          WHERE o.channel = $1
            AND ((o.status = 'pending' AND o.next_attempt_at <= now()) OR (o.status = 'in-flight' AND o.lease_until < now()))
            AND NOT EXISTS (
              SELECT 1 FROM {{schema}}.delivery_outbox p
              WHERE p.channel = o.channel AND p.ordering_key = o.ordering_key AND p.id < o.id AND p.status IN ('pending', 'in-flight', 'dead'))
          ORDER BY o.id
          LIMIT $2
          FOR UPDATE OF o SKIP LOCKED)
        UPDATE {{schema}}.delivery_outbox o
        SET status = 'in-flight', attempts = o.attempts + 1, lease_until = now() + $3 * interval '1 millisecond'
        FROM ready WHERE o.id = ready.id
        RETURNING o.${COLUMNS.split(', ').join(', o.')}`),
      [this.channel, limit, this.settings.leaseMs],
    );
    return rows.rows.map(toDelivery).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** The receiver has it. False when the row was no longer in flight (its lease ran out and another claim took it). */
  async delivered(id: string): Promise<boolean> {
    const r = await this.db.query(
      this.q("UPDATE {{schema}}.delivery_outbox SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1 AND status = 'in-flight' RETURNING id"),
      [id],
    );
    return r.rows.length > 0;
  }

  /** This attempt failed: retried after the backoff, or dead-lettered after the last attempt. */
  async failed(id: string, error: string): Promise<DeliveryStatus | undefined> {
    const { maxAttempts, backoff } = this.settings;
    const r = await this.db.query<{ status: DeliveryStatus }>(
      this.q(`UPDATE {{schema}}.delivery_outbox
        SET status = CASE WHEN attempts >= $2 THEN 'dead' ELSE 'pending' END,
            next_attempt_at = now() + (least($4::float8, $3::float8 * power(2, attempts - 1)) * (0.5 + random() / 2)) * interval '1 millisecond',
            lease_until = NULL,
            last_error = $5
        WHERE id = $1 AND status = 'in-flight' RETURNING status`),
      [id, maxAttempts, backoff.initialMs, backoff.maxMs, error.slice(0, 500)],
    );
    return r.rows[0]?.status;
  }

  /** Not sent, and never will be: the receiver may no longer see it (a closed row; later rows go on). */
  async withheld(id: string, reason: string): Promise<boolean> {
    const r = await this.db.query(
      this.q("UPDATE {{schema}}.delivery_outbox SET status = 'withheld', lease_until = NULL, last_error = $2 WHERE id = $1 AND status = 'in-flight' RETURNING id"),
      [id, reason.slice(0, 500)],
    );
    return r.rows.length > 0;
  }

  /** An operator's retry: a dead-lettered row goes again with a fresh attempt count. False if it was not dead. */
  async retry(id: string): Promise<boolean> {
    const r = await this.db.query(
      this.q("UPDATE {{schema}}.delivery_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = $1 AND channel = $2 AND status = 'dead' RETURNING id"),
      [id, this.channel],
    );
    return r.rows.length > 0;
  }

  async find(id: string): Promise<Delivery | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const r = await this.db.query<Row>(this.q(`SELECT ${COLUMNS} FROM {{schema}}.delivery_outbox WHERE id = $1 AND channel = $2`), [id, this.channel]);
    const row = r.rows[0];
    return row === undefined ? undefined : toDelivery(row);
  }

  /** The delivery log, oldest first. */
  async list(filter: DeliveryFilter = {}): Promise<Delivery[]> {
    const r = await this.db.query<Row>(
      this.q(`SELECT ${COLUMNS} FROM {{schema}}.delivery_outbox
        WHERE channel = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR agency_ori = $3)
          AND ($4::text IS NULL OR target = $4) AND ($5::bigint IS NULL OR id > $5)
        ORDER BY id LIMIT $6`),
      [this.channel, filter.status ?? null, filter.agencyOri ?? null, filter.target ?? null, filter.after ?? null, filter.limit ?? 500],
    );
    return r.rows.map(toDelivery);
  }

  async counts(): Promise<DeliveryCounts> {
    const r = await this.db.query<Record<string, string | number>>(
      this.q(`SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'in-flight') AS in_flight,
                     count(*) FILTER (WHERE status = 'dead') AS dead
              FROM {{schema}}.delivery_outbox WHERE channel = $1 AND status IN ('pending', 'in-flight', 'dead')`),
      [this.channel],
    );
    const c = r.rows[0] ?? {};
    return { pending: Number(c.pending ?? 0), inFlight: Number(c.in_flight ?? 0), dead: Number(c.dead ?? 0) };
  }
}
