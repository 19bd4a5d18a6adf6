import { californiaLocalDate, type RecordedEvent } from '@ccpor/domain';
import { orderIdOfStream } from './order-search-handlers';
import type { OrderSearchRow } from './order-search-row';
import { utcMonth } from './statistics-bucket';

/**
 * The counters of the report views that count events rather than orders (ADR 0025): renewals,
 * cancellations by reason and DOJ rejects by error code (`order_event_counts`), and denied access
 * decisions and sealed-order reads (`access_counts`). Pure: the SQL writer and the in-memory
 * projection add the same deltas.
 */

/** California 'YYYY-MM' of an instant (the month a clerk in the court would name); '' for none. */
export const californiaMonth = (instant: string | null): string =>
  instant === null ? '' : californiaLocalDate(new Date(Date.parse(instant)).toISOString()).slice(0, 7);

/**
 * Orders issued and entered per California month, county, court, order type and stage
 * (`order_month_counts`): kept from the rows, so a corrected court or type moves the order.
 */
export interface MonthCountKey {
  readonly measure: 'issued' | 'entered';
  readonly month: string;
  readonly county: string;
  readonly court_ori: string;
  readonly order_type: string;
  readonly stage: string;
}

/**
 * Orders in force (active or served) per UTC month of expiry ('' never), county, court, order type
 * and stage (`order_in_force_counts`): months after now's are in force, now's own are read one by one.
 */
export interface InForceKey {
  readonly expiry_month: string;
  readonly county: string;
  readonly court_ori: string;
  readonly order_type: string;
  readonly stage: string;
}

const dims = (row: OrderSearchRow) => ({ county: row.county ?? '', court_ori: row.court_ori ?? '', order_type: row.order_type ?? '', stage: row.stage ?? '' });

export const monthCountKeys = (row: OrderSearchRow): MonthCountKey[] =>
  isIssued(row)
    ? [
        ...(row.issued_at !== null ? [{ measure: 'issued' as const, month: californiaMonth(row.issued_at), ...dims(row) }] : []),
        ...(row.added_at !== null ? [{ measure: 'entered' as const, month: californiaMonth(row.added_at), ...dims(row) }] : []),
      ]
    : [];

export const inForceKeys = (row: OrderSearchRow): InForceKey[] =>
  row.status === 'active' || row.status === 'served' ? [{ expiry_month: row.expires_at === null ? '' : utcMonth(row.expires_at), ...dims(row) }] : [];

/** −1 for the keys a row leaves, +1 for those it enters; keys that cancel out are dropped. */
export const counterDeltas = <K extends object>(
  transitions: readonly { readonly before: OrderSearchRow | undefined; readonly after: OrderSearchRow }[],
  keysOf: (row: OrderSearchRow) => readonly K[],
): (K & { orders: number })[] => {
  const out = new Map<string, K & { orders: number }>();
  const add = (k: K, n: number): void => {
    const id = JSON.stringify(k);
    const had = out.get(id);
    if (had) had.orders += n;
    else out.set(id, { ...k, orders: n });
  };
  for (const { before, after } of transitions) {
    if (before) for (const k of keysOf(before)) add(k, -1);
    for (const k of keysOf(after)) add(k, 1);
  }
  return [...out.values()].filter((d) => d.orders !== 0);
};

export type EventCountKind = 'renewed' | 'canceled' | 'rejected';

export interface EventCountDelta {
  readonly kind: EventCountKind;
  /** California 'YYYY-MM' of the event. */
  readonly month: string;
  readonly county: string;
  readonly court_ori: string;
  readonly order_type: string;
  readonly stage: string;
  /** The cancel reason, the DOJ error code, or '' for a renewal. */
  readonly reason: string;
  readonly events: number;
}

const isIssued = (row: OrderSearchRow | undefined): row is OrderSearchRow =>
  row !== undefined && (row.status === 'active' || row.status === 'served' || row.status === 'canceled');

/**
 * DOJ's error code of a rejection reason: the gateway records `CODE: text` (response-handler.ts),
 * an older or manual record may hold only text, which is then its own code.
 */
export const dojErrorCode = (reason: string): string => {
  const i = reason.indexOf(':');
  return (i > 0 ? reason.slice(0, i) : reason).trim().slice(0, 80);
};

/**
 * What one applied event adds to `order_event_counts`, keyed by the order as it stood before the
 * event (its court, county and type when it was renewed, canceled or rejected). An event the
 * order's state ignored (`decide` never makes one) counts nothing.
 */
export const eventCountsOf = (before: OrderSearchRow | undefined, event: RecordedEvent): EventCountDelta[] => {
  if (!isIssued(before)) return [];
  const key = { county: before.county ?? '', court_ori: before.court_ori ?? '', order_type: before.order_type ?? '', stage: before.stage ?? '' };
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'OrderRenewed':
      return [{ kind: 'renewed', month: californiaMonth(String(data.renewedAt)), ...key, reason: '', events: 1 }];
    case 'OrderCanceled':
      return before.status === 'canceled' ? [] : [{ kind: 'canceled', month: californiaMonth(String(data.canceledAt)), ...key, reason: String(data.reason), events: 1 }];
    case 'DojRejectionRecorded': {
      // One count per error code of the answer: a reject naming two fields with the same code counts once.
      const codes = new Set(((data.errors as { reason: string }[] | undefined) ?? []).map((e) => dojErrorCode(e.reason)));
      if (codes.size === 0) codes.add('unspecified');
      return [...codes].map((reason) => ({ kind: 'rejected' as const, month: californiaMonth(String(data.rejectedAt)), ...key, reason, events: 1 }));
    }
    default:
      return [];
  }
};

export const eventCountKey = (d: Omit<EventCountDelta, 'events'>): string =>
  `${d.kind}|${d.month}|${d.county}|${d.court_ori}|${d.order_type}|${d.stage}|${d.reason}`;

/** Deltas with equal keys summed. */
export const sumEventCounts = (deltas: readonly EventCountDelta[]): EventCountDelta[] => {
  const out = new Map<string, EventCountDelta>();
  for (const d of deltas) {
    const k = eventCountKey(d);
    const had = out.get(k);
    out.set(k, had ? { ...had, events: had.events + d.events } : d);
  }
  return [...out.values()];
};

/** One access decision as the access report counts it. */
export interface AccessDecisionInput {
  /** California date 'YYYY-MM-DD'. */
  readonly day: string;
  readonly agency_ori: string;
  readonly user_id: string;
  readonly action: string;
  readonly allowed: boolean;
  /** The order read, when it is one (a uuid); null otherwise. */
  readonly order_id: string | null;
}

export const ACCESS_AUDIT_PREFIX = 'access-audit-';
/** The reads of an order's content: a sealed order read this way counts as a sealed-order read. */
export const ORDER_READ_ACTIONS: readonly string[] = ['order.read', 'order.history', 'order.image.read', 'order.image.bytes', 'order.doj.read'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RecordedDecision {
  readonly at: string;
  readonly principal: { readonly userId: string; readonly agencyOri: string };
  readonly action: string;
  readonly allowed: boolean;
  readonly orderId?: string;
}

/** The access decisions of a batch worth counting: the denials, and allowed reads of an order (sealed or not: the writer checks). */
export const accessDecisionsOf = (events: readonly RecordedEvent[]): AccessDecisionInput[] =>
  events
    .filter((e) => e.streamId.startsWith(ACCESS_AUDIT_PREFIX) && e.type === 'AccessDecisionsRecorded' && orderIdOfStream(e.streamId) === undefined)
    .flatMap((e) => ((e.data as { decisions?: RecordedDecision[] }).decisions ?? []))
    .filter((d) => !d.allowed || (ORDER_READ_ACTIONS.includes(d.action) && d.orderId !== undefined && UUID.test(d.orderId)))
    .map((d) => ({
      day: californiaLocalDate(new Date(Date.parse(d.at)).toISOString()),
      agency_ori: d.principal.agencyOri,
      user_id: d.principal.userId,
      action: d.action,
      allowed: d.allowed,
      order_id: d.orderId !== undefined && UUID.test(d.orderId) ? d.orderId.toLowerCase() : null,
    }));
