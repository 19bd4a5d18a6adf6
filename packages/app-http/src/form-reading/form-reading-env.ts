import * as t from 'io-ts';
import { optionalWhole } from '../config/optional-whole';

/**
 * Reading forms (issue 20): the OCR engines and how many scanned pages may wait for them,
 * decoded with the rest of the configuration (config/config.ts spreads these into its one codec).
 */
export const FormReadingEnvCodec = t.type({
  CCPOR_FORM_OCR_WORKERS: optionalWhole('OCR engines', 1, 16),
  CCPOR_FORM_OCR_QUEUE_PAGES: optionalWhole('pages', 1, 1000),
  CCPOR_SCAN_READ_FORMS: t.union([t.keyof({ true: null, false: null }, 'true | false'), t.literal(''), t.undefined]),
});

export const FORM_READING_ENV_DOCS: Record<keyof typeof FormReadingEnvCodec.props, string> = {
  CCPOR_FORM_OCR_WORKERS: 'OCR engines reading scanned forms, each on its own thread (default 1, leaving the other core of a 2-core host to requests).',
  CCPOR_FORM_OCR_QUEUE_PAGES:
    'Scanned pages that may wait for or be in OCR at once (default 20). Beyond it "read this form" answers 503 `FORM_READER_BUSY` with Retry-After; the scan inbox waits its turn instead.',
  CCPOR_SCAN_READ_FORMS: '`false`: drafts the scan inbox creates are not pre-filled by reading the form (default `true`).',
};

export interface FormReadingConfig {
  readonly ocrWorkers: number;
  readonly maxQueuedPages: number;
  /** The scan inbox reads each new draft's form and pre-fills it. */
  readonly readScans: boolean;
}

export const formReadingConfigFrom = (v: t.TypeOf<typeof FormReadingEnvCodec>): FormReadingConfig => ({
  ocrWorkers: v.CCPOR_FORM_OCR_WORKERS ?? 1,
  maxQueuedPages: v.CCPOR_FORM_OCR_QUEUE_PAGES ?? 20,
  readScans: v.CCPOR_SCAN_READ_FORMS !== 'false',
});
