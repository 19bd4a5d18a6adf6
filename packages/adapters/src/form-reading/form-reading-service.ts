import * as E from 'fp-ts/Either';
import { PREFILL_MIN_CONFIDENCE } from '@ccpor/domain';
import type { FormImage, FormReader, FormReadError, FormReading, FormReadOptions } from '@ccpor/domain';
import { formLayouts, type FormLayout } from './layouts';
import { OCR_DPI, tiffPageCount } from './ocr/page-images';
import type { PreparedPage } from './ocr/prepare-page';
import { TesseractEngine, type OcrPage } from './ocr/tesseract-engine';
import { PageBudget } from './page-budget';
import { PdfPool } from './pdf/pdf-pool';
import { readOcrPages, secondOpinion } from './readers/read-ocr';
import { readPdfContent } from './readers/read-pdf';

export interface FormReadingSettings {
  /** OCR engines (each its own thread); default 1, leaving the other core to requests. */
  readonly ocrWorkers?: number;
  /** Threads for pdf.js (parsing, drawing pages for OCR); default 1. */
  readonly pdfThreads?: number;
  /** Pages that may wait for or be in OCR at once; beyond it a reading is refused as busy. Default 20. */
  readonly maxQueuedPages?: number;
  /** The layouts to recognise forms by; default the registry's own (layouts/). */
  readonly layouts?: readonly FormLayout[];
}

export interface FormReadingStatus {
  readonly ocrPagesInUse: number;
  readonly ocrPagesWaiting: number;
  readonly ocrPageCapacity: number;
  /** Seconds per OCR page, averaged over the recent pages (0 before the first). */
  readonly secondsPerPage: number;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const unreadable = (message: string): FormReadError => ({ code: 'IMAGE_UNREADABLE', message });

/**
 * The registry's form reader (the domain's FormReader port): a fillable PDF's own fields first,
 * then its text layer, then OCR of the pages. Every step that costs CPU runs off the calling
 * thread: pdf.js in a worker pool, Tesseract in its own workers. OCR is admitted by pages
 * (PageBudget), so a burst of scans gets a clear "busy" rather than a queue without end.
 */
export class FormReadingService implements FormReader {
  private readonly layouts: readonly FormLayout[];
  private readonly pdf: PdfPool;
  private readonly ocr: TesseractEngine;
  private readonly budget: PageBudget;
  private readonly ocrWorkers: number;
  /** Pages a reading needs at most: the longest layout (later pages are attachments). */
  private readonly maxPages: number;
  private averageSeconds = 0;

  constructor(settings: FormReadingSettings = {}) {
    this.layouts = settings.layouts ?? formLayouts();
    this.ocrWorkers = Math.max(1, settings.ocrWorkers ?? 1);
    this.pdf = new PdfPool(settings.pdfThreads ?? 1);
    this.ocr = new TesseractEngine(this.ocrWorkers);
    this.budget = new PageBudget(Math.max(1, settings.maxQueuedPages ?? 20));
    this.maxPages = Math.max(...this.layouts.map((l) => l.pages));
  }

  status(): FormReadingStatus {
    return { ocrPagesInUse: this.budget.inUse, ocrPagesWaiting: this.budget.waiting, ocrPageCapacity: this.budget.capacity, secondsPerPage: this.averageSeconds };
  }

  async read(image: FormImage, options: FormReadOptions = {}): Promise<E.Either<FormReadError, FormReading>> {
    try {
      return image.mediaType === 'application/pdf' ? await this.readPdf(image.bytes, options) : await this.readTiff(image.bytes, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return E.left(unreadable(`the file could not be read: ${describe(error)}`));
    }
  }

  private async readPdf(bytes: Uint8Array, options: FormReadOptions): Promise<E.Either<FormReadError, FormReading>> {
    const content = await this.pdf.inspect(bytes, options.signal);
    if (!content.ok) return E.left(unreadable(content.reason));
    const outcome = readPdfContent(content.value, this.layouts);
    if (E.isLeft(outcome)) return outcome;
    if (outcome.right.kind === 'read') {
      options.progress?.({ pagesDone: content.value.pages.length, pages: content.value.pages.length });
      return E.right(outcome.right.reading);
    }
    const pages = Math.min(content.value.pages.length, this.maxPages);
    return this.ocrPages(pages, options, (n) => this.prepared({ pdf: bytes, page: n, dpi: OCR_DPI }, options.signal));
  }

  private async readTiff(bytes: Uint8Array, options: FormReadOptions): Promise<E.Either<FormReadError, FormReading>> {
    const pages = Math.min(await tiffPageCount(bytes), this.maxPages);
    return this.ocrPages(pages, options, (n) => this.prepared({ tiff: bytes, page: n }, options.signal));
  }

  private async prepared(source: Parameters<PdfPool['preparePage']>[0], signal?: AbortSignal): Promise<PreparedPage> {
    const page = await this.pdf.preparePage(source, signal);
    if (!page.ok) throw new Error(page.reason);
    return page.value;
  }

  /** OCR of `pages` pages, one image at a time, within the page budget. */
  private async ocrPages(pages: number, options: FormReadOptions, pageImage: (n: number) => Promise<PreparedPage>): Promise<E.Either<FormReadError, FormReading>> {
    if (pages === 0) return E.left({ code: 'NOTHING_TO_READ', message: 'The file has no pages.' });
    if (options.wait === true) await this.budget.take(pages, options.signal);
    else if (!this.budget.tryTake(pages)) {
      const queued = this.budget.inUse + this.budget.waiting;
      const retryAfterSeconds = Math.max(5, Math.ceil(((this.averageSeconds || 3) * queued) / this.ocrWorkers));
      return E.left({
        code: 'READER_BUSY',
        retryAfterSeconds,
        message: `The registry is reading as many scanned pages as it queues (${this.budget.capacity}); try again in about ${retryAfterSeconds} seconds.`,
      });
    }
    try {
      // A document's pages go to as many engines as there are, each page as soon as one is free.
      const read: OcrPage[] = new Array<OcrPage>(pages);
      let next = 1;
      let done = 0;
      const lane = async () => {
        while (next <= pages) {
          const n = next++;
          options.signal?.throwIfAborted();
          const started = Date.now();
          read[n - 1] = await this.ocr.recognise(await pageImage(n));
          const seconds = (Date.now() - started) / 1000;
          this.averageSeconds = this.averageSeconds === 0 ? seconds : this.averageSeconds * 0.8 + seconds * 0.2;
          options.progress?.({ pagesDone: ++done, pages });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.ocrWorkers, pages) }, lane));
      const reading = readOcrPages(read, this.layouts);
      if (E.isLeft(reading)) return reading;
      return E.right(await secondOpinion(reading.right, read, (page, region) => this.ocr.recogniseLine(page, region), PREFILL_MIN_CONFIDENCE));
    } finally {
      this.budget.release(pages);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pdf.close(), this.ocr.close()]);
  }
}
