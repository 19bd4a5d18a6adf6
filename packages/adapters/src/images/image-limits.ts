/** 50 MiB: a 50-page order scanned at 300 dpi greyscale stays far below it (domain-brief §1.3). */
export const DEFAULT_IMAGE_LIMIT_BYTES = 50 * 1024 * 1024;

/** A TIFF whose IFD chain runs longer than this is treated as corrupt rather than walked forever. */
export const MAX_TIFF_PAGES = 10_000;
