/**
 * Latin-1 conversions written out because TextDecoder('latin1') is really windows-1252
 * and Buffer is Node-only; the protocol package must run wherever a vendor runs it.
 */

const CHUNK = 4096;

/** Bytes to a string, one character per byte. */
export const latin1Decode = (bytes: Uint8Array, start = 0, end = bytes.length): string => {
  let out = '';
  for (let i = start; i < end; i += CHUNK) {
    // Chunked so the argument list stays far below engine limits.
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + CHUNK, end)));
  }
  return out;
};

/** Index of the first character above U+00FF, or -1 when the string fits in Latin-1. */
export const firstNonLatin1 = (text: string): number => {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return i;
  return -1;
};

/** Writes a Latin-1 string into `target` at `offset`; the caller has checked it fits Latin-1. */
export const latin1EncodeInto = (text: string, target: Uint8Array, offset: number): void => {
  for (let i = 0; i < text.length; i += 1) target[offset + i] = text.charCodeAt(i);
};
