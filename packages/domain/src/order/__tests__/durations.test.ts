import { computeOrderView } from '../order-status';
import { addCommand, spec } from './given';

const expiresAtOf = (events: readonly { data: unknown }[]) => (events[0]?.data as { expiresAt: string }).expiresAt;

describe('how long each order lasts (docs/law/durations.md)', () => {
  describe('emergency protective order (EPO-001): earlier of the 5th court day and the 7th calendar day', () => {
    it('an EPO issued the afternoon before Thanksgiving ends on the 7th calendar day, because the holiday weekend pushes the 5th court day later', () =>
      // Wed 25 Nov 2026, 16:40. Court days after: Mon 30 Nov, Tue 1, Wed 2, Thu 3, Fri 4 Dec → 4 Dec 17:00.
      // 7th calendar day: Wed 2 Dec, end of day → the earlier one wins.
      spec
        .given([])
        .when(addCommand({ form: 'EPO-001', issuedAt: '2026-11-25T16:40:00-08:00' }, '2026-11-25T17:00:00-08:00'))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-12-02T23:59:59-08:00')));

    it('an EPO issued on an ordinary Monday ends at close of business on the 5th court day', () =>
      // Mon 9 Mar 2026: court days Tue 10 … Mon 16 → 16 Mar 17:00, earlier than end of 16 Mar.
      spec
        .given([])
        .when(addCommand({ form: 'EPO-001', issuedAt: '2026-03-09T14:00:00-07:00' }, '2026-03-09T15:00:00-07:00'))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-03-16T17:00:00-07:00')));

    it('an EPO issued on Friday before the Fourth of July weekend (observed Friday 3 July 2026)', () =>
      // Thu 2 Jul 2026 → court days Mon 6, Tue 7, Wed 8, Thu 9, Fri 10 (10 Jul 17:00); 7th day: Thu 9 Jul end → 9 Jul.
      spec
        .given([])
        .when(addCommand({ form: 'EPO-001', issuedAt: '2026-07-02T22:15:00-07:00' }, '2026-07-02T22:30:00-07:00'))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-07-09T23:59:59-07:00')));

    it('accepts the expiry the officer wrote when it is inside the limit', () =>
      spec
        .given([])
        .when(addCommand({ form: 'EPO-001', issuedAt: '2026-03-09T14:00:00-07:00', expiration: { kind: 'date', date: '2026-03-13', time: '17:00' } }, '2026-03-09T15:00:00-07:00'))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-03-13T17:00:00-07:00')));

    it('Fam. Code 6253(b), 6256 — the expiry written on an EPO is its end; a written expiry later than the law allows is kept and warned about', () =>
      spec
        .given([])
        .when(addCommand({ form: 'EPO-001', issuedAt: '2026-03-09T14:00:00-07:00', expiration: { kind: 'date', date: '2026-03-20' } }, '2026-03-09T15:00:00-07:00'))
        .thenEvents((events, state) => {
          expect(expiresAtOf(events)).toBe('2026-03-20T23:59:59-07:00');
          expect((events[0]?.data as { expiryLimit?: string }).expiryLimit).toBe('2026-03-16T17:00:00-07:00');
          expect(computeOrderView(state, '2026-03-09T16:00:00-07:00').warnings).toEqual([
            expect.objectContaining({ code: 'EXPIRY_LATER_THAN_LAW_ALLOWS', details: { written: '2026-03-20T23:59:59-07:00', lawAllows: '2026-03-16T17:00:00-07:00' } }),
          ]);
        }));
  });

  it('a gun-violence EPO (EPO-002) lasts 21 days', () =>
    spec
      .given([])
      .when(addCommand({ form: 'EPO-002', issuedAt: '2026-01-05T09:00:00-08:00' }, '2026-01-05T10:00:00-08:00'))
      .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-01-26T23:59:59-08:00')));

  describe('temporary orders last until the hearing', () => {
    it('a DV-110 ends with its hearing day', () =>
      spec
        .given([])
        .when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } }))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-03-20T23:59:59-07:00')));

    it('needs its hearing date', () => spec.given([]).when(addCommand({ form: 'CH-110' })).thenFails({ code: 'HEARING_REQUIRED', field: 'hearing' }));

    it('refuses a hearing more than 21 days out, mentioning good cause', () =>
      spec
        .given([])
        .when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-25T08:30:00-07:00' } }))
        .thenFails({ code: 'HEARING_TOO_LATE', field: 'hearing.at', details: { latestHearingDate: '2026-03-23' } }));

    it('allows up to 25 days when the court found good cause', () =>
      spec.given([]).when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-25T08:30:00-07:00', goodCause: true } })).thenEvents((e) => expect(e).toHaveLength(1)));

    it('a gun-violence TRO (GV-110) allows no good-cause extension past 21 days', () =>
      spec.given([]).when(addCommand({ form: 'GV-110', hearing: { at: '2026-03-25T08:30:00-07:00', goodCause: true } })).thenFails({ code: 'HEARING_TOO_LATE' }));

    it('takes the hearing, not an expiration, for a temporary order', () =>
      spec
        .given([])
        .when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' }, expiration: { kind: 'date', date: '2026-03-20' } }))
        .thenFails({ code: 'EXPIRATION_NOT_APPLICABLE' }));

    it('refuses a hearing before the order was issued', () =>
      spec.given([]).when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-01T08:30:00-08:00' } })).thenFails({ code: 'HEARING_BEFORE_ISSUE' }));
  });

  describe('orders after hearing', () => {
    it('a civil harassment order may last up to 5 years', () =>
      spec.given([]).when(addCommand({ form: 'CH-130', expiration: { kind: 'date', date: '2031-03-02' } })).thenEvents((e) => expect(expiresAtOf(e)).toBe('2031-03-02T23:59:59-08:00')));

    it('but not a day more', () =>
      spec.given([]).when(addCommand({ form: 'CH-130', expiration: { kind: 'date', date: '2031-03-03' } })).thenFails({ code: 'EXPIRATION_EXCEEDS_MAXIMUM' }));

    it('a workplace-violence order has no default, so its date must be entered', () =>
      spec.given([]).when(addCommand({ form: 'WV-130' })).thenFails({ code: 'EXPIRATION_REQUIRED', field: 'expiration' }));

    it('a gun-violence order after hearing lasts at least a year', () =>
      spec.given([]).when(addCommand({ form: 'GV-130', expiration: { kind: 'date', date: '2026-12-01' } })).thenFails({ code: 'EXPIRATION_BELOW_MINIMUM' }));

    it('a juvenile order without a date ends 3 years after the hearing, at midnight', () =>
      spec
        .given([])
        .when(addCommand({ form: 'JV-255', hearing: { at: '2026-03-02T09:00:00-08:00' } }))
        .thenEvents((e) => expect(expiresAtOf(e)).toBe('2029-03-02T23:59:59-08:00')));

    it('a criminal protective order (DV) may last up to 10 years', () =>
      spec.given([]).when(addCommand({ form: 'CR-160', expiration: { kind: 'date', date: '2036-03-03' } })).thenFails({ code: 'EXPIRATION_EXCEEDS_MAXIMUM' }));

    it('no order is entered as non-expiring; only a renewal can make it permanent', () =>
      spec.given([]).when(addCommand({ expiration: { kind: 'non-expiring' } })).thenFails({ code: 'NON_EXPIRING_NOT_ALLOWED' }));

    it('an expiration before the issue time is refused', () =>
      spec.given([]).when(addCommand({ expiration: { kind: 'date', date: '2026-03-01' } })).thenFails({ code: 'EXPIRATION_BEFORE_ISSUE' }));
  });
});
