/** What a `Range` header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest =
  | { readonly kind: 'whole' }
  | { readonly kind: 'part'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/**
 * One byte range, the only kind an image viewer asks for (a PDF viewer fetching pages, a resumed
 * download). A header we do not understand, or several ranges, is ignored and the whole image is
 * sent, which RFC 9110 §14.2 allows; a range that starts past the end is unsatisfiable (416).
 */
export const parseRange = (header: string | undefined, size: number): RangeRequest => {
  if (header === undefined) return { kind: 'whole' };
  const m = SINGLE.exec(header.trim().replace(/\s+/g, ''));
  if (!m) return { kind: 'whole' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix range: the last n bytes.
    const n = Number(last);
    return n === 0 ? { kind: 'unsatisfiable' } : { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (start >= size) return { kind: 'unsatisfiable' };
  // A last byte before the first is not a valid range: ignored, as RFC 9110 §14.1.1 asks.
  if (end < start) return { kind: 'whole' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
};
