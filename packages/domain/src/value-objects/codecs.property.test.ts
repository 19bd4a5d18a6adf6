import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  bradyArb,
  caseNumberArb,
  caseNumberInputArb,
  countyCodeArb,
  countyInputArb,
  dateOfBirthArb,
  eyeCodeArb,
  fcnArb,
  hairCodeArb,
  heightArb,
  isoDateArb,
  isoDateTimeArb,
  nicArb,
  orderDateArb,
  orderIdArb,
  orderIdInputArb,
  oriArb,
  oriInputArb,
  pcoCodeArb,
  personNameArb,
  personNameInputArb,
  raceCodeArb,
  sexCodeArb,
  weightArb,
  weightInputArb,
} from '@ccpor/test-kit';
import { Height, Weight } from './body';
import { CaseNumber } from './case-number';
import { CountyCode } from './county';
import { DateOfBirth } from './date-of-birth';
import { IsoDate, IsoDateTime, OrderDate } from './dates';
import { Fcn, Nic } from './doj-ids';
import { BradyIndicator, EyeCode, HairCode, RaceCode, SexCode } from './ncic-codes';
import { OrderId } from './order-id';
import { Ori } from './ori';
import { PcoCode } from './pco';
import { PersonName } from './person-name';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of codecs of different types
type AnyCodec = t.Type<any, any, unknown>;

/** Every value object's codec with an arbitrary of its normalized values. */
const VALUE_OBJECTS: readonly [string, AnyCodec, fc.Arbitrary<unknown>][] = [
  ['OrderId', OrderId, orderIdArb],
  ['CaseNumber', CaseNumber, caseNumberArb],
  ['Ori', Ori, oriArb],
  ['CountyCode', CountyCode, countyCodeArb],
  ['PersonName', PersonName, personNameArb],
  ['IsoDate', IsoDate, isoDateArb],
  ['IsoDateTime', IsoDateTime, isoDateTimeArb()],
  ['OrderDate', OrderDate, orderDateArb()],
  ['DateOfBirth', DateOfBirth, dateOfBirthArb('1900-01-01', '2199-12-31')],
  ['SexCode', SexCode, sexCodeArb],
  ['RaceCode', RaceCode, raceCodeArb],
  ['EyeCode', EyeCode, eyeCodeArb],
  ['HairCode', HairCode, hairCodeArb],
  ['Height', Height, heightArb],
  ['Weight', Weight, weightArb],
  ['PcoCode', PcoCode, pcoCodeArb],
  ['Fcn', Fcn, fcnArb],
  ['Nic', Nic, nicArb],
  ['BradyIndicator', BradyIndicator, bradyArb],
];

const decodeOr = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A | { readonly rejected: unknown } => {
  const r = codec.decode(u);
  return E.isRight(r) ? r.right : { rejected: u };
};

/** Raw spellings that the codecs must bring to one stored form. */
const RAW_INPUTS: readonly [string, AnyCodec, fc.Arbitrary<{ input: unknown; normalized: unknown }>][] = [
  ['PersonName (accents, hyphens, case, spacing)', PersonName, personNameInputArb],
  ['Ori (case, padding)', Ori, oriInputArb],
  ['Weight (unpadded)', Weight, weightInputArb],
  ['CountyCode (code, short code or name)', CountyCode, countyInputArb],
  ['CaseNumber (case, spacing)', CaseNumber, caseNumberInputArb],
  ['OrderId (upper case, padding)', OrderId, orderIdInputArb],
];

describe('value-object codecs round-trip', () => {
  it.each(VALUE_OBJECTS)('%s: decode(encode(x)) is x, also through JSON, and x passes `is`', (_name, codec, arb) =>
    fc.assert(
      fc.property(arb, (x) => {
        expect(codec.is(x)).toBe(true);
        expect(decodeOr(codec, codec.encode(x))).toEqual(x);
        expect(decodeOr(codec, JSON.parse(JSON.stringify(codec.encode(x))))).toEqual(x);
      }),
      { numRuns: 200 },
    ),
  );

  it.each(RAW_INPUTS)('%s: decodes to the normalized value, and encode(decode(u)) is stable', (_name, codec, arb) =>
    fc.assert(
      fc.property(arb, ({ input, normalized }) => {
        const once = decodeOr(codec, input);
        expect(once).toEqual(normalized);
        expect(decodeOr(codec, codec.encode(once))).toEqual(once);
      }),
      { numRuns: 200 },
    ),
  );

  it.each(VALUE_OBJECTS)('%s: whatever text or JSON it accepts, decoding its encoding again changes nothing', (_name, codec, arb) =>
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.jsonValue({ maxDepth: 2 }),
          // Near misses of valid values: padded, re-cased, cut short.
          fc.tuple(arb, fc.constantFrom('pad', 'lower', 'upper', 'cut')).map(([x, how]) => {
            const s = typeof x === 'string' ? x : JSON.stringify(x);
            return how === 'pad' ? ` ${s}\t` : how === 'lower' ? s.toLowerCase() : how === 'upper' ? s.toUpperCase() : s.slice(0, -1);
          }),
        ),
        (u) => {
          const once = codec.decode(u);
          if (E.isLeft(once)) return;
          expect(codec.is(once.right)).toBe(true);
          expect(decodeOr(codec, codec.encode(once.right))).toEqual(once.right);
        },
      ),
      { numRuns: 200 },
    ),
  );
});
