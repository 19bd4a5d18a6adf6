import * as t from 'io-ts';

/**
 * A string codec whose values carry a brand, so a validated ORI cannot be passed where a case
 * number is expected. `normalize` runs before validation (trim, upper-case) so that what is
 * stored is always the canonical form.
 */
/** A string that has passed the named validation. */
export type Brand<B extends string> = string & { readonly __brand: B };

export const brandedString = <B extends string>(
  name: B,
  isValid: (s: string) => boolean,
  normalize: (s: string) => string = (s) => s,
) => {
  type Branded = Brand<B>;
  return new t.Type<Branded, string, unknown>(
    name,
    (u): u is Branded => typeof u === 'string' && isValid(u),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `${name} must be text`);
      const n = normalize(u);
      return isValid(n) ? t.success(n as Branded) : t.failure(u, c);
    },
    (a) => a,
  );
};

export const trimUpper = (s: string): string => s.trim().toUpperCase();
