import { type CompiledSyntax } from '../validation/compiled-dictionary';

/**
 * Escaping rule, the same in both layouts: inside any value, each of the four reserved
 * characters (terminator, separator, repeat separator, escape; by default `.` `/` `;` `\`)
 * is written with the escape character before it, and no other character ever is. So
 * `SEE ATTACHED. NO CONTACT W/ CHILD` travels as `SEE ATTACHED\. NO CONTACT W\/ CHILD`,
 * and every message has exactly one text.
 */

const isReserved = (c: number, s: CompiledSyntax): boolean =>
  c === s.terminatorCode || c === s.separatorCode || c === s.repeatSeparatorCode || c === s.escapeCode;

export const escapeValue = (value: string, syntax: CompiledSyntax): string => {
  let from = 0;
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    if (isReserved(value.charCodeAt(i), syntax)) {
      out += value.slice(from, i) + syntax.escape;
      from = i;
    }
  }
  return from === 0 && out.length === 0 ? value : out + value.slice(from);
};

export const isReservedCode = isReserved;

/** Index in the raw text of the character at `offset` inside an unescaped value starting at `start`. */
export const rawPosition = (text: string, start: number, offset: number, syntax: CompiledSyntax): number => {
  let i = start;
  for (let logical = 0; logical < offset && i < text.length; logical += 1) {
    i += text.charCodeAt(i) === syntax.escapeCode ? 2 : 1;
  }
  // An escaped character is reported at its escape, where the reader sees it start.
  return Math.min(i, text.length);
};
