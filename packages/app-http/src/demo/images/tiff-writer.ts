import { encodeG4 } from './ccitt-g4';

export interface BilevelPage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, 1 = black. */
  readonly pixels: Uint8Array;
  readonly dpi: number;
}

/**
 * A multi-page TIFF (little-endian), each page one CCITT Group 4 strip, white is zero, with its
 * resolution: what a court's fax-grade scanner writes.
 */
export const writeG4Tiff = (pages: readonly BilevelPage[]): Uint8Array => {
  const strips = pages.map((p) => encodeG4(p.pixels, p.width, p.height));
  const ENTRIES = 12;
  const ifdBytes = 2 + ENTRIES * 12 + 4 + 16; // directory, next offset, then two RATIONALs
  let size = 8;
  const layout = strips.map((s) => {
    const stripAt = size;
    size += s.length + (s.length % 2);
    const ifdAt = size;
    size += ifdBytes;
    return { stripAt, ifdAt };
  });
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  buf.set([0x49, 0x49], 0);
  view.setUint16(2, 42, true);
  view.setUint32(4, layout[0]!.ifdAt, true);
  pages.forEach((page, i) => {
    const { stripAt, ifdAt } = layout[i]!;
    const strip = strips[i]!;
    buf.set(strip, stripAt);
    const rationals = ifdAt + 2 + ENTRIES * 12 + 4;
    view.setUint16(ifdAt, ENTRIES, true);
    // [tag, type (3 SHORT, 4 LONG, 5 RATIONAL), count, value or offset], in ascending tag order.
    const tags: [number, number, number, number][] = [
      [256, 4, 1, page.width],
      [257, 4, 1, page.height],
      [258, 3, 1, 1],
      [259, 3, 1, 4], // CCITT Group 4
      [262, 3, 1, 0], // white is zero
      [266, 3, 1, 1], // fill order: most significant bit first
      [273, 4, 1, stripAt],
      [277, 3, 1, 1],
      [278, 4, 1, page.height],
      [279, 4, 1, strip.length],
      [282, 5, 1, rationals],
      [283, 5, 1, rationals + 8],
    ];
    tags.forEach(([tag, type, count, value], k) => {
      const e = ifdAt + 2 + k * 12;
      view.setUint16(e, tag, true);
      view.setUint16(e + 2, type, true);
      view.setUint32(e + 4, count, true);
      if (type === 3) view.setUint16(e + 8, value, true);
      else view.setUint32(e + 8, value, true);
    });
    const next = ifdAt + 2 + ENTRIES * 12;
    view.setUint32(next, i + 1 < layout.length ? layout[i + 1]!.ifdAt : 0, true);
    for (const at of [rationals, rationals + 8]) {
      view.setUint32(at, page.dpi, true);
      view.setUint32(at + 4, 1, true);
    }
  });
  return buf;
};
