/**
 * How a court case-management system embeds @ccpor/domain: decide an order's life in-process,
 * with the CMS's own event store behind the EventStore port. This file is run by
 * embed-in-cms.test.ts, so the README's example cannot drift from the code.
 */
import * as E from 'fp-ts/Either';
import {
  computeOrderView,
  createCommandHandler,
  createCourtCalendar,
  createDecider,
  decodeWith,
  OrderDetails,
  type Actor,
  type Clock,
  type EventStore,
  type IdGenerator,
} from '@ccpor/domain';

export async function runExample(deps: { eventStore: EventStore; clock: Clock; ids: IdGenerator }) {
  // 1. The county's local closures join the statewide judicial holidays.
  const calendar = createCourtCalendar({ localClosures: [{ date: '2026-03-06', reason: 'Courthouse closed (power outage)' }] });
  const handler = createCommandHandler({ ...deps, decider: createDecider({ calendar }) });
  const clerk: Actor = { userId: 'cms-clerk-17', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' };

  // 2. Validate what the CMS collected with the same codec the registry uses.
  const details = decodeWith(OrderDetails)({
    form: 'DV-110',
    court: { ori: 'CA019015J', county: 'Los Angeles', name: 'Superior Court of California, County of Los Angeles' },
    caseNumber: '26FL001234',
    issuedAt: '2026-03-05T10:15:00-08:00',
    hearing: { at: '2026-03-20T08:30:00-07:00' },
    restrainedPerson: { name: { last: 'Rivera', first: 'Daniel' }, dateOfBirth: '1988-07-14', sex: 'M' },
    protectedPersons: [{ name: { last: 'Rivera', first: 'Ana' }, confidential: true, minor: false }],
  });
  if (E.isLeft(details)) return { error: details.left };

  // 3. Add the order; rule failures come back as values with a stable code and a sentence.
  const orderId = deps.ids.newId();
  const added = await handler.handle({ type: 'AddOrder', orderId: orderId as never, enteringAgencyOri: 'CA019015J' as never, details: details.right }, { actor: clerk });
  if (E.isLeft(added)) return { error: added.left };

  // 4. Read it back with the computed fields a clerk sees.
  const view = computeOrderView(added.right.state, deps.clock.now());
  return { orderId, version: added.right.version, status: view.status, missingForDoj: view.missingForDoj.map((m) => m.field), dojDeadline: view.dojDeadline };
}
