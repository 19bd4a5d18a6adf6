import type { ScanReadingOutcome } from './scan-prefill';

/** Why a file went to quarantine; the code is stable, the message is for the clerk. */
export type QuarantineCode =
  /** Neither the naming convention nor an index file says which order the file belongs to. */
  | 'unmatched'
  /** No order matches and no draft can be made (drafts switched off, or the name's values are not valid order data). */
  | 'not-creatable'
  /** The file cannot be read, or is a PDF/TIFF too damaged to parse. */
  | 'unreadable'
  /** The content is not a PDF or TIFF, whatever the name says. */
  | 'invalid'
  | 'too-large'
  /** The same content was already imported under another name, or is already attached to the order. */
  | 'duplicate'
  /** The registry refused the attachment (e.g. the matching draft was discarded). */
  | 'rejected';

export const QUARANTINE_CODES: readonly QuarantineCode[] = ['unmatched', 'not-creatable', 'unreadable', 'invalid', 'too-large', 'duplicate', 'rejected'];

export type ScanOutcome =
  | { readonly kind: 'attached'; readonly orderId: string }
  /** `reading`: when the import reads the form, what that came to (the draft is pre-filled, or why not). */
  | { readonly kind: 'draft-created'; readonly orderId: string; readonly reading?: ScanReadingOutcome }
  | { readonly kind: 'quarantined'; readonly code: QuarantineCode; readonly message: string };

export interface ScanFileResult {
  readonly fileName: string;
  readonly sha256?: string;
  readonly outcome: ScanOutcome;
  /** True when an earlier, interrupted run had done part of the work. */
  readonly resumed: boolean;
}

export interface ScanImportProgress {
  readonly done: number;
  readonly total: number;
  readonly fileName: string;
  readonly outcome: ScanOutcome['kind'];
}

export interface ScanImportSummary {
  readonly total: number;
  readonly attached: number;
  readonly draftsCreated: number;
  /** Drafts pre-filled from their form, and drafts whose form could not be read (when the import reads forms). */
  readonly draftsPrefilled: number;
  readonly formsNotRead: number;
  readonly quarantined: Readonly<Record<QuarantineCode, number>>;
  /** Files an interrupted run had started, finished by this one. */
  readonly resumed: number;
  readonly quarantinedFiles: readonly { readonly fileName: string; readonly code: QuarantineCode; readonly message: string }[];
  readonly results: readonly ScanFileResult[];
  readonly durationMs: number;
}

export const summarize = (results: readonly ScanFileResult[], durationMs: number): ScanImportSummary => {
  const quarantined = Object.fromEntries(QUARANTINE_CODES.map((c) => [c, 0])) as Record<QuarantineCode, number>;
  const quarantinedFiles: { fileName: string; code: QuarantineCode; message: string }[] = [];
  let attached = 0;
  let draftsCreated = 0;
  let draftsPrefilled = 0;
  let formsNotRead = 0;
  for (const r of results) {
    if (r.outcome.kind === 'attached') attached += 1;
    else if (r.outcome.kind === 'draft-created') {
      draftsCreated += 1;
      if (r.outcome.reading?.status === 'prefilled') draftsPrefilled += 1;
      else if (r.outcome.reading?.status === 'not-read') formsNotRead += 1;
    }
    else {
      quarantined[r.outcome.code] += 1;
      quarantinedFiles.push({ fileName: r.fileName, code: r.outcome.code, message: r.outcome.message });
    }
  }
  return { total: results.length, attached, draftsCreated, draftsPrefilled, formsNotRead, quarantined, resumed: results.filter((r) => r.resumed).length, quarantinedFiles, results, durationMs };
};
