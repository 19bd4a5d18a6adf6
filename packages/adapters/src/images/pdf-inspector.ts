import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { left, right, type Either } from 'fp-ts/Either';
import type { ImageStoreError } from '@ccpor/domain';
import { MAX_PDF_INFLATED_BYTES, PDF_INSPECTION_MEMORY_MB, PDF_INSPECTION_TIMEOUT_MS } from './image-limits';

/** The PDF specification lets readers look for `%%EOF` in the last 1024 bytes. */
const TRAILER_WINDOW = 1024;

/** Every refusal is said in the registry's own words, never the parser's (issue 12, finding 5). */
const unreadable = (why: string): Either<ImageStoreError, number> => left({ code: 'IMAGE_UNREADABLE', reason: `the PDF could not be read: ${why}` });

const hasEofMarker = async (path: string, size: number): Promise<boolean> => {
  const handle = await open(path, 'r');
  try {
    const length = Math.min(TRAILER_WINDOW, size);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    return tail.includes('%%EOF', 0, 'latin1');
  } finally {
    await handle.close();
  }
};

export interface PdfInspectionLimits {
  /** Most bytes the parser may inflate (object and cross-reference streams) for one file. */
  readonly maxInflatedBytes: number;
  /** Longest the parse of one file may take. */
  readonly timeoutMs: number;
  /** Heap of the worker that parses one file. */
  readonly memoryMb: number;
}

export const DEFAULT_PDF_INSPECTION_LIMITS: PdfInspectionLimits = {
  maxInflatedBytes: MAX_PDF_INFLATED_BYTES,
  timeoutMs: PDF_INSPECTION_TIMEOUT_MS,
  memoryMb: PDF_INSPECTION_MEMORY_MB,
};

type WorkerAnswer = { readonly pages: number } | { readonly failure: 'inflate-limit' | 'damaged' };

/**
 * The worker's program, run with `eval` so the same text serves the built package and the tests
 * (a worker needs a JavaScript file, and the sources are TypeScript). Module paths come resolved
 * from here. Every pdf-lib decoder (Flate, LZW, ASCII85, ASCIIHex, RunLength) grows its output
 * through DecodeStream.prototype.ensureBuffer, so counting there bounds what one file may inflate
 * whatever its syntax says; once over, every later growth throws too, in case the parser catches one.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const DecodeStream = require(workerData.decodeStream).default;
const { PDFDocument } = require(workerData.pdfLib);
let inflated = 0;
let over = false;
const ensureBuffer = DecodeStream.prototype.ensureBuffer;
DecodeStream.prototype.ensureBuffer = function (requested) {
  const before = this.buffer ? this.buffer.byteLength : 0;
  if (over || (requested > before && inflated + (requested - before) > workerData.maxInflatedBytes)) {
    over = true;
    throw new Error('inflate limit');
  }
  const grown = ensureBuffer.call(this, requested);
  inflated += grown.byteLength - before;
  return grown;
};
(async () => {
  try {
    const doc = await PDFDocument.load(readFileSync(workerData.path), { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
    const pages = doc.getPageCount();
    parentPort.postMessage(over ? { failure: 'inflate-limit' } : { pages });
  } catch {
    parentPort.postMessage({ failure: over ? 'inflate-limit' : 'damaged' });
  }
})();
`;

const modulePaths = (() => {
  let paths: { pdfLib: string; decodeStream: string } | undefined;
  return () => (paths ??= { pdfLib: require.resolve('pdf-lib'), decodeStream: require.resolve('pdf-lib/cjs/core/streams/DecodeStream') });
})();

const mib = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** Parses the file in a worker of its own, bounded in inflated bytes, heap and time; the worker is ended whatever happens. */
const parseInWorker = (path: string, limits: PdfInspectionLimits): Promise<Either<ImageStoreError, number>> =>
  new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_PROGRAM, {
      eval: true,
      workerData: { path, maxInflatedBytes: limits.maxInflatedBytes, ...modulePaths() },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.max(8, Math.floor(limits.memoryMb / 8)) },
      stdout: true,
      stderr: true,
    });
    const finish = (answer: Either<ImageStoreError, number>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(unreadable(`reading it took longer than ${limits.timeoutMs / 1000} seconds`)), limits.timeoutMs);
    worker.on('message', (m: WorkerAnswer) =>
      finish(
        'pages' in m
          ? m.pages >= 1
            ? right(m.pages)
            : unreadable('it has no pages')
          : m.failure === 'inflate-limit'
            ? unreadable(`its compressed objects expand to more than ${mib(limits.maxInflatedBytes)}`)
            : unreadable('its structure is damaged, or it is not a PDF'),
      ),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      finish(unreadable(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needs more than ${limits.memoryMb} MiB of memory to read` : 'its structure is damaged, or it is not a PDF')),
    );
    worker.on('exit', () => finish(unreadable('its structure is damaged, or it is not a PDF')));
  });

/**
 * Counts the pages of a PDF held in a file. A scan cut short by a full disk or a killed scanner
 * job lacks its `%%EOF` trailer and is refused before parsing. The page count comes from the page
 * tree as pdf-lib reads it (object streams and cross-reference streams included), in a worker
 * thread, never on the thread that serves requests: a PDF whose streams inflate past
 * `maxInflatedBytes` (a 1 MB file can hold a gigabyte of zeros), whose parse outgrows the worker's
 * heap, or that takes longer than `timeoutMs` is refused, and the worker is ended (issue 12).
 */
export const countPdfPages = async (path: string, size: number, limits: PdfInspectionLimits = DEFAULT_PDF_INSPECTION_LIMITS): Promise<Either<ImageStoreError, number>> => {
  if (!(await hasEofMarker(path, size))) return unreadable('it has no %%EOF trailer (truncated or not finished writing)');
  return parseInWorker(path, limits);
};
