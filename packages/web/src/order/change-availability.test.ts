import { describe, expect, it } from 'vitest';
import type { Me, OrderRead } from '../api/types';
import { afterHearingForm, availability, offeredServiceMethods } from './change-availability';

const me = (over: Partial<Me> = {}): Me => ({ username: 'ana', displayName: 'Ana', agencyOri: 'CA019015J', roles: ['court-clerk'], cletsCertified: false, mustChangePassword: false, ...over });
const details = { form: 'DV-130', court: { ori: 'CA019015J', county: '19', name: 'LA' }, caseNumber: '26FL1', issuedAt: '2026-03-02T10:00:00-08:00', restrainedPerson: { name: { last: 'A', first: 'B' } }, protectedPersons: [] };
const read = (order: Record<string, unknown>, status = 'active'): OrderRead =>
  ({ orderId: 'o', version: 1, redacted: [], computed: { status, missingForDoj: [], pendingDeadlines: [], deadlines: [], warnings: [], expired: status === 'expired', dojOverdue: false }, order: { status: 'issued', enteringAgencyOri: 'CA019015J', details, images: [], services: [], ...order } }) as unknown as OrderRead;

describe('which changes the order page offers (the domain’s policy and the order’s life)', () => {
  it('the entering agency’s clerk may modify, renew, serve, cancel; another agency’s may not, and is told who may', () => {
    for (const k of ['modify', 'renew', 'service', 'cancel'] as const) expect(availability(me(), read({}), k)).toEqual({ offered: true });
    const other = availability(me({ agencyOri: 'CA030015J' }), read({}), 'modify');
    expect(other).toMatchObject({ offered: false, why: expect.stringContaining('Only the agency that entered this order') });
    expect(availability(me({ agencyOri: 'CA030015J' }), read({}), 'clone').offered).toBe(false);
    expect(availability(me({ roles: ['query-only'] }), read({}), 'modify')).toMatchObject({ offered: false, why: expect.stringContaining('may search and view') });
  });
  it('after cancel: no modify, renew or service, and no second cancel; an expired order only renewed', () => {
    const canceled = read({ canceled: { reason: 'other', at: '2026-03-03T00:00:00Z' } }, 'canceled');
    for (const k of ['modify', 'renew', 'service', 'cancel'] as const) expect(availability(me(), canceled, k).offered).toBe(false);
    expect(availability(me(), read({}, 'expired'), 'modify').offered).toBe(false);
    expect(availability(me(), read({}, 'expired'), 'renew').offered).toBe(true);
  });
  it('a temporary order is not renewed; its after-hearing form is the clone’s default', () => {
    expect(availability(me(), read({ details: { ...details, form: 'DV-110' } }), 'renew').offered).toBe(false);
    expect(afterHearingForm('DV-110')).toBe('DV-130');
    expect(afterHearingForm('CH-110')).toBe('CH-130');
    expect(afterHearingForm('DV-130')).toBeUndefined();
  });
  it('service methods by the domain’s rules: no mail on a criminal order, no court service for an EPO', () => {
    const methods = (d: Record<string, unknown>) => offeredServiceMethods({ ...details, ...d } as never).map((m) => m.method);
    expect(methods({ form: 'CR-160' })).not.toContain('mail');
    expect(methods({ form: 'EPO-001' })).not.toContain('present-in-court');
    expect(methods({ serviceByMailPermitted: true })).toContain('mail');
    expect(methods({})).not.toContain('court-ordered-alternative');
  });
  it('a firearm receipt only where the order makes the restrained person relinquish; a court filing only for an emergency order, once', () => {
    expect(availability(me(), read({}), 'firearm-receipt')).toMatchObject({ offered: false, why: expect.stringContaining('does not order firearms relinquished') });
    expect(availability(me(), read({ details: { ...details, provisions: [{ kind: 'firearm-relinquishment', withinHours: 24 }] } }), 'firearm-receipt').offered).toBe(true);
    expect(availability(me(), read({ details: { ...details, form: 'GV-130' } }), 'firearm-receipt').offered).toBe(true);
    expect(availability(me(), read({}), 'court-filing')).toMatchObject({ offered: false, why: expect.stringContaining('Only an emergency order') });
    expect(availability(me(), read({ details: { ...details, form: 'EPO-001' } }), 'court-filing').offered).toBe(true);
    expect(availability(me(), read({ details: { ...details, form: 'EPO-001' }, courtFiling: { filedAt: '2026-03-03T08:00:00Z', recordedAt: '2026-03-03T08:01:00Z' } }), 'court-filing')).toMatchObject({ offered: false, why: expect.stringContaining('already recorded') });
    expect(availability(me({ roles: ['query-only'] }), read({ details: { ...details, form: 'EPO-001' } }), 'court-filing').offered).toBe(false);
  });
});
