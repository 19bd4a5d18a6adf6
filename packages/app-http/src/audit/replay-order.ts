import * as E from 'fp-ts/Either';
import { computeOrderView, fold, OrderEvent, orderStreamId, type EventStore } from '@ccpor/domain';

export interface TimelineEntry {
  readonly version: number;
  readonly at: string;
  readonly type: string;
  readonly userId: string;
  readonly agencyOri: string;
  readonly roles: readonly string[];
  readonly kind: string;
}

/**
 * An order as it stood at `asOf` (every event recorded at or before it), with the timeline of who
 * did what, when, from which agency. Investigators use it through `ccpor audit order` and the API.
 */
export const replayOrder = async (store: EventStore, orderId: string, asOf?: string) => {
  const recorded = await store.readStream(orderStreamId(orderId));
  const cutoff = asOf === undefined ? Infinity : Date.parse(asOf);
  const upTo = recorded.filter((r) => Date.parse(r.metadata.recordedAt) <= cutoff);
  const events: OrderEvent[] = [];
  for (const r of upTo) {
    const d = OrderEvent.decode({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
    if (E.isLeft(d)) throw new Error(`event ${r.streamVersion} of order ${orderId} does not match its schema`);
    events.push(d.right);
  }
  const state = fold(events);
  const at = asOf ?? new Date().toISOString();
  return {
    orderId,
    asOf: at,
    exists: recorded.length > 0,
    version: upTo.length,
    state,
    computed: computeOrderView(state, at),
    timeline: upTo.map(
      (r): TimelineEntry => ({
        version: r.streamVersion,
        at: r.metadata.recordedAt,
        type: r.type,
        userId: r.metadata.actor.userId,
        agencyOri: r.metadata.actor.agencyOri,
        roles: r.metadata.actor.roles,
        kind: r.metadata.actor.kind,
      }),
    ),
  };
};
