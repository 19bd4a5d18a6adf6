import { type Message } from '../model/message';
import { type ProtocolErrorReason } from '../model/protocol-error';
import { checkValue } from './check-value';
import { type CompiledDictionary, type CompiledMessage } from './compiled-dictionary';

/**
 * A problem with a message against the dictionary. `field` is the code (MKE for the key,
 * the envelope code for the ORI); `fieldIndex`/`valueIndex` locate it in `message.fields`
 * so a decoder can turn them into text positions.
 */
export interface MessageProblem {
  /** Which part of the message is wrong: the key, the envelope ORI, one field, or the message as a whole. */
  readonly part: 'key' | 'ori' | 'field' | 'message';
  readonly reason: ProtocolErrorReason;
  readonly message: string;
  readonly field?: string;
  readonly fieldIndex?: number;
  readonly valueIndex?: number;
  readonly offset?: number;
}

export const MESSAGE_KEY_FIELD = 'MKE';

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;

/** Cheap structural guard so a message built in plain JavaScript cannot make validation throw. */
const shapeProblem = (input: unknown): MessageProblem | undefined => {
  if (!isRecord(input)) return { part: 'message', reason: 'invalid-input', message: 'a message is an object with key, ori and fields' };
  if (typeof input.key !== 'string') return { part: 'key', reason: 'invalid-input', field: MESSAGE_KEY_FIELD, message: 'the message key must be a string' };
  if (typeof input.ori !== 'string') return { part: 'ori', reason: 'invalid-input', message: 'the ORI must be a string' };
  const fields = input.fields;
  if (!Array.isArray(fields)) return { part: 'message', reason: 'invalid-input', message: 'fields must be an array' };
  for (let i = 0; i < fields.length; i += 1) {
    const field: unknown = fields[i];
    if (!isRecord(field) || typeof field.code !== 'string' || !Array.isArray(field.values)) {
      return { part: 'field', reason: 'invalid-input', fieldIndex: i, message: `fields[${i}] must be { code: string, values: string[] }` };
    }
    const values: unknown[] = field.values;
    for (let j = 0; j < values.length; j += 1) {
      if (typeof values[j] !== 'string') {
        return { part: 'field', reason: 'invalid-input', field: field.code, fieldIndex: i, valueIndex: j, message: `value ${j} of ${field.code} must be a string` };
      }
    }
  }
  return undefined;
};

const checkGroups = (compiled: CompiledMessage, present: ReadonlySet<string>, problems: MessageProblem[]): void => {
  for (const group of compiled.atLeastOneOf) {
    if (!group.some((code) => present.has(code))) {
      problems.push({ part: 'message', reason: 'missing-one-of', field: group[0], message: `${compiled.key} needs at least one of ${group.join(', ')}` });
    }
  }
  for (const group of compiled.allOrNone) {
    const missing = group.filter((code) => !present.has(code));
    if (missing.length > 0 && missing.length < group.length) {
      problems.push({
        part: 'message',
        reason: 'incomplete-group',
        field: missing[0],
        message: `${group.join(', ')} go together in ${compiled.key}; missing ${missing.join(', ')}`,
      });
    }
  }
};

/** Every problem of a message against a compiled dictionary; an empty list means valid. */
export const validateMessage = (dictionary: CompiledDictionary, input: Message, trustedShape = false): MessageProblem[] => {
  // The decoder builds its messages itself; only messages from callers need the shape check.
  const shape = trustedShape ? undefined : shapeProblem(input);
  if (shape !== undefined) return [shape];
  const problems: MessageProblem[] = [];
  const compiled = dictionary.messages.get(input.key);
  if (compiled === undefined) {
    return [{ part: 'key', reason: 'unknown-message-key', field: MESSAGE_KEY_FIELD, message: `"${input.key.slice(0, 20)}" is not a message key of dictionary ${dictionary.dictionary.id}` }];
  }
  const oriProblem = checkValue(dictionary.oriField, input.ori, dictionary.dateFormat);
  if (oriProblem !== undefined) {
    problems.push({ part: 'ori', reason: oriProblem.reason, field: dictionary.oriField.code, offset: oriProblem.offset, message: `ORI: ${oriProblem.detail}` });
  }

  const present = new Set<string>();
  let requiredSeen = 0;
  for (let fieldIndex = 0; fieldIndex < input.fields.length; fieldIndex += 1) {
    const field = input.fields[fieldIndex];
    if (field === undefined) continue;
    const { code, values } = field;
    if (present.has(code)) {
      problems.push({ part: 'field', reason: 'duplicate-field', field: code, fieldIndex, message: `${code} appears twice; put all its values in one field` });
      continue;
    }
    present.add(code);
    const rule = compiled.rules.get(code);
    if (rule === undefined || rule.field === undefined) {
      const reason = dictionary.fields.has(code) ? 'forbidden-field' : 'unknown-field';
      problems.push({ part: 'field', reason, field: code, fieldIndex, message: reason === 'forbidden-field' ? `${code} is not allowed in ${compiled.key}` : `${code} is not a field of the dictionary` });
      continue;
    }
    if (rule.presence === 'forbidden') {
      problems.push({ part: 'field', reason: 'forbidden-field', field: code, fieldIndex, message: `${code} is not allowed in ${compiled.key}` });
      continue;
    }
    if (rule.presence === 'required') requiredSeen += 1;
    if (values.length === 0) {
      problems.push({ part: 'field', reason: 'no-values', field: code, fieldIndex, message: `${code} has no value` });
      continue;
    }
    if (values.length > rule.maxRepeats) {
      problems.push({
        part: 'field',
        reason: 'too-many-repeats',
        field: code,
        fieldIndex,
        valueIndex: rule.maxRepeats,
        message: `${code} has ${values.length} values; at most ${rule.maxRepeats} allowed in ${compiled.key}`,
      });
    }
    for (let valueIndex = 0; valueIndex < values.length; valueIndex += 1) {
      const p = checkValue(rule.field, values[valueIndex] ?? '', dictionary.dateFormat);
      if (p !== undefined) {
        const which = values.length > 1 ? ` (value ${valueIndex + 1})` : '';
        problems.push({ part: 'field', reason: p.reason, field: code, fieldIndex, valueIndex, offset: p.offset, message: `${code}${which}: ${p.detail}` });
      }
    }
  }

  // Counting saves a second pass in the usual case where every required field is there.
  if (requiredSeen < compiled.required.length) {
    for (const code of compiled.required) {
      if (!present.has(code)) problems.push({ part: 'message', reason: 'missing-required-field', field: code, message: `${code} is required in ${compiled.key}` });
    }
  }

  if (compiled.atLeastOneOf.length > 0 || compiled.allOrNone.length > 0) checkGroups(compiled, present, problems);
  return problems;
};
