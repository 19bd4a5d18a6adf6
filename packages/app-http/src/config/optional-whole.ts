import * as t from 'io-ts';

/**
 * An optional environment variable holding a whole number from `min` to `max`. Unset or empty
 * decodes to undefined (the caller's default applies); anything else out of range fails with a
 * message that names what the number counts, so a start refused for it says what to fix.
 */
export const optionalWhole = (what: string, min: number, max: number) =>
  new t.Type<number | undefined, string | undefined, unknown>(
    what,
    (u): u is number | undefined => u === undefined || typeof u === 'number',
    (u, c) => {
      if (u === undefined || u === '') return t.success(undefined);
      const n = typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : NaN;
      return Number.isInteger(n) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `must be a whole number of ${what} from ${min} to ${max}; got ${JSON.stringify(u)}`);
    },
    (a) => (a === undefined ? undefined : String(a)),
  );
