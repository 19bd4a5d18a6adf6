import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { inflatingPdf } from '@ccpor/test-kit';
import { inspectImage } from './inspect-image';
import { countPdfPages, DEFAULT_PDF_INSPECTION_LIMITS } from './pdf-inspector';
import { SNIFF_BYTES } from './media-sniffer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpor-inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inspect = async (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return inspectImage(path, bytes.subarray(0, SNIFF_BYTES), bytes.length);
};

const pdfLibDocument = async (pages: number, useObjectStreams: boolean): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]).drawText(`page ${i + 1}`);
  return doc.save({ useObjectStreams });
};

/** A BigTIFF (8-byte offsets) with `pages` one-entry directories. */
const bigTiff = (pages: number): Uint8Array => {
  const ifdBytes = 8 + 20 + 8;
  const buf = Buffer.alloc(16 + pages * ifdBytes);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(43, 2);
  buf.writeUInt16LE(8, 4);
  buf.writeBigUInt64LE(16n, 8);
  for (let p = 0; p < pages; p++) {
    const at = 16 + p * ifdBytes;
    buf.writeBigUInt64LE(1n, at);
    buf.writeUInt16LE(256, at + 8);
    buf.writeUInt16LE(3, at + 10);
    buf.writeBigUInt64LE(1n, at + 12);
    buf.writeUInt16LE(1, at + 20);
    buf.writeBigUInt64LE(p + 1 < pages ? BigInt(at + ifdBytes) : 0n, at + 28);
  }
  return buf;
};

describe('inspectImage', () => {
  it('counts the pages of PDFs written by pdf-lib, with and without object streams', async () => {
    expect(await inspect('a.pdf', await pdfLibDocument(5, true))).toEqual({ _tag: 'Right', right: { mediaType: 'application/pdf', pages: 5 } });
    expect(await inspect('b.pdf', await pdfLibDocument(2, false))).toEqual({ _tag: 'Right', right: { mediaType: 'application/pdf', pages: 2 } });
  });

  it('goes by content: a PDF named .tif is a PDF, a PNG named .pdf is refused as PNG', async () => {
    expect(await inspect('scan.tif', await pdfLibDocument(1, true))).toMatchObject({ right: { mediaType: 'application/pdf' } });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await inspect('scan.pdf', png)).toEqual({ _tag: 'Left', left: { code: 'IMAGE_UNSUPPORTED_TYPE', detected: 'image/png' } });
  });

  it('refuses a PDF without its %%EOF trailer, as a half-written scan would be', async () => {
    const full = await pdfLibDocument(2, true);
    const text = Buffer.from(full).toString('latin1');
    const withoutEof = Buffer.from(text.slice(0, text.lastIndexOf('%%EOF')), 'latin1');
    expect(await inspect('cut.pdf', withoutEof)).toMatchObject({ left: { code: 'IMAGE_UNREADABLE', reason: expect.stringContaining('%%EOF') } });
  });

  it('walks BigTIFF directory chains', async () => {
    expect(await inspect('big.tif', bigTiff(3))).toEqual({ _tag: 'Right', right: { mediaType: 'image/tiff', pages: 3 } });
  });
});

describe('PDF page counting is bounded and runs off the request thread (issue 12, finding 5)', () => {
  const count = async (name: string, bytes: Uint8Array, limits = DEFAULT_PDF_INSPECTION_LIMITS) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return countPdfPages(path, bytes.length, limits);
  };
  const small = { ...DEFAULT_PDF_INSPECTION_LIMITS, maxInflatedBytes: 4 * 1024 * 1024 };

  it('the reproduction, scaled down: an object stream inflating past the limit is refused in the registry’s words, however its type is spelt', async () => {
    for (const type of ['/ObjStm', '/Obj#53tm']) {
      const bomb = inflatingPdf(32 * 1024 * 1024, type);
      expect(bomb.length).toBeLessThan(64 * 1024);
      expect(await count('bomb.pdf', bomb, small)).toEqual({ _tag: 'Left', left: { code: 'IMAGE_UNREADABLE', reason: 'the PDF could not be read: its compressed objects expand to more than 4 MiB' } });
    }
  });

  it('at the registry’s own limit too: 100 MiB of spaces in a file of about 100 kB', async () => {
    const r = await count('bomb-100.pdf', inflatingPdf(100 * 1024 * 1024));
    expect(r).toMatchObject({ left: { code: 'IMAGE_UNREADABLE', reason: expect.stringContaining('expand to more than 64 MiB') } });
  });

  it('a stream under the limit is read, and the page counted', async () => {
    expect(await count('fine.pdf', inflatingPdf(64 * 1024), small)).toEqual({ _tag: 'Right', right: 1 });
  });

  it('a damaged PDF is refused without the parser’s own words', async () => {
    const damaged = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 7 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    const r = await count('damaged.pdf', damaged);
    expect(r).toEqual({ _tag: 'Left', left: { code: 'IMAGE_UNREADABLE', reason: 'the PDF could not be read: its structure is damaged, or it is not a PDF' } });
  });

  it('a parse that takes longer than the time allowed is ended and refused', async () => {
    const r = await count('slow.pdf', await pdfLibDocument(40, true), { ...DEFAULT_PDF_INSPECTION_LIMITS, timeoutMs: 1 });
    expect(r).toEqual({ _tag: 'Left', left: { code: 'IMAGE_UNREADABLE', reason: 'the PDF could not be read: reading it took longer than 0.001 seconds' } });
  });
});
