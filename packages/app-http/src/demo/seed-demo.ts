import * as E from 'fp-ts/Either';
import type { ImageRef, OrderDetails, OrderId, Ori, EventStore, Clock, IdGenerator, CommandHandler, ImageStore } from '@ccpor/domain';
import { SYSTEM_ACTOR, type IdentityService } from '../identity/identity-service';
import { DEMO_AGENCIES, demoOrder } from './demo-orders';
import { asStream, demoImages } from './images/demo-images';
import type { OrderSearchService } from '../search/order-search-service';

/** What seeding the demo writes and reads: agencies, orders and their images, and the search views it waits for. */
export interface SeedDemoNeeds {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly identity: IdentityService;
  readonly images: ImageStore;
  readonly search: OrderSearchService;
}

/** Stores the demo order's generated images and attaches them, as an upload would (ImageAttached events). */
const attachDemoImages = async (s: SeedDemoNeeds, i: number, orderId: OrderId, details: OrderDetails, expiresAt: string | null, agencyOri: string): Promise<void> => {
  for (const image of await demoImages(i, details, expiresAt)) {
    const stored = await s.images.put(asStream(image.bytes));
    if (E.isLeft(stored)) throw new Error(`demo image of order ${i} refused by the image store: ${stored.left.code}`);
    const attached = await s.commands.handle(
      { type: 'AttachImage', orderId, image: { ...stored.right, kind: image.kind, fileName: image.fileName } as ImageRef },
      { actor: { userId: 'demo-seed', agencyOri, roles: ['court-clerk'], kind: 'system' } },
    );
    if (E.isLeft(attached)) throw new Error(`demo image of order ${i} not attached: ${JSON.stringify(attached.left)}`);
  }
};

export interface SeedReport {
  readonly added: number;
  readonly rejected: number;
}

/** Registers the demo agencies (when missing) and adds `count` synthetic orders through the command handler. */
export const seedDemo = async (s: SeedDemoNeeds, count: number, onProgress?: (done: number) => void): Promise<SeedReport> => {
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
    if (E.isRight(r)) {
      added += 1;
      const state = r.right.state;
      if (state.status === 'issued') await attachDemoImages(s, offset + i, state.orderId as OrderId, details, state.expiresAt, agencyOri);
    } else rejected += 1;
    onProgress?.(i + 1);
  }
  const head = await s.store.headPosition();
  if (head) await s.search.waitFor(head, 60_000);
  return { added, rejected };
};

export { SYSTEM_ACTOR };
