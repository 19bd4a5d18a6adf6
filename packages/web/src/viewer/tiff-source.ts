import * as UTIF from 'utif2';
import type { PageSource, Progress } from './page-source';
import { UnreadableImage } from './page-source';

/** Reads a response body as it arrives, reporting progress, into one buffer. */
export const readWithProgress = async (response: Response, onProgress: (p: Progress) => void): Promise<ArrayBuffer> => {
  const total = Number(response.headers.get('Content-Length') ?? NaN);
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onProgress({ loaded, ...(Number.isFinite(total) ? { total } : {}) });
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
};

/** TIFF pages have their own resolution; 200 dpi fax pages are shown at about the size of paper on screen. */
const CSS_DPI = 96;

/**
 * A multi-page TIFF through utif2, which decodes CCITT Group 3 and 4 (fax scans), LZW, PackBits
 * and JPEG. Each page is decoded when first shown and kept as a bitmap for zoom and rotation.
 */
export const openTiff = async (url: string, onProgress: (p: Progress) => void): Promise<PageSource> => {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new UnreadableImage(`the registry answered ${response.status} for the image`);
  const buffer = await readWithProgress(response, onProgress);
  let ifds: UTIF.IFD[];
  try {
    ifds = UTIF.decode(buffer).filter((ifd) => ifd.t256 !== undefined && ifd.t257 !== undefined);
  } catch (e) {
    throw new UnreadableImage(`the file is not a readable TIFF (${e instanceof Error ? e.message : String(e)})`);
  }
  if (ifds.length === 0) throw new UnreadableImage('the TIFF has no pages');
  const bitmaps = new Map<number, HTMLCanvasElement>();
  const dpi = (ifd: UTIF.IFD): number => {
    const x = ifd.t282 as number[] | undefined;
    const value = Array.isArray(x) ? Number(x[0]) : Number(x);
    return Number.isFinite(value) && value >= 50 && value <= 1200 ? value : 200;
  };
  const bitmap = (page: number): HTMLCanvasElement => {
    const cached = bitmaps.get(page);
    if (cached) return cached;
    const ifd = ifds[page - 1]!;
    try {
      UTIF.decodeImage(buffer, ifd);
      const rgba = UTIF.toRGBA8(ifd);
      const c = document.createElement('canvas');
      c.width = ifd.width;
      c.height = ifd.height;
      c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.byteLength), ifd.width, ifd.height), 0, 0);
      bitmaps.set(page, c);
      return c;
    } catch (e) {
      throw new UnreadableImage(`page ${page} of the TIFF could not be decoded (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  return {
    pageCount: ifds.length,
    async pageSize(page) {
      const ifd = ifds[page - 1]!;
      const f = CSS_DPI / dpi(ifd);
      return { width: Number(ifd.t256) * f, height: Number(ifd.t257) * f };
    },
    async render(page, canvas, scale, rotation) {
      const source = bitmap(page);
      const f = (CSS_DPI / dpi(ifds[page - 1]!)) * scale;
      const ratio = window.devicePixelRatio || 1;
      const w = source.width * f;
      const h = source.height * f;
      const turned = rotation % 180 !== 0;
      const cw = turned ? h : w;
      const ch = turned ? w : h;
      canvas.width = Math.max(1, Math.floor(cw * ratio));
      canvas.height = Math.max(1, Math.floor(ch * ratio));
      canvas.style.width = `${Math.floor(cw)}px`;
      canvas.style.height = `${Math.floor(ch)}px`;
      const ctx = canvas.getContext('2d')!;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.translate(canvas.width / 2, canvas.height / 2);
      ctx.rotate((rotation * Math.PI) / 180);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, (-w * ratio) / 2, (-h * ratio) / 2, w * ratio, h * ratio);
    },
    destroy() {
      bitmaps.clear();
    },
  };
};
