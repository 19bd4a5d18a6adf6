import * as E from 'fp-ts/Either';
import { createCommandHandler, decodeWith, OrderDetails, type OrderId, type Ori, type Principal } from '@ccpor/domain';
import { FixedClock, InMemoryEventStore, sampleOrderInput, SequentialIds } from '@ccpor/test-kit';
import { OrderIndex } from './order-index';

const who = (roles: Principal['roles'], agencyOri = 'CA019015J'): Principal => ({ userId: 'u', agencyOri, roles, cletsCertified: false, kind: 'user' });
const AT = '2026-03-03T18:00:00.000Z';

const build = async () => {
  const store = new InMemoryEventStore();
  const ids = new SequentialIds('5b000000');
  const handler = createCommandHandler({ eventStore: store, clock: new FixedClock(AT), ids });
  const actor = { userId: 'c', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' as const };
  const add = async (overrides: Record<string, unknown>) => {
    const details = decodeWith(OrderDetails)(sampleOrderInput(overrides));
    if (E.isLeft(details)) throw new Error('fixture');
    const orderId = ids.newId() as OrderId;
    await handler.handle({ type: 'AddOrder', orderId, enteringAgencyOri: 'CA019015J' as Ori, details: details.right, source: { kind: 'registry' } }, { actor });
    return { orderId, handler, actor };
  };
  return { store, add };
};

describe('the in-memory order index', () => {
  it('finds by last name and case number, follows a renamed restrained person, hides sealed orders from non-supervisors', async () => {
    const { store, add } = await build();
    const a = await add({ caseNumber: '26FL000001' });
    const sealed = await add({ caseNumber: '26FL000002', sealed: true });
    await a.handler.handle({ type: 'ModifyOrder', orderId: a.orderId as OrderId, changes: { restrainedPerson: { ...sampleOrderInput().restrainedPerson as object, name: { last: 'Moreno', first: 'Daniel' } } as never } }, { actor: a.actor });
    const index = new OrderIndex();
    for (const e of await store.readAll({ maxCount: 100 })) index.apply(e);
    const clerk = who(['court-clerk']);
    expect(index.search({ lastName: 'moreno' }, clerk, AT).map((h) => h.orderId)).toEqual([a.orderId]);
    expect(index.search({ lastName: 'RIVERA' }, clerk, AT)).toEqual([]);
    expect(index.search({ caseNumber: '26fl000002' }, clerk, AT)).toEqual([]);
    expect(index.search({ caseNumber: '26fl000002' }, who(['supervisor']), AT).map((h) => h.orderId)).toEqual([sealed.orderId]);
    expect(index.statistics(who(['state-admin']), AT)).toMatchObject({ orders: 2, byStatus: { active: 2 } });
  });
});
