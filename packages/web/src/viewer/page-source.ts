/**
 * A document the viewer can page through, whatever its format: pdf.js for PDF, utif2 for TIFF
 * (Chromium cannot show TIFF, and CCITT Group 4 fax scans need a decoder of their own).
 */
export interface PageSource {
  readonly pageCount: number;
  /** The page's size in CSS pixels at scale 1 and rotation 0. */
  pageSize(page: number): Promise<{ width: number; height: number }>;
  /** Draws the page on the canvas at `scale` (CSS pixels), turned by `rotation` degrees clockwise. */
  render(page: number, canvas: HTMLCanvasElement, scale: number, rotation: number): Promise<void>;
  destroy(): void;
}

/** Loading progress, for a progress bar while a large image arrives. */
export interface Progress {
  readonly loaded: number;
  readonly total?: number;
}

/** An image that cannot be shown; the viewer says so and offers the download. */
export class UnreadableImage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableImage';
  }
}
