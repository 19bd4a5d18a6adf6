import { sampleDraftDetails, sampleOrderDetails } from '@ccpor/test-kit';
import { addCommand, addedOrder, cmd, COURT_ORI, history, ID, SHERIFF_ORI, spec } from './given';

describe('adding an order to the registry', () => {
  it('adds a complete DV-130 directly, with its 3-year default end and DOJ deadline', () =>
    spec.given([]).when(addCommand()).thenEvents((events, state) => {
      expect(events).toHaveLength(1);
      expect(events[0]?.type).toBe('OrderAdded');
      const data = events[0]?.data as Record<string, unknown>;
      // Issued Monday 2 March 2026 with no date written → 3 years, end of day (Fam. Code 6345).
      expect(data.expiresAt).toBe('2029-03-02T23:59:59-08:00');
      // One business day from issue (Fam. Code 6380): end of Tuesday 3 March.
      expect(data.dojDeadline).toBe('2026-03-03T23:59:59-08:00');
      expect(data.fromDraft).toBe(false);
      expect(state.status).toBe('issued');
    }));

  it('adds from a draft, merging the data the sheriff completed', () => {
    const draft = history(cmd({ type: 'CreateDraft', at: '2026-03-02T10:30:00-08:00', enteringAgencyOri: COURT_ORI, details: sampleDraftDetails({ form: 'DV-130', caseNumber: '26FL001234' }) } as never));
    const rest = sampleOrderDetails();
    spec
      .given(draft)
      .when(cmd({ type: 'AddOrder', at: '2026-03-02T11:00:00-08:00', enteringAgencyOri: SHERIFF_ORI, details: rest } as never))
      .thenEvents((events) => {
        const data = events[0]?.data as Record<string, unknown>;
        expect(data.fromDraft).toBe(true);
        // The draft's entering agency stays the order's owner.
        expect(data.enteringAgencyOri).toBe(COURT_ORI);
      });
  });

  it('lists every missing basic when a draft is added too early', () => {
    const draft = history(cmd({ type: 'CreateDraft', at: '2026-03-02T10:30:00-08:00', enteringAgencyOri: COURT_ORI, details: sampleDraftDetails({ form: 'DV-130' }) } as never));
    spec.given(draft).when(cmd({ type: 'AddOrder', at: '2026-03-02T11:00:00-08:00', enteringAgencyOri: COURT_ORI } as never)).thenFails({
      code: 'INCOMPLETE_ORDER',
      field: 'caseNumber',
      details: {
        missing: [
          { field: 'caseNumber', label: 'Court case number' },
          { field: 'issuedAt', label: 'Issue date and time' },
          { field: 'restrainedPerson.name', label: 'Restrained person’s name' },
          { field: 'protectedPersons', label: 'At least one protected person' },
          { field: 'court', label: 'Issuing court (ORI, county and name)' },
        ],
      },
    });
  });

  it('refuses an order already in the registry', () => spec.given(addedOrder()).when(addCommand()).thenFails({ code: 'ORDER_ALREADY_EXISTS' }));

  it('refuses an issue time in the future', () =>
    spec.given([]).when(addCommand({ issuedAt: '2026-03-03T10:00:00-08:00' }, '2026-03-02T11:00:00-08:00')).thenFails({ code: 'ISSUED_IN_FUTURE', field: 'issuedAt' }));

  it('keeps the historical-import marker and original dates', () =>
    spec
      .given([])
      .when(
        cmd({
          type: 'AddOrder',
          at: '2026-11-22T12:00:00Z',
          enteringAgencyOri: COURT_ORI,
          details: sampleOrderDetails({ issuedAt: '2019-05-06T09:00:00-07:00', expiration: { kind: 'date', date: '2022-05-06' } }),
          source: { kind: 'historical-import', sourceSystem: 'LA-FLCMS', sourceRecordId: 'R-881' },
        } as never),
      )
      .thenEvents((events) => {
        const data = events[0]?.data as Record<string, unknown>;
        expect(data.source).toEqual({ kind: 'historical-import', sourceSystem: 'LA-FLCMS', sourceRecordId: 'R-881' });
        expect(data.expiresAt).toBe('2022-05-06T23:59:59-07:00');
      }));

  it('keeps the id given in the command', () => spec.given([]).when(addCommand()).thenEvents((events) => expect((events[0]?.data as { orderId: string }).orderId).toBe(ID)));
});
