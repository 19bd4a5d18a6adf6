import { addCommand, addedOrder, cmd, history, spec } from './given';

const modify = (changes: Record<string, unknown>, at = '2026-04-01T10:00:00-07:00') => cmd({ type: 'ModifyOrder', at, changes } as never);
const renew = (requestFiledOn: string, expiration: Record<string, unknown>, at = '2029-02-20T10:00:00-08:00') =>
  cmd({ type: 'RenewOrder', at, requestFiledOn, expiration } as never);

describe('modifying an order', () => {
  it('records the changed terms and keeps the end date', () =>
    spec.given(addedOrder()).when(modify({ terms: 'Stay 200 yards away.', provisions: [{ kind: 'no-contact' }] })).thenEvents((events, state) => {
      expect(events[0]?.type).toBe('OrderModified');
      expect(state.status === 'issued' && state.details.terms).toBe('Stay 200 yards away.');
      expect(state.status === 'issued' && state.expiresAt).toBe('2029-03-02T23:59:59-08:00');
    }));

  it('lets the sheriff complete descriptors DOJ needs', () =>
    spec
      .given(addedOrder({ restrainedPerson: { name: { last: 'Rivera', first: 'Daniel' } } }))
      .when(modify({ restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL' }, sex: 'M', race: 'H', dateOfBirth: '1988-07-14', height: '510', weight: '185', hair: 'BLK' } }))
      .thenEvents((_, state) => expect(state.status === 'issued' && state.details.restrainedPerson.height).toBe('510')));

  it('recomputes the end when the written expiration changes, within the maximum', () =>
    spec
      .given(addedOrder())
      .when(modify({ expiration: { kind: 'date', date: '2031-03-02' } }))
      .thenEvents((_, state) => expect(state.status === 'issued' && state.expiresAt).toBe('2031-03-02T23:59:59-08:00')));

  it('refuses an expiration past the maximum for the order type', () =>
    spec.given(addedOrder()).when(modify({ expiration: { kind: 'date', date: '2032-01-01' } })).thenFails({ code: 'EXPIRATION_EXCEEDS_MAXIMUM' }));

  it('records a continued hearing for a temporary order even past 25 days (AB 1081)', () =>
    spec
      .given(addedOrder({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } }))
      .when(modify({ hearing: { at: '2026-04-17T08:30:00-07:00' } }, '2026-03-19T10:00:00-07:00'))
      .thenEvents((_, state) => expect(state.status === 'issued' && state.expiresAt).toBe('2026-04-17T23:59:59-07:00')));

  it('rejects a modification that changes nothing', () =>
    spec.given(addedOrder()).when(modify({ sealed: false })).thenFails({ code: 'NO_CHANGES' }));

  it('refuses to modify a canceled order', () => {
    const canceled = history(addCommand(), cmd({ type: 'CancelOrder', at: '2026-03-05T09:00:00-08:00', reason: 'terminated-by-court' } as never));
    spec.given(canceled).when(modify({ terms: 'x' })).thenFails({ code: 'ORDER_CANCELED' });
  });

  it('refuses to modify an expired order: it can only be renewed', () =>
    spec.given(addedOrder()).when(modify({ terms: 'x' }, '2029-03-03T10:00:00-08:00')).thenFails({ code: 'ORDER_EXPIRED' }));

  it('refuses to modify a draft or a missing order', () => {
    spec.given([]).when(modify({ terms: 'x' })).thenFails({ code: 'ORDER_NOT_FOUND' });
    spec
      .given(history(cmd({ type: 'CreateDraft', at: '2026-03-02T09:00:00-08:00', enteringAgencyOri: 'CA019015J', details: {} } as never)))
      .when(modify({ terms: 'x' }))
      .thenFails({ code: 'ORDER_NOT_ISSUED' });
  });
});

describe('renewing an order after hearing', () => {
  it('renews a DV order permanently without new abuse, when asked in the 3 months before expiry (Fam. Code 6345)', () =>
    spec.given(addedOrder()).when(renew('2029-01-15', { kind: 'non-expiring' })).thenEvents((events, state) => {
      expect(events[0]?.type).toBe('OrderRenewed');
      expect(state.status === 'issued' && state.expiresAt).toBeNull();
    }));

  it('renews a DV order for five more years', () =>
    spec
      .given(addedOrder())
      .when(renew('2029-01-15', { kind: 'date', date: '2034-03-02' }))
      .thenEvents((_, state) => expect(state.status === 'issued' && state.expiresAt).toBe('2034-03-02T23:59:59-08:00')));

  it('a DV renewal is for at least five years', () =>
    spec.given(addedOrder()).when(renew('2029-01-15', { kind: 'date', date: '2031-03-02' })).thenFails({ code: 'RENEWAL_TOO_SHORT' }));

  it('refuses a request filed before the window opens, naming the window', () =>
    spec
      .given(addedOrder())
      .when(renew('2028-11-30', { kind: 'non-expiring' }))
      .thenFails({ code: 'RENEWAL_OUTSIDE_WINDOW', field: 'requestFiledOn', details: { opens: '2028-12-02', closes: '2029-03-02' } }));

  it('renews an expired order when the request was filed in time', () =>
    spec.given(addedOrder()).when(renew('2029-02-27', { kind: 'non-expiring' }, '2029-03-10T10:00:00-08:00')).thenEvents((e) => expect(e).toHaveLength(1)));

  it('refuses a request filed after expiry', () =>
    spec.given(addedOrder()).when(renew('2029-03-05', { kind: 'non-expiring' }, '2029-03-10T10:00:00-08:00')).thenFails({ code: 'RENEWAL_OUTSIDE_WINDOW' }));

  it('a civil harassment order renews for at most 5 more years and never permanently', () => {
    const ch = addedOrder({ form: 'CH-130' });
    spec.given(ch).when(renew('2029-01-15', { kind: 'date', date: '2034-03-03' })).thenFails({ code: 'RENEWAL_TOO_LONG' });
    spec.given(ch).when(renew('2029-01-15', { kind: 'non-expiring' })).thenFails({ code: 'NON_EXPIRING_NOT_ALLOWED' });
  });

  it('temporary and emergency orders are not renewed', () =>
    spec
      .given(addedOrder({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } }))
      .when(renew('2026-03-10', { kind: 'date', date: '2026-04-20' }, '2026-03-10T10:00:00-07:00'))
      .thenFails({ code: 'RENEWAL_NOT_ALLOWED' }));

  it('a permanent order needs no renewal', () => {
    const permanent = history(addCommand(), renew('2029-01-15', { kind: 'non-expiring' }));
    spec.given(permanent).when(renew('2029-02-15', { kind: 'non-expiring' }, '2029-02-20T10:00:00-08:00')).thenFails({ code: 'RENEWAL_NOT_ALLOWED' });
  });

  it('after a renewal the end changes only by another renewal', () => {
    const renewed = history(addCommand(), renew('2029-01-15', { kind: 'date', date: '2034-03-02' }));
    spec.given(renewed).when(modify({ expiration: { kind: 'date', date: '2035-01-01' } }, '2029-03-01T10:00:00-08:00')).thenFails({ code: 'EXPIRATION_NOT_APPLICABLE' });
  });

  it('a request cannot be filed in the future', () =>
    spec.given(addedOrder()).when(renew('2029-02-25', { kind: 'non-expiring' }, '2029-02-20T10:00:00-08:00')).thenFails({ code: 'INVALID_VALUE', field: 'requestFiledOn' }));
});
