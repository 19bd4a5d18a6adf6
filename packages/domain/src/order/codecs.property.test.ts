import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  PROVISION_ARBS,
  anyDraftDetailsArb,
  anyOrderChangesArb,
  anyOrderCommandArb,
  anyOrderDetailsArb,
  courtArb,
  expirationInputArb,
  hearingArb,
  historyArb,
  imageRefArb,
  orderCommandInputArb,
  petitionerArb,
  protectedPersonArb,
  restrainedPersonArb,
  serviceRecordArb,
  validOrderDetailsArb,
} from '@ccpor/test-kit';
import { OrderCommand } from './commands';
import { OrderEvent } from './events';
import { Court, DraftDetails, ExpirationInput, Hearing, ImageRef, OrderChanges, OrderDetails } from './order-details';
import { Petitioner, ProtectedPerson, RestrainedPerson } from './parties';
import { Provision } from './provisions';
import { ServiceRecord } from './proof-of-service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of codecs of different types
type AnyCodec = t.Type<any, any, unknown>;

const decodeOr = (codec: AnyCodec, u: unknown): unknown => {
  const r = codec.decode(u);
  return E.isRight(r) ? r.right : { rejected: u };
};

const ORDER_CODECS: readonly [string, AnyCodec, fc.Arbitrary<unknown>][] = [
  ['Court', Court, courtArb],
  ['RestrainedPerson', RestrainedPerson, restrainedPersonArb()],
  ['ProtectedPerson', ProtectedPerson, protectedPersonArb()],
  ['Petitioner', Petitioner, petitionerArb],
  ...Object.entries(PROVISION_ARBS).map(([kind, arb]): [string, AnyCodec, fc.Arbitrary<unknown>] => [`Provision (${kind})`, Provision, arb]),
  ['ImageRef', ImageRef, imageRefArb()],
  ['ServiceRecord', ServiceRecord, serviceRecordArb()],
  ['ExpirationInput', ExpirationInput, expirationInputArb],
  ['Hearing', Hearing, hearingArb()],
  ['OrderDetails (valid for its form)', OrderDetails, validOrderDetailsArb({ completeForDoj: true })],
  ['OrderDetails (rule-blind)', OrderDetails, anyOrderDetailsArb],
  ['DraftDetails', DraftDetails, anyDraftDetailsArb],
  ['OrderChanges', OrderChanges, anyOrderChangesArb],
  ['OrderCommand (rule-blind)', OrderCommand, anyOrderCommandArb()],
];

describe('order codecs round-trip', () => {
  it.each(ORDER_CODECS)('%s: decode(encode(x)) is x, also through JSON', (_name, codec, arb) =>
    fc.assert(
      fc.property(arb, (x) => {
        expect(codec.is(x)).toBe(true);
        expect(decodeOr(codec, codec.encode(x))).toEqual(x);
        expect(decodeOr(codec, JSON.parse(JSON.stringify(codec.encode(x))))).toEqual(x);
      }),
      { numRuns: 100 },
    ),
  );

  it('every command of a history and every event decide produced round-trip through JSON (what the store and HTTP carry)', () =>
    fc.assert(
      fc.property(historyArb(), (h) => {
        for (const c of h.decisions.map((d) => d.command)) expect(decodeOr(OrderCommand, JSON.parse(JSON.stringify(OrderCommand.encode(c))))).toEqual(c);
        for (const e of h.events) expect(decodeOr(OrderEvent, JSON.parse(JSON.stringify(OrderEvent.encode(e))))).toEqual(e);
      }),
      { numRuns: 100 },
    ));

  it('whatever JSON the command codec accepts, decoding its encoding again gives the same command', () =>
    fc.assert(
      fc.property(orderCommandInputArb, (u) => {
        const once = OrderCommand.decode(u);
        if (E.isLeft(once)) return;
        expect(decodeOr(OrderCommand, OrderCommand.encode(once.right))).toEqual(once.right);
      }),
      { numRuns: 500 },
    ));
});
