import * as E from 'fp-ts/Either';
import { authorizeOrder, evolve, initialState, OrderEvent, orderStreamId, type EventStore, type OrderState, type Principal, type RecordedEvent } from '@ccpor/domain';
import type { WebhookPayload } from '@ccpor/adapters';
import type { AccessAuditLog } from '../audit/access-audit';
import { factsOf } from '../orders/order-facts';
import { historyView, orderView } from '../orders/order-view';

export type RenderedChange =
  | { readonly allowed: true; readonly body: Record<string, unknown> }
  | { readonly allowed: false; readonly code: string; readonly reason: string };

const fold = (events: readonly RecordedEvent[]): OrderState =>
  events.reduce<OrderState>((state, e) => {
    const decoded = OrderEvent.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    if (E.isLeft(decoded)) throw new Error(`event ${e.streamId}@${e.streamVersion} (${e.type}) does not match its schema`);
    return evolve(state, decoded.right);
  }, initialState);

/**
 * One change as an integration may see it (ADR 0072): the event and the order as it stood after
 * the event, redacted for the receiving principal exactly as the order read and history are.
 * The policy is asked against the order as it stood then *and* as it stands now, so an order
 * sealed since is never sent; the decision goes to the access audit like any read. The body
 * depends only on the event and the principal: every attempt sends the same bytes.
 */
export const renderChange = async (
  deps: { readonly store: EventStore; readonly audit: AccessAuditLog; readonly now: () => string },
  principal: Principal,
  change: WebhookPayload,
  route: string,
): Promise<RenderedChange> => {
  const events = await deps.store.readStream(orderStreamId(change.orderId));
  const upTo = events.filter((e) => e.streamVersion <= change.version);
  const event = upTo[upTo.length - 1];
  if (event === undefined || event.streamVersion !== change.version) return { allowed: false, code: 'EVENT_MISSING', reason: 'the event is not in the log' };
  const then = fold(upTo);
  const current = fold(events);
  const decisions = [authorizeOrder(principal, 'order.read', factsOf(then)), authorizeOrder(principal, 'order.read', factsOf(current))];
  const denied = decisions.find((d) => !d.allowed);
  const decision = denied ?? decisions[0]!;
  deps.audit.record({
    at: deps.now(),
    requestId: route,
    principal: { userId: principal.userId, agencyOri: principal.agencyOri, roles: principal.roles, kind: principal.kind },
    action: 'order.read',
    orderId: change.orderId,
    allowed: decision.allowed,
    ...(decision.allowed ? {} : { code: decision.code }),
    rule: decision.rule,
    route,
  });
  if (!decision.allowed) return { allowed: false, code: decision.code, reason: decision.reason };
  // The event's data under the history view's rules (DOJ answers for CLETS-certified callers only; none when people are redacted).
  const shown = historyView(change.orderId, then, [event], principal).events[0];
  return {
    allowed: true,
    body: {
      event: {
        id: change.eventId,
        type: change.eventType,
        topic: change.topic,
        orderId: change.orderId,
        version: change.version,
        recordedAt: change.recordedAt,
        position: change.position,
        ...(shown !== undefined && 'data' in shown ? { data: shown.data } : { redacted: ['data'] }),
      },
      // Computed fields (status, deadlines) as of the event, so every attempt carries the same body.
      order: orderView(change.orderId, then, change.version, principal, change.recordedAt),
    },
  };
};
