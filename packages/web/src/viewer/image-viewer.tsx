import type { ImageRef } from '@ccpor/domain';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { bytesWords } from '../view-logic/format';
import type { PageSource, Progress } from './page-source';
import { UnreadableImage } from './page-source';
import { openPdf } from './pdf-source';
import { openTiff } from './tiff-source';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
type Zoom = number | 'fit';

export const imageUrl = (orderId: string, sha256: string) => `/api/v1/orders/${orderId}/images/${sha256}`;

export const downloadName = (image: ImageRef) => image.fileName ?? `order-image-${image.sha256.slice(0, 8)}.${image.mediaType === 'image/tiff' ? 'tif' : 'pdf'}`;

/** The original file, as the registry keeps it: for printing, or for another program. */
export const DownloadLink = ({ orderId, image }: { orderId: string; image: ImageRef }) => (
  <a className="ccpor-tool ccpor-tool--text" href={imageUrl(orderId, image.sha256)} download={downloadName(image)} title={`Download the original (${bytesWords(image.bytes)})`}>
    Download
  </a>
);

/**
 * The order's image beside its data: page through, zoom, fit to width, rotate, download the
 * original. Large files load progressively; a file that cannot be read says so and offers the
 * download, so nobody is left without the signed order.
 */
export const ImageViewer = ({ orderId, image, label }: { orderId: string; image: ImageRef; label: string }) => {
  const url = imageUrl(orderId, image.sha256);
  const [source, setSource] = useState<PageSource>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [rotation, setRotation] = useState(0);
  const [pageInput, setPageInput] = useState('1');
  const [width, setWidth] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    let opened: PageSource | undefined;
    setSource(undefined);
    setError(undefined);
    setProgress(undefined);
    setPage(1);
    setPageInput('1');
    setRotation(0);
    const open = image.mediaType === 'image/tiff' ? openTiff : openPdf;
    open(url, (p) => alive && setProgress(p))
      .then((s) => {
        opened = s;
        if (alive) setSource(s);
        else s.destroy();
      })
      .catch((e: unknown) => alive && setError(e instanceof UnreadableImage ? e.message : `it could not be loaded (${e instanceof Error ? e.message : String(e)})`));
    return () => {
      alive = false;
      opened?.destroy();
    };
  }, [url, image.mediaType]);

  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const [scaleShown, setScaleShown] = useState(1);
  const [drawing, setDrawing] = useState(false);
  useEffect(() => {
    if (!source || !canvas.current || width === 0) return;
    let alive = true;
    void (async () => {
      try {
        const size = await source.pageSize(page);
        const pageWidth = rotation % 180 === 0 ? size.width : size.height;
        const scale = zoom === 'fit' ? Math.max(0.1, (width - 24) / pageWidth) : zoom;
        if (!alive || !canvas.current) return;
        setDrawing(true);
        await source.render(page, canvas.current, scale, rotation);
        if (alive) setScaleShown(scale);
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (alive) setDrawing(false);
      }
    })();
    return () => {
      alive = false;
    };
  }, [source, page, zoom, rotation, width]);

  const pages = source?.pageCount ?? image.pages;
  const go = (n: number) => {
    const p = Math.min(Math.max(1, n), pages);
    setPage(p);
    setPageInput(String(p));
  };
  const zoomBy = (dir: 1 | -1) => {
    const current = zoom === 'fit' ? scaleShown : zoom;
    const next = dir > 0 ? ZOOMS.find((z) => z > current + 0.01) : [...ZOOMS].reverse().find((z) => z < current - 0.01);
    setZoom(next ?? (dir > 0 ? ZOOMS[ZOOMS.length - 1]! : ZOOMS[0]!));
  };
  const fileName = downloadName(image);
  const percent = progress?.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : undefined;

  return (
    <section className="ccpor-viewer" aria-label={`Image viewer: ${label}`}>
      <div className="ccpor-viewer__toolbar" role="toolbar" aria-label="Image controls" aria-controls="ccpor-viewer-page">
        <div className="ccpor-viewer__group">
          <button type="button" className="ccpor-tool" onClick={() => go(page - 1)} disabled={!source || page <= 1} aria-label="Previous page" title="Previous page">
            ‹
          </button>
          <label htmlFor="viewer-page" className="ccpor-viewer__pagelabel">
            Page
          </label>
          <input
            id="viewer-page"
            className="ccpor-viewer__page"
            inputMode="numeric"
            value={pageInput}
            disabled={!source}
            onChange={(e) => setPageInput(e.target.value.replace(/\D/g, ''))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') go(Number(pageInput) || 1);
            }}
            onBlur={() => go(Number(pageInput) || page)}
            aria-describedby="viewer-pages"
          />
          <span id="viewer-pages" className="ccpor-nowrap">of {pages}</span>
          <button type="button" className="ccpor-tool" onClick={() => go(page + 1)} disabled={!source || page >= pages} aria-label="Next page" title="Next page">
            ›
          </button>
        </div>
        <div className="ccpor-viewer__group">
          <button type="button" className="ccpor-tool" onClick={() => zoomBy(-1)} disabled={!source} aria-label="Zoom out" title="Zoom out">
            −
          </button>
          <span className="ccpor-viewer__zoom" aria-live="polite">
            {Math.round(scaleShown * 100)}%
          </span>
          <button type="button" className="ccpor-tool" onClick={() => zoomBy(1)} disabled={!source} aria-label="Zoom in" title="Zoom in">
            +
          </button>
          <button type="button" className="ccpor-tool ccpor-tool--text" onClick={() => setZoom('fit')} disabled={!source} aria-pressed={zoom === 'fit'}>
            Fit width
          </button>
          <button type="button" className="ccpor-tool" onClick={() => setRotation((r) => (r + 90) % 360)} disabled={!source} aria-label="Rotate a quarter turn clockwise" title="Rotate">
            ⟳
          </button>
        </div>
      </div>
      {/* Focusable, so a keyboard can scroll a zoomed page with the arrow keys (WCAG 2.1.1); + and − zoom. */}
      <div
        className="ccpor-viewer__stage"
        ref={stage}
        id="ccpor-viewer-page"
        tabIndex={0}
        role="region"
        aria-label={`${label}: the page (arrow keys scroll, + and − zoom)`}
        onKeyDown={(e) => {
          if (!source) return;
          if (e.key === '+' || e.key === '=') zoomBy(1);
          else if (e.key === '-') zoomBy(-1);
          else if (e.key === 'PageDown' && e.currentTarget.scrollTop + e.currentTarget.clientHeight >= e.currentTarget.scrollHeight - 2) go(page + 1);
          else if (e.key === 'PageUp' && e.currentTarget.scrollTop <= 0) go(page - 1);
          else return;
          e.preventDefault();
        }}
      >
        {error ? (
          <div className="usa-alert usa-alert--warning ccpor-viewer__error" role="alert">
            <div className="usa-alert__body">
              <h3 className="usa-alert__heading">This image cannot be shown here</h3>
              <p className="usa-alert__text">
                The registry has the file, but {error}. Download it and open it with another program; the signed order is still the authority.
              </p>
              <a className="usa-button" href={url} download={fileName}>
                Download the original ({bytesWords(image.bytes)})
              </a>
            </div>
          </div>
        ) : (
          <>
            {!source && (
              <div className="ccpor-viewer__loading" role="status">
                <p>Loading the image{percent !== undefined ? `: ${percent}%` : progress ? `: ${bytesWords(progress.loaded)}` : '…'}</p>
                <progress max={100} value={percent} aria-label="Image loading progress" />
              </div>
            )}
            {source && drawing && (
              <p className="ccpor-viewer__drawing" role="status">
                Drawing page {page}…
              </p>
            )}
            <canvas ref={canvas} className="ccpor-viewer__canvas" role="img" aria-label={`${label}: page ${page} of ${pages}`} hidden={!source} />
          </>
        )}
      </div>
    </section>
  );
};
