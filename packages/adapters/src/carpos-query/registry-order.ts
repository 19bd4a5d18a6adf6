import { orderStatusAt, type IssuedOrder, type OrderStatus } from '@ccpor/domain';
import { carposAlphanumeric } from '../carpos-gateway/carpos-values';
import { orderRecordFields } from '../carpos-gateway/order-message';

/** An outbox row of the order still open (waiting for data, to be sent, sent, or dead-lettered). */
export interface OpenOutboxRow {
  readonly id: string;
  readonly transaction: string;
  readonly status: string;
}

/** A registry order as the gateway holds it: the folded order, and how it takes part in CARPOS. */
export interface RegistryOrder {
  readonly orderId: string;
  readonly order: IssuedOrder;
  readonly sealed: boolean;
  /** Its agency sends orders through the registry (false: keyed at a CLETS terminal; null: not known yet). */
  readonly submitted: boolean | null;
  readonly submitterOri: string | null;
  /** The FCN the gateway recorded from DOJ's acknowledgement (the order's own `doj.fcn` says the same). */
  readonly fcn: string | null;
  readonly openRow: OpenOutboxRow | null;
  /** Status of the order's latest enter row (rejected: the order waits in the correction queue). */
  readonly lastEnterStatus: string | null;
}

/**
 * What a report or a query answer shows of the registry's side: the key fields in CARPOS' own
 * spelling (what the gateway sends), never the order's other details.
 */
export interface RegistrySnapshot {
  readonly orderId: string;
  readonly status: OrderStatus | 'none';
  readonly courtOri: string;
  readonly caseNumber: string;
  readonly restrainedName?: string;
  readonly dateOfBirth?: string;
  readonly protectedName?: string;
  readonly expiry?: string;
  readonly fcn?: string;
  readonly nic?: string;
  readonly sealed: boolean;
  readonly submittedThroughRegistry: boolean | null;
}

/** The fields the gateway would send DOJ for this order, by code. */
export const expectedDojFields = (order: IssuedOrder): ReadonlyMap<string, readonly string[]> =>
  new Map(orderRecordFields(order).map((f) => [f.code, f.values] as const));

export const caseKeyOf = (order: IssuedOrder): string => carposAlphanumeric(order.details.caseNumber);

export const snapshotOf = (registry: RegistryOrder, asOf: string): RegistrySnapshot => {
  const expected = expectedDojFields(registry.order);
  const one = (code: string): string | undefined => expected.get(code)?.[0];
  const { doj } = registry.order;
  return Object.fromEntries(
    Object.entries({
      orderId: registry.orderId,
      status: orderStatusAt(registry.order, asOf),
      courtOri: registry.order.details.court.ori,
      caseNumber: registry.order.details.caseNumber,
      restrainedName: one('NAM'),
      dateOfBirth: one('DOB'),
      protectedName: one('PPN'),
      expiry: one('EXP'),
      fcn: doj.fcn,
      nic: doj.nic,
      sealed: registry.sealed,
      submittedThroughRegistry: registry.submitted,
    }).filter(([, v]) => v !== undefined),
  ) as unknown as RegistrySnapshot;
};
