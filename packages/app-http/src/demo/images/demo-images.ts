import type { ImageRef, OrderDetails } from '@ccpor/domain';
import { formFace } from './form-face';
import { pdfForm } from './pdf-form';
import { rasterForm } from './raster-form';
import { writeG4Tiff } from './tiff-writer';

export interface DemoImage {
  readonly bytes: Uint8Array;
  readonly kind: ImageRef['kind'];
  readonly fileName: string;
}

/**
 * The images a demo order comes with, so a newcomer sees an order beside its image: a filled-in
 * PDF of its form (two pages for every other order), and for every fifth order a CCITT Group 4
 * TIFF scan as well, the way a fax-grade court scanner sends it.
 */
export const demoImages = async (i: number, details: OrderDetails, expiresAt: string | null): Promise<DemoImage[]> => {
  const pages = i % 2 === 0 ? 2 : 1;
  const face = formFace(details, expiresAt, pages);
  const slug = `${details.form}_${details.caseNumber}`;
  const out: DemoImage[] = [{ bytes: await pdfForm(face, i), kind: 'order', fileName: `${slug}.pdf` }];
  if (i % 5 === 1) out.push({ bytes: writeG4Tiff(rasterForm(face, i)), kind: 'order', fileName: `${slug}_scan.tif` });
  return out;
};

/** Bytes as the stream the image store reads. */
export async function* asStream(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

