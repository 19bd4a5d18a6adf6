import { readFile } from 'node:fs/promises';
import { isLeft } from 'fp-ts/Either';
import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandHandler, CommandInput, FormReader, OrderEvent, StoredImage } from '@ccpor/domain';

/** What reading the form of a scanned draft came to. */
export type ScanReadingOutcome =
  | { readonly status: 'prefilled'; readonly form: string; readonly reader: string; readonly prefilled?: number; readonly suggested?: number }
  | { readonly status: 'not-read'; readonly code: string; readonly message: string };

/** Namespace of reading ids the scan import derives (UUID v5 of the image's sha256), so a resumed file's reading is recognised. */
const SCAN_READING_NAMESPACE = '2a9c51d4-7e3b-5f08-b6a1-9d4e2c7f1b35';

export interface PrefillFromScan {
  readonly reader: FormReader;
  readonly handler: Pick<CommandHandler, 'handle'>;
  readonly actor: Actor;
  readonly onReading?: (p: { readonly fileName: string; readonly pagesDone: number; readonly pages: number }) => void;
}

/**
 * Reads the form of a draft the scan import created and applies the reading (ApplyFormReading),
 * so the draft arrives pre-filled for the clerk to confirm beside the image. Waits for the OCR
 * queue (background work never takes a "busy"). A form that cannot be read, or is another form
 * than the file name said, leaves the draft as it was: the outcome says why.
 */
export const prefillScannedDraft = async (
  p: PrefillFromScan,
  file: { readonly path: string; readonly fileName: string },
  orderId: string,
  image: StoredImage,
  extra: Record<string, unknown>,
): Promise<ScanReadingOutcome> => {
  const read = await p.reader.read(
    { bytes: new Uint8Array(await readFile(file.path)), mediaType: image.mediaType },
    { wait: true, ...(p.onReading ? { progress: (x) => p.onReading?.({ fileName: file.fileName, ...x }) } : {}) },
  );
  if (isLeft(read)) return { status: 'not-read', code: read.left.code, message: read.left.message };
  const applied = await p.handler.handle(
    { type: 'ApplyFormReading', orderId, readingId: uuidv5(`${image.sha256}:form-reading`, SCAN_READING_NAMESPACE), imageSha256: image.sha256, reading: read.right } as CommandInput,
    { actor: p.actor, extra },
  );
  const done = { status: 'prefilled' as const, form: read.right.form, reader: read.right.reader };
  if (isLeft(applied)) {
    const e = applied.left;
    // An interrupted run applied it already (the reading id is derived from the image).
    if (e.kind === 'domain' && e.error.code === 'READING_ALREADY_APPLIED') return done;
    return { status: 'not-read', code: e.kind === 'domain' ? e.error.code : e.kind, message: e.kind === 'domain' ? e.error.message : 'the draft changed meanwhile' };
  }
  const event = applied.right.events.find((x): x is Extract<OrderEvent, { type: 'FormReadingApplied' }> => x.type === 'FormReadingApplied');
  const fields = event?.data.fields ?? [];
  return { ...done, prefilled: fields.filter((f) => f.status === 'prefilled').length, suggested: fields.filter((f) => f.status === 'suggested').length };
};
