import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { formReadingArb, anyDraftDetailsArb, sampleDraftDetails } from '@ccpor/test-kit';
import { DraftDetails } from '../order/order-details';
import type { FormReading, ReadField } from './form-reading';
import { needsReview, prefillFromReading, PREFILL_MIN_CONFIDENCE } from './prefill';
import { readableField } from './readable-fields';
import { sameValue } from '../value-objects/same-value';

const where = { page: 1, x: 0.1, y: 0.1, width: 0.3, height: 0.03 };
const box = (fills: ReadField['fills'], value: string | boolean, part?: string, confidence = 0.99): ReadField => ({
  key: `${fills}.${part ?? 'value'}`,
  fills,
  label: fills,
  value,
  confidence,
  where,
  ...(part !== undefined ? { part } : {}),
});
const reading = (fields: ReadField[]): FormReading => ({ form: 'DV-130', revision: '2025-01-01' as FormReading['revision'], reader: 'ocr', pages: 2, fields });
const noTimeRule = () => E.right(undefined);

describe('pre-filling a draft from a reading', () => {
  it('puts sure, valid values into an empty draft and marks each pre-filled with its confidence', () => {
    const r = prefillFromReading(
      reading([
        box('form', 'DV-130'),
        box('caseNumber', '26fl001234'),
        box('restrainedPerson.name', 'Garcia', 'last'),
        box('restrainedPerson.name', 'Luis', 'first', 0.93),
        box('restrainedPerson.dateOfBirth', '04/12/1985'),
        box('restrainedPerson.height', `5'10"`),
        box('provisions.stay-away', true),
        box('provisions.stay-away', '100', 'yards'),
        box('provisions.stay-away', true, 'place-home'),
        box('provisions.no-contact', false),
      ]),
      {},
      noTimeRule,
    );
    expect(r.details).toEqual({
      form: 'DV-130',
      caseNumber: '26FL001234',
      restrainedPerson: { name: { last: 'GARCIA', first: 'LUIS' }, dateOfBirth: '1985-04-12', height: '510' },
      provisions: [{ kind: 'stay-away', distanceYards: 100, places: ['home'] }],
    });
    const name = r.outcomes.find((o) => o.field === 'restrainedPerson.name')!;
    expect(name).toMatchObject({ status: 'prefilled', confidence: 0.93, read: 'Garcia, Luis', where: [where] });
    expect(r.outcomes.find((o) => o.field === 'provisions.no-contact')).toMatchObject({ status: 'empty', read: 'not checked' });
  });

  it('leaves a low-confidence value out of the draft and offers it as a suggestion', () => {
    const r = prefillFromReading(reading([box('caseNumber', '26FL0O1234', undefined, 0.41)]), {}, noTimeRule);
    expect(r.details).toEqual({});
    expect(r.outcomes[0]).toMatchObject({ status: 'suggested', reason: 'low-confidence', value: '26FL0O1234', read: '26FL0O1234' });
  });

  it('never overwrites what the draft holds: the same value needs no review, another is only offered', () => {
    const draft = sampleDraftDetails({ caseNumber: '26FL001234', judicialOfficer: 'Hon. A. Judge' });
    const r = prefillFromReading(reading([box('caseNumber', '26-FL-001234'), box('judicialOfficer', 'Hon. B. Other')]), draft, noTimeRule);
    expect(r.details).toEqual(draft);
    expect(r.outcomes.map((o) => [o.field, o.status, o.reason])).toEqual([
      ['caseNumber', 'suggested', 'draft-differs'],
      ['judicialOfficer', 'suggested', 'draft-differs'],
    ]);
    const same = prefillFromReading(reading([box('caseNumber', '26fl001234')]), draft, noTimeRule);
    expect(same.outcomes[0]).toMatchObject({ status: 'matches-draft' });
  });

  it('offers text that is not a valid value with the reason, never putting it in', () => {
    const r = prefillFromReading(reading([box('restrainedPerson.dateOfBirth', '13/45/1985'), box('restrainedPerson.name', 'Garcia', 'last'), box('restrainedPerson.name', 'Luis', 'first')]), {}, noTimeRule);
    expect(r.outcomes.find((o) => o.field === 'restrainedPerson.dateOfBirth')).toMatchObject({ status: 'suggested', reason: 'not-valid' });
    expect(r.details).toEqual({ restrainedPerson: { name: { last: 'GARCIA', first: 'LUIS' } } });
  });

  it("takes out a date of birth that cannot stand without the person's name", () => {
    const r = prefillFromReading(
      reading([box('restrainedPerson.name', 'Garcia', 'last', 0.3), box('restrainedPerson.name', 'Luis', 'first', 0.3), box('restrainedPerson.dateOfBirth', '04/12/1985')]),
      {},
      noTimeRule,
    );
    expect(r.details).toEqual({});
    expect(r.outcomes.find((o) => o.field === 'restrainedPerson.dateOfBirth')).toMatchObject({ status: 'suggested', reason: 'incomplete' });
  });

  it('takes out a value that breaks a time rule, with the rule’s sentence', () => {
    const rule = (d: DraftDetails) =>
      d.issuedAt !== undefined && d.issuedAt > '2026-06' ? E.left({ code: 'ISSUED_IN_FUTURE' as const, message: 'The issue time is later than now.', field: 'issuedAt' }) : E.right(undefined);
    const r = prefillFromReading(reading([box('issuedAt', '07/01/2026', 'date'), box('caseNumber', '26FL1')]), {}, rule);
    expect(r.details).toEqual({ caseNumber: '26FL1' });
    expect(r.outcomes.find((o) => o.field === 'issuedAt')).toMatchObject({ status: 'suggested', reason: 'incomplete', message: 'The issue time is later than now.' });
  });

  it('adds a protected person as confidential until the clerk says otherwise', () => {
    const r = prefillFromReading(reading([box('protectedPersons.0.name', 'GARCIA, ANA')]), {}, noTimeRule);
    expect(r.details.protectedPersons).toEqual([{ name: { last: 'GARCIA', first: 'ANA' }, confidential: true, minor: false }]);
  });

  it('flags a check box the reader is unsure of, even when it reads as not checked', () => {
    const r = prefillFromReading(reading([box('provisions.residence-exclusion', false, undefined, 0.5)]), {}, noTimeRule);
    expect(r.outcomes[0]).toMatchObject({ status: 'suggested', reason: 'low-confidence' });
  });

  it('is total: any reading over any draft gives valid details, keeps every held value, and pre-fills only sure values', () => {
    fc.assert(
      fc.property(formReadingArb, anyDraftDetailsArb, (rd, draft) => {
        const r = prefillFromReading(rd, draft, noTimeRule);
        expect(E.isRight(DraftDetails.decode(r.details))).toBe(true);
        for (const o of r.outcomes) {
          const f = readableField(o.field);
          const held = f.get(draft);
          if (held !== undefined && o.status !== 'matches-draft') expect(sameValue(f.get(r.details), held)).toBe(true);
          if (o.status === 'prefilled') {
            expect(o.confidence).toBeGreaterThanOrEqual(PREFILL_MIN_CONFIDENCE);
            expect(sameValue(f.get(r.details), o.value)).toBe(true);
          }
          if (o.status === 'suggested') expect(o.reason).toBeDefined();
          expect(needsReview(o)).toBe(o.status === 'prefilled' || o.status === 'suggested');
        }
      }),
      { numRuns: 300 },
    );
  });
});
