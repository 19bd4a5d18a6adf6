import sharp from 'sharp';

/** DPI at which PDF pages are drawn for OCR: Tesseract reads 10-point print well from 200 dpi up. */
export const OCR_DPI = 200;

/** The pages of a TIFF (any compression libtiff reads, CCITT Group 3/4 included). */
export const tiffPageCount = async (bytes: Uint8Array): Promise<number> => (await sharp(bytes, { pages: 1 }).metadata()).pages ?? 1;
