import type { PageSource, Progress } from './page-source';
import { UnreadableImage } from './page-source';

/**
 * A PDF through pdf.js, loaded progressively: byte ranges from the registry (which serves them),
 * so the first page shows before the whole file has arrived. The worker comes from this origin,
 * and eval is off, so the content-security policy stays strict.
 */
export const openPdf = async (url: string, onProgress: (p: Progress) => void): Promise<PageSource> => {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const task = pdfjs.getDocument({ url, withCredentials: true, rangeChunkSize: 256 * 1024, disableAutoFetch: true, disableStream: false, isEvalSupported: false, stopAtErrors: false });
  task.onProgress = (p: { loaded: number; total?: number }) => onProgress({ loaded: p.loaded, ...(p.total ? { total: p.total } : {}) });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    throw new UnreadableImage(e instanceof Error && e.name === 'InvalidPDFException' ? 'the file is not a readable PDF' : `the PDF could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  let rendering: { cancel(): void } | undefined;
  return {
    pageCount: doc.numPages,
    async pageSize(page) {
      const p = await doc.getPage(page);
      const v = p.getViewport({ scale: 1 });
      return { width: v.width, height: v.height };
    },
    async render(page, canvas, scale, rotation) {
      rendering?.cancel();
      const p = await doc.getPage(page);
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: scale * ratio, rotation: (p.rotate + rotation) % 360 });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      const task = p.render({ canvas, viewport });
      rendering = task;
      try {
        await task.promise;
      } catch (e) {
        if (e instanceof Error && e.name === 'RenderingCancelledException') return;
        throw new UnreadableImage(`page ${page} could not be drawn (${e instanceof Error ? e.message : String(e)})`);
      }
    },
    destroy() {
      rendering?.cancel();
      void task.destroy();
    },
  };
};
