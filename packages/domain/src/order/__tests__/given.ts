import * as E from 'fp-ts/Either';
import { deciderSpec, LA_SHERIFF_ORI, LA_SUPERIOR_COURT, SAMPLE_ORDER_ID, sampleOrderDetails } from '@ccpor/test-kit';
import type { OrderCommand } from '../commands';
import { orderDecider } from '../decide';
import type { OrderEvent } from '../events';
import { fold } from '../evolve';

/** Shared givens for the decider's example tests: the events a clerk's earlier steps produced. */
export const spec = deciderSpec(orderDecider);
export const ID = SAMPLE_ORDER_ID;
export const COURT_ORI = LA_SUPERIOR_COURT.ori;
export const SHERIFF_ORI = LA_SHERIFF_ORI;

export const cmd = <C extends OrderCommand>(c: Omit<C, 'orderId'> & { orderId?: string }): OrderCommand =>
  ({ orderId: ID, ...c }) as unknown as OrderCommand;

/** Runs commands in order from an empty stream and returns every event; fails loudly if one is rejected. */
export const history = (...commands: OrderCommand[]): OrderEvent[] => {
  const events: OrderEvent[] = [];
  for (const c of commands) {
    const r = orderDecider.decide(c, fold(events));
    if (E.isLeft(r)) throw new Error(`given step ${c.type} was rejected: ${r.left.code} ${r.left.message}`);
    events.push(...r.right);
  }
  return events;
};

export const addCommand = (overrides: Record<string, unknown> = {}, at = '2026-03-02T11:00:00-08:00'): OrderCommand =>
  cmd({ type: 'AddOrder', at, enteringAgencyOri: COURT_ORI, details: sampleOrderDetails(overrides) } as never);

/** A DV-130 issued 2 March 2026 and added the same morning (expires 2 March 2029 by the 3-year default). */
export const addedOrder = (overrides: Record<string, unknown> = {}): OrderEvent[] => history(addCommand(overrides));
