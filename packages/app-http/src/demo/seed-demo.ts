import * as E from 'fp-ts/Either';
import type { OrderId, Ori } from '@ccpor/domain';
import type { AppServices } from '../composition/services';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { DEMO_AGENCIES, demoOrder } from './demo-orders';

export interface SeedReport {
  readonly added: number;
  readonly rejected: number;
}

/** Registers the demo agencies (when missing) and adds `count` synthetic orders through the command handler. */
export const seedDemo = async (s: AppServices, count: number, onProgress?: (done: number) => void): Promise<SeedReport> => {
  for (const a of DEMO_AGENCIES) if (!s.identity.view.agencies.has(a.ori)) await s.identity.registerAgency(a, SYSTEM_ACTOR);
  let added = 0;
  let rejected = 0;
  const now = s.clock.now();
  // Start the invented names where the last seeding stopped, so a second seed adds new people.
  const offset = await s.search.orderCount();
  for (let i = 0; i < count; i += 1) {
    const { details, agencyOri } = demoOrder(offset + i, now);
    const r = await s.commands.handle(
      { type: 'AddOrder', orderId: s.ids.newId() as OrderId, enteringAgencyOri: agencyOri as Ori, details, source: { kind: 'registry' } },
      { actor: { userId: 'demo-seed', agencyOri, roles: ['court-clerk'], kind: 'system' } },
    );
    if (E.isRight(r)) added += 1;
    else rejected += 1;
    onProgress?.(i + 1);
  }
  const head = await s.store.headPosition();
  if (head) await s.search.waitFor(head, 60_000);
  return { added, rejected };
};

export { SYSTEM_ACTOR };
