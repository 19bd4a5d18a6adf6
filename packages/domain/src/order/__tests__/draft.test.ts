import { sampleDraftDetails } from '@ccpor/test-kit';
import { addCommand, cmd, COURT_ORI, history, ID, spec } from './given';

const createDraft = cmd({ type: 'CreateDraft', at: '2026-03-02T09:00:00-08:00', enteringAgencyOri: COURT_ORI, details: sampleDraftDetails({ form: 'DV-110', caseNumber: '26FL001234' }) } as never);

describe('drafts: a clerk scans the order first and keys the data later', () => {
  it('creates a draft holding only what is known so far', () =>
    spec.given([]).when(createDraft).then([
      {
        type: 'DraftCreated',
        schemaVersion: 1,
        data: { orderId: ID as never, enteringAgencyOri: COURT_ORI as never, details: { form: 'DV-110', caseNumber: '26FL001234' as never }, createdAt: '2026-03-02T09:00:00-08:00' as never },
      },
    ]));

  it('refuses a second draft with the same id', () => spec.given(history(createDraft)).when(createDraft).thenFails({ code: 'ORDER_ALREADY_EXISTS' }));

  it('records only the fields that actually change', () =>
    spec
      .given(history(createDraft))
      .when(cmd({ type: 'UpdateDraft', at: '2026-03-02T09:10:00-08:00', details: sampleDraftDetails({ form: 'DV-110', judicialOfficer: 'Hon. Lee' }) } as never))
      .thenEvents((events) => expect(events[0]?.data).toEqual({ details: { judicialOfficer: 'Hon. Lee' }, cleared: [], updatedAt: '2026-03-02T09:10:00-08:00' })));

  it('rejects an update that changes nothing', () =>
    spec
      .given(history(createDraft))
      .when(cmd({ type: 'UpdateDraft', at: '2026-03-02T09:10:00-08:00', details: sampleDraftDetails({ form: 'DV-110' }) } as never))
      .thenFails({ code: 'NO_CHANGES' }));

  it('clears a field the clerk entered by mistake', () =>
    spec
      .given(history(createDraft))
      .when(cmd({ type: 'UpdateDraft', at: '2026-03-02T09:10:00-08:00', details: {}, clear: ['caseNumber'] } as never))
      .thenEvents((_, state) => {
        expect(state.status).toBe('draft');
        expect(state.status === 'draft' ? state.details.caseNumber : 'not a draft').toBeUndefined();
      }));

  it('rejects a date of birth after the issue date', () =>
    spec
      .given(history(createDraft))
      .when(
        cmd({
          type: 'UpdateDraft',
          at: '2026-03-02T09:10:00-08:00',
          details: sampleDraftDetails({ issuedAt: '2026-03-02T08:00:00-08:00', restrainedPerson: { name: { last: 'Roe', first: 'Jo' }, dateOfBirth: '2026-05-01' } }),
        } as never),
      )
      .thenFails({ code: 'DOB_IN_FUTURE', field: 'restrainedPerson.dateOfBirth' }));

  it('discards a draft, after which nothing can be done with it', () => {
    const discarded = history(createDraft, cmd({ type: 'DiscardDraft', at: '2026-03-02T09:30:00-08:00', reason: 'duplicate scan' } as never));
    spec.given(discarded).when(addCommand()).thenFails({ code: 'DRAFT_DISCARDED' });
    spec.given(discarded).when(cmd({ type: 'DiscardDraft', at: '2026-03-02T09:31:00-08:00' } as never)).thenFails({ code: 'DRAFT_DISCARDED' });
    spec.given(discarded).when(cmd({ type: 'UpdateDraft', at: '2026-03-02T09:31:00-08:00', details: { terms: 'x' } } as never)).thenFails({ code: 'DRAFT_DISCARDED' });
  });

  it('cannot update or discard an order that is already in the registry', () => {
    const added = history(addCommand());
    spec.given(added).when(cmd({ type: 'UpdateDraft', at: '2026-03-02T12:00:00-08:00', details: { terms: 'x' } } as never)).thenFails({ code: 'NOT_A_DRAFT' });
    spec.given(added).when(cmd({ type: 'DiscardDraft', at: '2026-03-02T12:00:00-08:00' } as never)).thenFails({ code: 'NOT_A_DRAFT' });
  });

  it('updating or discarding a draft that does not exist says so', () =>
    spec.given([]).when(cmd({ type: 'DiscardDraft', at: '2026-03-02T12:00:00-08:00' } as never)).thenFails({ code: 'ORDER_NOT_FOUND' }));
});
