import { describe, expect, it } from 'vitest';
import { diffValues, fieldWords, flatten, historyEntries, type HistoryEvent } from './history-diff';

const details = {
  form: 'DV-130',
  court: { ori: 'CA019015J', county: '19', name: 'Superior Court of California, County of Los Angeles' },
  caseNumber: '26FL000123',
  issuedAt: '2026-03-02T18:15:00.000Z',
  restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL' }, dateOfBirth: '1988-07-14', sex: 'M' },
  protectedPersons: [{ name: { last: 'RIVERA', first: 'ANA' }, confidential: false, minor: false }],
  provisions: [{ kind: 'stay-away', distanceYards: 100, places: ['person', 'home'] }],
  pcoCodes: ['01', '04'],
  expiration: { kind: 'date', date: '2029-03-02' },
};
const actor = { userId: 'clerk1', agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' };

describe('the history as a diff', () => {
  it('puts paths into words, numbering people from one', () => {
    expect(fieldWords('details.protectedPersons.0.name.last')).toBe('Protected person 1 › last name');
    expect(fieldWords('details.restrainedPerson.dateOfBirth')).toBe('Restrained person › date of birth');
    expect(fieldWords('details.court.county')).toBe('Court › county');
  });

  it('keeps a provision whole and leaves out empty lists', () => {
    const flat = flatten({ details: { provisions: [{ kind: 'no-contact' }], pcoCodes: [] } });
    expect([...flat.keys()]).toEqual(['details.provisions.0']);
  });

  it('reports changed, added and removed fields in words, codes and dates included', () => {
    const before = { details: { restrainedPerson: { sex: 'M', hair: 'BRO' }, expiration: { kind: 'date', date: '2029-03-02' } } };
    const after = { details: { restrainedPerson: { sex: 'F', eyes: 'BLU' }, expiration: { kind: 'date', date: '2030-01-15' } } };
    expect(diffValues(before, after)).toEqual([
      { field: 'Restrained person › sex', kind: 'changed', before: 'Male (M)', after: 'Female (F)' },
      { field: 'Restrained person › hair', kind: 'removed', before: 'Brown (BRO)' },
      { field: 'Expiration › date', kind: 'changed', before: '03/02/2029', after: '01/15/2030' },
      { field: 'Restrained person › eyes', kind: 'added', after: 'Blue (BLU)' },
    ]);
  });

  it('folds real events with the domain and shows what a modification changed, not the raw event', () => {
    const events: HistoryEvent[] = [
      {
        version: 1,
        type: 'OrderAdded',
        recordedAt: '2026-03-02T18:20:00.000Z',
        actor,
        data: { orderId: '0b6c2a4e-5a57-4d2e-9a53-0c6a4b3c2d1e', enteringAgencyOri: 'CA019015J', details, expiresAt: '2029-03-03T07:59:59.999Z', dojDeadline: '2026-03-03T23:59:59.999Z', source: { kind: 'registry' }, fromDraft: false, addedAt: '2026-03-02T18:20:00.000Z' },
      },
      {
        version: 2,
        type: 'OrderModified',
        recordedAt: '2026-03-05T17:00:00.000Z',
        actor,
        data: { changes: { provisions: [{ kind: 'stay-away', distanceYards: 200, places: ['person', 'home'] }], terms: 'No alcohol.' }, expiresAt: '2029-03-03T07:59:59.999Z', modifiedAt: '2026-03-05T17:00:00.000Z' },
      },
      { version: 3, type: 'DojAcknowledgementRecorded', recordedAt: '2026-03-05T18:00:00.000Z', actor, redacted: ['data'] },
      { version: 4, type: 'OrderCanceled', recordedAt: '2026-03-06T18:00:00.000Z', actor, data: { reason: 'terminated-by-court', canceledAt: '2026-03-06T18:00:00.000Z' } },
    ];
    const [added, modified, doj, canceled] = historyEntries(events);
    expect(added!.changes!.find((c) => c.field === 'Case number')).toEqual({ field: 'Case number', kind: 'added', after: '26FL000123' });
    expect(added!.changes!.find((c) => c.field === 'Restrained person › last name')?.after).toBe('RIVERA');
    expect(added!.changes!.find((c) => c.field === 'Court › county')?.after).toBe('Los Angeles (19)');
    expect(modified!.changes).toEqual([
      {
        field: 'Provision 1',
        kind: 'changed',
        before: 'Must stay at least 100 yards away from the protected persons and their home.',
        after: 'Must stay at least 200 yards away from the protected persons and their home.',
      },
      { field: 'Judge’s terms', kind: 'added', after: 'No alcohol.' },
    ]);
    // The DOJ answer is withheld from this user: that event and every later one show no diff.
    expect(doj!.changes).toBeUndefined();
    expect(canceled!.changes).toBeUndefined();
  });
});
