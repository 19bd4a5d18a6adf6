import { addCommand, addedOrder, cmd, COURT_ORI, history, SHERIFF_ORI, spec } from './given';

const serve = (service: Record<string, unknown>, at = '2026-03-05T12:00:00-08:00') =>
  cmd({
    type: 'RecordService',
    at,
    service: { serviceId: 'pos-1', servedAt: '2026-03-04T15:20:00-08:00', method: 'personal', servedBy: { name: 'Deputy K. Osei', badgeNumber: '4471' }, servingAgencyOri: SHERIFF_ORI, ...service },
  } as never);
const cancel = (reason: string, extra: Record<string, unknown> = {}, at = '2026-04-01T09:00:00-07:00') => cmd({ type: 'CancelOrder', at, reason, ...extra } as never);

describe('recording proof of service', () => {
  it('records a deputy’s personal service and notes that another agency served it (CLETS ROS4)', () =>
    spec.given(addedOrder()).when(serve({})).thenEvents((events, state) => {
      expect(events[0]?.type).toBe('ServiceRecorded');
      expect((events[0]?.data as { byEnteringAgency: boolean }).byEnteringAgency).toBe(false);
      expect(state.status === 'issued' && state.services).toHaveLength(1);
    }));

  it('recognises service by the entering agency (ROS5)', () =>
    spec.given(addedOrder()).when(serve({ servingAgencyOri: COURT_ORI })).thenEvents((events) => expect((events[0]?.data as { byEnteringAgency: boolean }).byEnteringAgency).toBe(true)));

  it('keeps several proofs of service on one order', () => {
    const once = history(addCommand(), serve({}));
    spec.given(once).when(serve({ serviceId: 'pos-2', servedAt: '2026-03-05T09:00:00-08:00' })).thenEvents((_, s) => expect(s.status === 'issued' && s.services).toHaveLength(2));
  });

  it('does not record the same proof twice', () => spec.given(history(addCommand(), serve({}))).when(serve({})).thenFails({ code: 'SERVICE_ALREADY_RECORDED' }));

  it('refuses a service before the order was issued', () =>
    spec.given(addedOrder()).when(serve({ servedAt: '2026-03-01T09:00:00-08:00' })).thenFails({ code: 'SERVICE_BEFORE_ISSUE', field: 'service.servedAt' }));

  it('refuses a service time later than now', () =>
    spec.given(addedOrder()).when(serve({ servedAt: '2026-03-06T09:00:00-08:00' })).thenFails({ code: 'SERVICE_IN_FUTURE' }));

  it('allows service by mail only where the order after hearing permits it (Fam. Code 6384)', () => {
    spec.given(addedOrder()).when(serve({ method: 'mail' })).thenFails({ code: 'SERVICE_METHOD_NOT_ALLOWED', rule: expect.stringContaining('Fam. Code 6384(a)') as never });
    spec.given(addedOrder({ serviceByMailPermitted: true })).when(serve({ method: 'mail' })).thenEvents((e) => expect(e).toHaveLength(1));
    spec
      .given(addedOrder({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } }))
      .when(serve({ method: 'mail' }))
      .thenFails({ code: 'SERVICE_METHOD_NOT_ALLOWED' });
  });

  it('records presence in court only on the day the order was made', () => {
    spec.given(addedOrder()).when(serve({ method: 'present-in-court', servedAt: '2026-03-02T10:15:00-08:00' })).thenEvents((e) => expect(e).toHaveLength(1));
    spec.given(addedOrder()).when(serve({ method: 'present-in-court' })).thenFails({ code: 'SERVICE_METHOD_NOT_ALLOWED' });
  });

  it('refuses service of a canceled order', () =>
    spec.given(history(addCommand(), cancel('terminated-by-court', {}, '2026-03-03T09:00:00-08:00'))).when(serve({})).thenFails({ code: 'ORDER_CANCELED' }));

  it('refuses service of an expired order', () =>
    spec
      .given(addedOrder({ form: 'EPO-001', issuedAt: '2026-03-02T10:15:00-08:00' }))
      .when(serve({ servedAt: '2026-03-04T15:20:00-08:00' }, '2026-03-12T09:00:00-07:00'))
      .thenFails({ code: 'ORDER_EXPIRED' }));
});

describe('canceling an order', () => {
  it('cancels an order the court terminated', () =>
    spec.given(addedOrder()).when(cancel('terminated-by-court')).thenEvents((events, state) => {
      expect(events[0]?.type).toBe('OrderCanceled');
      expect(state.status === 'issued' && state.canceled?.reason).toBe('terminated-by-court');
    }));

  it('cancels once', () =>
    spec.given(history(addCommand(), cancel('entered-in-error'))).when(cancel('entered-in-error', {}, '2026-04-02T09:00:00-07:00')).thenFails({ code: 'ORDER_ALREADY_CANCELED' }));

  it('asks why when the reason is "other"', () => spec.given(addedOrder()).when(cancel('other')).thenFails({ code: 'CANCEL_NOTE_REQUIRED', field: 'note' }));

  it('records the order that supersedes it', () =>
    spec
      .given(addedOrder())
      .when(cancel('superseded', { supersededBy: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10' }))
      .thenEvents((_, s) => expect(s.status === 'issued' && s.canceled?.supersededBy).toBe('7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10')));

  it('cannot cancel a draft (discard it instead) or an expired order', () => {
    spec.given(history(cmd({ type: 'CreateDraft', at: '2026-03-02T09:00:00-08:00', enteringAgencyOri: COURT_ORI, details: {} } as never))).when(cancel('entered-in-error')).thenFails({ code: 'ORDER_NOT_ISSUED' });
    spec.given(addedOrder()).when(cancel('terminated-by-court', {}, '2029-03-03T09:00:00-08:00')).thenFails({ code: 'ORDER_EXPIRED' });
  });
});
