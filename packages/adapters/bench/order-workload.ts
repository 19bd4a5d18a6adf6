import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { fold, orderDecider, type Actor, type Clock, type CommandInput, type NewEvent, type OrderCommand, type OrderEvent } from '@ccpor/domain';
import { LA_SHERIFF_ORI, LA_SUPERIOR_COURT, sampleOrderDetails } from '../../test-kit/src/fixtures';
import type { AppendWorkload, OrderScript } from './bench-measure';

/**
 * The order's life the comparison drives: a court adds a sample DV-130 order (one OrderAdded),
 * then the sheriff records proofs of service (one ServiceRecorded each). Every command appends
 * exactly one event, so commands/s and appends/s are the same number.
 */
export const benchActor: Actor = { userId: 'bench-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], kind: 'user' };

/** Fixed "now": after the sample's issue time, before its expiration, whatever day the bench runs. */
export const benchClock: Clock = { now: () => '2026-03-05T20:00:00.000Z' };

const details = sampleOrderDetails();

export const orderScript: OrderScript = (orderId, n): CommandInput =>
  n === 0
    ? { type: 'AddOrder', orderId: orderId as never, enteringAgencyOri: LA_SUPERIOR_COURT.ori as never, details }
    : {
        type: 'RecordService',
        orderId: orderId as never,
        service: {
          serviceId: `pos-${n}`,
          servedAt: '2026-03-04T15:20:00-08:00' as never,
          method: 'by-officer',
          servedBy: { name: 'Deputy Osei', badgeNumber: `B${1000 + n}` },
          servingAgencyOri: LA_SHERIFF_ORI as never,
        },
      };

/**
 * The events the decider produces for `commands` commands of one order, decided once up front.
 * Only the orderId inside the payload changes from stream to stream.
 */
export const decidedEvents = (commands: number): readonly OrderEvent[] => {
  const orderId = randomUUID();
  const events: OrderEvent[] = [];
  for (let n = 0; n < commands; n++) {
    const command = { ...orderScript(orderId, n), at: benchClock.now() } as OrderCommand;
    const decision = orderDecider.decide(command, fold(events));
    if (isLeft(decision)) throw new Error(`the decider refused command ${n}: ${JSON.stringify(decision.left)}`);
    events.push(...decision.right);
  }
  if (events.length !== commands) throw new Error(`expected one event per command, got ${events.length} for ${commands}`);
  return events;
};

/**
 * Appends of the decided events, as the command handler would send them (metadata included),
 * without the load and decide steps: the n-th event of each stream goes with expected version n.
 */
export const decidedEventsWorkload = (commands: number): AppendWorkload => {
  const template = decidedEvents(commands);
  return {
    eventsPerStream: template.length,
    event: (streamId, index): NewEvent => {
      const event = template[index];
      if (!event) throw new Error(`no decided event ${index}`);
      const data = event.data as Record<string, unknown>;
      return {
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: 'orderId' in data ? { ...data, orderId: streamId.slice('order-'.length) } : data,
        metadata: { eventId: randomUUID(), actor: benchActor, correlationId: randomUUID(), recordedAt: benchClock.now() },
      };
    },
  };
};
