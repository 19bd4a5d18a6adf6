import { describe, expect, it } from 'vitest';
import { describeSearch, hasCriteria, parseSearchString, stringifySearchObject, suggestionsFor, toApiQuery, validateSearchParams } from './search-params';

describe('search parameters in the address bar', () => {
  it('round-trip through the query string with lists as repeated keys', () => {
    const params = validateSearchParams(parseSearchString('?lastName=Rivra&county=19&county=30&dobYears=2&dateOfBirth=1988-07-14&junk=1'));
    expect(params).toEqual({ lastName: 'Rivra', dateOfBirth: '1988-07-14', dobYears: '2', county: ['19', '30'] });
    expect(validateSearchParams(parseSearchString(stringifySearchObject(params as Record<string, unknown>)))).toEqual(params);
  });

  it('become the API query: dates are whole California days, the page’s cursor is the last one walked', () => {
    const q = toApiQuery({ lastName: 'Rivera', issuedFrom: '2026-03-01', issuedTo: '2026-03-31', dobYears: '1', c: ['a', 'b'] });
    expect(validateSearchParams({ limit: '7' })).toEqual({});
    // A cursor is kept whole, however long; an overlong criterion is dropped rather than cut.
    const cursor = 'x'.repeat(600);
    expect(validateSearchParams({ c: [cursor], lastName: 'y'.repeat(300) })).toEqual({ c: [cursor] });
    expect(toApiQuery({ caseNumber: 'X1', limit: '10' }).limit).toBe('10');
    // 1 March is in standard time (UTC−8); the end is exclusive: midnight starting 1 April, daylight time (UTC−7).
    expect(q).toEqual({ lastName: 'Rivera', issuedFrom: '2026-03-01T08:00:00.000Z', issuedTo: '2026-04-01T07:00:00.000Z', limit: '25', cursor: 'b' });
    expect(hasCriteria({ county: ['19'] })).toBe(false);
    expect(hasCriteria({ caseNumber: '26FL1' })).toBe(true);
  });

  it('say what was searched and what to try next', () => {
    const p = { lastName: 'rivra', dateOfBirth: '1988-07-14', county: ['19'], role: 'restrained' as const };
    expect(describeSearch(p)).toBe('restrained person named RIVRA, born 07/14/1988, in Los Angeles (19) county');
    const tips = suggestionsFor(p).join(' ');
    expect(tips).toMatch(/spelling/);
    expect(tips).toMatch(/± 1 or 2 years/);
    expect(tips).toMatch(/Remove a filter/);
    expect(tips).toMatch(/other side of an order/);
  });
});
