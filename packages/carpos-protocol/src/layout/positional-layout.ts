import { type Message } from '../model/message';
import { type DecodeError } from '../model/protocol-error';
import { type CompiledDictionary } from '../validation/compiled-dictionary';
import { escapeValue } from './escaping';
import { parseEnvelope } from './parse-envelope';
import { type ParsedText } from './parsed-text';
import { type Cursor, scanValue } from './scan-segment';

/**
 * Positional layout: `MKE.ORI.` then one slot per allowed field in the dictionary's order,
 * each ending with the terminator. An absent field leaves its slot empty; slots after the
 * last present field are left out. A repeating field's values share one slot, split by the
 * repeat separator (`01;07`).
 */
export const encodePositional = (dictionary: CompiledDictionary, message: Message): string => {
  const { syntax } = dictionary;
  const compiled = dictionary.messages.get(message.key);
  const slots: string[] = [];
  let used = 0;
  for (const field of message.fields) {
    const index = compiled?.positionOf.get(field.code);
    if (index === undefined) continue;
    let slot = '';
    for (let i = 0; i < field.values.length; i += 1) slot += (i === 0 ? '' : syntax.repeatSeparator) + escapeValue(field.values[i] ?? '', syntax);
    slots[index] = slot;
    if (index + 1 > used) used = index + 1;
  }
  let out = escapeValue(message.key, syntax) + syntax.terminator + escapeValue(message.ori, syntax) + syntax.terminator;
  for (let i = 0; i < used; i += 1) out += (slots[i] ?? '') + syntax.terminator;
  return out;
};

export const parsePositional = (dictionary: CompiledDictionary, text: string, errors: DecodeError[]): ParsedText => {
  const cursor: Cursor = { next: 0 };
  const envelope = parseEnvelope(dictionary, text, errors, cursor);
  const parsed: ParsedText = { key: envelope.key, ori: envelope.ori, oriStart: envelope.oriStart, fields: [], codeStarts: [], valueStarts: [] };
  const compiled = dictionary.messages.get(envelope.key);
  // Without the key the slots have no meaning; the dictionary check reports the key.
  if (compiled === undefined) return parsed;
  let pos = cursor.next;
  let slot = 0;
  while (pos < text.length) {
    const rule = compiled.positions[slot];
    const slotStart = pos;
    const values: string[] = [];
    const starts: number[] = [slotStart];
    // The scan pushes the values before each repeat separator; the last one is returned.
    const last = scanValue(text, pos, dictionary.syntax, rule?.code, errors, cursor, values, starts);
    values.push(last);
    const empty = values.length === 1 && values[0] === '' && cursor.next === slotStart + 1;
    if (!empty) {
      if (rule === undefined) {
        errors.push({
          reason: 'too-many-positions',
          position: slotStart,
          message: `${compiled.key} has ${compiled.positions.length} field positions; this is position ${slot + 1}`,
        });
      } else {
        parsed.fields.push({ code: rule.code, values });
        parsed.codeStarts.push(starts.map(() => slotStart));
        parsed.valueStarts.push(starts);
      }
    }
    pos = cursor.next;
    slot += 1;
  }
  return parsed;
};
