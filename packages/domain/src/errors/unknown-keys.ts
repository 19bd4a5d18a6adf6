import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { decodeWith } from './decode-error';
import { domainError, type DomainError } from './domain-error';

type Props = Readonly<Record<string, t.Any>>;

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The properties an object codec declares (merged across an intersection), or undefined for a codec that is not an object. */
const propsOf = (codec: t.Any): Props | undefined => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType || codec instanceof t.StrictType) return codec.props as Props;
  if (codec instanceof t.ExactType || codec instanceof t.RefinementType || codec instanceof t.ReadonlyType) return propsOf(codec.type as t.Any);
  if (codec instanceof t.IntersectionType) {
    const merged: Record<string, t.Any[]> = {};
    let any = false;
    for (const member of codec.types as t.Any[]) {
      const p = propsOf(member);
      if (p === undefined) continue;
      any = true;
      for (const k of Object.keys(p)) (merged[k] ??= []).push(p[k]!);
    }
    // A key declared by several members is checked against each of them (their intersection).
    return any ? Object.fromEntries(Object.entries(merged).map(([k, cs]) => [k, cs.length === 1 ? cs[0]! : t.intersection(cs as [t.Any, t.Any])])) : undefined;
  }
  return undefined;
};

/**
 * The paths of properties in `value` that `codec` does not declare, at any depth: io-ts lets
 * them through (`t.type`) or drops them silently (`t.exact`), and either way a client's typo, or
 * a `__proto__` key, would be taken for something it is not. Unions are followed into the member
 * that accepts the value; arrays, records, refinements and read-only wrappers into their parts.
 * Walks the value once (iteratively deep only as far as the codec goes), stops after `limit`.
 */
export const unknownKeys = (codec: t.Any, value: unknown, limit = 5): string[] => {
  const found: string[] = [];
  const walk = (c: t.Any, v: unknown, path: string): void => {
    if (found.length >= limit || v === null || typeof v !== 'object') return;
    if (c instanceof t.UnionType) {
      // The member that accepts the value with the fewest unknown keys: a permissive member
      // (a `t.partial`) must not make another member's fields look unknown.
      const fits = (c.types as t.Any[]).filter((m) => E.isRight(m.decode(v)));
      const best = fits.map((m) => ({ m, n: unknownKeys(m, v, limit).length })).sort((a, b) => a.n - b.n)[0];
      if (best !== undefined) walk(best.m, v, path);
      return;
    }
    if (c instanceof t.ArrayType || c instanceof t.ReadonlyArrayType) {
      if (Array.isArray(v)) for (let i = 0; i < v.length && found.length < limit; i++) walk(c.type as t.Any, v[i], `${path}${path ? '.' : ''}${i}`);
      return;
    }
    if (c instanceof t.TupleType) {
      if (Array.isArray(v)) (c.types as t.Any[]).forEach((m, i) => walk(m, v[i], `${path}${path ? '.' : ''}${i}`));
      return;
    }
    if (c instanceof t.DictionaryType) {
      for (const k of Object.keys(v)) walk(c.codomain as t.Any, (v as Record<string, unknown>)[k], `${path}${path ? '.' : ''}${k}`);
      return;
    }
    if ((c instanceof t.RefinementType || c instanceof t.ReadonlyType || c instanceof t.ExactType) && propsOf(c) === undefined) {
      walk(c.type as t.Any, v, path);
      return;
    }
    const props = propsOf(c);
    if (props === undefined || Array.isArray(v)) return;
    for (const k of Object.keys(v)) {
      const at = `${path}${path ? '.' : ''}${k}`;
      if (!own(props, k)) {
        found.push(at);
        if (found.length >= limit) return;
      } else walk(props[k]!, (v as Record<string, unknown>)[k], at);
    }
  };
  walk(codec, value, '');
  return found;
};

/**
 * `decodeWith`, and then no property the codec does not declare, at any depth: a request body
 * is taken exactly as the API documents it or refused with the names of what is not part of it.
 */
export const decodeExact =
  <A, O>(codec: t.Type<A, O, unknown>) =>
  (input: unknown): E.Either<DomainError, A> => {
    const decoded = decodeWith(codec)(input);
    if (E.isLeft(decoded)) return decoded;
    const extra = unknownKeys(codec as t.Any, input);
    if (extra.length === 0) return decoded;
    const problems = extra.map((field) => ({ field, reason: 'is not a known field' }));
    return E.left(
      domainError('INVALID_VALUE', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { field: extra[0]!, details: { problems } }),
    );
  };
