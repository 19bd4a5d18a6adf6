import type { Either } from 'fp-ts/Either';
import type { FormReading } from '../form-reading/form-reading';
import type { ImageMediaType } from './image-store';

/** The image of a filled-in form, as stored: its bytes and what they are. */
export interface FormImage {
  readonly bytes: Uint8Array;
  readonly mediaType: ImageMediaType;
}

/**
 * Why a form could not be read. Every case leaves the draft as it was.
 * - `UNKNOWN_FORM`: no form number the registry has a layout for is printed on the pages
 *   (`found`: the form numbers that were printed, if any);
 * - `UNKNOWN_REVISION`: the form is known, but not the revision printed on it;
 * - `NOTHING_TO_READ`: the file has no fields, no text and no page any reader could use;
 * - `IMAGE_UNREADABLE`: the file could not be opened as a PDF or TIFF;
 * - `READER_BUSY`: as many forms are being read as the registry allows; try again later.
 */
export type FormReadError =
  | { readonly code: 'UNKNOWN_FORM'; readonly message: string; readonly found: readonly string[] }
  | { readonly code: 'UNKNOWN_REVISION'; readonly message: string; readonly form: string; readonly revision: string; readonly known: readonly string[] }
  | { readonly code: 'NOTHING_TO_READ'; readonly message: string }
  | { readonly code: 'IMAGE_UNREADABLE'; readonly message: string }
  | { readonly code: 'READER_BUSY'; readonly message: string; readonly retryAfterSeconds: number };

export interface FormReadOptions {
  /** Wait for a free reader instead of answering READER_BUSY (background work: the scan inbox). */
  readonly wait?: boolean;
  /** Pages done so far of the pages to read, as the reading goes (a progress bar). */
  readonly progress?: (p: { readonly pagesDone: number; readonly pages: number }) => void;
  readonly signal?: AbortSignal;
}

/**
 * Reads a filled-in Judicial Council form: recognises the form from its own printed number and
 * revision and reads every box its layout names, with the best reader the file allows (a
 * fillable PDF's own fields, then its text layer, then OCR of the pages).
 */
export interface FormReader {
  read(image: FormImage, options?: FormReadOptions): Promise<Either<FormReadError, FormReading>>;
}
