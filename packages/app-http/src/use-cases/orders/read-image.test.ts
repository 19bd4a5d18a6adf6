import * as E from 'fp-ts/Either';
import { authorizeImageRead, authorizeOrder, createCommandHandler, type Actor, type ImageRef, type OrderId, type Ori, type Principal, type StoredImage } from '@ccpor/domain';
import { InMemoryEventStore } from '@ccpor/adapters';
import { FixedClock, LA_SUPERIOR_COURT, ORANGE_COURT, SAMPLE_IMAGE, SAMPLE_ORDER_ID, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import { readImage, type ImageHoldersLookup, type ImageReadAccess } from './read-image';

/**
 * An image download as the command line would ask for it: the order loaded and the caller
 * authorized on it, the image one the order holds, the bytes authorized as every order holding
 * them is (ADR 0036), and the image store asked only then.
 */
const ORDER = SAMPLE_ORDER_ID as OrderId;
const supervisor: Actor = { userId: 'u-sup', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['supervisor'], kind: 'user' };
const clerkOf = (ori: string): Principal => ({ userId: `u-${ori}`, agencyOri: ori, roles: ['court-clerk'], cletsCertified: false, kind: 'user' });
const STORED: StoredImage = { sha256: SAMPLE_IMAGE.sha256, mediaType: 'application/pdf', pages: 3, bytes: 182_044 };

const setup = async (opts: { sealed?: boolean; holders?: Awaited<ReturnType<ImageHoldersLookup>> } = {}) => {
  const commands = createCommandHandler({ eventStore: new InMemoryEventStore(), clock: new FixedClock('2026-03-05T20:00:00.000Z'), ids: new SequentialIds() });
  const added = await commands.handle({ type: 'AddOrder', orderId: ORDER, enteringAgencyOri: LA_SUPERIOR_COURT.ori as Ori, details: sampleOrderDetails({ sealed: opts.sealed ?? false }), source: { kind: 'registry' } }, { actor: supervisor });
  if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
  const attached = await commands.handle({ type: 'AttachImage', orderId: ORDER, image: SAMPLE_IMAGE as unknown as ImageRef }, { actor: supervisor });
  if (E.isLeft(attached)) throw new Error(JSON.stringify(attached.left));
  const asked: string[] = [];
  let stats = 0;
  const deps = (p: Principal) => {
    const access: ImageReadAccess<string> = {
      order: (action, facts) => {
        asked.push(action);
        const d = authorizeOrder(p, action, facts);
        return d.allowed ? E.right(undefined) : E.left(d.code);
      },
      imageRead: (holders) => {
        asked.push('image.read');
        const d = authorizeImageRead(p, holders);
        return d.allowed ? E.right(undefined) : E.left(d.code);
      },
      imageReference: () => E.left('not asked of a download'),
      withheld: () => undefined,
    };
    return {
      commands,
      access,
      images: { stat: async () => ((stats += 1), STORED) },
      holders: async () => opts.holders ?? { ok: true as const, value: [{ orderId: ORDER, facts: { ownerAgencyOri: LA_SUPERIOR_COURT.ori, sealed: opts.sealed ?? false, stage: 'issued' as const } }] },
    };
  };
  return { deps, asked, stats: () => stats };
};

describe('reading an order’s image (ADR 0036)', () => {
  it('gives a clerk of another county the stored image of an unsealed order, asking the policy about the order and then the bytes', async () => {
    const t = await setup();
    const r = await readImage(t.deps(clerkOf(ORANGE_COURT.ori)), { principal: clerkOf(ORANGE_COURT.ori), orderId: ORDER, sha256: SAMPLE_IMAGE.sha256 });
    expect(r).toEqual(E.right(STORED));
    expect(t.asked).toEqual(['order.image.read', 'image.read']);
  });

  it('refuses a sealed order’s image to a clerk before the image store is asked', async () => {
    const t = await setup({ sealed: true });
    const r = await readImage(t.deps(clerkOf(LA_SUPERIOR_COURT.ori)), { principal: clerkOf(LA_SUPERIOR_COURT.ori), orderId: ORDER, sha256: SAMPLE_IMAGE.sha256 });
    expect(r).toEqual(E.left({ kind: 'refused', reason: 'SEALED_ORDER' }));
    expect(t.stats()).toBe(0);
  });

  it('refuses bytes that a sealed order of another agency holds too', async () => {
    const holders = { ok: true as const, value: [{ orderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10', facts: { ownerAgencyOri: ORANGE_COURT.ori, sealed: true, stage: 'issued' as const } }] };
    const t = await setup({ holders });
    const r = await readImage(t.deps(clerkOf(LA_SUPERIOR_COURT.ori)), { principal: clerkOf(LA_SUPERIOR_COURT.ori), orderId: ORDER, sha256: SAMPLE_IMAGE.sha256 });
    expect(E.isLeft(r) && r.left.kind).toBe('refused');
    expect(t.stats()).toBe(0);
  });

  it('answers an image the order does not hold, and views that cannot be read, as such', async () => {
    const t = await setup();
    const clerk = clerkOf(LA_SUPERIOR_COURT.ori);
    expect(await readImage(t.deps(clerk), { principal: clerk, orderId: ORDER, sha256: 'b'.repeat(64) })).toEqual(E.left({ kind: 'image-not-on-order' }));
    const down = await setup({ holders: { ok: false } });
    expect(await readImage(down.deps(clerk), { principal: clerk, orderId: ORDER, sha256: SAMPLE_IMAGE.sha256 })).toEqual(E.left({ kind: 'holders-unavailable' }));
    expect(down.stats()).toBe(0);
  });
});
