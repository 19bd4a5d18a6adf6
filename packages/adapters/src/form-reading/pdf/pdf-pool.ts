import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { PreparedPage } from '../ocr/prepare-page';
import type { PdfContent, PdfTaskResult } from './pdf-content';
import type { PdfTask } from './pdf-worker';

/**
 * The worker file: the compiled .js in a build; under tests, which run from the TypeScript
 * sources, the .ts through @swc-node/register (a development dependency).
 */
const workerEntry = (): { filename: string; execArgv: string[] } => {
  const js = join(__dirname, 'pdf-worker.js');
  if (existsSync(js)) return { filename: js, execArgv: [] };
  return { filename: join(__dirname, 'pdf-worker.ts'), execArgv: ['-r', '@swc-node/register'] };
};

/**
 * pdf.js and page preparation off the request thread: parsing a PDF, drawing a page and
 * straightening a scan are synchronous work that would stall every other request. The pool's threads are started on first use and replaced
 * if one dies (piscina). Admission (how much may wait) is the reading service's to decide.
 */
export class PdfPool {
  private readonly pool: Piscina;

  constructor(threads: number) {
    const entry = workerEntry();
    this.pool = new Piscina({
      ...entry,
      minThreads: 0,
      maxThreads: Math.max(1, threads),
      idleTimeout: 30_000,
      // Large scanned PDFs and a page bitmap at 200 dpi fit well inside this; a hostile file that does not is cut off.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? join(__dirname, '../../../../../tsconfig.tests.json') },
    });
  }

  private run<T>(task: PdfTask, signal?: AbortSignal): Promise<PdfTaskResult<T>> {
    return this.pool.run(task, signal ? { signal } : {}) as Promise<PdfTaskResult<T>>;
  }

  inspect(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfTaskResult<PdfContent>> {
    return this.run({ kind: 'inspect', bytes }, signal);
  }

  count(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfTaskResult<number>> {
    return this.run({ kind: 'count', bytes }, signal);
  }

  render(bytes: Uint8Array, page: number, dpi: number, signal?: AbortSignal): Promise<PdfTaskResult<Uint8Array>> {
    return this.run({ kind: 'render', bytes, page, dpi }, signal);
  }

  /** A page of a PDF drawn at `dpi`, or of a TIFF, straightened and readied for OCR. */
  preparePage(source: { pdf: Uint8Array; page: number; dpi: number } | { tiff: Uint8Array; page: number }, signal?: AbortSignal): Promise<PdfTaskResult<PreparedPage>> {
    return this.run('pdf' in source ? { kind: 'prepare-pdf-page', bytes: source.pdf, page: source.page, dpi: source.dpi } : { kind: 'prepare-tiff-page', bytes: source.tiff, page: source.page }, signal);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
