import { type Message, type MessageField } from '../model/message';
import { type DecodeError } from '../model/protocol-error';
import { type CompiledDictionary } from '../validation/compiled-dictionary';
import { escapeValue } from './escaping';
import { parseEnvelope } from './parse-envelope';
import { type ParsedText } from './parsed-text';
import { type Cursor, scanValue } from './scan-segment';

/**
 * Keyword layout: `MKE.ORI.CODE/value.CODE/value.` A repeating field repeats its code
 * (`PCO/01.PCO/07.`). Fields keep the order of the message.
 */
export const encodeKeyword = (dictionary: CompiledDictionary, message: Message): string => {
  const { syntax } = dictionary;
  const { terminator, separator } = syntax;
  let out = escapeValue(message.key, syntax) + terminator + escapeValue(message.ori, syntax) + terminator;
  for (const field of message.fields) {
    const head = field.code + separator;
    for (const value of field.values) out += head + escapeValue(value, syntax) + terminator;
  }
  return out;
};

const isCodeChar = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/** Index of the field with this code, or -1; messages are short, so a scan beats hashing. */
const indexOfCode = (fields: readonly MessageField[], code: string): number => {
  for (let i = fields.length - 1; i >= 0; i -= 1) if (fields[i]?.code === code) return i;
  return -1;
};

export const parseKeyword = (dictionary: CompiledDictionary, text: string, errors: DecodeError[]): ParsedText => {
  const { syntax } = dictionary;
  const cursor: Cursor = { next: 0 };
  const envelope = parseEnvelope(dictionary, text, errors, cursor);
  const fields: { code: string; values: string[] }[] = [];
  const codeStarts: number[][] = [];
  const valueStarts: number[][] = [];
  let pos = cursor.next;
  while (pos < text.length) {
    const codeStart = pos;
    while (pos < text.length && isCodeChar(text.charCodeAt(pos))) pos += 1;
    const code = text.slice(codeStart, pos);
    if (pos >= text.length || text.charCodeAt(pos) !== syntax.separatorCode) {
      const atEnd = pos >= text.length;
      errors.push({
        reason: atEnd || (code.length > 0 && text.charCodeAt(pos) === syntax.terminatorCode) ? 'missing-separator' : 'bad-field-code',
        position: pos,
        ...(code.length > 0 ? { field: code } : {}),
        message: atEnd
          ? `the text ends where "${syntax.separator}" should follow field code "${code}"`
          : `expected a field code of A-Z and 0-9 followed by "${syntax.separator}"`,
      });
      // Skip the damaged field so the rest of the text is still checked.
      scanValue(text, pos, syntax, undefined, [], cursor);
      pos = cursor.next;
      continue;
    }
    if (code.length === 0) {
      errors.push({ reason: 'bad-field-code', position: codeStart, message: `"${syntax.separator}" with no field code before it` });
    }
    const value = scanValue(text, pos + 1, syntax, code, errors, cursor);
    const at = indexOfCode(fields, code);
    if (at < 0) {
      fields.push({ code, values: [value] });
      codeStarts.push([codeStart]);
      valueStarts.push([pos + 1]);
    } else {
      fields[at]?.values.push(value);
      codeStarts[at]?.push(codeStart);
      valueStarts[at]?.push(pos + 1);
    }
    pos = cursor.next;
  }
  return { key: envelope.key, ori: envelope.ori, oriStart: envelope.oriStart, fields, codeStarts, valueStarts };
};
