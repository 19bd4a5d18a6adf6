import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { authorizeOrder, createCommandHandler, type Actor, type OrderFacts, type OrderId, type Ori, type Principal, type StoredImage } from '@ccpor/domain';
import { InMemoryEventStore } from '@ccpor/adapters';
import { FixedClock, LA_SUPERIOR_COURT, SAMPLE_ORDER_ID, SequentialIds, sampleOrderDetails } from '@ccpor/test-kit';
import type { OrderAccess } from './order-access';
import { uploadImage, type UploadedFile } from './upload-image';

/**
 * The upload use case without HTTP: the caller is authorized on the order before the file is read,
 * so a refused caller streams nothing into the image store; the attach is authorized again on the
 * order as it is when written (ADR 0080, 0081); the event says the bytes came through an upload (ADR 0036).
 */
const ORDER = SAMPLE_ORDER_ID as OrderId;
const clerk: Principal = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
const supervisor: Actor = { userId: 'u-sup', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['supervisor'], kind: 'user' };
const BYTES = new TextEncoder().encode('%PDF-1.7 not really, the store here only counts');

const setup = async (opts: { sealed?: boolean } = {}) => {
  const store = new InMemoryEventStore();
  const commands = createCommandHandler({ eventStore: store, clock: new FixedClock('2026-03-05T20:00:00.000Z'), ids: new SequentialIds() });
  const seal = async () => {
    const sealed = await commands.handle({ type: 'ModifyOrder', orderId: ORDER, changes: { sealed: true } }, { actor: supervisor });
    if (E.isLeft(sealed)) throw new Error(JSON.stringify(sealed.left));
  };
  const added = await commands.handle({ type: 'AddOrder', orderId: ORDER, enteringAgencyOri: LA_SUPERIOR_COURT.ori as Ori, details: sampleOrderDetails(), source: { kind: 'registry' } }, { actor: supervisor });
  if (E.isLeft(added)) throw new Error(JSON.stringify(added.left));
  if (opts.sealed === true) await seal();
  const asked: OrderFacts[] = [];
  const access: OrderAccess<string> = {
    order: (action, facts) => {
      asked.push(facts);
      const d = authorizeOrder(clerk, action, facts);
      return d.allowed ? E.right(undefined) : E.left(d.code);
    },
    imageReference: () => E.left('not asked of an upload'),
    withheld: () => undefined,
  };
  const put: number[] = [];
  const images = {
    put: async (content: AsyncIterable<Uint8Array>): Promise<E.Either<never, StoredImage>> => {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of content) {
        hash.update(chunk);
        bytes += chunk.length;
      }
      put.push(bytes);
      return E.right({ sha256: hash.digest('hex'), mediaType: 'application/pdf', bytes, pages: 1 });
    },
  };
  let reads = 0;
  const file = (during?: () => Promise<void>): UploadedFile<string> => ({
    receive: async (consume) => {
      reads += 1;
      await during?.();
      const result = await consume((async function* () {
        yield BYTES;
      })());
      return E.right({ fileName: ' order\u0007.pdf ', result });
    },
  });
  const deps = { commands, access, clock: new FixedClock('2026-03-05T20:00:01.000Z'), images };
  const events = async () => (await store.readStream(`order-${ORDER}`)).map((e) => ({ type: e.type, extra: (e.metadata as { extra?: unknown }).extra }));
  return { deps, asked, put, file, seal, reads: () => reads, events };
};

const request = { principal: clerk, orderId: ORDER, correlationId: 'req-1' };

describe('uploadImage, the use case without HTTP', () => {
  it('reads the file into the image store once the caller is allowed, and attaches it as an upload of theirs', async () => {
    const t = await setup();
    const r = await uploadImage(t.deps, { ...request, file: t.file(), kind: 'proof-of-service' });
    expect(E.isRight(r) && r.right).toMatchObject({ orderId: ORDER, version: 2, at: '2026-03-05T20:00:01.000Z', image: { kind: 'proof-of-service', fileName: 'order.pdf', bytes: BYTES.length, pages: 1 } });
    expect(t.put).toEqual([BYTES.length]);
    expect(await t.events()).toEqual([
      { type: 'OrderAdded', extra: undefined },
      { type: 'ImageAttached', extra: { imageSource: 'upload' } },
    ]);
  });

  it('refuses a caller the policy refuses before a byte is read: nothing streamed into the store, nothing written', async () => {
    const t = await setup({ sealed: true });
    const r = await uploadImage(t.deps, { ...request, file: t.file() });
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'refused', reason: 'SEALED_ORDER' });
    expect(t.reads()).toBe(0);
    expect(t.put).toEqual([]);
    expect((await t.events()).map((e) => e.type)).toEqual(['OrderAdded', 'OrderModified']);
  });

  it('asks again when it attaches: an order sealed while the file was uploading is refused, and nothing is attached', async () => {
    const t = await setup();
    const r = await uploadImage(t.deps, { ...request, file: t.file(t.seal) });
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'refused', reason: 'SEALED_ORDER' });
    expect(t.asked.map((f) => f.sealed)).toEqual([false, true]);
    expect((await t.events()).map((e) => e.type)).toEqual(['OrderAdded', 'OrderModified']);
  });

  it('answers an order that does not exist as not found, without asking the policy or reading the file', async () => {
    const t = await setup();
    const r = await uploadImage(t.deps, { ...request, orderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10' as OrderId, file: t.file() });
    expect(E.isLeft(r) && r.left).toEqual({ kind: 'order-not-found' });
    expect(t.asked).toEqual([]);
    expect(t.reads()).toBe(0);
  });
});
