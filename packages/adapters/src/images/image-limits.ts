/** 50 MiB: a 50-page order scanned at 300 dpi greyscale stays far below it (the CCPOR Court Planning Guide's scanning baseline: 300 dpi, 50-page feeder). */
export const DEFAULT_IMAGE_LIMIT_BYTES = 50 * 1024 * 1024;

/** A TIFF whose IFD chain runs longer than this is treated as corrupt rather than walked forever. */
export const MAX_TIFF_PAGES = 10_000;

/**
 * What one PDF's page count may cost (issue 12, finding 5). pdf-lib inflates only the object and
 * cross-reference streams to read the page tree, a few hundred kilobytes in a real scan; 64 MiB
 * leaves room for any honest file while refusing one whose streams hold a gigabyte of zeros.
 */
export const MAX_PDF_INFLATED_BYTES = 64 * 1024 * 1024;
/** Longest one PDF's page count may take, in its worker. */
export const PDF_INSPECTION_TIMEOUT_MS = 10_000;
/** Heap of the worker that reads one PDF. */
export const PDF_INSPECTION_MEMORY_MB = 256;
