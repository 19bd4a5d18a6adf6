import { execFileSync } from 'node:child_process';

/**
 * The text of every page of a PDF, as pdf.js (pdfjs-dist) reads it. pdf.js ships ECMAScript
 * modules only, which jest's CommonJS sandbox cannot import, so a short Node process reads it.
 */
const SCRIPT = `
import { readFileSync } from 'node:fs';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const data = new Uint8Array(readFileSync(0));
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i += 1) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push(content.items.map((item) => item.str).join(' '));
}
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\\n') }));
`;

export const pdfText = (pdf: Buffer): { pages: number; text: string } =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { input: pdf, cwd: __dirname, maxBuffer: 64 * 1024 * 1024 }).toString('utf8')) as {
    pages: number;
    text: string;
  };
