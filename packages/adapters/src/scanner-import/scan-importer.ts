import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { v5 as uuidv5 } from 'uuid';
import {
  caseNumberKey,
  decodeWith,
  DraftDetails,
  Ori,
  type Actor,
  type CommandHandler,
  type CommandInput,
  type HandlerError,
  type FormReader,
  type ImageStore,
  type StoredImage,
} from '@ccpor/domain';
import { fsyncDirectory } from '../images/fs-durability';
import { freeName, moveInto, writeReason } from './file-moves';
import { ImportJournal, type JournalEntry } from './import-journal';
import { readScanIndexes, type ScanIndex } from './index-file';
import { compileConvention, DEFAULT_NAMING_CONVENTION, type ConventionMatcher } from './naming-convention';
import type { FindOrderByCaseAndForm } from './order-lookup';
import type { ScanFields } from './scan-fields';
import type { QuarantineCode, ScanFileResult, ScanOutcome } from './scan-outcome';
import { prefillScannedDraft, type ScanReadingOutcome } from './scan-prefill';

/** Namespace of the draft ids the scan import derives (UUID v5 of sha256 + file name). */
export const SCAN_DRAFT_NAMESPACE = '6f0b7d3e-2c41-5a8e-9d17-3b5c2e8a4f60';

export interface ScanImportOptions {
  /** Where the batch scanning software writes one file per order. */
  readonly inbox: string;
  /** Files that cannot be imported go here, each with `<file>.reason.json`. */
  readonly quarantine: string;
  /** Imported files are moved here; without it they are deleted once their import is recorded. */
  readonly archive?: string;
  /** The naming convention (see naming-convention.ts); default `<courtORI>_<caseNumber>_<formNumber>_<yyyymmdd>.pdf`. */
  readonly convention?: string;
  /** Index files (CSV or XML) mapping file names to case and form numbers; they win over the name. */
  readonly index?: string | readonly string[];
  readonly handler: Pick<CommandHandler, 'handle'>;
  readonly imageStore: ImageStore;
  readonly findOrderByCaseAndForm: FindOrderByCaseAndForm;
  readonly actor: Actor;
  /** Create a draft for data entry when no order matches (image first, data second). Default true. */
  readonly createDrafts?: boolean;
  /** Court details for drafts, by the ORI in the name or index (a draft without them is still valid). */
  readonly courtFor?: (ori: string) => CourtProfile | undefined;
  /** The import journal; default `<quarantine>/.scan-import-journal.jsonl`. One importer per journal at a time. */
  readonly journal?: string;
  /** Timestamps for the journal and reason files. */
  readonly now?: () => string;
  /** Reads the form of every draft the import creates and pre-fills it for the clerk to confirm (issue 20). */
  readonly formReader?: FormReader;
  /** Pages of a file's form read so far, while it is read. */
  readonly onReading?: (p: { readonly fileName: string; readonly pagesDone: number; readonly pages: number }) => void;
}

/** A court as the court profiles hold it; validated like any draft field before use. */
export interface CourtProfile {
  readonly ori: string;
  readonly county: string;
  readonly name: string;
  readonly department?: string;
}

/** Files the scanning software may still be writing, or that are ours. */
const IGNORED = /^\.|\.(part|tmp|crdownload|partial)$|\.reason\.json$/i;

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const hashFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

class Quarantine {
  constructor(
    readonly code: QuarantineCode,
    readonly message: string,
  ) {}
}

/**
 * One inbox's importer: shared by the one-shot run and the watched inbox. Every file goes
 * through the same steps, each recorded in the journal before the next starts:
 *   hash → (journal says done? finish the move) → fields from index or name → store the image
 *   → find the order or plan a draft → journal `started` → commands → journal `recorded`
 *   → move to archive (or delete) → journal `finished`.
 * Commands are idempotent on a resumed file: the draft id is derived from the file, and an
 * image already attached by the interrupted run counts as attached.
 */
export class ScanImporter {
  private readonly draftsThisRun = new Map<string, string>();

  private constructor(
    private readonly options: ScanImportOptions,
    private readonly journal: ImportJournal,
    private readonly matchName: ConventionMatcher,
    private index: ScanIndex,
    private readonly indexPaths: readonly string[],
  ) {}

  static async open(options: ScanImportOptions): Promise<ScanImporter> {
    const matcher = compileConvention(options.convention ?? DEFAULT_NAMING_CONVENTION);
    if (isLeft(matcher)) throw new Error(matcher.left);
    const indexPaths = options.index === undefined ? [] : typeof options.index === 'string' ? [options.index] : [...options.index];
    const index = await readScanIndexes(indexPaths);
    if (isLeft(index)) throw new Error(`${index.left.code}: ${index.left.message}`);
    const journal = await ImportJournal.open(options.journal ?? join(options.quarantine, '.scan-import-journal.jsonl'));
    return new ScanImporter(options, journal, matcher.right, index.right, indexPaths.map((p) => resolve(p)));
  }

  /** Re-reads the index files (the watched inbox does so before each round: exports arrive with batches). */
  async reloadIndex(): Promise<void> {
    const index = await readScanIndexes(this.indexPaths);
    if (isLeft(index)) throw new Error(`${index.left.code}: ${index.left.message}`);
    this.index = index.right;
  }

  /** The files waiting in the inbox, in name order (scanners number their batches). */
  async listInbox(): Promise<string[]> {
    const entries = await readdir(this.options.inbox, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !IGNORED.test(e.name) && !this.indexPaths.includes(resolve(this.options.inbox, e.name)))
      .map((e) => e.name)
      .sort();
  }

  fieldsFor(fileName: string): ScanFields | undefined {
    return this.index.get(fileName) ?? this.matchName(fileName);
  }

  private now(): string {
    return this.options.now ? this.options.now() : new Date().toISOString();
  }

  private async record(entry: Omit<JournalEntry, 'at'>): Promise<void> {
    await this.journal.append({ ...entry, at: this.now() });
  }

  /**
   * Imports one inbox file. `deferUnmatched` leaves a file that nothing describes yet in the
   * inbox (the watched inbox waits for its index export) and returns undefined.
   */
  async processFile(fileName: string, deferUnmatched = false): Promise<ScanFileResult | undefined> {
    const path = join(this.options.inbox, fileName);
    let sha256: string;
    try {
      sha256 = await hashFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return this.quarantine(fileName, undefined, new Quarantine('unreadable', `the file cannot be read: ${describeError(error)}`), false);
    }
    const latest = this.journal.latestFor(sha256, fileName);
    if (latest?.step === 'recorded') return this.finish(fileName, sha256, outcomeOf(latest), true);
    if (latest?.step === 'quarantined') {
      return this.quarantine(fileName, sha256, new Quarantine(latest.outcome as QuarantineCode, 'quarantined by an interrupted run'), true);
    }
    if (latest?.step === 'finished' && (latest.outcome === 'attached' || latest.outcome === 'draft-created')) {
      return this.quarantine(fileName, sha256, new Quarantine('duplicate', `this file (same name and content) was already imported on ${latest.at}`), false);
    }
    // A file quarantined earlier and put back (say, after its index entry was fixed) is tried afresh.
    const started = latest?.step === 'started' ? latest : undefined;
    const resumed = started !== undefined;
    try {
      const outcome = await this.importFile(fileName, path, sha256, started, deferUnmatched);
      if (outcome === undefined) return undefined;
      await this.record({ step: 'recorded', sha256, fileName, outcome: outcome.kind, orderId: outcome.orderId });
      return this.finish(fileName, sha256, outcome, resumed);
    } catch (error) {
      if (error instanceof Quarantine) return this.quarantine(fileName, sha256, error, resumed);
      throw error;
    }
  }

  private async importFile(
    fileName: string,
    path: string,
    sha256: string,
    started: JournalEntry | undefined,
    deferUnmatched: boolean,
  ): Promise<Extract<ScanOutcome, { orderId: string }> | undefined> {
    if (!started) {
      const other = this.journal.importedUnderOtherName(sha256, fileName);
      if (other !== undefined) throw new Quarantine('duplicate', `the same content was already imported as ${other}`);
    }
    const fields = this.fieldsFor(fileName);
    if (!fields) {
      if (deferUnmatched) return undefined;
      throw new Quarantine('unmatched', 'the file name does not follow the naming convention and no index file lists it');
    }
    const image = await this.storeImage(path);
    const plan = started?.orderId
      ? { orderId: started.orderId, kind: started.outcome === 'draft-created' ? ('draft' as const) : ('attach' as const) }
      : await this.plan(fileName, sha256, fields);
    if (!started) await this.record({ step: 'started', sha256, fileName, outcome: plan.kind === 'draft' ? 'draft-created' : 'attached', orderId: plan.orderId });
    const extra = { scanImport: { fileName, sha256 } };
    if (plan.kind === 'draft') await this.createDraft(plan.orderId, fields, extra);
    const attached = await this.options.handler.handle(
      { type: 'AttachImage', orderId: plan.orderId, image: { ...image, kind: 'order', fileName: fileName.slice(0, 255) } } as CommandInput,
      { actor: this.options.actor, extra },
    );
    if (isLeft(attached)) {
      const e = attached.left;
      const alreadyThere = e.kind === 'domain' && e.error.code === 'IMAGE_ALREADY_ATTACHED';
      // On a resumed file the interrupted run attached it; otherwise the order had it already.
      if (!(alreadyThere && started)) {
        throw alreadyThere
          ? new Quarantine('duplicate', `this image is already attached to order ${plan.orderId}`)
          : new Quarantine('rejected', `the registry refused to attach the image to order ${plan.orderId}: ${handlerMessage(e)}`);
      }
    }
    if (plan.kind === 'attach') return { kind: 'attached', orderId: plan.orderId };
    const reading = await this.readForm(path, fileName, plan.orderId, image, extra);
    return { kind: 'draft-created', orderId: plan.orderId, ...(reading !== undefined ? { reading } : {}) };
  }

  /** Pre-fills a new draft from its form, when the import reads forms. A failure to read is an outcome, never a quarantine: the draft and image are in. */
  private async readForm(path: string, fileName: string, orderId: string, image: StoredImage, extra: Record<string, unknown>): Promise<ScanReadingOutcome | undefined> {
    const reader = this.options.formReader;
    if (reader === undefined) return undefined;
    try {
      return await prefillScannedDraft(
        { reader, handler: this.options.handler, actor: this.options.actor, ...(this.options.onReading ? { onReading: this.options.onReading } : {}) },
        { path, fileName },
        orderId,
        image,
        extra,
      );
    } catch (error) {
      return { status: 'not-read', code: 'READ_FAILED', message: describeError(error) };
    }
  }

  private async storeImage(path: string): Promise<StoredImage> {
    const stored = await this.options.imageStore.put(createReadStream(path));
    if (!isLeft(stored)) return stored.right;
    const e = stored.left;
    switch (e.code) {
      case 'IMAGE_TOO_LARGE':
        throw new Quarantine('too-large', `the file is larger than the ${e.limitBytes}-byte limit`);
      case 'IMAGE_UNSUPPORTED_TYPE':
        throw new Quarantine('invalid', `the content is not a PDF or TIFF (found ${e.detected})`);
      case 'IMAGE_UNREADABLE':
        throw new Quarantine('unreadable', e.reason);
      case 'IMAGE_NOT_FOUND':
        throw new Quarantine('unreadable', 'the image store lost the file while storing it');
    }
  }

  private async plan(fileName: string, sha256: string, fields: ScanFields): Promise<{ orderId: string; kind: 'attach' | 'draft' }> {
    const key = `${fields.courtOri ?? ''}|${caseNumberKey(fields.caseNumber)}|${fields.formNumber}`;
    const found =
      (await this.options.findOrderByCaseAndForm({
        caseNumber: fields.caseNumber,
        formNumber: fields.formNumber,
        ...(fields.courtOri !== undefined ? { courtOri: fields.courtOri } : {}),
      })) ?? this.draftsThisRun.get(key);
    if (found !== undefined) return { orderId: found, kind: 'attach' };
    if (this.options.createDrafts === false) {
      throw new Quarantine('not-creatable', `no order matches case ${fields.caseNumber}, form ${fields.formNumber}, and drafts are not created by this import`);
    }
    const details = decodeWith(DraftDetails)(this.draftDetails(fields));
    if (isLeft(details)) throw new Quarantine('not-creatable', `no order matches and a draft cannot be made: ${details.left.message}`);
    const orderId = uuidv5(`${sha256}:${fileName}`, SCAN_DRAFT_NAMESPACE);
    this.draftsThisRun.set(key, orderId);
    return { orderId, kind: 'draft' };
  }

  private draftDetails(fields: ScanFields): Record<string, unknown> {
    const court = fields.courtOri !== undefined ? this.options.courtFor?.(fields.courtOri) : undefined;
    return { form: fields.formNumber, caseNumber: fields.caseNumber, ...(court ? { court } : {}) };
  }

  private async createDraft(orderId: string, fields: ScanFields, extra: Record<string, unknown>): Promise<void> {
    const ori = decodeWith(Ori)(fields.courtOri ?? this.options.actor.agencyOri);
    if (isLeft(ori)) throw new Quarantine('not-creatable', `a draft cannot be made: ${ori.left.message}`);
    const details = decodeWith(DraftDetails)(this.draftDetails(fields));
    if (isLeft(details)) throw new Quarantine('not-creatable', `a draft cannot be made: ${details.left.message}`);
    const created = await this.options.handler.handle(
      { type: 'CreateDraft', orderId, enteringAgencyOri: ori.right, details: details.right } as CommandInput,
      { actor: this.options.actor, extra },
    );
    // ORDER_ALREADY_EXISTS: the interrupted run created it (the id is derived from this file).
    if (isLeft(created) && !(created.left.kind === 'domain' && created.left.error.code === 'ORDER_ALREADY_EXISTS')) {
      throw new Quarantine('not-creatable', `the registry refused the draft: ${handlerMessage(created.left)}`);
    }
  }

  private async finish(fileName: string, sha256: string, outcome: Extract<ScanOutcome, { orderId: string }>, resumed: boolean): Promise<ScanFileResult> {
    const path = join(this.options.inbox, fileName);
    if (this.options.archive) await moveInto(path, this.options.archive, fileName, sha256.slice(0, 8));
    else {
      await rm(path, { force: true });
      await fsyncDirectory(this.options.inbox);
    }
    await this.record({ step: 'finished', sha256, fileName });
    return { fileName, sha256, outcome, resumed };
  }

  private async quarantine(fileName: string, sha256: string | undefined, reason: Quarantine, resumed: boolean): Promise<ScanFileResult> {
    const dir = this.options.quarantine;
    if (sha256 !== undefined) await this.record({ step: 'quarantined', sha256, fileName, outcome: reason.code });
    const target = await freeName(dir, fileName, (sha256 ?? 'unread').slice(0, 8));
    await writeReason(dir, target, { code: reason.code, message: reason.message, file: fileName, ...(sha256 ? { sha256 } : {}), at: this.now() });
    await moveInto(join(this.options.inbox, fileName), dir, target, (sha256 ?? 'unread').slice(0, 8));
    if (sha256 !== undefined) await this.record({ step: 'finished', sha256, fileName });
    return { fileName: basename(fileName), ...(sha256 ? { sha256 } : {}), outcome: { kind: 'quarantined', code: reason.code, message: reason.message }, resumed };
  }

  async close(): Promise<void> {
    await this.journal.close();
  }
}

const outcomeOf = (entry: JournalEntry): Extract<ScanOutcome, { orderId: string }> =>
  entry.outcome === 'draft-created' ? { kind: 'draft-created', orderId: entry.orderId ?? '' } : { kind: 'attached', orderId: entry.orderId ?? '' };

const handlerMessage = (e: HandlerError): string => {
  if (e.kind === 'domain') return `${e.error.code}: ${e.error.message}`;
  return e.kind === 'conflict' ? 'a concurrent change to the order; run the import again' : JSON.stringify(e).slice(0, 200);
};
