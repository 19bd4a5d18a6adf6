import * as E from 'fp-ts/Either';
import {
  fold,
  orderDecider,
  orderStreamId,
  type Actor,
  type NewEvent,
  type OrderCommand,
  type OrderEvent,
  type OrderState,
} from '@ccpor/domain';
import { sheriffOf } from './california-counties';
import { Prng } from './prng';
import type { SyntheticOrder } from './synthetic-orders';

export interface SyntheticHistory {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

const HOUR = 3_600_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A plausible life for a synthetic order, decided by the domain's decider (so every event is
 * one the registry itself would write): added shortly after issue, usually with its scanned
 * image, most acknowledged by DOJ the next day, many served within days, a few canceled. Each
 * order's history is seeded by its id, so it does not depend on the order of generation.
 */
export const syntheticHistory = (order: SyntheticOrder): SyntheticHistory => {
  const rng = new Prng(order.orderId);
  const county = order.details.court.county;
  const clerk: Actor = { userId: `clerk-${county}`, agencyOri: order.enteringAgencyOri, roles: ['clerk'], kind: 'user' };
  const deputy: Actor = { userId: `deputy-${county}`, agencyOri: sheriffOf(county), roles: ['officer'], kind: 'user' };
  const issued = Date.parse(order.details.issuedAt);
  const ends = order.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(order.expiresAt);
  let now = issued + rng.between(5, 120) * 60_000;
  const steps: { readonly command: OrderCommand; readonly actor: Actor }[] = [];
  const step = (actor: Actor, command: Record<string, unknown>): void => {
    steps.push({ actor, command: { orderId: order.orderId, at: iso(now), ...command } as unknown as OrderCommand });
  };

  step(clerk, { type: 'AddOrder', enteringAgencyOri: order.enteringAgencyOri, details: order.details });
  if (rng.chance(0.85)) {
    now += 60_000;
    step(clerk, { type: 'AttachImage', image: { sha256: rng.hex(64), mediaType: 'application/pdf', pages: rng.between(1, 6), bytes: rng.between(40_000, 900_000), kind: 'order' } });
  }
  if (rng.chance(0.7) && now + 2 * HOUR < ends) {
    now += rng.between(1, 20) * HOUR;
    if (now < ends) {
      const messageId = `msg-${rng.hex(12)}`;
      step(clerk, { type: 'RecordDojAcknowledgement', transaction: 'enter', messageId, fcn: `${county}1${String(rng.int(1e10)).padStart(10, '0')}`, nic: `H${String(rng.int(1e9)).padStart(9, '0')}` });
      now += HOUR;
      step(clerk, { type: 'ReviewDojResponse', messageId, outcome: 'accurate' });
    }
  }
  if (rng.chance(0.55)) {
    const servedAt = now + rng.between(1, 96) * HOUR;
    // Served before the order ends, and recorded an hour later, still before it ends.
    if (servedAt + 2 * HOUR < ends) {
      now = servedAt + HOUR;
      step(deputy, {
        type: 'RecordService',
        service: { serviceId: `pos-${rng.hex(10)}`, servedAt: iso(servedAt), method: 'personal', servedBy: { name: 'Deputy A. Synthetic' }, servingAgencyOri: sheriffOf(county) },
      });
    }
  }
  if (rng.chance(0.04) && now + 48 * HOUR < ends) {
    now += rng.between(24, 48) * HOUR;
    step(clerk, { type: 'CancelOrder', reason: 'terminated-by-court' });
  }

  let state: OrderState = { status: 'none' };
  const events: NewEvent[] = [];
  for (const { command, actor } of steps) {
    const decided = orderDecider.decide(command, state);
    if (E.isLeft(decided)) throw new Error(`synthetic ${command.type} on ${order.details.form} was refused: ${decided.left.code} ${decided.left.message}`);
    state = fold(decided.right as OrderEvent[], state);
    for (const e of decided.right) {
      events.push({
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: { eventId: `${order.orderId.slice(0, 24)}${String(events.length).padStart(12, '0')}`, actor, correlationId: `${order.orderId}-${events.length}`, recordedAt: command.at },
      });
    }
  }
  return { streamId: orderStreamId(order.orderId), events };
};
