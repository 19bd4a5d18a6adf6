import { authorizeGlobal, authorizeOrder, type OrderFacts } from './policy';
import { maySeeConfidential } from './redaction';
import { ROLES, type Principal, type Role } from './roles';
import { agencyScopeOf, reportScopeOf, sealedListedFor, visibilityOf, withinAgencyScope, type Reach } from './visibility';

const COURT = 'CA019015J';
const SHERIFF = 'CA0194200';
const OTHER = 'CA030015J';
const who = (roles: Role[], agencyOri: string): Principal => ({ userId: 'u', agencyOri, roles, cletsCertified: true, kind: 'user' });

/** What a reach says about one order of that agency relation. */
const opens = (reach: Reach, relation: 'own' | 'assigned' | 'other') => reach === 'all' || (reach === 'own' && relation !== 'other');

const ROLE_SETS: Role[][] = [...ROLES.map((r) => [r]), ['state-admin', 'supervisor'], ['local-admin', 'court-clerk'], ['query-only', 'lea-data-entry']];

describe('visibility: the access policy as a filter for many orders', () => {
  const cases: [Role[], 'own' | 'assigned' | 'other'][] = ROLE_SETS.flatMap((roles) => (['own', 'assigned', 'other'] as const).map((rel) => [roles, rel] as [Role[], typeof rel]));

  it.each(cases)('%j on an order of %s agency: the reach says what authorizeOrder and maySeeConfidential say', (roles, relation) => {
    const p = who(roles, relation === 'own' ? COURT : relation === 'assigned' ? SHERIFF : OTHER);
    const v = visibilityOf(p);
    const base: OrderFacts = { ownerAgencyOri: COURT, assignedAgencies: [SHERIFF], sealed: false, stage: 'issued' };
    expect(opens(v.sealed, relation)).toBe(authorizeOrder(p, 'order.read', { ...base, sealed: true }).allowed);
    expect(opens(v.drafts, relation)).toBe(authorizeOrder(p, 'order.read', { ...base, stage: 'draft' }).allowed);
    expect(opens(v.confidential, relation)).toBe(maySeeConfidential(p, base));
  });

  it('lists sealed orders only where every agency listed is one the supervisor acts for', () => {
    expect(sealedListedFor(who(['supervisor'], COURT), [COURT])).toBe(true);
    expect(sealedListedFor(who(['supervisor'], COURT), [COURT, OTHER])).toBe(false);
    // Statewide lists never carry sealed orders, even for a state administrator who supervises too.
    expect(sealedListedFor(who(['state-admin', 'supervisor'], COURT), undefined)).toBe(false);
    expect(sealedListedFor(who(['court-clerk'], COURT), [COURT])).toBe(false);
  });
});

describe('report scope', () => {
  it('is the own agency for a local administrator, statewide for statewide roles', () => {
    expect(reportScopeOf(who(['local-admin'], COURT))).toEqual({ kind: 'agency', agencyOri: COURT });
    expect(reportScopeOf(who(['local-admin', 'state-admin'], COURT))).toEqual({ kind: 'statewide' });
    expect(reportScopeOf(who(['local-admin', 'supervisor'], COURT))).toEqual({ kind: 'statewide' });
    expect(reportScopeOf(who(['court-clerk'], COURT))).toEqual({ kind: 'statewide' });
  });

  it('is the state for the access report only for a state administrator, as the policy lets it name any agency', () => {
    for (const roles of ROLE_SETS) {
      const p = who(roles, COURT);
      const statewide = authorizeGlobal(p, 'reports.access.read', { agencyOri: OTHER }).allowed;
      if (!authorizeGlobal(p, 'reports.access.read').allowed) continue;
      expect(reportScopeOf(p, 'access')).toEqual(statewide ? { kind: 'statewide' } : { kind: 'agency', agencyOri: COURT });
    }
  });
});

describe('agency scope of lists and queues', () => {
  it('a state administrator names any agency or lists all; everyone else lists their own and is refused another', () => {
    for (const roles of ROLE_SETS) {
      const p = who(roles, COURT);
      const anyAgency = roles.includes('state-admin');
      expect(agencyScopeOf(p)).toEqual(anyAgency ? { kind: 'all' } : { kind: 'agency', agencyOri: COURT });
      expect(agencyScopeOf(p, COURT)).toEqual({ kind: 'agency', agencyOri: COURT });
      expect(agencyScopeOf(p, OTHER)).toEqual(anyAgency ? { kind: 'agency', agencyOri: OTHER } : { kind: 'refused', code: 'NOT_YOUR_AGENCY', requested: OTHER });
      expect(withinAgencyScope(p, OTHER)).toBe(anyAgency);
      expect(withinAgencyScope(p, COURT)).toBe(true);
    }
  });
});
