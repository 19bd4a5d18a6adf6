import { describe, expect, it } from 'vitest';
import { emptyValues, fromDetails, toDetails } from './entry-values';
import { calendarFrom, liveRules } from './live-rules';

const typed = (over: Partial<ReturnType<typeof emptyValues>>) => toDetails({ ...emptyValues(), ...over });

describe('the live rules, by the domain in the browser', () => {
  it('an EPO typed on a Friday ends at close of business on the 5th court day, not later than the 7th calendar day', () => {
    // Friday 6 March 2026, 22:15: the 5th court day is Friday 13 March, the 7th calendar day Friday 13 March.
    const { details, errors } = typed({ form: 'EPO-001', issuedDate: '03062026', issuedTime: '2215' });
    expect(errors).toEqual({});
    const r = liveRules(details, calendarFrom(undefined));
    expect(r.expiry?.at).toBe('2026-03-13T17:00:00-07:00');
    expect(r.expiry?.rule).toContain('Fam. Code 6256');
    expect(r.dojDeadline?.at).toBeDefined();
  });
  it('a court closure moves the court days', () => {
    const { details } = typed({ form: 'EPO-001', issuedDate: '03062026', issuedTime: '2215' });
    const r = liveRules(details, calendarFrom({ closures: [{ date: '2026-03-09', reason: 'flood' }] }));
    // One court day fewer in the week: the 7th calendar day (end of Friday 13 March) comes first.
    expect(r.expiry?.at).toBe('2026-03-13T23:59:59-07:00');
  });
  it('a DV-110 without a hearing: the rule behind the refusal, and the hearing window', () => {
    const { details } = typed({ form: 'DV-110', issuedDate: '03022026', issuedTime: '0900' });
    const r = liveRules(details, calendarFrom(undefined));
    expect(r.expiryProblem).toMatchObject({ field: 'hearing' });
    expect(r.hearingWindow).toMatchObject({ latest: '2026-03-23', latestGoodCause: '2026-03-27' });
    const late = liveRules(typed({ form: 'DV-110', issuedDate: '03022026', issuedTime: '0900', hearingDate: '03252026' }).details, calendarFrom(undefined));
    expect(late.expiryProblem).toMatchObject({ field: 'hearing.at' });
  });
  it('missing fields for DOJ follow the domain’s readiness rules, retail establishment for a PC-490.8', () => {
    const r = liveRules(typed({ form: 'PC-490.8' }).details, calendarFrom(undefined));
    expect(r.missingForDoj.map((m) => m.field)).toContain('retailEstablishment');
    expect(r.missingForDoj.map((m) => m.field)).not.toContain('protectedPersons');
  });
  it('typed values survive a round trip through the draft’s details', () => {
    const v = { ...emptyValues(), form: 'DV-110', caseNumber: '26FL000123', issuedDate: '03022026', issuedTime: '0900', hearingDate: '03202026', hearingTime: '0830', noContact: true, pcoCodes: '05' };
    v.restrained = { ...v.restrained, last: 'Rivera', first: 'Dan', dob: '07141988', sex: 'male', race: 'W', height: "5'10", weight: '180', eyes: 'BRO', hair: 'black' };
    const { details, errors } = toDetails(v);
    expect(errors).toEqual({});
    expect(details.restrainedPerson).toMatchObject({ name: { last: 'RIVERA', first: 'DAN' }, sex: 'M', height: '510', weight: '180', hair: 'BLK', dateOfBirth: '1988-07-14' });
    const back = fromDetails(details);
    expect(back).toMatchObject({ issuedDate: '03022026', issuedTime: '0900', hearingDate: '03202026', hearingTime: '0830', noContact: true, pcoCodes: '05' });
  });
});
