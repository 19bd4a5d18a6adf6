import { type Dictionary, type FieldDefinition, type MessageDefinition } from './dictionary-codec';
import { type DictionaryError } from './dictionary-error';

/**
 * Cross-reference checks that io-ts cannot express. They guarantee the codec never meets
 * a dictionary it cannot honour: every referenced table and field exists, lengths agree
 * with types and masks, and no reserved character can hide inside a code.
 */

const FIELD_CODE = /^[A-Z0-9]{1,8}$/;
const MESSAGE_KEY = /^[A-Z0-9$]{1,8}$/;
const TABLE_NAME = /^[A-Z0-9_-]{1,40}$/;
/** A value longer than this is a typing mistake in a dictionary, not a CARPOS field. */
const MAX_FIELD_LENGTH = 10_000;
const MAX_REPEATS = 999;

const fixedLengths: Partial<Record<FieldDefinition['type'], number>> = { date: 8, time: 4, height: 3 };

type Report = (path: string, message: string) => void;

const isPrintableAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
};

const isWholeNumber = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;

const reservedIn = (s: string, reserved: readonly string[]): string | undefined => reserved.find((r) => s.includes(r));

const checkSyntax = (dictionary: Dictionary, report: Report): readonly string[] => {
  const { terminator, separator, repeatSeparator, escape } = dictionary.syntax;
  const chars = { terminator, separator, repeatSeparator, escape };
  for (const [name, value] of Object.entries(chars)) {
    if (value.length !== 1 || !isPrintableAscii(value) || /[A-Za-z0-9 ]/.test(value)) {
      report(`syntax.${name}`, 'must be one printable ASCII character that is neither a letter, a digit nor a space');
    }
  }
  const values = Object.values(chars);
  if (new Set(values).size !== values.length) report('syntax', 'terminator, separator, repeatSeparator and escape must all differ');
  return values;
};

const checkCodeTables = (dictionary: Dictionary, reserved: readonly string[], report: Report): void => {
  for (const [name, table] of Object.entries(dictionary.codeTables)) {
    const path = `codeTables.${name}`;
    if (!TABLE_NAME.test(name)) report(path, 'a table name is 1–40 of A–Z, 0–9, "_" or "-"');
    if (table.values.length === 0) report(`${path}.values`, 'a code table needs at least one value');
    const seen = new Set<string>();
    table.values.forEach((value, index) => {
      const valuePath = `${path}.values.${index}.code`;
      if (value.code.length === 0 || !isPrintableAscii(value.code)) report(valuePath, 'a code is non-empty printable ASCII');
      const hit = reservedIn(value.code, reserved);
      if (hit !== undefined) report(valuePath, `a code may not contain the reserved character "${hit}"`);
      if (seen.has(value.code)) report(valuePath, `duplicate code "${value.code}"`);
      seen.add(value.code);
    });
  }
};

const checkField = (dictionary: Dictionary, code: string, field: FieldDefinition, reserved: readonly string[], report: Report): void => {
  const path = `fields.${code}`;
  if (!FIELD_CODE.test(code)) report(path, 'a field code is 1–8 of A–Z or 0–9');
  if (!isWholeNumber(field.minLength, 1, MAX_FIELD_LENGTH)) report(`${path}.minLength`, `must be a whole number from 1 to ${MAX_FIELD_LENGTH}`);
  if (!isWholeNumber(field.maxLength, 1, MAX_FIELD_LENGTH)) report(`${path}.maxLength`, `must be a whole number from 1 to ${MAX_FIELD_LENGTH}`);
  if (field.maxLength < field.minLength) report(`${path}.maxLength`, 'must not be below minLength');
  if (!isWholeNumber(field.maxRepeats, 1, MAX_REPEATS)) report(`${path}.maxRepeats`, `must be a whole number from 1 to ${MAX_REPEATS}`);

  const fixed = fixedLengths[field.type];
  if (fixed !== undefined && (field.minLength !== fixed || field.maxLength !== fixed)) {
    report(path, `a ${field.type} field has minLength and maxLength ${fixed}`);
  }
  if (field.type === 'code') {
    const table = field.table === undefined ? undefined : dictionary.codeTables[field.table];
    if (field.table === undefined) report(`${path}.table`, 'a code field names its code table');
    else if (table === undefined || !Object.hasOwn(dictionary.codeTables, field.table)) report(`${path}.table`, `no code table "${field.table}"`);
    else {
      table.values.forEach((value, index) => {
        if (value.code.length < field.minLength || value.code.length > field.maxLength) {
          report(`codeTables.${field.table}.values.${index}.code`, `"${value.code}" does not fit the length of field ${code}`);
        }
      });
    }
  } else if (field.table !== undefined) {
    report(`${path}.table`, 'only a code field has a code table');
  }
  if (field.type === 'mask') {
    if (field.mask === undefined || field.mask.length === 0) report(`${path}.mask`, 'a mask field needs a mask');
    else {
      if (field.mask.length !== field.minLength || field.mask.length !== field.maxLength) report(`${path}.mask`, 'minLength and maxLength must equal the mask length');
      if (!isPrintableAscii(field.mask)) report(`${path}.mask`, 'a mask is printable ASCII');
      const hit = reservedIn(field.mask, reserved);
      if (hit !== undefined) report(`${path}.mask`, `a mask may not contain the reserved character "${hit}"`);
    }
  } else if (field.mask !== undefined) {
    report(`${path}.mask`, 'only a mask field has a mask');
  }
  (field.literals ?? []).forEach((literal, index) => {
    const literalPath = `${path}.literals.${index}`;
    if (literal.length === 0 || literal.length > MAX_FIELD_LENGTH || !isPrintableAscii(literal)) report(literalPath, 'a literal is non-empty printable ASCII');
    const hit = reservedIn(literal, reserved);
    if (hit !== undefined) report(literalPath, `a literal may not contain the reserved character "${hit}"`);
  });
};

const checkGroups = (
  path: string,
  groups: readonly (readonly string[])[] | undefined,
  allowed: ReadonlySet<string>,
  report: Report,
): void => {
  (groups ?? []).forEach((group, index) => {
    if (group.length === 0) report(`${path}.${index}`, 'a group names at least one field');
    group.forEach((code, at) => {
      if (!allowed.has(code)) report(`${path}.${index}.${at}`, `field ${code} is not allowed in this message`);
    });
  });
};

const checkMessage = (dictionary: Dictionary, key: string, message: MessageDefinition, report: Report): void => {
  const path = `messages.${key}`;
  if (!MESSAGE_KEY.test(key)) report(path, 'a message key is 1–8 of A–Z, 0–9 or "$"');
  const seen = new Set<string>();
  const allowed = new Set<string>();
  message.fields.forEach((rule, index) => {
    const rulePath = `${path}.fields.${index}`;
    const field = Object.hasOwn(dictionary.fields, rule.code) ? dictionary.fields[rule.code] : undefined;
    if (field === undefined) report(`${rulePath}.code`, `no field definition for ${rule.code}`);
    if (rule.code === dictionary.envelope.oriField) report(`${rulePath}.code`, `${rule.code} is the envelope ORI and cannot also be a message field`);
    if (seen.has(rule.code)) report(`${rulePath}.code`, `field ${rule.code} is listed twice`);
    seen.add(rule.code);
    if (rule.presence !== 'forbidden') allowed.add(rule.code);
    if (rule.maxRepeats !== undefined) {
      if (!isWholeNumber(rule.maxRepeats, 1, MAX_REPEATS)) report(`${rulePath}.maxRepeats`, `must be a whole number from 1 to ${MAX_REPEATS}`);
      else if (field !== undefined && rule.maxRepeats > field.maxRepeats) report(`${rulePath}.maxRepeats`, `may narrow but not exceed the field's maxRepeats (${field.maxRepeats})`);
    }
  });
  checkGroups(`${path}.atLeastOneOf`, message.atLeastOneOf, allowed, report);
  checkGroups(`${path}.allOrNone`, message.allOrNone, allowed, report);
};

export const checkDictionary = (dictionary: Dictionary): DictionaryError[] => {
  const errors: DictionaryError[] = [];
  const report: Report = (path, message) => {
    errors.push({ path, message });
  };
  if (dictionary.id.trim().length === 0) report('id', 'must not be empty');
  if (dictionary.version.trim().length === 0) report('version', 'must not be empty');
  const reserved = checkSyntax(dictionary, report);
  checkCodeTables(dictionary, reserved, report);
  for (const [code, field] of Object.entries(dictionary.fields)) checkField(dictionary, code, field, reserved, report);
  if (!Object.hasOwn(dictionary.fields, dictionary.envelope.oriField)) {
    report('envelope.oriField', `no field definition for ${dictionary.envelope.oriField}`);
  }
  for (const [key, message] of Object.entries(dictionary.messages)) checkMessage(dictionary, key, message, report);
  return errors;
};
