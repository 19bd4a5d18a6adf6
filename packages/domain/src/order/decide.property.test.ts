import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  anyOrderCommandArb,
  anyOrderDetailsArb,
  commandFromIntent,
  commandIntentArb,
  historyInputArb,
  orderCommandInputArb,
  orderIdArb,
  agencyOriArb,
  instantAfter,
  runHistory,
  type History,
} from '@ccpor/test-kit';
import { DOMAIN_ERROR_CODES, type DomainError } from '../errors/domain-error';
import type { IsoDateTime } from '../value-objects/dates';
import { OrderCommand } from './commands';
import { orderDecider } from './decide';
import { OrderEvent } from './events';
import type { OrderState } from './order-state';

const { decide } = orderDecider;

/** A decision is an error value with a known code and a sentence, or events that pass their own codec. */
const expectWellFormed = (result: E.Either<DomainError, OrderEvent[]>): void => {
  if (E.isLeft(result)) {
    expect(DOMAIN_ERROR_CODES).toContain(result.left.code);
    expect(result.left.message.trim()).not.toBe('');
    return;
  }
  for (const event of result.right) {
    // What is appended must load again: the event store decodes every event it reads.
    const decoded = OrderEvent.decode(JSON.parse(JSON.stringify(event)));
    expect(E.isRight(decoded) ? decoded.right : { invalidEvent: event }).toEqual(event);
  }
};

/** An instant a while after the history's last step. */
const laterAt = (h: History, minutes: number): IsoDateTime => instantAfter(h.decisions[h.decisions.length - 1]?.command.at ?? h.base.issuedAt, minutes);

describe('decide is total', () => {
  it('never throws while a history is built, and answers each step with an error value or valid events', () =>
    fc.assert(
      fc.property(historyInputArb(), (input) => {
        const h = runHistory(input);
        h.decisions.forEach((d) => expectWellFormed(d.result));
      }),
      { numRuns: 200 },
    ));

  it('never throws for a valid-looking or rule-blind command on any reachable state', () =>
    fc.assert(
      fc.property(historyInputArb(), commandIntentArb(), fc.integer({ min: 1, max: 3 * 365 * 24 * 60 }), (input, intent, minutes) => {
        const h = runHistory(input);
        const command = commandFromIntent(intent, { orderId: h.orderId, at: laterAt(h, minutes), state: h.state, base: h.base, enteringAgencyOri: input.enteringAgencyOri });
        expectWellFormed(decide(command, h.state));
      }),
      { numRuns: 200 },
    ));

  it('never throws for commands whose every value is arbitrary, on any reachable state', () =>
    fc.assert(
      fc.property(historyInputArb({ maxSteps: 6 }), anyOrderCommandArb(), (input, command) => {
        const h = runHistory(input);
        expectWellFormed(decide(command, h.state));
        expectWellFormed(decide(command, orderDecider.initialState));
      }),
      { numRuns: 200 },
    ));

  it('never throws for arbitrary JSON that the OrderCommand codec lets through', () =>
    fc.assert(
      fc.property(historyInputArb({ maxSteps: 6 }), orderCommandInputArb, (input, raw) => {
        const h = runHistory(input);
        const decoded = OrderCommand.decode(raw);
        if (E.isRight(decoded)) expectWellFormed(decide(decoded.right, h.state));
      }),
      { numRuns: 300 },
    ));

  it('adds orders whose details ignore every rule either with events that load again or with a rule error', () =>
    fc.assert(
      fc.property(
        anyOrderDetailsArb,
        orderIdArb,
        agencyOriArb,
        fc.integer({ min: 0, max: 60 * 24 * 30 }),
        (details, orderId, ori, minutes) => {
          const at = instantAfter(details.issuedAt, minutes);
          const state: OrderState = orderDecider.initialState;
          expectWellFormed(decide({ type: 'AddOrder', orderId, at, enteringAgencyOri: ori, details }, state));
        },
      ),
      { numRuns: 500 },
    ));

  it('refuses an order whose default end would fall after the last year the registry holds (found by the property above)', () => {
    // EA-130 with no written end lasts 3 years: issued on 1 January 2197 it would end on 1 January 2200,
    // and an OrderAdded holding that instant could not be loaded again.
    const details = {
      form: 'EA-130',
      court: { ori: 'CA001000J', county: '01', name: 'Superior Court of California, County of Alameda' },
      caseNumber: 'AA',
      issuedAt: '2197-01-01T00:00-08:00',
      restrainedPerson: { name: { last: 'A', first: 'A' } },
      protectedPersons: [{ name: { last: 'GARCIA', first: 'GARCIA' }, confidential: false, minor: false }],
    };
    const command = OrderCommand.decode({ type: 'AddOrder', orderId: '00000000-0000-4000-8000-000000000000', at: details.issuedAt, enteringAgencyOri: 'CA0010000', details });
    if (E.isLeft(command)) throw new Error('the example command does not decode');
    const result = decide(command.right, orderDecider.initialState);
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'INVALID_VALUE', field: 'expiration' });
  });
});
