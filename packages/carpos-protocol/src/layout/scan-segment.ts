import { type DecodeError } from '../model/protocol-error';
import { type CompiledSyntax } from '../validation/compiled-dictionary';
import { isReservedCode } from './escaping';

/** Where scanning stopped: the index just past the terminator, or the text length when it is missing. */
export interface Cursor {
  next: number;
}

// Built only when there is something to report, so the common path allocates nothing extra.
const named = (field: string | undefined): { field?: string } => (field === undefined ? {} : { field });

const badEscape = (text: string, at: number, syntax: CompiledSyntax, field: string | undefined): DecodeError => ({
  reason: 'bad-escape',
  position: at,
  ...named(field),
  message:
    at + 1 >= text.length
      ? `"${syntax.escape}" at the end of the text escapes nothing`
      : `"${syntax.escape}" may only precede ${syntax.terminator} ${syntax.separator} ${syntax.repeatSeparator} or ${syntax.escape}`,
});

const unescaped = (text: string, at: number, syntax: CompiledSyntax, field: string | undefined): DecodeError => ({
  reason: 'unescaped-reserved-character',
  position: at,
  ...named(field),
  message: `"${text.charAt(at)}" inside a value must be written "${syntax.escape}${text.charAt(at)}"`,
});

const unterminated = (text: string, syntax: CompiledSyntax, field: string | undefined): DecodeError => ({
  reason: 'missing-terminator',
  position: text.length,
  ...named(field),
  message: `the text ends before the "${syntax.terminator}" that closes ${field ?? 'this value'}`,
});

/**
 * Reads one value from `from` up to the next unescaped terminator, unescaping as it goes.
 * With `starts` given, the repeat separator splits values: each value is pushed to `values`
 * and its raw start to `starts`; without it the single value is returned. Problems go to
 * `errors` with their exact position, and reading goes on so one pass reports them all.
 * The index only moves forward, so scanning ends on any text.
 */
export const scanValue = (
  text: string,
  from: number,
  syntax: CompiledSyntax,
  field: string | undefined,
  errors: DecodeError[],
  cursor: Cursor,
  values?: string[],
  starts?: number[],
): string => {
  const { terminatorCode, escapeCode, separatorCode, repeatSeparatorCode } = syntax;
  let current = '';
  let chunkStart = from;
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === terminatorCode) {
      cursor.next = i + 1;
      return current + text.slice(chunkStart, i);
    }
    if (c === escapeCode) {
      const following = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      if (following >= 0 && isReservedCode(following, syntax)) {
        current += text.slice(chunkStart, i) + text.charAt(i + 1);
        i += 2;
        chunkStart = i;
        continue;
      }
      errors.push(badEscape(text, i, syntax, field));
    } else if (c === repeatSeparatorCode && values !== undefined && starts !== undefined) {
      values.push(current + text.slice(chunkStart, i));
      current = '';
      chunkStart = i + 1;
      starts.push(chunkStart);
    } else if (c === separatorCode || c === repeatSeparatorCode) {
      errors.push(unescaped(text, i, syntax, field));
    }
    i += 1;
  }
  errors.push(unterminated(text, syntax, field));
  cursor.next = text.length;
  return current + text.slice(chunkStart, i);
};
