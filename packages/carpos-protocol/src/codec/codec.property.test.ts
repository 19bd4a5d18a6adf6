import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { defaultDictionary } from '../dictionary/default-dictionary';
import { type Dictionary } from '../dictionary/dictionary-codec';
import { loadDictionary } from '../dictionary/load-dictionary';
import { type Message } from '../model/message';
import { anyMessageArbitrary, inPositionalOrder, messageArbitrary } from '../__tests__/message-arbitraries';
import { mutatedTexts, protocolAlphabet, wellFormedErrors } from '../__tests__/hostile-texts';
import { decode, encode, type Layout } from './codec';

const mustEncode = (message: Message, dictionary: Dictionary, layout: Layout): string => {
  const result = encode(message, dictionary, { layout });
  if (E.isLeft(result)) throw new Error(`a generated message did not encode: ${JSON.stringify(result.left)}`);
  return result.right;
};

describe('round trip', () => {
  it.each(Object.keys(defaultDictionary.messages))('%s: decode(encode(m)) is m in the keyword layout, whatever the field order', (key) => {
    fc.assert(
      fc.property(messageArbitrary(defaultDictionary, key, { shuffle: true }), (message) => {
        expect(decode(mustEncode(message, defaultDictionary, 'keyword'))).toEqual(E.right(message));
      }),
      { numRuns: 300 },
    );
  });

  it.each(Object.keys(defaultDictionary.messages))('%s: decode(encode(m)) is m in dictionary order in the positional layout', (key) => {
    fc.assert(
      fc.property(messageArbitrary(defaultDictionary, key, { shuffle: true }), (message) => {
        const text = mustEncode(message, defaultDictionary, 'positional');
        expect(decode(text, defaultDictionary, { layout: 'positional' })).toEqual(E.right(inPositionalOrder(defaultDictionary, message)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes printable ASCII only, and one text per message', () => {
    fc.assert(
      fc.property(anyMessageArbitrary(defaultDictionary), fc.constantFrom<Layout>('keyword', 'positional'), (message, layout) => {
        const text = mustEncode(message, defaultDictionary, layout);
        expect(/^[\x20-\x7e]+$/.test(text)).toBe(true);
        const again = E.chainW((m: Message) => encode(m, defaultDictionary, { layout }))(decode(text, defaultDictionary, { layout }));
        expect(again).toEqual(E.right(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('holds for a dictionary with other syntax characters and date order', () => {
    const loaded = loadDictionary({ ...defaultDictionary, dateFormat: 'MMDDCCYY', syntax: { ...defaultDictionary.syntax, terminator: '*', separator: '=', repeatSeparator: '+', escape: '#' } });
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    const other = loaded.right;
    fc.assert(
      fc.property(anyMessageArbitrary(other, { shuffle: true }), (message) => {
        expect(decode(mustEncode(message, other, 'keyword'), other)).toEqual(E.right(message));
        expect(decode(mustEncode(message, other, 'positional'), other, { layout: 'positional' })).toEqual(E.right(inPositionalOrder(other, message)));
      }),
      { numRuns: 500 },
    );
  });
});

const mutatedValidText = mutatedTexts(anyMessageArbitrary(defaultDictionary), (message, layout) => mustEncode(message, defaultDictionary, layout));

const fuzzText = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
  { arbitrary: fc.string({ unit: protocolAlphabet, maxLength: 120 }), weight: 3 },
  { arbitrary: mutatedValidText, weight: 5 },
);

describe('decode is total', () => {
  it('returns a value, never throws, on 100,000 hostile texts in both layouts', () => {
    fc.assert(
      fc.property(fuzzText, fc.constantFrom<Layout>('keyword', 'positional'), (text, layout) => {
        const result = decode(text, defaultDictionary, { layout });
        if (E.isLeft(result)) return wellFormedErrors(result.left, text);
        // Whatever decodes is a valid message: it encodes, and reads back the same.
        const again = E.chainW((t: string) => decode(t, defaultDictionary, { layout }))(encode(result.right, defaultDictionary, { layout }));
        return E.isRight(again) && JSON.stringify(again.right) === JSON.stringify(layout === 'positional' ? inPositionalOrder(defaultDictionary, result.right) : result.right);
      }),
      { numRuns: 100_000 },
    );
  });

  it('encode never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true }), (value) => {
        const result = encode(value as Message);
        return E.isLeft(result) && result.left.length > 0;
      }),
      { numRuns: 5_000 },
    );
  });
});
