import { LA_SHERIFF_ORI } from '@ccpor/test-kit';
import { fold } from '../evolve';
import { computeOrderView } from '../order-status';
import type { OrderState } from '../order-state';
import { addCommand, addedOrder, cmd, history, spec } from './given';

const serve = (service: Record<string, unknown>, at = '2026-03-04T11:00:00-08:00') =>
  cmd({
    type: 'RecordService',
    at,
    service: { serviceId: 'pos-1', servedAt: '2026-03-04T10:00:00-08:00', method: 'by-officer', servedBy: { name: 'Deputy K. Osei' }, servingAgencyOri: LA_SHERIFF_ORI, ...service },
  } as never);
const receipt = (overrides: Record<string, unknown> = {}, at = '2026-03-05T09:00:00-08:00') =>
  cmd({
    type: 'RecordFirearmReceipt',
    at,
    receipt: {
      receiptId: 'rcpt-1',
      filedAt: '2026-03-05T08:30:00-08:00',
      filedBy: { name: 'Daniel Rivera', role: 'restrained-person' },
      filedWith: ['court', 'law-enforcement'],
      outcome: { kind: 'relinquished', items: [{ description: 'Glock 19 pistol', serialNumber: 'ABC1234', disposition: 'surrendered-to-law-enforcement' }] },
      form: 'DV-800',
      ...overrides,
    },
  } as never);
const firearmsOf = (state: OrderState, at: string) => computeOrderView(state, at).firearms;

describe('firearm relinquishment as deadlines (docs/law/firearms.md)', () => {
  it('Fam. Code 6389(c)(2) — served at 10:00: surrender by 10:00 the next day, the receipt due 48 hours after service', () =>
    spec.given(addedOrder()).when(serve({})).thenEvents((events, state) => {
      expect((events[0]?.data as { deadlines: { ruleId: string; dueAt: string }[] }).deadlines.filter((d) => d.ruleId.startsWith('firearm'))).toEqual([
        expect.objectContaining({ ruleId: 'firearm.surrender', startedAt: '2026-03-04T10:00:00-08:00', dueAt: '2026-03-05T10:00:00-08:00' }),
        expect.objectContaining({ ruleId: 'firearm.receipt', dueAt: '2026-03-06T10:00:00-08:00' }),
      ]);
      expect(firearmsOf(state, '2026-03-04T11:00:00-08:00')).toMatchObject({ ordered: true, status: 'pending', surrenderBy: '2026-03-05T10:00:00-08:00', receiptDue: '2026-03-06T10:00:00-08:00' });
    }));

  it('Fam. Code 6389(c)(2) — the law fixes the term: an order to relinquish within 48 hours is refused', () => {
    spec
      .given([])
      .when(addCommand({ provisions: [{ kind: 'firearm-relinquishment', withinHours: 48 }] }))
      .thenFails({ code: 'FIREARM_TERM_NOT_LAWFUL', field: 'provisions.0.withinHours', rule: expect.stringContaining('Fam. Code 6389(c)(2)') as never });
    spec.given(addedOrder()).when(cmd({ type: 'ModifyOrder', at: '2026-03-03T10:00:00-08:00', changes: { provisions: [{ kind: 'firearm-relinquishment', withinHours: 0 }] } } as never)).thenFails({ code: 'FIREARM_TERM_NOT_LAWFUL' });
    spec.given([]).when(addCommand({ provisions: [{ kind: 'firearm-relinquishment' }] })).thenEvents((e) => expect(e).toHaveLength(1));
  });

  it('Fam. Code 6389(c)(2) — when the serving officer asks for the firearms, they are due at once', () =>
    spec.given(addedOrder()).when(serve({ firearmSurrenderRequested: true })).thenEvents((_, state) =>
      expect(firearmsOf(state, '2026-03-04T11:00:00-08:00')).toMatchObject({ surrenderBy: '2026-03-04T10:00:00-08:00', status: 'overdue' }),
    ));

  it('only the first service starts the clock; a later proof of service does not restart it', () =>
    spec
      .given(history(addCommand(), serve({})))
      .when(serve({ serviceId: 'pos-2', servedAt: '2026-03-05T18:00:00-08:00' }, '2026-03-05T19:00:00-08:00'))
      .thenEvents((_, state) => expect(firearmsOf(state, '2026-03-05T19:00:00-08:00')).toMatchObject({ surrenderBy: '2026-03-05T10:00:00-08:00' })));

  it('recording the receipt (filed date-time, by whom, what was relinquished) meets the firearm deadlines', () =>
    spec
      .given(history(addCommand(), serve({})))
      .when(receipt())
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['FirearmReceiptRecorded']);
        const view = computeOrderView(state, '2026-03-05T09:00:00-08:00');
        expect(view.firearms).toMatchObject({ status: 'receipt-filed', receipts: [{ receiptId: 'rcpt-1', outcome: 'relinquished', items: 1, late: false }] });
        expect(view.pendingDeadlines.filter((d) => d.kind.startsWith('firearm'))).toEqual([]);
      }));

  it('a receipt stating that no firearms are owned also meets them; one filed after 48 hours is marked late', () =>
    spec
      .given(history(addCommand(), serve({})))
      .when(receipt({ outcome: { kind: 'none-owned' }, filedAt: '2026-03-07T12:00:00-08:00' }, '2026-03-07T12:30:00-08:00'))
      .thenEvents((_, state) => {
        const view = computeOrderView(state, '2026-03-07T12:30:00-08:00');
        expect(view.firearms?.receipts).toEqual([expect.objectContaining({ outcome: 'none-owned', items: 0, late: true })]);
        expect(view.deadlines.filter((d) => d.kind === 'firearm-receipt')).toEqual([expect.objectContaining({ status: 'met', metLate: true })]);
      }));

  it('without a receipt, the deadlines pass: the order shows them overdue', () =>
    expect(firearmsOf(fold(history(addCommand(), serve({}))), '2026-03-06T10:00:01-08:00')).toMatchObject({ status: 'overdue' }));

  it('the same receipt is recorded once; a receipt cannot predate the order or be filed in the future', () => {
    spec.given(history(addCommand(), serve({}), receipt())).when(receipt({}, '2026-03-05T10:00:00-08:00')).thenFails({ code: 'FIREARM_RECEIPT_ALREADY_RECORDED' });
    spec.given(addedOrder()).when(receipt({ filedAt: '2026-03-01T08:00:00-08:00' })).thenFails({ code: 'INVALID_VALUE', field: 'receipt.filedAt' });
    spec.given(addedOrder()).when(receipt({ filedAt: '2026-03-05T10:00:00-08:00' })).thenFails({ code: 'INVALID_VALUE', field: 'receipt.filedAt' });
  });

  it('a receipt is refused on an order that does not order relinquishment (no firearm term, no PCO 07, not a gun violence order)', () =>
    spec
      .given(addedOrder({ provisions: [{ kind: 'personal-conduct' }], pcoCodes: ['01'] }))
      .when(receipt())
      .thenFails({ code: 'FIREARM_RELINQUISHMENT_NOT_ORDERED' }));

  it('Pen. Code 18120 — a gun violence order needs no separate firearm term: service starts the deadlines', () =>
    spec
      .given(history(addCommand({ form: 'GV-130', expiration: { kind: 'date', date: '2027-03-02' }, provisions: [], pcoCodes: ['08'] })))
      .when(serve({}))
      .thenEvents((_, state) => expect(firearmsOf(state, '2026-03-04T11:00:00-08:00')).toMatchObject({ ordered: true, status: 'pending' })));

  it('CRC 4.700 — the review hearing the court set is shown with the firearm deadlines', () =>
    spec
      .given([])
      .when(addCommand({ form: 'CR-160', expiration: { kind: 'date', date: '2029-03-02' }, firearmReviewHearingAt: '2026-03-04T08:30:00-08:00' }))
      .thenEvents((_, state) => expect(firearmsOf(state, '2026-03-02T12:00:00-08:00')).toMatchObject({ status: 'awaiting-service', reviewHearingAt: '2026-03-04T08:30:00-08:00' })));

  it('canceling the order ends the duty: pending firearm deadlines become moot', () =>
    spec
      .given(history(addCommand(), serve({})))
      .when(cmd({ type: 'CancelOrder', at: '2026-03-04T12:00:00-08:00', reason: 'terminated-by-court' } as never))
      .thenEvents((_, state) => expect(firearmsOf(state, '2026-03-07T12:00:00-08:00')).toMatchObject({ status: 'ended' })));
});
