import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { inspectImage } from './inspect-image';
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
