import { type DateFormat } from '../dictionary/dictionary-codec';
import { type ProtocolErrorReason } from '../model/protocol-error';
import { type CompiledField } from './compiled-dictionary';

/** Why one value fails its field definition, and where inside the value. */
export interface ValueProblem {
  readonly reason: ProtocolErrorReason;
  readonly offset: number;
  readonly detail: string;
}

const A = 0x41;
const Z = 0x5a;
const ZERO = 0x30;
const NINE = 0x39;
const SPACE = 0x20;
const COMMA = 0x2c;
const HYPHEN = 0x2d;

const isLetter = (c: number): boolean => c >= A && c <= Z;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

const isAlphanumeric = (c: number): boolean => isLetter(c) || isDigit(c);
const isPrintable = (c: number): boolean => c >= 0x20 && c <= 0x7e;

const problem = (reason: ProtocolErrorReason, offset: number, detail: string): ValueProblem => ({ reason, offset, detail });

const describeChar = (value: string, at: number): string => {
  const c = value.charCodeAt(at);
  return c >= 0x20 && c <= 0x7e ? `"${value.charAt(at)}"` : `character code ${c}`;
};

const firstNot = (value: string, ok: (c: number) => boolean): number => {
  for (let i = 0; i < value.length; i += 1) if (!ok(value.charCodeAt(i))) return i;
  return -1;
};

const badCharacter = (value: string, ok: (c: number) => boolean, allowed: string): ValueProblem | undefined => {
  const at = firstNot(value, ok);
  return at < 0 ? undefined : problem('bad-character', at, `${describeChar(value, at)} is not allowed; expected ${allowed}`);
};

const digitsAt = (value: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i += 1) n = n * 10 + (value.charCodeAt(i) - ZERO);
  return n;
};

const daysIn = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

const checkDate = (value: string, format: DateFormat): ValueProblem | undefined => {
  const bad = badCharacter(value, isDigit, `digits (${format})`);
  if (bad !== undefined) return bad;
  const [year, month, day] =
    format === 'CCYYMMDD'
      ? [digitsAt(value, 0, 4), digitsAt(value, 4, 2), digitsAt(value, 6, 2)]
      : [digitsAt(value, 4, 4), digitsAt(value, 0, 2), digitsAt(value, 2, 2)];
  const monthAt = format === 'CCYYMMDD' ? 4 : 0;
  const dayAt = format === 'CCYYMMDD' ? 6 : 2;
  if (year === 0) return problem('invalid-date', format === 'CCYYMMDD' ? 0 : 4, 'year 0000 does not exist');
  if (month < 1 || month > 12) return problem('invalid-date', monthAt, `month ${month} does not exist`);
  if (day < 1 || day > daysIn(year, month)) return problem('invalid-date', dayAt, `day ${day} does not exist in ${year}-${month}`);
  return undefined;
};

const checkTime = (value: string): ValueProblem | undefined => {
  const bad = badCharacter(value, isDigit, 'digits (HHMM)');
  if (bad !== undefined) return bad;
  if (digitsAt(value, 0, 2) > 23) return problem('invalid-time', 0, 'hours run from 00 to 23');
  if (digitsAt(value, 2, 2) > 59) return problem('invalid-time', 2, 'minutes run from 00 to 59');
  return undefined;
};

const checkHeight = (value: string): ValueProblem | undefined => {
  const bad = badCharacter(value, isDigit, 'digits (feet then inches)');
  if (bad !== undefined) return bad;
  if (value.charCodeAt(0) === ZERO) return problem('invalid-height', 0, 'feet must be 1 to 9');
  if (digitsAt(value, 1, 2) > 11) return problem('invalid-height', 1, 'inches run from 00 to 11');
  return undefined;
};

const isNameChar = (c: number): boolean => isLetter(c) || c === SPACE || c === COMMA || c === HYPHEN;

/** NCIC style: SURNAME,GIVEN MIDDLE — one comma after a non-empty surname, single spaces, none at the ends. */
const checkName = (value: string): ValueProblem | undefined => {
  const bad = badCharacter(value, isNameChar, 'A-Z, space, comma or hyphen');
  if (bad !== undefined) return bad;
  const comma = value.indexOf(',');
  if (comma < 0) return problem('invalid-name', value.length, 'a name is SURNAME,GIVEN with one comma');
  if (comma === 0) return problem('invalid-name', 0, 'the surname before the comma is empty');
  const second = value.indexOf(',', comma + 1);
  if (second >= 0) return problem('invalid-name', second, 'a name has only one comma');
  if (value.charCodeAt(0) === SPACE) return problem('invalid-name', 0, 'a name does not start with a space');
  if (value.charCodeAt(value.length - 1) === SPACE) return problem('invalid-name', value.length - 1, 'a name does not end with a space');
  if (value.charCodeAt(comma - 1) === SPACE || value.charCodeAt(comma + 1) === SPACE) {
    return problem('invalid-name', comma, 'no space next to the comma');
  }
  const double = value.indexOf('  ');
  if (double >= 0) return problem('invalid-name', double, 'no double spaces');
  return undefined;
};

const checkMask = (value: string, mask: string): ValueProblem | undefined => {
  if (value.length !== mask.length) return problem('mask-mismatch', 0, `expected the pattern ${mask}`);
  for (let i = 0; i < mask.length; i += 1) {
    const m = mask.charCodeAt(i);
    const c = value.charCodeAt(i);
    const ok = m === 0x41 ? isLetter(c) : m === 0x39 ? isDigit(c) : m === 0x58 ? isLetter(c) || isDigit(c) : c === m;
    if (!ok) return problem('mask-mismatch', i, `${describeChar(value, i)} does not fit the pattern ${mask} at position ${i + 1}`);
  }
  return undefined;
};

/** Checks one value against its field definition; undefined when the value is valid. */
export const checkValue = (field: CompiledField, value: string, dateFormat: DateFormat): ValueProblem | undefined => {
  if (field.literals.size > 0 && field.literals.has(value)) return undefined;
  if (value.length < field.minLength) {
    return problem('too-short', value.length, `${value.length} characters; at least ${field.minLength} needed`);
  }
  if (value.length > field.maxLength) {
    return problem('too-long', field.maxLength, `${value.length} characters; at most ${field.maxLength} allowed`);
  }
  switch (field.type) {
    case 'alpha':
      return badCharacter(value, isLetter, 'A-Z');
    case 'numeric':
      return badCharacter(value, isDigit, '0-9');
    case 'alphanumeric':
      return badCharacter(value, isAlphanumeric, 'A-Z or 0-9');
    case 'text':
      return badCharacter(value, isPrintable, 'printable ASCII');
    case 'name':
      return checkName(value);
    case 'date':
      return checkDate(value, dateFormat);
    case 'time':
      return checkTime(value);
    case 'height':
      return checkHeight(value);
    case 'mask':
      return checkMask(value, field.mask);
    case 'code':
      return field.table.has(value) ? undefined : problem('not-in-code-table', 0, `"${value.slice(0, 20)}" is not in code table ${field.definition.table ?? '(none)'}`);
    default:
      // Only an unchecked dictionary gets here; refuse rather than accept blindly.
      return problem('bad-character', 0, `field type "${String(field.type)}" is unknown`);
  }
};
