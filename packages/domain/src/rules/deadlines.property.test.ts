import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { californiaInstantArb, historyArb, orderDateArb } from '@ccpor/test-kit';
import { createCourtCalendar } from '../calendar';
import type { OrderEvent } from '../order/events';
import { DEADLINE_RULE_IDS, deadlineDue } from './deadline-rules';
import { resolveExpiry } from './expiration';

/** The instants an event carries: the one that starts each of its deadlines must be among them. */
const instantsOf = (e: OrderEvent): string[] => {
  const d = e.data as Record<string, unknown>;
  const details = d.details as { issuedAt?: string; registration?: { registeredAt: string } } | undefined;
  const service = d.service as { servedAt?: string } | undefined;
  return [d.modifiedAt, d.orderedAt, d.renewedAt, d.canceledAt, d.recordedAt, service?.servedAt, details?.issuedAt, details?.registration?.registeredAt].filter(
    (x): x is string => typeof x === 'string',
  );
};

const closuresArb = fc.uniqueArray(orderDateArb('2026-01-01', '2028-12-31'), { maxLength: 12 }).map((dates) => dates.map((date) => ({ date, reason: 'closed' })));

describe('deadline properties (docs/law/doj-deadlines.md, docs/law/calendar.md)', () => {
  it('every deadline is on or after the event that starts it', () => {
    let seen = 0;
    fc.assert(
      fc.property(historyArb({ weights: { serve: 20, modify: 14, renew: 10, cancel: 6, 'doj-ack': 6, 'firearm-receipt': 4 } }), (h) => {
        for (const e of h.events) {
          const deadlines = (e.data as { deadlines?: { startedAt: string; dueAt: string }[] }).deadlines ?? [];
          for (const d of deadlines) {
            seen += 1;
            expect(Date.parse(d.dueAt)).toBeGreaterThanOrEqual(Date.parse(d.startedAt));
            expect(instantsOf(e)).toContain(d.startedAt);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(seen).toBeGreaterThan(200);
  });

  it('a closure never shortens a deadline, and more closures never shorten it more', () =>
    fc.assert(
      fc.property(fc.constantFrom(...DEADLINE_RULE_IDS), californiaInstantArb(2026, 2028), closuresArb, closuresArb, (ruleId, start, some, more) => {
        const none = deadlineDue(ruleId, start, createCourtCalendar());
        const withSome = deadlineDue(ruleId, start, createCourtCalendar({ localClosures: some }));
        const withMore = deadlineDue(ruleId, start, createCourtCalendar({ localClosures: [...some, ...more] }));
        expect(Date.parse(withSome)).toBeGreaterThanOrEqual(Date.parse(none));
        expect(Date.parse(withMore)).toBeGreaterThanOrEqual(Date.parse(withSome));
        expect(Date.parse(none)).toBeGreaterThanOrEqual(Date.parse(start));
      }),
      { numRuns: 1000 },
    ));

  it('a closure never shortens an emergency protective order’s computed end (Fam. Code 6256)', () =>
    fc.assert(
      fc.property(californiaInstantArb(2026, 2028), closuresArb, (issuedAt, closures) => {
        const end = (calendar = createCourtCalendar()) => resolveExpiry({ form: 'EPO-001', issuedAt }, calendar);
        const [a, b] = [end(), end(createCourtCalendar({ localClosures: closures }))];
        if (E.isLeft(a) || E.isLeft(b) || a.right.expiresAt === null || b.right.expiresAt === null) throw new Error('an EPO without a written expiry always has one');
        expect(Date.parse(b.right.expiresAt)).toBeGreaterThanOrEqual(Date.parse(a.right.expiresAt));
      }),
      { numRuns: 500 },
    ));
});
