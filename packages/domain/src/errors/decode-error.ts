import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import { domainError, type DomainError } from './domain-error';
import { previewValue } from './value-preview';

/** The tag of a codec, looking through the wrappers (exact, refinement, read-only) that validate with their inner codec's context. */
const tagOf = (type: unknown): string | undefined => {
  let c = type as { _tag?: string; type?: unknown } | undefined;
  while (c !== undefined && (c._tag === 'ExactType' || c._tag === 'RefinementType' || c._tag === 'ReadonlyType')) c = c.type as typeof c;
  return c?._tag;
};

/** The dotted path of a failed io-ts decode, skipping the member indices of unions and intersections. */
export const errorPath = (e: t.ValidationError): string =>
  e.context
    .filter((c, i) => {
      if (i === 0 || c.key === '') return false;
      const parent = tagOf(e.context[i - 1]?.type);
      return parent !== 'UnionType' && parent !== 'IntersectionType';
    })
    .map((c) => c.key)
    .join('.');

const describe = (e: t.ValidationError): string => {
  const last = e.context[e.context.length - 1];
  const expected = last?.type.name ?? 'a valid value';
  if (e.message) return e.message;
  if (e.value === undefined) return `is required (${expected})`;
  return `must be ${expected}; got ${previewValue(e.value)}`;
};

/**
 * Decodes untrusted input with a codec and turns the first failures into one INVALID_VALUE error
 * naming every field at fault — used at every boundary (HTTP bodies, imports, stored events).
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>) =>
  (input: unknown): E.Either<DomainError, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => {
        const problems = dedupe(errors.map((e) => ({ field: errorPath(e), reason: describe(e) })));
        const first = problems[0];
        return domainError(
          'INVALID_VALUE',
          problems.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)).slice(0, 5).join('; '),
          { ...(first?.field ? { field: first.field } : {}), details: { problems } },
        );
      }),
    );

const dedupe = (ps: { field: string; reason: string }[]) => {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
};
