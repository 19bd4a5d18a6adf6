import { FixedClock, SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { runExample } from './embed-in-cms';

test('the README example adds a temporary order, skips the local closure in its DOJ deadline and reports what DOJ still needs', async () => {
  const result = await runExample({ eventStore: new InMemoryEventStore(), clock: new FixedClock('2026-03-05T19:00:00Z'), ids: new SequentialIds() });
  expect(result).toEqual({
    orderId: '00000000-0000-4000-8000-000000000001',
    version: 1,
    status: 'active',
    missingForDoj: ['restrainedPerson.race', 'restrainedPerson.height', 'restrainedPerson.weight', 'restrainedPerson.hair', 'petitioner', 'pcoCodes'],
    dojDeadline: '2026-03-09T23:59:59-07:00',
  });
});
