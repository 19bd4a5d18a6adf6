import * as E from 'fp-ts/Either';
import { OrderEvent } from '../order/events';
import { fold } from '../order/evolve';
import type { OrderState } from '../order/order-state';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import { orderStreamId } from '../value-objects/order-id';

export interface LoadedOrder {
  readonly state: OrderState;
  /** The stream's version (event count); 0 when it does not exist. */
  readonly version: number;
  readonly events: readonly RecordedEvent[];
}

export interface CorruptStream {
  readonly kind: 'corrupt-stream';
  readonly streamId: string;
  readonly streamVersion: number;
  readonly message: string;
}

/** Reads an order's stream and folds it; an event that fails its codec is reported, never guessed at. */
export const loadOrder = async (store: EventStore, orderId: string): Promise<E.Either<CorruptStream, LoadedOrder>> => {
  const streamId = orderStreamId(orderId);
  const recorded = await store.readStream(streamId);
  const events: OrderEvent[] = [];
  for (const r of recorded) {
    const decoded = OrderEvent.decode({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
    if (E.isLeft(decoded)) {
      return E.left({ kind: 'corrupt-stream', streamId, streamVersion: r.streamVersion, message: `event ${r.type} v${r.schemaVersion} does not match its schema` });
    }
    events.push(decoded.right);
  }
  return E.right({ state: fold(events), version: recorded.length, events: recorded });
};
