import { addCommand, cmd, history, spec } from './given';

const expiresAtOf = (events: readonly { data: unknown }[]) => (events[0]?.data as { expiresAt: string | null }).expiresAt;
const renew = (requestFiledOn: string, date: string, at: string) => cmd({ type: 'RenewOrder', at, requestFiledOn, expiration: { kind: 'date', date } } as never);

describe('durations and renewals the tables now hold (docs/law/durations.md)', () => {
  describe('CCP 527.85 — a postsecondary school violence order is renewed like a workplace violence order', () => {
    const sv = history(addCommand({ form: 'SV-130', expiration: { kind: 'date', date: '2028-03-01' } }));

    it('a renewal requested inside the 3 months before expiry is accepted, for up to 3 more years', () =>
      spec.given(sv).when(renew('2028-01-15', '2031-03-01', '2028-02-01T10:00:00-08:00')).thenEvents((events) => expect(expiresAtOf(events)).toBe('2031-03-01T23:59:59-08:00')));

    it('a renewal requested before the window opens is refused, naming the window', () =>
      spec
        .given(sv)
        .when(renew('2027-11-15', '2031-03-01', '2027-11-20T10:00:00-08:00'))
        .thenFails({ code: 'RENEWAL_OUTSIDE_WINDOW', field: 'requestFiledOn', details: { opens: '2027-12-01', closes: '2028-03-01' } }));

    it('a renewal longer than 3 more years is refused', () =>
      spec.given(sv).when(renew('2028-01-15', '2031-03-02', '2028-02-01T10:00:00-08:00')).thenFails({ code: 'RENEWAL_TOO_LONG' }));
  });

  describe('Pen. Code 136.2(i)(1) — criminal protective orders', () => {
    it('[U] form CR-160: with no date written, the order expires three years from the date of issuance', () =>
      spec
        .given([])
        .when(addCommand({ form: 'CR-160' }))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2029-03-02T23:59:59-08:00')));

    it('a CR-160 or CR-161 may run up to 10 years, no longer', () => {
      spec.given([]).when(addCommand({ form: 'CR-160', expiration: { kind: 'date', date: '2036-03-02' } })).thenEvents((events) => expect(expiresAtOf(events)).toBe('2036-03-02T23:59:59-08:00'));
      spec.given([]).when(addCommand({ form: 'CR-161', expiration: { kind: 'date', date: '2036-03-03' } })).thenFails({ code: 'EXPIRATION_EXCEEDS_MAXIMUM', details: { latest: '2036-03-02T23:59:59-08:00' } });
    });
  });

  describe('Welf. & Inst. Code 213.5 — juvenile orders', () => {
    it('[U] JV-265 (against a child): with no date, three years after the hearing', () =>
      spec
        .given([])
        .when(addCommand({ form: 'JV-265', hearing: { at: '2026-02-27T09:00:00-08:00' } }))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2029-02-27T23:59:59-08:00')));

    it('JV-260 (temporary, against a child) lasts until its hearing', () =>
      spec
        .given([])
        .when(addCommand({ form: 'JV-260', hearing: { at: '2026-03-16T09:00:00-07:00' } }))
        .thenEvents((events) => expect(expiresAtOf(events)).toBe('2026-03-16T23:59:59-07:00')));

    it('[U] a juvenile order is extended on a party’s motion at any time while in force (no 3-month window), for up to 3 more years', () => {
      const jv = history(addCommand({ form: 'JV-255', hearing: { at: '2026-03-02T09:00:00-08:00' } }));
      spec.given(jv).when(renew('2027-01-10', '2031-03-02', '2027-01-12T10:00:00-08:00')).thenEvents((events) => expect(expiresAtOf(events)).toBe('2031-03-02T23:59:59-08:00'));
      spec.given(jv).when(renew('2027-01-10', '2032-03-03', '2027-01-12T10:00:00-08:00')).thenFails({ code: 'RENEWAL_TOO_LONG' });
    });
  });

  it('[U] CCP 527.8 — a WV-130 with no written date is refused rather than guessed: what the form says is not confirmed', () =>
    spec.given([]).when(addCommand({ form: 'WV-130' })).thenFails({ code: 'EXPIRATION_REQUIRED', field: 'expiration' }));
});
