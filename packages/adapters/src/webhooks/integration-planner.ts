import * as E from 'fp-ts/Either';
import { evolve, initialState, ORDER_STREAM_PREFIX, OrderEvent, type OrderState, type RecordedEvent } from '@ccpor/domain';
import { type SqlSession } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type DeliveryOutbox, type NewDelivery } from '../outbox/delivery-outbox';
import { type BatchPlanner } from '../outbox/log-feeder';
import { type WebhookTopic } from './integration-store';

/** DOJ's answers on an order: the `doj-outcomes` topic. Every other order event is an `order-changes`. */
const DOJ_OUTCOMES = new Set(['DojAcknowledgementRecorded', 'DojRejectionRecorded']);
export const topicOf = (eventType: string): WebhookTopic => (DOJ_OUTCOMES.has(eventType) ? 'doj-outcomes' : 'order-changes');

/** What a webhook row carries: the event's coordinates; the body is rendered when it is sent. */
export interface WebhookPayload {
  readonly orderId: string;
  readonly version: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly topic: WebhookTopic;
  readonly recordedAt: string;
  readonly position: string;
}

/** The agencies an order belongs to: the one that entered it and those it is assigned to. */
export const agenciesOf = (s: OrderState): string[] => {
  if (s.status === 'none') return [];
  const assigned = s.status === 'discarded' ? [] : (s.details.assignedAgencies ?? []);
  return [...new Set([s.enteringAgencyOri, ...assigned])];
};

/**
 * Plans a batch of log events for the integrations (ADR 0072): folds each order's state, writes
 * one feed entry per agency the order belongs to after the event, and one webhook row per active
 * subscription of those agencies that takes the event's topic. Whether the receiver may see what
 * it is sent is decided again when it is sent (the policy then, with the key as it is then).
 */
export const integrationPlanner = (schema: string, webhooks: DeliveryOutbox): BatchPlanner => {
  const q = schemaSql(schema);
  return async (tx: SqlSession, events: readonly RecordedEvent[]) => {
    const orderEvents = events.filter((e) => e.streamId.startsWith(ORDER_STREAM_PREFIX));
    if (orderEvents.length === 0) return;
    const ids = [...new Set(orderEvents.map((e) => e.streamId.slice(ORDER_STREAM_PREFIX.length)))];
    const loaded = await tx.query<{ order_id: string; state: OrderState; state_version: number }>(
      q('SELECT order_id, state, state_version FROM {{schema}}.integration_order_state WHERE order_id = ANY($1::text[])'),
      [ids],
    );
    const orders = new Map(loaded.rows.map((r) => [r.order_id, { state: r.state, version: Number(r.state_version), dirty: false }]));
    const subs = await tx.query<{ id: string; agency_ori: string; topics: WebhookTopic[] }>(q('SELECT id, agency_ori, topics FROM {{schema}}.webhook_subscriptions WHERE active'));
    const subsByAgency = new Map<string, { id: string; topics: WebhookTopic[] }[]>();
    for (const s of subs.rows) subsByAgency.set(s.agency_ori, [...(subsByAgency.get(s.agency_ori) ?? []), { id: s.id, topics: s.topics }]);

    const feed: Record<string, unknown>[] = [];
    const deliveries: NewDelivery[] = [];
    for (const recorded of orderEvents) {
      const orderId = recorded.streamId.slice(ORDER_STREAM_PREFIX.length);
      const decoded = OrderEvent.decode({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data });
      // Never guess at an event the domain cannot read: stop here, loudly, and retry later.
      if (E.isLeft(decoded)) throw new Error(`event ${recorded.streamId}@${recorded.streamVersion} (${recorded.type}) does not match its schema`);
      const order = orders.get(orderId) ?? { state: initialState, version: 0, dirty: true };
      orders.set(orderId, order);
      if (recorded.streamVersion <= order.version) continue;
      order.state = evolve(order.state, decoded.right);
      order.version = recorded.streamVersion;
      order.dirty = true;
      const topic = topicOf(recorded.type);
      const payload: WebhookPayload = {
        orderId,
        version: recorded.streamVersion,
        eventId: recorded.metadata.eventId,
        eventType: recorded.type,
        topic,
        recordedAt: recorded.metadata.recordedAt,
        position: recorded.globalPosition,
      };
      for (const agency of agenciesOf(order.state)) {
        feed.push({ agency_ori: agency, order_id: orderId, stream_version: recorded.streamVersion, event_id: payload.eventId, event_type: recorded.type, topic, recorded_at: payload.recordedAt, position: payload.position });
        for (const sub of subsByAgency.get(agency) ?? []) {
          if (!sub.topics.includes(topic)) continue;
          deliveries.push({ dedupeKey: `${sub.id}|${payload.eventId}`, target: sub.id, orderingKey: `${sub.id}|${orderId}`, agencyOri: agency, kind: recorded.type, payload });
        }
      }
    }
    if (feed.length > 0) {
      await tx.query(
        q(`INSERT INTO {{schema}}.integration_feed (agency_ori, order_id, stream_version, event_id, event_type, topic, recorded_at, position)
          SELECT agency_ori, order_id, stream_version, event_id, event_type, topic, recorded_at, position
          FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (agency_ori text, order_id text, stream_version integer, event_id text, event_type text, topic text, recorded_at timestamptz, position text))
            WITH ORDINALITY AS x(agency_ori, order_id, stream_version, event_id, event_type, topic, recorded_at, position, n)
          ORDER BY n ON CONFLICT (agency_ori, event_id) DO NOTHING`),
        [JSON.stringify(feed)],
      );
    }
    await webhooks.enqueue(tx, deliveries);
    const dirty = [...orders].filter(([, o]) => o.dirty).map(([order_id, o]) => ({ order_id, state: o.state, state_version: o.version }));
    if (dirty.length > 0) {
      await tx.query(
        q(`INSERT INTO {{schema}}.integration_order_state (order_id, state, state_version)
          SELECT order_id, state, state_version FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, state jsonb, state_version integer)
          ON CONFLICT (order_id) DO UPDATE SET state = EXCLUDED.state, state_version = EXCLUDED.state_version`),
        [JSON.stringify(dirty)],
      );
    }
  };
};
