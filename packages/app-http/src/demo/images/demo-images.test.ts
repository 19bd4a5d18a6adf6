import * as E from 'fp-ts/Either';
import { PDFDocument } from 'pdf-lib';
import * as UTIF from 'utif2';
import { startHarness, type Harness, NOW } from '../../__tests__/harness';
import { demoOrder } from '../demo-orders';
import { seedDemo } from '../seed-demo';
import { encodeG4 } from './ccitt-g4';
import { asStream, demoImages } from './demo-images';
import { formFace } from './form-face';
import { writeG4Tiff } from './tiff-writer';

/** Decodes a TIFF with utif2 (the web application's decoder) into 1-bit pixels per page. */
const decodePages = (tiff: Uint8Array): { width: number; height: number; pixels: Uint8Array }[] => {
  const buffer = tiff.buffer.slice(tiff.byteOffset, tiff.byteOffset + tiff.byteLength) as ArrayBuffer;
  return UTIF.decode(buffer).map((ifd) => {
    UTIF.decodeImage(buffer, ifd);
    const rgba = UTIF.toRGBA8(ifd);
    const pixels = new Uint8Array(ifd.width * ifd.height);
    for (let p = 0; p < pixels.length; p++) pixels[p] = rgba[p * 4]! < 128 ? 1 : 0;
    return { width: ifd.width, height: ifd.height, pixels };
  });
};

const noise = (width: number, height: number, seed: number, density: number): Uint8Array => {
  let s = seed;
  const px = new Uint8Array(width * height);
  for (let i = 0; i < px.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    px[i] = (s >>> 16) % 1000 < density ? 1 : 0;
  }
  // Runs long enough for make-up codes, and a black first column (a change at position 0).
  for (let y = 0; y < height; y += 7) px.fill(1, y * width, y * width + Math.min(width, 200 + y));
  return px;
};

describe('CCITT Group 4 TIFFs of the demo', () => {
  it.each([
    [333, 40, 1, 500],
    [1700, 30, 2, 20],
    [64, 64, 3, 980],
  ])('decode with utif2 to exactly the pixels encoded (%i × %i, seed %i)', (width, height, seed, density) => {
    const pixels = noise(width, height, seed, density);
    const [page] = decodePages(writeG4Tiff([{ width, height, pixels, dpi: 200 }]));
    expect(page!.width).toBe(width);
    expect(page!.pixels).toEqual(pixels);
  });

  it('compress a page of text far below its raw size', () => {
    const width = 1700;
    const pixels = new Uint8Array(width * 2200);
    pixels.fill(1, 100 * width, 104 * width);
    expect(encodeG4(pixels, width, 2200).length).toBeLessThan(2000);
  });
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('demo images', () => {
  it('are a filled-in PDF of the order’s own form, and for some orders a two-page G4 TIFF scan, which the image store accepts', async () => {
    const { details } = demoOrder(6, NOW);
    const images = await demoImages(6, details, '2029-03-03T07:59:59.999Z');
    expect(images.map((x) => x.fileName)).toEqual([`${details.form}_${details.caseNumber}.pdf`, `${details.form}_${details.caseNumber}_scan.tif`]);
    const pdf = await PDFDocument.load(images[0]!.bytes);
    expect(pdf.getTitle()).toContain(details.caseNumber);
    expect(pdf.getPageCount()).toBe(2);
    const stored = await Promise.all(images.map((x) => h.services.images.put(asStream(x.bytes))));
    expect(stored.map((r) => (E.isRight(r) ? [r.right.mediaType, r.right.pages] : r.left))).toEqual([
      ['application/pdf', 2],
      ['image/tiff', 2],
    ]);
    expect(decodePages(images[1]!.bytes).map((p) => [p.width, p.height])).toEqual([
      [1700, 2200],
      [1700, 2200],
    ]);
  });

  it('never print the name of a confidential or minor protected person', () => {
    const { details } = demoOrder(0, NOW);
    const hidden = { ...details, protectedPersons: details.protectedPersons.map((p) => ({ ...p, confidential: true })) };
    const face = formFace(hidden, null, 1);
    expect(face.protectedPersons.every((n) => n === 'CONFIDENTIAL (SEE CLETS-001)')).toBe(true);
    // The demo's petitioner is the first protected person: not printed either.
    expect(face.petitioner).toBe('CONFIDENTIAL (SEE CLETS-001)');
  });

  it('are attached to every seeded order through the command handler', async () => {
    const before = await h.services.search.orderCount();
    const r = await seedDemo(h.services, 3);
    expect(r).toEqual({ added: 3, rejected: 0 });
    const page = await h.services.search.search({ caseNumber: demoOrder(before + 1, h.services.clock.now()).details.caseNumber }, { now: h.services.clock.now(), visibility: { sealed: 'all', agencyOri: 'CASTATE00', confidential: 'all' } });
    const hit = E.isRight(page) ? page.right.hits[0] : undefined;
    expect(hit).toBeDefined();
    const loaded = await h.services.commands.load(hit!.orderId as never);
    const state = E.isRight(loaded) ? loaded.right.state : undefined;
    expect(state?.status === 'issued' ? state.images.map((x) => [x.mediaType, x.kind]) : []).toEqual([
      ['application/pdf', 'order'],
      ['image/tiff', 'order'],
    ]);
  });
});
