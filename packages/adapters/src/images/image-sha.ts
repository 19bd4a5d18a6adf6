/** A store key is a sha256 in lower-case hex, never a path a caller could bend. */
export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
