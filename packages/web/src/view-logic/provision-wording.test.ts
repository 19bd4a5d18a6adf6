import { describe, expect, it } from 'vitest';
import type { Provision } from '@ccpor/domain';
import { listInWords, pcoWording, provisionTitle, provisionWording as wording } from './provision-wording';

/** Test values are written as plain JSON, as the API sends them; the codec's integer brand is a compile-time mark. */
const provisionWording = (p: unknown) => wording(p as Provision);

describe('provisions in plain words', () => {
  it('names the distance and every place of a stay-away order, with the clerk’s other places', () => {
    expect(provisionWording({ kind: 'stay-away', distanceYards: 100, places: ['person', 'home', 'workplace', 'vehicle'] })).toBe(
      'Must stay at least 100 yards away from the protected persons, their home, their workplace and their vehicle.',
    );
    expect(provisionWording({ kind: 'stay-away', distanceYards: 1, places: ['school', 'other'], otherPlaces: 'the church on Elm Street' })).toBe(
      'Must stay at least 1 yard away from their school and the church on Elm Street.',
    );
  });

  it('says when firearms must be turned in: immediately, or within the hours the order gives', () => {
    expect(provisionWording({ kind: 'firearm-relinquishment', withinHours: 0 })).toMatch(/immediately when an officer asks\.$/);
    expect(provisionWording({ kind: 'firearm-relinquishment', withinHours: 24 })).toMatch(/within 24 hours of being served\.$/);
    expect(provisionWording({ kind: 'firearm-relinquishment', withinHours: 1 })).toMatch(/within 1 hour of/);
  });

  it('gives the home’s address when the order names it, and the family case of a custody carve-out', () => {
    expect(provisionWording({ kind: 'residence-exclusion', address: '12 Oak St, Fresno' })).toBe('Must move out of, and stay out of, the home at 12 Oak St, Fresno.');
    expect(provisionWording({ kind: 'residence-exclusion' })).toBe('Must move out of, and stay out of, the shared home.');
    expect(provisionWording({ kind: 'custody-visitation-carve-out', familyCourtCaseNumber: '25FL0042', description: 'exchanges at the police station' })).toBe(
      'Contact is allowed only as needed for court-ordered child custody or visitation (family court case 25FL0042): exchanges at the police station.',
    );
  });

  it('keeps the judge’s own words for other orders, and titles every kind', () => {
    expect(provisionWording({ kind: 'other', text: '  No alcohol within 12 hours of visits. ' })).toBe('No alcohol within 12 hours of visits.');
    expect(provisionTitle({ kind: 'no-contact' })).toBe('No contact');
    expect(provisionWording({ kind: 'no-contact' })).toMatch(/^Must not contact the protected persons in any way/);
  });

  it('lists in English and reads PCO codes from the domain’s table', () => {
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(pcoWording('07')).toMatch(/firearm/);
  });
});
