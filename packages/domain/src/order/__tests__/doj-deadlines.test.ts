import { deciderSpec, LA_SHERIFF_ORI, sampleOrderDetails } from '@ccpor/test-kit';
import { createCourtCalendar } from '../../calendar';
import { createDecider } from '../decide';
import { fold } from '../evolve';
import { computeOrderView, type DeadlineView } from '../order-status';
import type { OrderState } from '../order-state';
import { addCommand, addedOrder, cmd, COURT_ORI, history, spec } from './given';

const pending = (state: OrderState, at = '2026-03-02T12:00:00-08:00'): DeadlineView[] => [...computeOrderView(state, at).pendingDeadlines];
const byPurpose = (state: OrderState, purpose: string, at?: string) => pending(state, at).filter((d) => d.purpose === purpose);

const serve = (service: Record<string, unknown>, at: string) =>
  cmd({
    type: 'RecordService',
    at,
    service: { serviceId: 'pos-1', method: 'by-officer', servedBy: { name: 'Deputy K. Osei', badgeNumber: '4471' }, servingAgencyOri: LA_SHERIFF_ORI, ...service },
  } as never);

describe('DOJ deadlines: every transmission reaches CARPOS in time (docs/law/doj-deadlines.md)', () => {
  it('Fam. Code 6380(a) — issuing an order: one business day from issue', () =>
    spec.given([]).when(addCommand()).thenEvents((_, state) =>
      expect(pending(state)).toEqual([
        expect.objectContaining({ id: 'd1', kind: 'doj-transmission', purpose: 'issue', transaction: 'enter', startedAt: '2026-03-02T10:15:00-08:00', dueAt: '2026-03-03T23:59:59-08:00', overdue: false }),
      ]),
    ));

  it('Fam. Code 6380(a) — a modification made on Friday 15 January 2027, before Monday’s Martin Luther King Jr. Day, is due at the end of Tuesday 19 January', () =>
    spec
      .given(addedOrder())
      .when(cmd({ type: 'ModifyOrder', at: '2027-01-15T16:30:00-08:00', changes: { terms: 'Stay 150 yards away.' } } as never))
      .thenEvents((events, state) => {
        expect((events[0]?.data as { deadlines: unknown[] }).deadlines).toEqual([
          { id: 'd2', ruleId: 'doj.modify', startedAt: '2027-01-15T16:30:00-08:00', dueAt: '2027-01-19T23:59:59-08:00' },
        ]);
        expect(byPurpose(state, 'modify', '2027-01-15T17:00:00-08:00')).toEqual([expect.objectContaining({ what: 'Send the modification to CARPOS', dueAt: '2027-01-19T23:59:59-08:00' })]);
      }));

  it('Fam. Code 6380(a) — the deadline runs from when the court made the change, when that is earlier than its entry', () =>
    spec
      .given(addedOrder())
      .when(cmd({ type: 'ModifyOrder', at: '2026-04-06T09:00:00-07:00', orderedAt: '2026-04-03T15:00:00-07:00', changes: { terms: 'Amended.' } } as never))
      .thenEvents((_, state) => expect(byPurpose(state, 'modify', '2026-04-06T09:00:00-07:00')).toEqual([expect.objectContaining({ dueAt: '2026-04-06T23:59:59-07:00' })])));

  it('refuses a court change dated later than now or before the order was issued', () => {
    spec.given(addedOrder()).when(cmd({ type: 'ModifyOrder', at: '2026-04-06T09:00:00-07:00', orderedAt: '2026-04-07T09:00:00-07:00', changes: { terms: 'x' } } as never)).thenFails({ code: 'ORDERED_AT_INVALID', field: 'orderedAt' });
    spec.given(addedOrder()).when(cmd({ type: 'ModifyOrder', at: '2026-04-06T09:00:00-07:00', orderedAt: '2026-03-01T09:00:00-08:00', changes: { terms: 'x' } } as never)).thenFails({ code: 'ORDERED_AT_INVALID' });
  });

  it('Fam. Code 6380 — an officer’s proof of service is due one business day after service (served Friday night, due Monday, across the daylight-saving change)', () =>
    spec
      .given(addedOrder())
      .when(serve({ servedAt: '2026-03-06T22:00:00-08:00', method: 'by-officer' }, '2026-03-07T08:00:00-08:00'))
      .thenEvents((_, state) =>
        expect(byPurpose(state, 'service', '2026-03-07T08:00:00-08:00')).toEqual([
          expect.objectContaining({ transaction: 'service', startedAt: '2026-03-06T22:00:00-08:00', dueAt: '2026-03-09T23:59:59-07:00', ref: 'pos-1' }),
        ]),
      ));

  it('Fam. Code 6383(e), 6380 — an officer’s verbal notice is service, and its proof is due one business day later', () =>
    spec
      .given(addedOrder())
      .when(serve({ servedAt: '2026-03-04T15:20:00-08:00', method: 'officer-verbal-notice' }, '2026-03-04T16:00:00-08:00'))
      .thenEvents((_, state) => expect(byPurpose(state, 'service', '2026-03-04T16:00:00-08:00')).toEqual([expect.objectContaining({ dueAt: '2026-03-05T23:59:59-08:00' })])));

  it('[I] a process server’s proof is due one business day after it was filed (entered), not after the service', () =>
    spec
      .given(addedOrder())
      .when(serve({ servedAt: '2026-03-03T15:20:00-08:00', method: 'personal', servingAgencyOri: 'CA0194200' }, '2026-03-05T10:00:00-08:00'))
      .thenEvents((_, state) =>
        expect(byPurpose(state, 'service', '2026-03-05T10:00:00-08:00')).toEqual([expect.objectContaining({ startedAt: '2026-03-05T10:00:00-08:00', dueAt: '2026-03-06T23:59:59-08:00', verified: false })]),
      ));

  it('Fam. Code 6385 — service in court needs no proof of service in CARPOS: no DOJ deadline', () =>
    spec
      .given(addedOrder())
      .when(serve({ servedAt: '2026-03-02T10:15:00-08:00', method: 'present-in-court' }, '2026-03-02T11:00:00-08:00'))
      .thenEvents((_, state) => expect(byPurpose(state, 'service', '2026-03-02T11:00:00-08:00')).toEqual([])));

  it('Pen. Code 18115(a) — a gun violence order is reported within one court day of issue, and so is its renewal', () => {
    const gv = addCommand({ form: 'GV-130', issuedAt: '2026-03-06T14:00:00-08:00', expiration: { kind: 'date', date: '2027-03-06' }, provisions: [] }, '2026-03-06T15:00:00-08:00');
    spec.given([]).when(gv).thenEvents((events, state) => {
      expect((events[0]?.data as { deadlines: { ruleId: string }[] }).deadlines.map((d) => d.ruleId)).toEqual(['doj.issue.gv']);
      expect(pending(state, '2026-03-06T15:00:00-08:00')[0]).toMatchObject({ dueAt: '2026-03-09T23:59:59-07:00', rule: expect.stringContaining('Pen. Code 18115(a)') });
    });
    spec
      .given(history(gv))
      .when(cmd({ type: 'RenewOrder', at: '2027-02-19T10:00:00-08:00', requestFiledOn: '2027-02-10', expiration: { kind: 'date', date: '2029-03-06' } } as never))
      .thenEvents((_, state) => expect(byPurpose(state, 'renew', '2027-02-19T10:00:00-08:00')).toEqual([expect.objectContaining({ dueAt: '2027-02-22T23:59:59-08:00' })]));
  });

  it('Pen. Code 18140(c) — a gun violence emergency order is filed with the court by close of business on the 3rd court day, and filing it meets the deadline', () => {
    const epo = addCommand({ form: 'EPO-002', issuedAt: '2026-03-06T23:10:00-08:00', provisions: [] }, '2026-03-06T23:30:00-08:00');
    spec.given([]).when(epo).thenEvents((_, state) =>
      expect(byPurpose(state, 'emergency-order-filing', '2026-03-07T00:00:00-08:00')).toEqual([expect.objectContaining({ kind: 'court-filing', dueAt: '2026-03-11T17:00:00-07:00' })]),
    );
    spec
      .given(history(epo))
      .when(cmd({ type: 'RecordCourtFiling', at: '2026-03-09T11:00:00-07:00', filedAt: '2026-03-09T10:40:00-07:00' } as never))
      .thenEvents((_, state) => {
        expect(byPurpose(state, 'emergency-order-filing', '2026-03-09T11:00:00-07:00')).toEqual([]);
        expect(computeOrderView(state, '2026-03-09T11:00:00-07:00').deadlines.find((d) => d.kind === 'court-filing')).toMatchObject({ status: 'met', metLate: false });
      });
  });

  it('a court filing is recorded once, and only for an emergency order', () => {
    spec.given(addedOrder()).when(cmd({ type: 'RecordCourtFiling', at: '2026-03-03T11:00:00-08:00', filedAt: '2026-03-03T10:00:00-08:00' } as never)).thenFails({ code: 'COURT_FILING_NOT_APPLICABLE' });
    const epo = addCommand({ form: 'EPO-002', issuedAt: '2026-03-06T23:10:00-08:00' }, '2026-03-06T23:30:00-08:00');
    const filed = history(epo, cmd({ type: 'RecordCourtFiling', at: '2026-03-09T11:00:00-07:00', filedAt: '2026-03-09T10:40:00-07:00' } as never));
    spec.given(filed).when(cmd({ type: 'RecordCourtFiling', at: '2026-03-09T12:00:00-07:00', filedAt: '2026-03-09T10:40:00-07:00' } as never)).thenFails({ code: 'COURT_FILING_ALREADY_RECORDED' });
  });

  it('DOJ’s acknowledgement meets the deadlines the gateway names; later ones stay pending', () => {
    const modified = history(addCommand(), cmd({ type: 'ModifyOrder', at: '2026-03-02T12:00:00-08:00', changes: { terms: 'Amended.' } } as never));
    spec
      .given(modified)
      .when(cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-02T12:05:00-08:00', transaction: 'enter', messageId: 'm1', fcn: '2320000000001', deadlineIds: ['d1'] } as never))
      .thenEvents((_, state) => {
        const view = computeOrderView(state, '2026-03-02T12:06:00-08:00');
        expect(view.deadlines.map((d) => [d.id, d.status])).toEqual([
          ['d1', 'met'],
          ['d2', 'pending'],
        ]);
        expect(view.deadlines[0]).toMatchObject({ closedAt: '2026-03-02T12:05:00-08:00', closedBy: 'acknowledged by DOJ (message m1)' });
      });
  });

  it('without the gateway’s list, an enter acknowledgement meets every pending record deadline (the enter carries the whole record)', () => {
    const modified = history(addCommand(), cmd({ type: 'ModifyOrder', at: '2026-03-02T12:00:00-08:00', changes: { terms: 'Amended.' } } as never));
    spec
      .given(modified)
      .when(cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-02T12:05:00-08:00', transaction: 'enter', messageId: 'm1', fcn: '2320000000001' } as never))
      .thenEvents((_, state) => expect(pending(state, '2026-03-02T12:06:00-08:00')).toEqual([]));
  });

  it('a deadline met after it fell due is shown as met late; one still open past due is overdue', () => {
    const added = history(addCommand());
    spec
      .given(added)
      .when(cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-05T09:00:00-08:00', transaction: 'enter', messageId: 'm1', fcn: '2320000000001' } as never))
      .thenEvents((_, state) => expect(computeOrderView(state, '2026-03-05T09:00:00-08:00').deadlines[0]).toMatchObject({ status: 'met', metLate: true }));
    expect(computeOrderView(fold(history(addCommand())), '2026-03-04T09:00:00-08:00')).toMatchObject({
      dojOverdue: true,
      pendingDeadlines: [expect.objectContaining({ id: 'd1', overdue: true })],
    });
  });

  it('Fam. Code 6380(a) — terminating an order DOJ holds is due one business day later', () => {
    const entered = history(addCommand(), cmd({ type: 'RecordDojAcknowledgement', at: '2026-03-02T12:05:00-08:00', transaction: 'enter', messageId: 'm1', fcn: '2320000000001' } as never));
    spec
      .given(entered)
      .when(cmd({ type: 'CancelOrder', at: '2026-04-03T16:00:00-07:00', reason: 'terminated-by-court' } as never))
      .thenEvents((_, state) => expect(byPurpose(state, 'cancel', '2026-04-03T16:00:00-07:00')).toEqual([expect.objectContaining({ transaction: 'clear', dueAt: '2026-04-06T23:59:59-07:00' })]));
  });

  it('an order canceled before DOJ acknowledged it has nothing to send: its pending DOJ deadlines no longer apply', () =>
    spec
      .given(addedOrder())
      .when(cmd({ type: 'CancelOrder', at: '2026-03-02T11:00:00-08:00', reason: 'entered-in-error' } as never))
      .thenEvents((_, state) => {
        const view = computeOrderView(state, '2026-03-04T11:00:00-08:00');
        expect(view.pendingDeadlines).toEqual([]);
        expect(view.deadlines).toEqual([expect.objectContaining({ id: 'd1', status: 'moot', closedBy: 'order canceled before DOJ acknowledged its record' })]);
        expect(view.dojOverdue).toBe(false);
      }));

  it('CCP 12b, Gov. Code 68115 — a closure of the issuing court moves a DOJ deadline to its next open day', () => {
    const closed = deciderSpec(createDecider({ calendar: createCourtCalendar({ localClosures: [{ date: '2026-03-03', reason: 'Emergency closure (Gov. Code 68115)' }] }) }));
    closed.given([]).when(addCommand()).thenEvents((_, state) => expect(pending(state)[0]).toMatchObject({ dueAt: '2026-03-04T23:59:59-08:00' }));
  });

  it('an imported historical order starts no deadlines: the system it came from dealt with DOJ [I]', () =>
    spec
      .given([])
      .when(cmd({ type: 'AddOrder', at: '2026-05-01T10:00:00-07:00', enteringAgencyOri: COURT_ORI, details: sampleOrderDetails(), source: { kind: 'historical-import', sourceRecordId: 'r1', sourceSystem: 'FACCTS' } } as never))
      .thenEvents((_, state) => expect(computeOrderView(state, '2026-05-01T10:00:00-07:00')).toMatchObject({ deadlines: [], dojOverdue: false })));
});
