import { left, map, type Either } from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ImageMediaType, ImageStoreError } from '@ccpor/domain';
import { sniffMediaType } from './media-sniffer';
import { countPdfPages } from './pdf-inspector';
import { countTiffPages } from './tiff-inspector';

export interface InspectedImage {
  readonly mediaType: ImageMediaType;
  readonly pages: number;
}

/** Validates a staged file by its content (signature, structure, page count), whatever its name. */
export const inspectImage = async (path: string, head: Uint8Array, size: number): Promise<Either<ImageStoreError, InspectedImage>> => {
  const sniffed = sniffMediaType(head);
  switch (sniffed.kind) {
    case 'pdf':
      return pipe(await countPdfPages(path, size), map((pages) => ({ mediaType: sniffed.mediaType, pages })));
    case 'tiff':
      return pipe(await countTiffPages(path, size, sniffed), map((pages) => ({ mediaType: sniffed.mediaType, pages })));
    case 'other':
      return left({ code: 'IMAGE_UNSUPPORTED_TYPE', detected: sniffed.detected });
  }
};
