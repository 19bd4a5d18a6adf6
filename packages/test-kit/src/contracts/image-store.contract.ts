import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isLeft, isRight, type Either } from 'fp-ts/Either';
import type { ImageStore, ImageStoreError, StoredImage } from '@ccpor/domain';
import { chunked, collectBytes, samplePdf, sampleTiff } from './image-samples';

export interface ImageStoreUnderTest {
  readonly store: ImageStore;
  dispose(): Promise<void>;
}

/** Opens a store that refuses uploads larger than `limitBytes`. The suite never assumes it is empty. */
export type ImageStoreFactory = (opts: { limitBytes: number }) => Promise<ImageStoreUnderTest>;

/** The limit the suite opens its store with; one sample is made larger on purpose. */
export const CONTRACT_IMAGE_LIMIT = 1024 * 1024;

const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const rightOf = <E, A>(e: Either<E, A>): A => {
  if (isLeft(e)) throw new Error(`expected success, got ${JSON.stringify(e.left)}`);
  return e.right;
};
const leftOf = <E, A>(e: Either<E, A>): E => {
  if (isRight(e)) throw new Error(`expected an error, got ${JSON.stringify(e.right)}`);
  return e.left;
};

/** A label no other run of the suite uses, so every sample has a fresh hash even on a shared store. */
const unique = (name: string): string => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * What every ImageStore must do (ports/image-store.ts): validate by content, record media type
 * and page count, address by sha256, stay idempotent (also under concurrent puts of the same
 * bytes), stream with chunk boundaries anywhere, serve byte ranges, and enforce its size limit.
 */
export const imageStoreContract = (name: string, factory: ImageStoreFactory): void => {
  describe(`ImageStore contract: ${name}`, () => {
    let underTest: ImageStoreUnderTest;
    let store: ImageStore;
    beforeAll(async () => {
      underTest = await factory({ limitBytes: CONTRACT_IMAGE_LIMIT });
      store = underTest.store;
    });
    afterAll(async () => {
      await underTest.dispose();
    });

    const put = (bytes: Uint8Array, chunkSize = 4096): Promise<Either<ImageStoreError, StoredImage>> => store.put(chunked(bytes, chunkSize));

    it('stores a PDF under its sha256 with media type, size and page count', async () => {
      const pdf = samplePdf(3, unique('pdf'));
      const stored = rightOf(await put(pdf));
      expect(stored).toEqual({ sha256: sha256Hex(pdf), mediaType: 'application/pdf', bytes: pdf.length, pages: 3 });
      expect(await store.stat(stored.sha256)).toEqual(stored);
    });

    it('counts the pages of multi-page TIFFs in both byte orders', async () => {
      const little = sampleTiff(4, unique('tiff-le'), { littleEndian: true });
      const big = sampleTiff(2, unique('tiff-be'), { littleEndian: false });
      expect(rightOf(await put(little))).toMatchObject({ mediaType: 'image/tiff', pages: 4, bytes: little.length });
      expect(rightOf(await put(big))).toMatchObject({ mediaType: 'image/tiff', pages: 2, bytes: big.length });
    });

    it('reads back exactly the bytes stored, whatever the upload chunk size', async () => {
      const tiff = sampleTiff(3, unique('roundtrip'), { width: 1200, height: 600 });
      expect(tiff.length).toBeGreaterThan(256 * 1024);
      const stored = rightOf(await put(tiff, 1000));
      const back = await collectBytes(rightOf(await store.read(stored.sha256)));
      expect(sha256Hex(back)).toBe(stored.sha256);
      expect(back.length).toBe(tiff.length);
    });

    it('serves inclusive byte ranges, also across internal chunk boundaries and at the end', async () => {
      const tiff = sampleTiff(2, unique('range'), { width: 1600, height: 800 });
      const stored = rightOf(await put(tiff));
      const ranges = [
        { start: 0, end: 0 },
        { start: 10, end: 99 },
        { start: 262_000, end: 263_000 },
        { start: tiff.length - 5, end: tiff.length - 1 },
        { start: 100, end: tiff.length + 1000 },
      ];
      for (const range of ranges) {
        const got = await collectBytes(rightOf(await store.read(stored.sha256, range)));
        expect(Buffer.from(got).equals(Buffer.from(tiff.subarray(range.start, Math.min(range.end, tiff.length - 1) + 1)))).toBe(true);
      }
    });

    it('refuses ranges that start past the end or end before they start', async () => {
      const pdf = samplePdf(1, unique('bad-range'));
      const stored = rightOf(await put(pdf));
      expect(leftOf(await store.read(stored.sha256, { start: pdf.length, end: pdf.length + 10 })).code).toBe('IMAGE_UNREADABLE');
      expect(leftOf(await store.read(stored.sha256, { start: 20, end: 10 })).code).toBe('IMAGE_UNREADABLE');
    });

    it('is idempotent: the same bytes put twice, or concurrently, give one image', async () => {
      const pdf = samplePdf(2, unique('twice'));
      const first = rightOf(await put(pdf));
      const again = rightOf(await put(pdf, 333));
      expect(again).toEqual(first);
      const concurrent = samplePdf(2, unique('concurrent'));
      const results = await Promise.all(Array.from({ length: 5 }, () => put(concurrent)));
      const stored = results.map(rightOf);
      // The same description from every put, whichever of them wrote the bytes (key order is not behaviour).
      for (const s of stored) expect(s).toEqual(stored[0]);
      const back = await collectBytes(rightOf(await store.read(stored[0]!.sha256)));
      expect(sha256Hex(back)).toBe(sha256Hex(concurrent));
    });

    it('validates by content: text, JPEG and empty uploads are refused and not stored', async () => {
      const text = new TextEncoder().encode(`${unique('note')}: this is not an order image`);
      expect(leftOf(await put(text))).toEqual({ code: 'IMAGE_UNSUPPORTED_TYPE', detected: 'text/plain' });
      expect(await store.stat(sha256Hex(text))).toBeUndefined();
      const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, ...new TextEncoder().encode(unique('jpeg'))]);
      expect(leftOf(await put(jpeg))).toEqual({ code: 'IMAGE_UNSUPPORTED_TYPE', detected: 'image/jpeg' });
      expect(leftOf(await put(new Uint8Array(0)))).toEqual({ code: 'IMAGE_UNSUPPORTED_TYPE', detected: 'empty file' });
    });

    it('refuses a truncated PDF and a PDF header over garbage as unreadable', async () => {
      const pdf = samplePdf(3, unique('cut'));
      const cut = pdf.subarray(0, Math.floor(pdf.length / 2));
      expect(leftOf(await put(cut)).code).toBe('IMAGE_UNREADABLE');
      expect(await store.stat(sha256Hex(cut))).toBeUndefined();
      const garbage = new TextEncoder().encode(`%PDF-1.7\n${unique('garbage')} no objects here\n%%EOF\n`);
      expect(leftOf(await put(garbage)).code).toBe('IMAGE_UNREADABLE');
    });

    it('refuses a TIFF whose directory chain points outside the file or loops', async () => {
      const tiff = sampleTiff(2, unique('broken-tiff'));
      const outside = Uint8Array.from(tiff);
      new DataView(outside.buffer).setUint32(4, outside.length + 100, true);
      expect(leftOf(await put(outside)).code).toBe('IMAGE_UNREADABLE');
      const looping = Uint8Array.from(tiff);
      const view = new DataView(looping.buffer);
      const firstIfd = view.getUint32(4, true);
      const entries = view.getUint16(firstIfd, true);
      view.setUint32(firstIfd + 2 + entries * 12, firstIfd, true);
      expect(leftOf(await put(looping)).code).toBe('IMAGE_UNREADABLE');
    });

    it('refuses an upload over its size limit and stores nothing of it', async () => {
      const big = sampleTiff(2, unique('too-big'), { width: 4096, height: 1200 });
      expect(big.length).toBeGreaterThan(CONTRACT_IMAGE_LIMIT);
      expect(leftOf(await put(big, 64 * 1024))).toEqual({ code: 'IMAGE_TOO_LARGE', limitBytes: CONTRACT_IMAGE_LIMIT });
      expect(await store.stat(sha256Hex(big))).toBeUndefined();
    });

    it('answers stat and read for unknown or malformed hashes without touching storage paths', async () => {
      const unknown = sha256Hex(new TextEncoder().encode(unique('never-stored')));
      expect(await store.stat(unknown)).toBeUndefined();
      expect(leftOf(await store.read(unknown))).toEqual({ code: 'IMAGE_NOT_FOUND', sha256: unknown });
      expect(await store.stat('../../etc/passwd')).toBeUndefined();
      expect(leftOf(await store.read('../../etc/passwd')).code).toBe('IMAGE_NOT_FOUND');
    });
  });
};
