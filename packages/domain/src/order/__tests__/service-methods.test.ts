import { LA_SHERIFF_ORI } from '@ccpor/test-kit';
import { fold } from '../evolve';
import { computeOrderView, UNSERVED_NOTICE } from '../order-status';
import { addCommand, addedOrder, cmd, history, spec } from './given';

const serve = (service: Record<string, unknown>, at = '2026-03-05T12:00:00-08:00') =>
  cmd({
    type: 'RecordService',
    at,
    service: { serviceId: 'pos-1', servedAt: '2026-03-04T15:20:00-08:00', method: 'personal', servedBy: { name: 'K. Lund, process server' }, servingAgencyOri: LA_SHERIFF_ORI, ...service },
  } as never);
const notAllowed = { code: 'SERVICE_METHOD_NOT_ALLOWED' } as const;

describe('service as the law allows it (docs/law/service.md)', () => {
  describe('Fam. Code 6384(a) — by mail', () => {
    it('allowed for an order after hearing whose face says so', () =>
      spec.given(addedOrder({ serviceByMailPermitted: true })).when(serve({ method: 'mail' })).thenEvents((e) => expect(e.map((x) => x.type)).toEqual(['ServiceRecorded'])));

    it('refused when the face does not say so, naming the rule', () =>
      spec.given(addedOrder()).when(serve({ method: 'mail' })).thenFails({ ...notAllowed, field: 'service.method', rule: expect.stringContaining('Fam. Code 6384(a)') as never }));

    it('never for a criminal protective order: the permission itself is refused on a CR-160', () => {
      spec
        .given([])
        .when(addCommand({ form: 'CR-160', expiration: { kind: 'date', date: '2029-03-02' }, serviceByMailPermitted: true }))
        .thenFails({ code: 'SERVICE_BY_MAIL_NOT_ALLOWED', field: 'serviceByMailPermitted' });
      spec.given(addedOrder({ form: 'CR-160', expiration: { kind: 'date', date: '2029-03-02' } })).when(serve({ method: 'mail' })).thenFails(notAllowed);
    });

    it('never for a temporary order', () =>
      spec.given([]).when(addCommand({ form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' }, serviceByMailPermitted: true })).thenFails({ code: 'SERVICE_BY_MAIL_NOT_ALLOWED' }));

    it('not once the restrained person is recorded as present at the hearing', () =>
      spec
        .given(history(addCommand({ serviceByMailPermitted: true }), serve({ serviceId: 'in-court', method: 'present-in-court', servedAt: '2026-03-02T10:15:00-08:00' })))
        .when(serve({ method: 'mail' }))
        .thenFails(notAllowed));
  });

  describe('Fam. Code 6384(a) — in court', () => {
    it('present at the hearing, although the order was signed three days later: served at the hearing', () =>
      spec
        .given(history(addCommand({ issuedAt: '2026-03-05T16:00:00-08:00', hearing: { at: '2026-03-02T09:00:00-08:00' } }, '2026-03-05T16:30:00-08:00')))
        .when(serve({ method: 'present-in-court', servedAt: '2026-03-02T09:30:00-08:00' }, '2026-03-05T17:00:00-08:00'))
        .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ServiceRecorded'])));

    it('refused on a day that is neither the hearing nor the issue date', () =>
      spec.given(addedOrder()).when(serve({ method: 'present-in-court' })).thenFails({ ...notAllowed, field: 'service.servedAt' }));

    it('refused for an emergency protective order, which is made in the field', () =>
      spec
        .given(addedOrder({ form: 'EPO-001', issuedAt: '2026-03-02T10:15:00-08:00' }))
        .when(serve({ method: 'present-in-court', servedAt: '2026-03-02T10:20:00-08:00' }, '2026-03-02T11:00:00-08:00'))
        .thenFails(notAllowed));
  });

  it('Fam. Code 6383(e) — an officer’s verbal notice of the terms is service', () =>
    spec.given(addedOrder()).when(serve({ method: 'officer-verbal-notice', servedBy: { name: 'Officer J. Ramirez', badgeNumber: '5521' } })).thenEvents((_, state) =>
      expect(computeOrderView(state, '2026-03-05T12:00:00-08:00')).toMatchObject({ status: 'served' }),
    ));

  describe('CCP 527.6(m)(2) — another method the court ordered', () => {
    it('allowed where the order records the court’s order, on or after its date', () =>
      spec
        .given(addedOrder({ form: 'CH-130', alternativeService: { orderedOn: '2026-03-03', method: 'By email to the address on file' } }))
        .when(serve({ method: 'court-ordered-alternative' }))
        .thenEvents((e) => expect(e).toHaveLength(1)));

    it('refused without the court’s order, or before it', () => {
      spec.given(addedOrder({ form: 'CH-130' })).when(serve({ method: 'court-ordered-alternative' })).thenFails(notAllowed);
      spec
        .given(addedOrder({ form: 'CH-130', alternativeService: { orderedOn: '2026-03-05', method: 'By email' } }))
        .when(serve({ method: 'court-ordered-alternative' }))
        .thenFails({ ...notAllowed, field: 'service.servedAt' });
    });

    it('refused for a criminal protective order', () =>
      spec
        .given(addedOrder({ form: 'CR-161', expiration: { kind: 'date', date: '2029-03-02' }, alternativeService: { orderedOn: '2026-03-03', method: 'By email' } }))
        .when(serve({ method: 'court-ordered-alternative' }))
        .thenFails(notAllowed));
  });

  describe('Fam. Code 6383(e), 6224 — an order in force that was never served', () => {
    it('tells the officer: not served — tell the restrained person the terms, then enforce', () =>
      expect(computeOrderView(fold(addedOrder()), '2026-03-03T09:00:00-08:00').unservedNotice).toEqual(UNSERVED_NOTICE));

    it('says nothing once the order is served, canceled or expired', () => {
      expect(computeOrderView(fold(history(addCommand(), serve({}))), '2026-03-06T09:00:00-08:00').unservedNotice).toBeUndefined();
      expect(computeOrderView(fold(addedOrder()), '2029-03-03T09:00:00-08:00').unservedNotice).toBeUndefined();
    });
  });
});
