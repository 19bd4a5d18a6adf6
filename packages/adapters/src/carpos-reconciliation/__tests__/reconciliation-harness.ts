import { randomUUID } from 'node:crypto';
import { expectNoStream, orderDecider, type EventStore, type IssuedOrder } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { orderRecordFields } from '../../carpos-gateway/order-message';
import { clerk, orderDetails, SELF_KEYING_ORI } from '../../carpos-gateway/__tests__/gateway-harness';

/** Orange County keys its own orders into CLETS (the harness's self-keying agency). */
export const ORANGE = SELF_KEYING_ORI;
export const ORANGE_COURT = { ori: ORANGE, county: '30', name: 'Superior Court of California, County of Orange' };
export const ORANGE_SHERIFF = 'CA0300000';

/** Runs `work` over 0..count-1 with at most `width` at a time. */
export const inParallel = async (count: number, width: number, work: (i: number) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await work(i);
      }
    }),
  );
};

/** An Orange County order added straight to the log (the command handler's events, without reading an empty stream). */
export const appendOrangeOrder = async (eventStore: EventStore, n: number, issuedAt = '2026-03-02T10:15:00-08:00'): Promise<string> => {
  const orderId = randomUUID();
  const at = new Date().toISOString();
  const details = orderDetails(n, { court: ORANGE_COURT, caseNumber: `26OC${String(n).padStart(6, '0')}`, issuedAt });
  const decided = orderDecider.decide({ type: 'AddOrder', orderId, enteringAgencyOri: ORANGE, details, at } as Parameters<typeof orderDecider.decide>[0], { status: 'none' });
  if (E.isLeft(decided)) throw new Error(decided.left.message);
  const appended = await eventStore.append(
    `order-${orderId}`,
    decided.right.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { eventId: randomUUID(), actor: { ...clerk, agencyOri: ORANGE }, correlationId: orderId, recordedAt: at } })),
    expectNoStream,
  );
  if (E.isLeft(appended)) throw new Error(appended.left.code);
  return orderId;
};

/** What DOJ would hold had the order been keyed exactly as the registry has it (a seed record's fields). */
export const dojFieldsOf = (order: IssuedOrder): Record<string, string | string[]> =>
  Object.fromEntries(orderRecordFields(order).map((f) => [f.code, f.values.length === 1 ? (f.values[0] ?? '') : [...f.values]]));
