import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { FORM_NUMBERS, ORDER_EVENT_TYPES, OrderCommand, fold, orderDecider, type OrderEventType } from '@ccpor/domain';
import { historyArb } from './histories';
import { validOrderDetailsArb } from './order-details';
import { dstTransitionDates } from './value-objects';

/** UTC offset of Los Angeles at noon UTC on a date, by the host's time-zone database. */
const laOffsetAtNoon = (date: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('the arbitraries themselves', () => {
  it.each(FORM_NUMBERS)('valid %s details are accepted by AddOrder decided at their issue time', (form) =>
    fc.assert(
      fc.property(validOrderDetailsArb({ form }), (details) => {
        const result = orderDecider.decide(
          { type: 'AddOrder', orderId: '3f1c7a52-8d4e-4b6a-9c1d-2e5f7a9b0c11', at: details.issuedAt, enteringAgencyOri: 'CA0194200', details } as OrderCommand,
          orderDecider.initialState,
        );
        expect(E.isLeft(result) ? result.left : 'accepted').toBe('accepted');
      }),
      { numRuns: 40 },
    ),
  );

  it('puts the DST change days of both federal eras where the time-zone database has them (1995–2035)', () => {
    for (let year = 1995; year <= 2035; year += 1) {
      for (const change of dstTransitionDates(year)) {
        // Noon UTC is 04:00 or 05:00 in California: after the 02:00 switch on the change day.
        expect(laOffsetAtNoon(dayBefore(change))).not.toBe(laOffsetAtNoon(change));
        expect(laOffsetAtNoon(change)).toBe(laOffsetAtNoon(dayAfter(change)));
      }
    }
  });

  it('builds histories at strictly increasing times whose events are exactly those of the accepted commands', () =>
    fc.assert(
      fc.property(historyArb(), (h) => {
        const times = h.decisions.map((d) => Date.parse(d.command.at));
        times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i] ?? Number.NaN));
        const accepted = h.decisions.filter((d) => E.isRight(d.result));
        expect(h.commands).toEqual(accepted.map((d) => d.command));
        expect(h.events).toEqual(accepted.flatMap((d) => (E.isRight(d.result) ? d.result.right : [])));
        expect(h.state).toEqual(fold(h.events));
        h.decisions.forEach((d) => expect(E.isRight(OrderCommand.decode(d.command))).toBe(true));
      }),
      { numRuns: 150 },
    ));

  it('reaches every event type and every order status across six hundred histories', () => {
    const histories = fc.sample(historyArb(), { numRuns: 600, seed: 20260302 });
    const seen = new Set<OrderEventType>(histories.flatMap((h) => h.events.map((e) => e.type)));
    expect(ORDER_EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
    expect(new Set(histories.map((h) => h.state.status))).toEqual(new Set(['draft', 'discarded', 'issued']));
  });
});
