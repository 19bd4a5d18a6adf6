import { dirname, join } from 'node:path';
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

  async close(): Promise<void> {
    const s = this.scheduler;
    this.scheduler = undefined;
    if (s) await (await s).terminate();
  }
}
