import { type Layout, type Message, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { type CletsLink } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { type SqlDatabase } from '../sql/sql-database';
import { type BackoffPolicy } from '../clets-link/exponential-backoff';
import { schemaSql } from './gateway-sql';
import { withRecordNumbers } from './order-message';

export interface DispatchSettings {
  /** Rows sent and not yet answered, across all orders. Default 128. */
  readonly maxInFlight: number;
  /** A row unanswered this long is sent again (same message id). Default 10,000 ms. */
  readonly responseTimeoutMs: number;
  /** After this many attempts without an answer the row is dead-lettered. Default 8. */
  readonly maxAttempts: number;
  /** Wait before attempt n+1 (exponential, with jitter). Default 1 s doubling to 5 min. */
  readonly retry: BackoffPolicy;
}

export const defaultDispatchSettings: DispatchSettings = {
  maxInFlight: 128,
  responseTimeoutMs: 10_000,
  maxAttempts: 8,
  retry: { initialMs: 1_000, maxMs: 300_000 },
};

type ClaimedRow = {
  readonly id: string;
  readonly message_id: string;
  readonly transaction: string;
  readonly message: Message;
  readonly fcn: string | null;
  readonly nic: string | null;
};

/**
 * Sends what the outbox holds, in order per order: a row goes only when no earlier row of its
 * order is still open, and anything but an enter only once DOJ has numbered the record. Every
 * state change is a row update, so a restarted dispatcher simply carries on from the table:
 * rows caught in flight by a crash time out and go again under the same message id.
 */
export class Dispatcher {
  private readonly q: (template: string) => string;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    private readonly link: CletsLink,
    private readonly codec: ProtocolCodec,
    private readonly layout: Layout,
    readonly settings: DispatchSettings,
  ) {
    this.q = schemaSql(schema);
  }

  /** Expires unanswered rows, then sends as many ready rows as the window allows; resolves to how many were sent. */
  async step(): Promise<number> {
    await this.expireUnanswered();
    if (!this.link.connected) return 0;
    const inFlight = await this.db.query<{ n: string }>(this.q("SELECT count(*) AS n FROM {{schema}}.carpos_outbox WHERE status = 'in-flight'"));
    const room = this.settings.maxInFlight - Number(inFlight.rows[0]?.n ?? 0);
    if (room <= 0) return 0;
    const claimed = await this.claim(room);
    await Promise.all(claimed.map((row) => this.sendRow(row)));
    return claimed.length;
  }

  /**
   * After the link dropped, nothing in flight will be answered on it: send those rows again soon.
   * (Row locks are always taken in id order, skipping rows an answer is closing right now.)
   */
  async requeueInFlight(): Promise<number> {
    const rows = await this.db.query(
      this.q(`UPDATE {{schema}}.carpos_outbox
        SET status = CASE WHEN attempts >= $1 THEN 'dead' ELSE 'pending' END,
            next_attempt_at = now() + (random() * 50) * interval '1 millisecond',
            last_error = 'the link dropped before an answer came'
        WHERE id IN (SELECT id FROM {{schema}}.carpos_outbox WHERE status = 'in-flight' ORDER BY id FOR UPDATE SKIP LOCKED)
        RETURNING id`),
      [this.settings.maxAttempts],
    );
    return rows.rows.length;
  }

  private async expireUnanswered(): Promise<void> {
    const { maxAttempts, responseTimeoutMs, retry } = this.settings;
    await this.db.query(
      this.q(`UPDATE {{schema}}.carpos_outbox
        SET status = CASE WHEN attempts >= $1 THEN 'dead' ELSE 'pending' END,
            next_attempt_at = now() + (least($3::float8, $2::float8 * power(2, attempts - 1)) * (0.5 + random() / 2)) * interval '1 millisecond',
            last_error = $4
        WHERE id IN (SELECT id FROM {{schema}}.carpos_outbox WHERE status = 'in-flight' AND response_due_at < now() ORDER BY id FOR UPDATE SKIP LOCKED)
          AND status = 'in-flight'`),
      [maxAttempts, retry.initialMs, retry.maxMs, `no answer within ${responseTimeoutMs} ms`],
    );
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const rows = await this.db.query<ClaimedRow>(
      this.q(`WITH ready AS (
          SELECT o.id FROM {{schema}}.carpos_outbox o
          JOIN {{schema}}.carpos_orders r ON r.order_id = o.order_id
          WHERE o.status = 'pending' AND o.next_attempt_at <= now()
            AND (o.transaction = 'enter' OR r.fcn IS NOT NULL)
            AND NOT EXISTS (
              SELECT 1 FROM {{schema}}.carpos_outbox p
              WHERE p.order_id = o.order_id AND p.id < o.id
                AND (p.status IN ('awaiting-data', 'in-flight', 'dead')
                     OR (p.status = 'pending' AND (p.transaction = 'enter' OR r.fcn IS NOT NULL))))
          ORDER BY o.id
          LIMIT $1
          FOR UPDATE OF o SKIP LOCKED),
        claimed AS (
          UPDATE {{schema}}.carpos_outbox o
          SET status = 'in-flight',
              attempts = o.attempts + 1,
              sends = o.sends + 1,
              first_sent_at = COALESCE(o.first_sent_at, now()),
              last_sent_at = now(),
              response_due_at = now() + $2 * interval '1 millisecond'
          FROM ready, {{schema}}.carpos_orders r
          WHERE o.id = ready.id AND r.order_id = o.order_id
          RETURNING o.id, o.message_id, o.transaction, o.message, r.fcn, r.nic, o.order_id, o.deadline_ids),
        -- The first time a message carrying a DOJ deadline goes to CLETS is when the registry sent it (ADR 0042).
        sent AS (
          UPDATE {{schema}}.carpos_deadlines d SET sent_at = now()
          FROM claimed c WHERE d.order_id = c.order_id AND d.deadline_id = ANY(c.deadline_ids) AND d.sent_at IS NULL
          RETURNING 1)
        SELECT id, message_id, transaction, message, fcn, nic FROM claimed`),
      [limit, this.settings.responseTimeoutMs],
    );
    return [...rows.rows].sort((a, b) => Number(a.id) - Number(b.id));
  }

  private async sendRow(row: ClaimedRow): Promise<void> {
    const message = row.transaction === 'enter' || row.fcn === null ? row.message : withRecordNumbers(row.message, row.fcn, row.nic ?? undefined);
    const text = this.codec.encode(message, { layout: this.layout });
    if (E.isLeft(text)) {
      // Checked when the row was written, so this is a defect, not bad data: an operator must look.
      await this.db.query(this.q("UPDATE {{schema}}.carpos_outbox SET status = 'dead', last_error = $2 WHERE id = $1"), [
        row.id,
        `does not encode: ${text.left.map((e) => e.message).join('; ')}`,
      ]);
      return;
    }
    try {
      await this.link.send(row.message_id, text.right);
    } catch (error) {
      // Not sent (or not known to be): give the attempt back and try again shortly.
      await this.db.query(
        this.q(`UPDATE {{schema}}.carpos_outbox
          SET status = 'pending', attempts = greatest(attempts - 1, 0), sends = greatest(sends - 1, 0), next_attempt_at = now() + interval '100 milliseconds', last_error = $2
          WHERE id = $1 AND status = 'in-flight'`),
        [row.id, error instanceof Error ? error.message : String(error)],
      );
    }
  }
}
