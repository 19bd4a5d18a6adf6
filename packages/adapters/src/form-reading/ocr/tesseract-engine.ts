import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM, type Scheduler } from 'tesseract.js';
import type { PreparedPage } from './prepare-page';

/** A recognised word, in pixels of the straightened page image; confidence 0–1. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface OcrLine {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A page as read: the prepared (straightened) image and what the engine found on it. */
export interface OcrPage extends Omit<PreparedPage, 'forOcr'> {
  readonly words: readonly OcrWord[];
  readonly lines: readonly OcrLine[];
  readonly text: string;
}

interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TesseractBlock {
  paragraphs: { lines: { text: string; bbox: BBox; words: { text: string; confidence: number; bbox: BBox }[] }[] }[];
}

/**
 * English trained data from @tesseract.js-data/eng (the LSTM "best int" model), read from the
 * package's own folder: nothing is fetched, and nothing is cached to disk.
 */
const langPath = (): string => join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

/**
 * Tesseract (tesseract.js 7, WebAssembly) with one engine per worker thread of its own, so
 * recognition never runs on the request thread. Engines start on first use; `recognise`
 * queues on the scheduler when all are busy (the reading service bounds that queue).
 */
export class TesseractEngine {
  private scheduler: Promise<Scheduler> | undefined;
  /** One more engine, reading single lines (a box's crop) for a second opinion; one crop at a time. */
  private lineReader: Promise<Awaited<ReturnType<typeof createWorker>>> | undefined;
  private lineQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly workers: number) {}

  private start(): Promise<Scheduler> {
    return (this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      const workers = await Promise.all(
        Array.from({ length: Math.max(1, this.workers) }, async () => {
          const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: langPath(), gzip: true, cacheMethod: 'none' });
          // Forms are sparse: labels and short values scattered over the page.
          await w.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT });
          return w;
        }),
      );
      for (const w of workers) scheduler.addWorker(w);
      return scheduler;
    })());
  }

  /** Reads a prepared page. */
  async recognise(page: PreparedPage): Promise<OcrPage> {
    const scheduler = await this.start();
    const result = await scheduler.addJob('recognize', Buffer.from(page.forOcr), {}, { text: true, blocks: true });
    const data = result.data as unknown as { text: string; blocks: TesseractBlock[] | null };
    const lines: OcrLine[] = [];
    const words: OcrWord[] = [];
    for (const block of data.blocks ?? []) {
      for (const p of block.paragraphs) {
        for (const l of p.lines) {
          lines.push({ text: l.text.trim(), ...l.bbox });
          for (const w of l.words) words.push({ text: w.text, confidence: Math.max(0, Math.min(1, w.confidence / 100)), ...w.bbox });
        }
      }
    }
    const { forOcr: _sent, ...rest } = page;
    return { ...rest, words, lines, text: data.text };
  }

  /**
   * Reads one box again, alone: the crop `region` (pixels of the straightened page, borders
   * left out) as a single line of text. Returns the text and the engine's confidence (0–1).
   */
  async recogniseLine(page: Pick<OcrPage, 'clean' | 'width' | 'height' | 'dpi'>, region: { x: number; y: number; width: number; height: number }): Promise<{ text: string; confidence: number }> {
    const left = Math.max(0, Math.floor(region.x));
    const top = Math.max(0, Math.floor(region.y));
    const width = Math.min(page.width - left, Math.ceil(region.width));
    const height = Math.min(page.height - top, Math.ceil(region.height));
    if (width < 4 || height < 4) return { text: '', confidence: 0 };
    // Twice the size: the engine reads best when small print is 20–30 pixels high.
    const png = await sharp(page.clean, { raw: { width: page.width, height: page.height, channels: 1 } })
      .extract({ left, top, width, height })
      .resize({ width: width * 2, height: height * 2, kernel: 'cubic' })
      .extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#ffffff' })
      // The resolution it now has, so the engine does not guess one from a strip of a page.
      .withMetadata({ density: page.dpi * 2 })
      .png()
      .toBuffer();
    this.lineReader ??= (async () => {
      const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: langPath(), gzip: true, cacheMethod: 'none' });
      await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE });
      return w;
    })();
    const reader = await this.lineReader;
    const job = this.lineQueue.then(() => reader.recognize(png));
    this.lineQueue = job.catch(() => undefined);
    const r = await job;
    return { text: r.data.text.trim(), confidence: Math.max(0, Math.min(1, r.data.confidence / 100)) };
  }

  async close(): Promise<void> {
    const s = this.scheduler;
    const l = this.lineReader;
    this.scheduler = undefined;
    this.lineReader = undefined;
    await Promise.all([s ? (await s).terminate() : undefined, l ? (await l).terminate() : undefined]);
  }
}
