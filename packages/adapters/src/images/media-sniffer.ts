import type { ImageMediaType } from '@ccpor/domain';

export type SniffResult =
  | { readonly kind: 'pdf'; readonly mediaType: ImageMediaType }
  | { readonly kind: 'tiff'; readonly mediaType: ImageMediaType; readonly littleEndian: boolean; readonly big: boolean }
  | { readonly kind: 'other'; readonly detected: string };

/** How many leading bytes `sniffMediaType` needs. */
export const SNIFF_BYTES = 8;

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean => bytes.every((b, i) => head[i] === b);

/** Names a few formats scanners also produce, so a refusal says what the file really is. */
const OTHER_SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x89, 0x50, 0x4e, 0x47], 'image/png'],
  [[0x47, 0x49, 0x46, 0x38], 'image/gif'],
  [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
  [[0x42, 0x4d], 'image/bmp'],
];

/**
 * Decides the media type from the first bytes, never from a file name: a `.pdf` that holds a
 * JPEG is a JPEG. PDF starts with `%PDF-`; TIFF with `II*\0` / `MM\0*` (classic) or
 * `II+\0` / `MM\0+` (BigTIFF).
 */
export const sniffMediaType = (head: Uint8Array): SniffResult => {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf', mediaType: 'application/pdf' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00])) return { kind: 'tiff', mediaType: 'image/tiff', littleEndian: true, big: false };
  if (startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'tiff', mediaType: 'image/tiff', littleEndian: false, big: false };
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00])) return { kind: 'tiff', mediaType: 'image/tiff', littleEndian: true, big: true };
  if (startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) return { kind: 'tiff', mediaType: 'image/tiff', littleEndian: false, big: true };
  const known = OTHER_SIGNATURES.find(([sig]) => startsWith(head, sig));
  if (known) return { kind: 'other', detected: known[1] };
  if (head.length === 0) return { kind: 'other', detected: 'empty file' };
  const printable = [...head].every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f));
  return { kind: 'other', detected: printable ? 'text/plain' : `unknown (starts ${Buffer.from(head).toString('hex')})` };
};
