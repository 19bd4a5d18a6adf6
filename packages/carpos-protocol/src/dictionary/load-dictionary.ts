import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import { IntersectionType, KeyofType } from 'io-ts';
import { checkDictionary } from './dictionary-checks';
import { type Dictionary, DictionaryC } from './dictionary-codec';
import { type DictionaryError } from './dictionary-error';
import { describeValue } from './describe-value';

const pathOf = (context: t.Context): string => {
  const keys: string[] = [];
  for (let i = 1; i < context.length; i += 1) {
    const entry = context[i];
    const parent = context[i - 1];
    // io-ts adds a numbered step for each member of an intersection; it is not part of the document path.
    if (entry === undefined || parent === undefined || parent.type instanceof IntersectionType) continue;
    keys.push(entry.key);
  }
  return keys.join('.');
};

const fromValidationErrors = (errors: t.Errors): DictionaryError[] => {
  const seen = new Set<string>();
  const out: DictionaryError[] = [];
  for (const error of errors) {
    const last = error.context[error.context.length - 1];
    const path = pathOf(error.context);
    const expected =
      last === undefined
        ? 'a dictionary'
        : last.type instanceof KeyofType
          ? Object.keys(last.type.keys as Record<string, unknown>).map((k) => `"${k}"`).join(' | ')
          : last.type.name;
    const message = error.value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${describeValue(error.value)}`;
    const key = `${path}\u0000${message}`;
    // An intersection reports the same leaf once per member.
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
};

/**
 * Validates a dictionary document (for example the parsed JSON of a DOJ-provided
 * specification) and returns it typed, or every reason it was refused.
 */
export const loadDictionary = (input: unknown): E.Either<DictionaryError[], Dictionary> =>
  pipe(
    DictionaryC.decode(input),
    E.mapLeft(fromValidationErrors),
    E.chain((dictionary) => {
      const problems = checkDictionary(dictionary);
      return problems.length === 0 ? E.right(dictionary) : E.left(problems);
    }),
  );
