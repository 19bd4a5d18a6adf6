import fc from 'fast-check';
import { type Dictionary, type FieldDefinition } from '../dictionary/dictionary-codec';
import { type Message, type MessageField } from '../model/message';

// Arbitraries that produce only valid messages, read from a dictionary, so the same
// properties hold for the default dictionary and for any replacement.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');
const letter = fc.constantFrom(...LETTERS);
const digit = fc.constantFrom(...DIGITS);
const alnum = fc.constantFrom(...LETTERS, ...DIGITS);
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const dateArbitrary = (format: Dictionary['dateFormat']): fc.Arbitrary<string> =>
  fc
    .record({ year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 9999 })), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .map(({ year, month, day }) => {
      // Date.UTC maps years below 100 into the 1900s; a leap-year rule by hand avoids that.
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      const last = month === 2 ? (leap ? 29 : 28) : year >= 100 ? daysIn(year, month) : [4, 6, 9, 11].includes(month) ? 30 : 31;
      const d = Math.min(day, last);
      return format === 'CCYYMMDD' ? `${pad(year, 4)}${pad(month, 2)}${pad(d, 2)}` : `${pad(month, 2)}${pad(d, 2)}${pad(year, 4)}`;
    });

const word = (max: number): fc.Arbitrary<string> =>
  fc.tuple(letter, fc.string({ unit: fc.constantFrom(...LETTERS, '-'), maxLength: max - 1 })).map(([first, rest]) => first + rest);

const nameArbitrary = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(word(10), fc.option(word(10), { nil: undefined }), fc.option(word(8), { nil: undefined }))
    .map(([surname, given, middle]) => `${surname},${given ?? ''}${given !== undefined && middle !== undefined ? ` ${middle}` : ''}`)
    .filter((name) => name.length >= min && name.length <= max);

const maskArbitrary = (mask: string): fc.Arbitrary<string> =>
  fc.tuple(...mask.split('').map((m) => (m === 'A' ? letter : m === '9' ? digit : m === 'X' ? alnum : fc.constant(m)))).map((chars) => chars.join(''));

export const valueArbitrary = (dictionary: Dictionary, field: FieldDefinition): fc.Arbitrary<string> => {
  const { minLength, maxLength } = field;
  const typed = ((): fc.Arbitrary<string> => {
    switch (field.type) {
      case 'alpha':
        return fc.string({ unit: letter, minLength, maxLength });
      case 'numeric':
        return fc.string({ unit: digit, minLength, maxLength });
      case 'alphanumeric':
        return fc.string({ unit: alnum, minLength, maxLength });
      case 'text':
        return fc.string({ unit: printable, minLength, maxLength });
      case 'name':
        return nameArbitrary(minLength, maxLength);
      case 'date':
        return dateArbitrary(dictionary.dateFormat);
      case 'time':
        return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => pad(h, 2) + pad(m, 2));
      case 'height':
        return fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 11 })).map(([f, i]) => `${f}${pad(i, 2)}`);
      case 'mask':
        return maskArbitrary(field.mask ?? '');
      case 'code':
        return fc.constantFrom(...(dictionary.codeTables[field.table ?? '']?.values ?? []).map((value) => value.code));
    }
  })();
  const literals = field.literals ?? [];
  return literals.length === 0 ? typed : fc.oneof({ arbitrary: typed, weight: 4 }, { arbitrary: fc.constantFrom(...literals), weight: 1 });
};

const fieldDefinition = (dictionary: Dictionary, code: string): FieldDefinition => {
  const definition = dictionary.fields[code];
  if (definition === undefined) throw new Error(`the dictionary has no field ${code}`);
  return definition;
};

/** Valid messages of one key, fields in dictionary order unless `shuffle` is set. */
export const messageArbitrary = (dictionary: Dictionary, key: string, options: { shuffle?: boolean } = {}): fc.Arbitrary<Message> => {
  const definition = dictionary.messages[key];
  if (definition === undefined) throw new Error(`the dictionary has no message ${key}`);
  const grouped = new Map<string, number>();
  (definition.allOrNone ?? []).forEach((group, index) => group.forEach((code) => grouped.set(code, index)));
  const groupSwitches = fc.tuple(...(definition.allOrNone ?? []).map(() => fc.boolean()));
  const rules = definition.fields.filter((rule) => rule.presence !== 'forbidden');
  const fieldArbitraries = rules.map((rule) => {
    const field = fieldDefinition(dictionary, rule.code);
    const repeats = Math.min(rule.maxRepeats ?? field.maxRepeats, field.maxRepeats);
    return fc.record({
      include: rule.presence === 'required' ? fc.constant(true) : fc.boolean(),
      values: fc.array(valueArbitrary(dictionary, field), { minLength: 1, maxLength: repeats }),
    });
  });
  const ori = valueArbitrary(dictionary, fieldDefinition(dictionary, dictionary.envelope.oriField));
  const ordered = fc.tuple(ori, groupSwitches, fc.tuple(...fieldArbitraries)).map(([oriValue, switches, generated]): Message => {
    const fields: MessageField[] = [];
    generated.forEach((g, index) => {
      const rule = rules[index];
      if (rule === undefined) return;
      const group = grouped.get(rule.code);
      const include = group === undefined ? g.include : rule.presence === 'required' || switches[group] === true;
      if (include) fields.push({ code: rule.code, values: g.values });
    });
    return { key, ori: oriValue, fields };
  });
  const satisfiesGroups = (message: Message): boolean =>
    (definition.atLeastOneOf ?? []).every((group) => group.some((code) => message.fields.some((field) => field.code === code)));
  const valid = ordered.filter(satisfiesGroups);
  if (options.shuffle !== true) return valid;
  return valid.chain((message) =>
    fc.shuffledSubarray([...message.fields], { minLength: message.fields.length, maxLength: message.fields.length }).map((fields) => ({ ...message, fields })),
  );
};

/** Valid messages of any key of the dictionary. */
export const anyMessageArbitrary = (dictionary: Dictionary, options: { shuffle?: boolean } = {}): fc.Arbitrary<Message> =>
  fc.constantFrom(...Object.keys(dictionary.messages)).chain((key) => messageArbitrary(dictionary, key, options));

/** A message with its fields put in the dictionary's positional order. */
export const inPositionalOrder = (dictionary: Dictionary, message: Message): Message => {
  const order = (dictionary.messages[message.key]?.fields ?? []).map((rule) => rule.code);
  return { ...message, fields: [...message.fields].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code)) };
};
