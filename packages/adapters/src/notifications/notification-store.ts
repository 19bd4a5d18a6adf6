import * as E from 'fp-ts/Either';
import {
  DEADLINE_RULES,
  deadlinesOf,
  evolve,
  fromCaliforniaLocal,
  initialState,
  instantMs,
  ORDER_STREAM_PREFIX,
  OrderEvent,
  renewalWindow,
  type OrderState,
  type RecordedEvent,
} from '@ccpor/domain';
import { type SqlDatabase, type SqlSession } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type DeliveryOutbox, type NewDelivery } from '../outbox/delivery-outbox';
import { type BatchPlanner } from '../outbox/log-feeder';
import { type ContactScope, type MailPayload, type NotificationKind } from './notification-kinds';

export interface NotificationContact {
  readonly id: string;
  readonly scope: ContactScope;
  readonly agencyOri: string;
  readonly orderId: string | null;
  readonly kinds: readonly NotificationKind[];
  readonly language: string;
  /** What may be shown: "a•••@c•••.gov" for staff, "protected person" for a protected person. */
  readonly addressHint: string;
  readonly createdAt: string;
  readonly unsubscribedAt: string | null;
}

interface ContactRow extends Record<string, unknown> {
  id: string;
  scope: ContactScope;
  agency_ori: string;
  order_id: string | null;
  kinds: NotificationKind[];
  language: string;
  address_hint: string;
  created_at: Date | string;
  unsubscribed_at: Date | string | null;
}

const toContact = (r: ContactRow): NotificationContact => ({
  id: r.id,
  scope: r.scope,
  agencyOri: r.agency_ori,
  orderId: r.order_id,
  kinds: r.kinds,
  language: r.language,
  addressHint: r.address_hint,
  createdAt: new Date(r.created_at).toISOString(),
  unsubscribedAt: r.unsubscribed_at === null ? null : new Date(r.unsubscribed_at).toISOString(),
});

const CONTACT_COLUMNS = 'id, scope, agency_ori, order_id, kinds, language, address_hint, created_at, unsubscribed_at';

export interface NewContact {
  readonly id: string;
  readonly scope: ContactScope;
  readonly agencyOri: string;
  readonly orderId?: string;
  readonly kinds: readonly NotificationKind[];
  readonly language: string;
  readonly addressSealed: string;
  readonly addressHint: string;
  readonly createdBy: string;
}

/** Recipients of mail notifications, and the schedule of time-bound ones, in the log's database. */
export class NotificationStore {
  private readonly q: (template: string) => string;

  constructor(
    readonly db: SqlDatabase,
    readonly schema: string,
  ) {
    this.q = schemaSql(schema);
  }

  async addContact(c: NewContact): Promise<NotificationContact> {
    const r = await this.db.query<ContactRow>(
      this.q(`INSERT INTO {{schema}}.notification_contacts (id, scope, agency_ori, order_id, kinds, language, address_sealed, address_hint, created_by)
        VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9) RETURNING ${CONTACT_COLUMNS}`),
      [c.id, c.scope, c.agencyOri, c.orderId ?? null, c.kinds, c.language, c.addressSealed, c.addressHint, c.createdBy],
    );
    return toContact(r.rows[0] as ContactRow);
  }

  /** An agency's designated staff are replaced as a whole (the administrator's list is the truth). */
  async replaceAgencyContacts(agencyOri: string, contacts: readonly NewContact[]): Promise<NotificationContact[]> {
    return this.db.transaction(async (tx) => {
      await tx.query(this.q("UPDATE {{schema}}.notification_contacts SET unsubscribed_at = now() WHERE scope = 'agency' AND agency_ori = $1 AND unsubscribed_at IS NULL"), [agencyOri]);
      const out: NotificationContact[] = [];
      for (const c of contacts) {
        const r = await tx.query<ContactRow>(
          this.q(`INSERT INTO {{schema}}.notification_contacts (id, scope, agency_ori, order_id, kinds, language, address_sealed, address_hint, created_by)
            VALUES ($1, 'agency', $2, NULL, $3::text[], $4, $5, $6, $7) RETURNING ${CONTACT_COLUMNS}`),
          [c.id, agencyOri, c.kinds, c.language, c.addressSealed, c.addressHint, c.createdBy],
        );
        out.push(toContact(r.rows[0] as ContactRow));
      }
      return out;
    });
  }

  async contact(id: string): Promise<(NotificationContact & { readonly addressSealed: string }) | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const r = await this.db.query<ContactRow & { address_sealed: string }>(this.q(`SELECT ${CONTACT_COLUMNS}, address_sealed FROM {{schema}}.notification_contacts WHERE id = $1`), [id]);
    const row = r.rows[0];
    return row === undefined ? undefined : { ...toContact(row), addressSealed: row.address_sealed };
  }

  async contactsByIds(ids: readonly string[]): Promise<Map<string, NotificationContact>> {
    if (ids.length === 0) return new Map();
    const r = await this.db.query<ContactRow>(this.q(`SELECT ${CONTACT_COLUMNS} FROM {{schema}}.notification_contacts WHERE id = ANY($1::uuid[])`), [ids]);
    return new Map(r.rows.map((row) => [row.id, toContact(row)]));
  }

  async agencyContacts(agencyOri: string): Promise<NotificationContact[]> {
    const r = await this.db.query<ContactRow>(
      this.q(`SELECT ${CONTACT_COLUMNS} FROM {{schema}}.notification_contacts WHERE scope = 'agency' AND agency_ori = $1 AND unsubscribed_at IS NULL ORDER BY created_at, id`),
      [agencyOri],
    );
    return r.rows.map(toContact);
  }

  async orderContacts(orderId: string): Promise<NotificationContact[]> {
    const r = await this.db.query<ContactRow>(
      this.q(`SELECT ${CONTACT_COLUMNS} FROM {{schema}}.notification_contacts WHERE scope = 'protected-person' AND order_id = $1 ORDER BY created_at, id`),
      [orderId],
    );
    return r.rows.map(toContact);
  }

  /** The unsubscribe link's effect, and a staff member's: no more mail to this contact. */
  async unsubscribe(id: string): Promise<boolean> {
    const r = await this.db.query(this.q('UPDATE {{schema}}.notification_contacts SET unsubscribed_at = now() WHERE id = $1 AND unsubscribed_at IS NULL RETURNING id'), [id]);
    return r.rows.length > 0;
  }
}

const activeContacts = async (
  tx: SqlSession,
  q: (t: string) => string,
  scope: ContactScope,
  key: string,
  kind: NotificationKind,
): Promise<{ id: string; agency_ori: string }[]> => {
  const r = await tx.query<{ id: string; agency_ori: string }>(
    q(`SELECT id, agency_ori FROM {{schema}}.notification_contacts
       WHERE scope = $1 AND (CASE WHEN $1 = 'agency' THEN agency_ori ELSE order_id END) = $2 AND $3 = ANY(kinds) AND unsubscribed_at IS NULL`),
    [scope, key, kind],
  );
  return [...r.rows];
};

const delivery = (contact: { id: string; agency_ori: string }, payload: MailPayload, key: string): NewDelivery => ({
  dedupeKey: `${payload.kind}|${contact.id}|${payload.orderId}|${key}`,
  target: contact.id,
  orderingKey: `${contact.id}|${payload.orderId}`,
  agencyOri: contact.agency_ori,
  kind: payload.kind,
  payload,
});

/** The time-bound notifications an order calls for in its current state, each with its due time. */
export const milestonesOf = (s: OrderState, expiryNoticeDays: number): { kind: NotificationKind; milestone: string; dueAt: string }[] => {
  if (s.status !== 'issued' || s.canceled !== undefined) return [];
  const out: { kind: NotificationKind; milestone: string; dueAt: string }[] = [];
  // Every DOJ transmission deadline still pending (issue, modification, renewal, cancellation,
  // proof of service: ADR 0042), each its own milestone; a met or moot one is no longer listed.
  for (const d of deadlinesOf(s))
    if (d.status === 'pending' && DEADLINE_RULES[d.ruleId].kind === 'doj-transmission') out.push({ kind: 'doj-deadline-passed', milestone: `${d.id}@${d.dueAt}`, dueAt: d.dueAt });
  // The relinquishment receipt the restrained person had to file within 48 hours of service
  // (Fam. Code 6389(c)(2); docs/law/firearms.md): the court hears of it the moment it is late.
  for (const d of deadlinesOf(s))
    if (d.status === 'pending' && DEADLINE_RULES[d.ruleId].kind === 'firearm-receipt') out.push({ kind: 'firearm-receipt-overdue', milestone: `${d.id}@${d.dueAt}`, dueAt: d.dueAt });
  if (s.expiresAt !== null) {
    out.push({ kind: 'expiry-upcoming', milestone: s.expiresAt, dueAt: new Date(instantMs(s.expiresAt) - expiryNoticeDays * 86_400_000).toISOString() });
    const window = renewalWindow(s.details.form, s.expiresAt);
    // Some orders (a juvenile order's extension) have no window opening before expiry: nothing to announce.
    if (window?.opens !== undefined) out.push({ kind: 'renewal-window', milestone: s.expiresAt, dueAt: fromCaliforniaLocal(window.opens, '00:00:00') });
  }
  return out;
};

/**
 * Plans a batch of log events for mail (ADR 0073): event-bound notifications (a DOJ reject to the
 * agency's staff, a service to the protected persons who opted in) become outbox rows at once;
 * time-bound ones are (re)scheduled from the order's new state, for `dueNotifications` to send.
 */
export const notificationPlanner = (schema: string, mail: DeliveryOutbox, expiryNoticeDays: number): BatchPlanner => {
  const q = schemaSql(schema);
  return async (tx: SqlSession, events: readonly RecordedEvent[]) => {
    const orderEvents = events.filter((e) => e.streamId.startsWith(ORDER_STREAM_PREFIX));
    if (orderEvents.length === 0) return;
    const ids = [...new Set(orderEvents.map((e) => e.streamId.slice(ORDER_STREAM_PREFIX.length)))];
    const loaded = await tx.query<{ order_id: string; state: OrderState; state_version: number }>(
      q('SELECT order_id, state, state_version FROM {{schema}}.notification_order_state WHERE order_id = ANY($1::text[])'),
      [ids],
    );
    const orders = new Map(loaded.rows.map((r) => [r.order_id, { state: r.state, version: Number(r.state_version), dirty: false }]));
    const rows: NewDelivery[] = [];
    for (const recorded of orderEvents) {
      const orderId = recorded.streamId.slice(ORDER_STREAM_PREFIX.length);
      const decoded = OrderEvent.decode({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data });
      if (E.isLeft(decoded)) throw new Error(`event ${recorded.streamId}@${recorded.streamVersion} (${recorded.type}) does not match its schema`);
      const order = orders.get(orderId) ?? { state: initialState, version: 0, dirty: true };
      orders.set(orderId, order);
      if (recorded.streamVersion <= order.version) continue;
      order.state = evolve(order.state, decoded.right);
      order.version = recorded.streamVersion;
      order.dirty = true;
      const s = order.state;
      if (s.status !== 'issued') continue;
      if (recorded.type === 'DojRejectionRecorded') {
        const payload: MailPayload = { kind: 'doj-rejected', orderId, version: recorded.streamVersion };
        for (const c of await activeContacts(tx, q, 'agency', s.enteringAgencyOri, 'doj-rejected')) rows.push(delivery(c, payload, recorded.metadata.eventId));
      }
      if (recorded.type === 'ServiceRecorded') {
        const payload: MailPayload = { kind: 'service-recorded', orderId, version: recorded.streamVersion };
        for (const c of await activeContacts(tx, q, 'protected-person', orderId, 'service-recorded')) rows.push(delivery(c, payload, recorded.metadata.eventId));
      }
    }
    await mail.enqueue(tx, rows);
    for (const [orderId, o] of orders) {
      if (!o.dirty) continue;
      await tx.query(
        q(`INSERT INTO {{schema}}.notification_order_state (order_id, state, state_version) VALUES ($1, $2::jsonb, $3)
          ON CONFLICT (order_id) DO UPDATE SET state = EXCLUDED.state, state_version = EXCLUDED.state_version`),
        [orderId, JSON.stringify(o.state), o.version],
      );
      // Milestones the order no longer has (acknowledged, canceled, renewed) are dropped unless already sent.
      const milestones = milestonesOf(o.state, expiryNoticeDays);
      await tx.query(q('DELETE FROM {{schema}}.notification_schedule WHERE order_id = $1 AND NOT done'), [orderId]);
      const agency = o.state.status === 'none' ? '' : o.state.enteringAgencyOri;
      for (const m of milestones) {
        await tx.query(
          q(`INSERT INTO {{schema}}.notification_schedule (order_id, kind, milestone, agency_ori, due_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (order_id, kind, milestone) DO NOTHING`),
          [orderId, m.kind, m.milestone, agency, m.dueAt],
        );
      }
    }
  };
};

/**
 * Turns the time-bound notifications due by `now` (the registry's clock) into outbox rows, each
 * milestone once, in one transaction; resolves to how many milestones fell due.
 */
export const dueNotifications = async (db: SqlDatabase, schema: string, mail: DeliveryOutbox, now: string, limit = 500): Promise<number> => {
  const q = schemaSql(schema);
  return db.transaction(async (tx) => {
    const due = await tx.query<{ order_id: string; kind: NotificationKind; milestone: string; agency_ori: string }>(
      q(`SELECT order_id, kind, milestone, agency_ori FROM {{schema}}.notification_schedule WHERE NOT done AND due_at <= $1::timestamptz
         ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`),
      [now, limit],
    );
    const rows: NewDelivery[] = [];
    for (const d of due.rows) {
      const scope: ContactScope = d.kind === 'expiry-upcoming' ? 'protected-person' : 'agency';
      const payload: MailPayload = { kind: d.kind, orderId: d.order_id, milestone: d.milestone };
      for (const c of await activeContacts(tx, q, scope, scope === 'agency' ? d.agency_ori : d.order_id, d.kind)) rows.push(delivery(c, payload, d.milestone));
    }
    await mail.enqueue(tx, rows);
    if (due.rows.length > 0) {
      await tx.query(
        q(`UPDATE {{schema}}.notification_schedule s SET done = true FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, kind text, milestone text)
           WHERE s.order_id = x.order_id AND s.kind = x.kind AND s.milestone = x.milestone`),
        [JSON.stringify(due.rows.map((r) => ({ order_id: r.order_id, kind: r.kind, milestone: r.milestone })))],
      );
    }
    return due.rows.length;
  });
};
