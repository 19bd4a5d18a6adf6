import { dirname, join } from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdf.js's API (the package ships ECMAScript modules only, so it is imported at run time). */
export type PdfJs = typeof PdfJsModule;

// A native import(): the package is ESM-only, and TypeScript's CommonJS output would turn a
// plain import() into require(). Runs only in the PDF worker threads, never under jest's sandbox.
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let pdfjs: Promise<PdfJs> | undefined;
export const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= nativeImport('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>);

const root = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * Options for every document: fonts, colour profiles and image decoders from the package's own
 * files (nothing fetched), no eval of font programs, no XFA, and no font faces (there is no DOM).
 */
export const documentOptions = (data: Uint8Array) => ({
  data,
  standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  cMapUrl: `${join(root, 'cmaps')}/`,
  cMapPacked: true,
  wasmUrl: `${join(root, 'wasm')}/`,
  iccUrl: `${join(root, 'iccs')}/`,
  isEvalSupported: false,
  enableXfa: false,
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
});
