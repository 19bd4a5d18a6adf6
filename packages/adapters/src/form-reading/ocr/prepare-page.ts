import sharp, { type Sharp } from 'sharp';

/** A page ready for OCR: straightened, black and white, with the form's ruled lines taken out for the engine. */
export interface PreparedPage {
  readonly width: number;
  readonly height: number;
  /** Resolution of the image, dots per inch (from the file, or the drawing resolution). */
  readonly dpi: number;
  /** The skew found and undone, degrees clockwise. */
  readonly skewDegrees: number;
  /** The straightened page, 1 byte a pixel, 0 = ink: what check boxes are judged on. */
  readonly ink: Uint8Array;
  /** The same without long ruled lines (box borders) and specks, 1 byte a pixel: what a single box is read again from. */
  readonly clean: Uint8Array;
  /** `clean` as PNG: what the engine reads, so borders never become "[" or "|". */
  readonly forOcr: Uint8Array;
}

const INK = 0;
const PAPER = 255;
const CUT = 160;

/** The page in black and white, 1 byte a pixel. */
const binarize = async (image: Sharp): Promise<{ data: Uint8Array; width: number; height: number }> => {
  const { data, info } = await image.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels]! < CUT ? INK : PAPER;
  return { data: out, width: info.width, height: info.height };
};

/**
 * The skew of the page (degrees clockwise: a line of print falls to the right), by projection
 * profiles: at the right angle, ink piles
 * up in few rows (the lines of text and the rulings) and the profile's sum of squares peaks.
 * Searched from −4° to 4°, first in steps of 0.25°, then of 0.05° around the best, on a copy
 * reduced four times (ink kept wherever any pixel of the 4×4 cell had it).
 */
export const estimateSkewDegrees = (page: { data: Uint8Array; width: number; height: number }): number => {
  const f = 4;
  const w = Math.floor(page.width / f);
  const h = Math.floor(page.height / f);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let ink = false;
      for (let dy = 0; dy < f && !ink; dy++) {
        const row = (y * f + dy) * page.width + x * f;
        for (let dx = 0; dx < f; dx++) if (page.data[row + dx] === INK) ink = true;
      }
      if (ink) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length === 0) return 0;
  const score = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    const rows = new Map<number, number>();
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i]! - xs[i]! * t);
      rows.set(r, (rows.get(r) ?? 0) + 1);
    }
    let s = 0;
    for (const n of rows.values()) s += n * n;
    return s;
  };
  const search = (from: number, to: number, step: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let d = from; d <= to + 1e-9; d += step) {
      const s = score(d);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(-4, 4, 0.25);
  return Math.round(search(coarse - 0.25, coarse + 0.25, 0.05) * 100) / 100;
};

/**
 * Takes out ruled lines: horizontal runs of ink longer than `minRun` pixels, and vertical ones,
 * allowing a pixel's wander either side so a line a hair off straight still counts. Print is
 * never that long in one stroke at form sizes (10-point capitals are about 0.14 inch tall).
 */
const withoutRules = (page: { data: Uint8Array; width: number; height: number }, minRunH: number, minRunV: number): Uint8Array => {
  const { data, width, height } = page;
  const out = new Uint8Array(data);
  const inkAt = (x: number, y: number) => x >= 0 && x < width && y >= 0 && y < height && data[y * width + x] === INK;
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && (inkAt(x, y) || inkAt(x, y - 1) || inkAt(x, y + 1));
      if (ink && start < 0) start = x;
      if (!ink && start >= 0) {
        if (x - start >= minRunH) for (let i = start; i < x; i++) out[y * width + i] = PAPER;
        start = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const ink = y < height && (inkAt(x, y) || inkAt(x - 1, y) || inkAt(x + 1, y));
      if (ink && start < 0) start = y;
      if (!ink && start >= 0) {
        if (y - start >= minRunV) for (let i = start; i < y; i++) out[i * width + x] = PAPER;
        start = -1;
      }
    }
  }
  return out;
};

/** Takes out specks: single ink pixels with no ink around them (scanner dust), which the engine reads as full stops. */
const withoutSpecks = (data: Uint8Array, width: number, height: number): Uint8Array => {
  const out = new Uint8Array(data);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (data[i] !== INK) continue;
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx !== 0 || dy !== 0) && data[i + dy * width + dx] === INK) neighbours++;
      if (neighbours === 0) out[i] = PAPER;
    }
  }
  return out;
};

/** Straightens a page image (PNG, or one page of a TIFF) and readies it for the engine. */
export const preparePage = async (image: Uint8Array, options: { page?: number; dpi?: number } = {}): Promise<PreparedPage> => {
  const source = sharp(image, options.page !== undefined ? { page: options.page - 1 } : {});
  const meta = await source.metadata();
  const dpi = options.dpi ?? (meta.density !== undefined && meta.density >= 72 ? meta.density : 200);
  const skewDegrees = estimateSkewDegrees(await binarize(source.clone()));
  const straight = await binarize(
    skewDegrees === 0 ? source.clone() : source.clone().flatten({ background: '#ffffff' }).greyscale().rotate(-skewDegrees, { background: '#ffffff' }),
  );
  const clean = withoutSpecks(withoutRules(straight, Math.round(dpi * 0.35), Math.round(dpi * 0.22)), straight.width, straight.height);
  const forOcr = await sharp(clean, { raw: { width: straight.width, height: straight.height, channels: 1 } }).png({ compressionLevel: 1 }).withMetadata({ density: dpi }).toBuffer();
  return { width: straight.width, height: straight.height, dpi, skewDegrees, ink: straight.data, clean, forOcr: new Uint8Array(forOcr) };
};
