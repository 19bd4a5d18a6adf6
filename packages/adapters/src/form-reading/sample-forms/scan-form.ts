import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

/**
 * How a page is damaged on its way through a scanner or a fax machine: turned by a small angle,
 * shifted, given specks of dirt (pepper) and drop-outs (salt), and cut to black and white.
 */
export interface ScanEffects {
  /** Degrees, positive clockwise (as sharp turns an image). */
  readonly skewDegrees: number;
  /** Share of pixels turned black, and of ink pixels lost. */
  readonly pepper: number;
  readonly salt: number;
  /** Pixels the page is moved right and down. */
  readonly shiftX: number;
  readonly shiftY: number;
  /** Blur (sigma, pixels) before the cut to black and white: a soft scan thickens and breaks strokes. */
  readonly blur: number;
  /** The cut: grey levels below it become black. */
  readonly threshold: number;
}

export const SCAN_PRESETS = {
  /** A flatbed at 200 dpi, page laid straight. */
  clean: { skewDegrees: 0.3, pepper: 0.0005, salt: 0.002, shiftX: 6, shiftY: 4, blur: 0.4, threshold: 150 },
  /** An office copier-scanner: a visible tilt, some dirt. */
  office: { skewDegrees: 1.2, pepper: 0.002, salt: 0.01, shiftX: 18, shiftY: 12, blur: 0.6, threshold: 140 },
  /** A fax: tilted, dirty, thin strokes broken. */
  fax: { skewDegrees: 2, pepper: 0.004, salt: 0.03, shiftX: 25, shiftY: 20, blur: 0.8, threshold: 128 },
} as const satisfies Record<string, ScanEffects>;

/** A small seeded generator (mulberry32), so a corpus is the same on every run. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** One page image (PNG) as it comes out of a scanner: a black-and-white raw bitmap, 1 byte a pixel. */
export const scanPage = async (png: Uint8Array, effects: ScanEffects, seed: number): Promise<{ data: Buffer; width: number; height: number }> => {
  const random = seeded(seed);
  const turned = await sharp(png)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .extend({ top: Math.round(effects.shiftY), left: Math.round(effects.shiftX), bottom: 0, right: 0, background: '#ffffff' })
    .rotate(effects.skewDegrees, { background: '#ffffff' })
    .blur(effects.blur > 0.3 ? effects.blur : 0.3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data, info } = turned;
  const out = Buffer.alloc(info.width * info.height);
  for (let i = 0; i < out.length; i++) {
    let black = data[i * info.channels]! < effects.threshold;
    const r = random();
    if (black && r < effects.salt) black = false;
    else if (!black && r < effects.pepper) black = true;
    out[i] = black ? 0 : 255;
  }
  return { data: out, width: info.width, height: info.height };
};

const bitmapPng = (page: { data: Buffer; width: number; height: number }) =>
  sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).png({ compressionLevel: 9 }).toBuffer();

/** The pages as one multi-page TIFF, each page black and white in CCITT Group 4 (fax) compression. */
export const scannedTiff = async (pages: readonly { data: Buffer; width: number; height: number }[], dpi: number): Promise<Uint8Array> => {
  const pngs = await Promise.all(pages.map(bitmapPng));
  const joined = pngs.length === 1 ? sharp(pngs[0]) : sharp(pngs, { join: { animated: true } });
  return new Uint8Array(
    await joined
      .greyscale()
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4 })
      .toBuffer(),
  );
};

/** The pages as an image-only PDF, as a scanner's "scan to PDF" makes them: no text layer at all. */
export const scannedPdf = async (pages: readonly { data: Buffer; width: number; height: number }[], dpi: number): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const image = await doc.embedPng(await bitmapPng(p));
    const page = doc.addPage([(p.width * 72) / dpi, (p.height * 72) / dpi]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return doc.save();
};
