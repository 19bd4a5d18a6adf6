import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { mutatedTexts, wellFormedErrors } from '../__tests__/hostile-texts';
import { inPositionalOrder, messageArbitrary } from '../__tests__/message-arbitraries';
import { defaultDictionary } from '../dictionary/default-dictionary';
import { messageKeysFor } from '../dictionary/dictionary-queries';
import { type Message } from '../model/message';
import { decode, encode, type Layout } from './codec';

const ORI = 'CA019015J';
const query = (...fields: [string, string][]): Message => ({ key: 'QPO', ori: ORI, fields: fields.map(([code, value]) => ({ code, values: [value] })) });
const problems = (message: Message): string[] => {
  const result = encode(message);
  return E.isLeft(result) ? result.left.map((e) => `${e.field ?? '-'}:${e.reason}`) : [];
};

describe('the person query (QPO) and its forms', () => {
  it.each([
    ['name with date of birth', query(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850704'])],
    ['name with date of birth, narrowed by sex and race', query(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850704'], ['SEX', 'M'], ['RAC', 'H'])],
    ['FCN', query(['FCN', '2320250000417'])],
    ['NIC', query(['NIC', 'H104583726'])],
    ['FCN and NIC together', query(['FCN', '2320250000417'], ['NIC', 'H104583726'])],
    ['case number with the issuing court', query(['PNO', '24FL004512'], ['CTI', 'CA019015J'])],
    ['the next page of a name query', query(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850704'], ['PGS', '25'], ['CTK', 'F2320250000417'])],
  ])('accepts a query by %s', (_form, message) => {
    expect(problems(message)).toEqual([]);
  });

  it.each([
    ['a name without a date of birth', query(['NAM', 'GARCIA,MIGUEL']), ['DOB:incomplete-group']],
    ['a date of birth alone', query(['DOB', '19850704']), ['NAM:missing-one-of', 'NAM:incomplete-group']],
    ['a case number without its court', query(['PNO', '24FL004512']), ['CTI:incomplete-group']],
    ['a court without a case number (that is the listing, QPL)', query(['CTI', 'CA019015J']), ['NAM:missing-one-of', 'PNO:incomplete-group']],
    ['nothing to look for', query(['SEX', 'M']), ['NAM:missing-one-of']],
    ['a page size of four digits', query(['FCN', '2320250000417'], ['PGS', '1000']), ['PGS:too-long']],
    ['a continuation token with punctuation', query(['FCN', '2320250000417'], ['CTK', 'F-1']), ['CTK:bad-character']],
  ])('refuses %s, naming the field', (_form, message, expected) => {
    expect(problems(message)).toEqual(expected);
  });
});

describe('the court listing (QPL)', () => {
  it('is the dictionary’s only listing message and needs the court', () => {
    expect(messageKeysFor(defaultDictionary, 'list')).toEqual(['QPL']);
    expect(problems({ key: 'QPL', ori: ORI, fields: [{ code: 'CTI', values: ['CA019015J'] }] })).toEqual([]);
    expect(problems({ key: 'QPL', ori: ORI, fields: [{ code: 'PGS', values: ['50'] }] })).toEqual(['CTI:missing-required-field']);
    expect(problems({ key: 'QPL', ori: ORI, fields: [{ code: 'CTI', values: ['CA019015J'] }, { code: 'NAM', values: ['DOE,JOHN'] }] })).toEqual(['NAM:forbidden-field']);
  });
});

describe('answers', () => {
  const hit = (...extra: [string, string][]): Message => ({
    key: 'QHT',
    ori: ORI,
    fields: [
      ...[['MRI', 'Q0000001'], ['HSQ', '1'], ['HCT', '1'], ['FCN', '2320250000417'], ['NIC', 'H104583726'], ['STS', 'A'], ['NAM', 'GARCIA,MIGUEL']].map(([code, value]) => ({ code: code ?? '', values: [value ?? ''] })),
      ...extra.map(([code, value]) => ({ code, values: [value] })),
    ],
  });

  it('a hit carries DOJ’s own facts (entry and update dates, owner, status) and the paging fields', () => {
    expect(problems(hit(['DTE', '20250902'], ['DLU', '20251015'], ['EAG', 'CA0300000'], ['TOT', '61'], ['CTK', 'F2320250000441']))).toEqual([]);
  });

  it('a hit may say the record expired or was cleared, with the clear date', () => {
    const expired = { ...hit(['CLD', '20260101']), fields: hit(['CLD', '20260101']).fields.map((f) => (f.code === 'STS' ? { code: 'STS', values: ['E'] } : f)) };
    expect(problems(expired)).toEqual([]);
    expect(problems({ ...expired, fields: expired.fields.map((f) => (f.code === 'STS' ? { code: 'STS', values: ['Z'] } : f)) })).toEqual(['STS:not-in-code-table']);
  });

  it('a no-hit echoes the criteria, the court included', () => {
    expect(problems({ key: 'QNH', ori: ORI, fields: [{ code: 'MRI', values: ['Q0000002'] }, { code: 'PNO', values: ['24FL1'] }, { code: 'CTI', values: ['CA019015J'] }] })).toEqual([]);
  });

  it('a reject may name a bad continuation token', () => {
    expect(problems({ key: 'REJ', ori: ORI, fields: [{ code: 'MRI', values: ['Q0000003'] }, { code: 'ERC', values: ['TOK'] }, { code: 'ERF', values: ['CTK'] }, { code: 'ERM', values: ['START AGAIN'] }] })).toEqual([]);
  });
});

describe('fuzzing the query family (QPO, QPL, QHT, QNH)', () => {
  const family = fc.constantFrom('QPO', 'QPL', 'QHT', 'QNH').chain((key) => messageArbitrary(defaultDictionary, key, { shuffle: true }));
  const mustEncode = (message: Message, layout: Layout): string => {
    const text = encode(message, defaultDictionary, { layout });
    if (E.isLeft(text)) throw new Error(`a generated message did not encode: ${JSON.stringify(text.left)}`);
    return text.right;
  };

  it('round-trips every generated query, listing, hit and no-hit in both layouts', () => {
    fc.assert(
      fc.property(family, (message) => {
        expect(decode(mustEncode(message, 'keyword'))).toEqual(E.right(message));
        expect(decode(mustEncode(message, 'positional'), defaultDictionary, { layout: 'positional' })).toEqual(E.right(inPositionalOrder(defaultDictionary, message)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('decodes 20,000 damaged texts of the family without throwing; what decodes re-encodes to itself', () => {
    fc.assert(
      fc.property(mutatedTexts(family, mustEncode), fc.constantFrom<Layout>('keyword', 'positional'), (text, layout) => {
        const result = decode(text, defaultDictionary, { layout });
        if (E.isLeft(result)) return wellFormedErrors(result.left, text);
        const again = E.chainW((t: string) => decode(t, defaultDictionary, { layout }))(encode(result.right, defaultDictionary, { layout }));
        return E.isRight(again) && JSON.stringify(again.right) === JSON.stringify(layout === 'positional' ? inPositionalOrder(defaultDictionary, result.right) : result.right);
      }),
      { numRuns: 20_000 },
    );
  });
});
