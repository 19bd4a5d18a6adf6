import { match } from 'ts-pattern';
import type { OrderEvent } from './events';
import type { OrderStatus } from './order-status';

/**
 * The status an order's stream has reached, event by event: what a read model stores (a search
 * row, a report row) and `orderStatusAt` derives from the folded state. Expiry is not in it: it
 * depends on the reader's instant and is derived when read (ADR 0022). `none`: no order yet.
 */
export type Lifecycle = Exclude<OrderStatus, 'expired'> | 'none';

/**
 * The lifecycle after one event: a draft is created or cloned, added (from nothing or from its
 * draft), discarded while a draft; an order in force is served (first proof of service) and
 * canceled. Every other event, and an event that cannot apply (which `decide` never produces),
 * leaves it as it is. `lifecycle.property.test.ts` proves it equal to `orderStatusAt` over
 * `evolve` for every history the decider accepts, so a read model that folds it agrees with the
 * domain without folding the whole order.
 */
export const lifecycleAfter = (s: Lifecycle, e: OrderEvent): Lifecycle =>
  match(e.type)
    .with('DraftCreated', 'OrderCloned', () => (s === 'none' ? 'draft' : s))
    .with('OrderAdded', () => (s === 'none' || s === 'draft' ? 'active' : s))
    .with('DraftDiscarded', () => (s === 'draft' ? 'discarded' : s))
    .with('ServiceRecorded', () => (s === 'active' ? 'served' : s))
    .with('OrderCanceled', () => (s === 'active' || s === 'served' ? 'canceled' : s))
    .with(
      'DraftUpdated',
      'OrderModified',
      'OrderRenewed',
      'ImageAttached',
      'ImageReplaced',
      'ImageRemoved',
      'DojAcknowledgementRecorded',
      'DojRejectionRecorded',
      'DojResponseReviewed',
      'FormReadingApplied',
      'ReadFieldsReviewed',
      'FirearmReceiptRecorded',
      'CourtFilingRecorded',
      () => s,
    )
    .exhaustive();
