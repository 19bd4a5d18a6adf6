import { type SqlDatabase } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';

/** What a webhook may carry: changes to orders, and DOJ's answers on them. */
export const WEBHOOK_TOPICS = ['order-changes', 'doj-outcomes'] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

export interface WebhookSubscription {
  readonly id: string;
  readonly agencyOri: string;
  readonly apiKeyId: string;
  readonly url: string;
  readonly topics: readonly WebhookTopic[];
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface FeedEntry {
  readonly seq: string;
  readonly agencyOri: string;
  readonly orderId: string;
  readonly version: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly topic: WebhookTopic;
  readonly recordedAt: string;
  readonly position: string;
}

interface SubscriptionRow extends Record<string, unknown> {
  id: string;
  agency_ori: string;
  api_key_id: string;
  url: string;
  topics: WebhookTopic[];
  active: boolean;
  created_at: Date | string;
  created_by: string;
}

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  agencyOri: r.agency_ori,
  apiKeyId: r.api_key_id,
  url: r.url,
  topics: r.topics,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
});

const SUB_COLUMNS = 'id, agency_ori, api_key_id, url, topics, active, created_at, created_by';

/** Webhook subscriptions and the per-agency change feed, in the log's database. */
export class IntegrationStore {
  private readonly q: (template: string) => string;

  constructor(
    readonly db: SqlDatabase,
    readonly schema: string,
  ) {
    this.q = schemaSql(schema);
  }

  async createSubscription(s: { id: string; agencyOri: string; apiKeyId: string; url: string; topics: readonly WebhookTopic[]; secretSealed: string; createdBy: string }): Promise<WebhookSubscription> {
    const r = await this.db.query<SubscriptionRow>(
      this.q(`INSERT INTO {{schema}}.webhook_subscriptions (id, agency_ori, api_key_id, url, topics, secret_sealed, created_by)
        VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING ${SUB_COLUMNS}`),
      [s.id, s.agencyOri, s.apiKeyId, s.url, s.topics, s.secretSealed, s.createdBy],
    );
    return toSubscription(r.rows[0] as SubscriptionRow);
  }

  async subscription(id: string): Promise<(WebhookSubscription & { readonly secretSealed: string }) | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const r = await this.db.query<SubscriptionRow & { secret_sealed: string }>(this.q(`SELECT ${SUB_COLUMNS}, secret_sealed FROM {{schema}}.webhook_subscriptions WHERE id = $1`), [id]);
    const row = r.rows[0];
    return row === undefined ? undefined : { ...toSubscription(row), secretSealed: row.secret_sealed };
  }

  async subscriptions(agencyOri: string | undefined): Promise<WebhookSubscription[]> {
    const r = await this.db.query<SubscriptionRow>(
      this.q(`SELECT ${SUB_COLUMNS} FROM {{schema}}.webhook_subscriptions WHERE ($1::text IS NULL OR agency_ori = $1) ORDER BY created_at, id`),
      [agencyOri ?? null],
    );
    return r.rows.map(toSubscription);
  }

  /** Stops a subscription; what it has not yet received is withheld when its turn comes. */
  async deactivate(id: string): Promise<boolean> {
    const r = await this.db.query(this.q('UPDATE {{schema}}.webhook_subscriptions SET active = false, deactivated_at = now() WHERE id = $1 AND active RETURNING id'), [id]);
    return r.rows.length > 0;
  }

  /** The agency's changes after a cursor, oldest first. */
  async feed(agencyOri: string, after: string | undefined, limit: number): Promise<FeedEntry[]> {
    const r = await this.db.query<{
      seq: string;
      agency_ori: string;
      order_id: string;
      stream_version: number;
      event_id: string;
      event_type: string;
      topic: WebhookTopic;
      recorded_at: Date | string;
      position: string;
    }>(
      this.q(`SELECT seq, agency_ori, order_id, stream_version, event_id, event_type, topic, recorded_at, position FROM {{schema}}.integration_feed
        WHERE agency_ori = $1 AND ($2::bigint IS NULL OR seq > $2) ORDER BY seq LIMIT $3`),
      [agencyOri, after ?? null, limit],
    );
    return r.rows.map((e) => ({
      seq: String(e.seq),
      agencyOri: e.agency_ori,
      orderId: e.order_id,
      version: Number(e.stream_version),
      eventId: e.event_id,
      eventType: e.event_type,
      topic: e.topic,
      recordedAt: new Date(e.recorded_at).toISOString(),
      position: e.position,
    }));
  }
}
