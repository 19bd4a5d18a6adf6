import { deflateSync } from 'node:zlib';

/**
 * Small, real image files written from scratch for image-store and import tests, so no binary
 * fixture is committed. Each takes a `label` that changes the bytes, giving distinct hashes.
 */

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/**
 * A minimal PDF 1.4: a catalog, a page tree with `pages` pages (each with a one-line content
 * stream naming the label and page), a classic cross-reference table and trailer.
 */
export const samplePdf = (pages: number, label = 'sample'): Uint8Array => {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 3 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) {
    const text = `BT /F1 12 Tf 72 720 Td (${label.replace(/[()\\]/g, '')} page ${i + 1}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageIds[i]! + 1} 0 R /Resources << >> >>`);
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return latin1(body);
};

/**
 * A one-page PDF with an object stream whose Flate data inflates to `inflatedBytes` of spaces:
 * about a thousandth of that on disk (issue 12: a 1 MB upload that inflated to 1 GB). `type` is
 * how the stream's /Type is spelt: a name may escape its letters (/Obj#53tm is /ObjStm), which a
 * search of the text for "/ObjStm" would miss.
 */
export const inflatingPdf = (inflatedBytes: number, type = '/ObjStm'): Uint8Array => {
  const payload = Buffer.alloc(inflatedBytes, 0x20);
  payload.write('5 0 null', 0, 'latin1');
  const data = deflateSync(payload, { level: 9 });
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  push(Buffer.from('%PDF-1.5\n', 'latin1'));
  ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'].forEach((o, i) => {
    offsets.push(at);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  offsets.push(at);
  push(Buffer.from(`4 0 obj\n<< /Type ${type} /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'));
  push(data);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = at;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Root 1 0 R /Size 5 >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
};

export interface TiffOptions {
  readonly littleEndian?: boolean;
  /** Pixel width and height of each page (1-bit, uncompressed); larger pages make larger files. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * A classic multi-page TIFF: one bilevel, uncompressed strip per page and a chain of image
 * file directories (IFDs), in either byte order. The pixel bytes carry the label.
 */
export const sampleTiff = (pages: number, label = 'sample', options: TiffOptions = {}): Uint8Array => {
  const le = options.littleEndian ?? true;
  const width = options.width ?? 16;
  const height = options.height ?? 16;
  const rowBytes = Math.ceil(width / 8);
  const stripBytes = rowBytes * height;
  const ENTRIES = 8;
  const ifdBytes = 2 + ENTRIES * 12 + 4;
  const pageBytes = stripBytes + (stripBytes % 2) + ifdBytes;
  const total = 8 + pages * pageBytes;
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  const u16 = (at: number, v: number) => view.setUint16(at, v, le);
  const u32 = (at: number, v: number) => view.setUint32(at, v, le);
  buf.set(le ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  u16(2, 42);
  const seed = latin1(label);
  let at = 8;
  let previousNext = 4;
  for (let p = 0; p < pages; p++) {
    const stripAt = at;
    for (let i = 0; i < stripBytes; i++) buf[stripAt + i] = (seed[(i + p) % Math.max(1, seed.length)] ?? 0) ^ (i & 0xff);
    at += stripBytes + (stripBytes % 2);
    const ifdAt = at;
    u32(previousNext, ifdAt);
    u16(ifdAt, ENTRIES);
    const tags: [number, number, number, number][] = [
      [256, 4, 1, width], // ImageWidth (LONG)
      [257, 4, 1, height], // ImageLength
      [258, 3, 1, 1], // BitsPerSample (SHORT)
      [259, 3, 1, 1], // Compression: none
      [262, 3, 1, 0], // PhotometricInterpretation: white is zero
      [273, 4, 1, stripAt], // StripOffsets
      [278, 4, 1, height], // RowsPerStrip
      [279, 4, 1, stripBytes], // StripByteCounts
    ];
    tags.forEach(([tag, type, count, value], i) => {
      const e = ifdAt + 2 + i * 12;
      u16(e, tag);
      u16(e + 2, type);
      u32(e + 4, count);
      if (type === 3) u16(e + 8, value);
      else u32(e + 8, value);
    });
    previousNext = ifdAt + 2 + ENTRIES * 12;
    u32(previousNext, 0);
    at += ifdBytes;
  }
  return buf;
};

/** Feeds bytes to a consumer in pieces of `size`, the way a network or file stream would. */
export async function* chunked(bytes: Uint8Array, size = 4096): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** Reads a stream to the end (tests only: real readers stream). */
export const collectBytes = async (content: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of content) {
    parts.push(part);
    length += part.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
