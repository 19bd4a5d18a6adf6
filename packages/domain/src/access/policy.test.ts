import { GLOBAL_ACTIONS, ORDER_ACTIONS, type OrderAction } from './actions';
import { authorize, authorizeGlobal, authorizeOrder } from './policy';
import { redactDetails, redactDoj } from './redaction';
import { ROLES, type Principal, type Role } from './roles';
import type { OrderFacts } from './policy';

const COURT = 'CA019015J';
const SHERIFF = 'CA0194200';
const OTHER = 'CA030015J';
const who = (role: Role, agencyOri = COURT, cletsCertified = false): Principal => ({ userId: `u-${role}`, agencyOri, roles: [role], cletsCertified, kind: 'user' });

const READS: OrderAction[] = ['order.read', 'order.history', 'order.image.read'];
const WRITES = ORDER_ACTIONS.filter((a) => !READS.includes(a) && !a.startsWith('order.doj'));
const ENTRY: Role[] = ['court-clerk', 'supervisor', 'lea-data-entry'];

/**
 * The matrix, stated the way the CCPOR roles questionnaire and the issue state it, then checked
 * for every role × order action × own/assigned/other agency × sealed/unsealed × certified or not.
 */
const expected = (role: Role, action: OrderAction, agency: 'own' | 'assigned' | 'other', sealed: boolean, certified: boolean, draft = false): boolean => {
  // Sealed orders: supervisors of the entering or assigned agency; drafts: that agency's own (ADR 0034).
  if (sealed && !(role === 'supervisor' && agency !== 'other')) return false;
  if (draft && agency === 'other') return false;
  if (action === 'order.doj.read') return certified;
  if (action === 'order.doj.review' || action === 'order.doj.resend') return certified && ENTRY.includes(role) && agency !== 'other';
  if (READS.includes(action)) return true;
  return ENTRY.includes(role) && agency !== 'other';
};

describe('authorization matrix for order actions', () => {
  const cases: [Role, OrderAction, 'own' | 'assigned' | 'other', boolean, boolean, boolean][] = [];
  for (const role of ROLES)
    for (const action of ORDER_ACTIONS)
      for (const agency of ['own', 'assigned', 'other'] as const)
        for (const sealed of [false, true]) for (const certified of [false, true]) for (const draft of [false, true]) cases.push([role, action, agency, sealed, certified, draft]);

  it.each(cases)('%s %s on an order of %s agency (sealed=%s, CLETS=%s, draft=%s)', (role, action, agency, sealed, certified, draft) => {
    const principal = who(role, agency === 'assigned' ? SHERIFF : agency === 'own' ? COURT : OTHER, certified);
    const decision = authorizeOrder(principal, action, { ownerAgencyOri: COURT, assignedAgencies: [SHERIFF], sealed, stage: draft ? 'draft' : 'issued' });
    expect(decision.allowed).toBe(expected(role, action, agency, sealed, certified, draft));
    expect(decision.rule.length).toBeGreaterThan(0);
  });

  it('hides a sealed order and another agency’s draft as if they did not exist; other refusals are open', () => {
    expect(authorizeOrder(who('supervisor', OTHER), 'order.read', { ownerAgencyOri: COURT, sealed: true })).toMatchObject({ allowed: false, code: 'SEALED_ORDER', conceal: true });
    expect(authorizeOrder(who('state-admin'), 'order.history', { ownerAgencyOri: COURT, sealed: true })).toMatchObject({ allowed: false, code: 'SEALED_ORDER', conceal: true });
    expect(authorizeOrder(who('supervisor', OTHER), 'order.read', { ownerAgencyOri: COURT, sealed: false, stage: 'draft' })).toMatchObject({
      allowed: false,
      code: 'DRAFT_OF_ANOTHER_AGENCY',
      conceal: true,
    });
    const open = authorizeOrder(who('court-clerk', OTHER), 'order.modify', { ownerAgencyOri: COURT, sealed: false });
    expect(open.allowed === false && open.conceal).toBeFalsy();
  });

  describe('the issuing court', () => {
    const entry = (p: Principal, courtOri: string, o: Partial<OrderFacts> = {}) => authorizeOrder(p, 'order.add', { sealed: false, issuingCourtOri: courtOri, ...o });
    it('a clerk enters orders in their own court’s name only', () => {
      expect(entry(who('court-clerk'), COURT).allowed).toBe(true);
      expect(entry(who('court-clerk'), OTHER)).toMatchObject({ allowed: false, code: 'NOT_YOUR_COURT' });
      expect(authorizeOrder(who('court-clerk'), 'order.draft', { sealed: false, issuingCourtOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_COURT' });
    });
    it('a sheriff enters for the courts its agency is set up to enter for, and no other', () => {
      const deputy = { ...who('lea-data-entry', SHERIFF), issuingCourts: [COURT] };
      expect(entry(deputy, COURT).allowed).toBe(true);
      expect(entry(deputy, OTHER)).toMatchObject({ allowed: false, code: 'NOT_YOUR_COURT' });
      expect(entry(who('lea-data-entry', SHERIFF), COURT)).toMatchObject({ allowed: false, code: 'NOT_YOUR_COURT' });
    });
    it('an agency an order is assigned to may add it under the court that entered it', () =>
      expect(entry(who('lea-data-entry', SHERIFF), COURT, { ownerAgencyOri: COURT, assignedAgencies: [SHERIFF], stage: 'draft' }).allowed).toBe(true));
  });

  it('explains a denial in words, with a stable code', () => {
    expect(authorizeOrder(who('court-clerk'), 'order.read', { ownerAgencyOri: COURT, sealed: true })).toMatchObject({ allowed: false, code: 'SEALED_ORDER' });
    expect(authorizeOrder(who('court-clerk', OTHER), 'order.modify', { ownerAgencyOri: COURT, sealed: false })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeOrder(who('query-only'), 'order.serve', { ownerAgencyOri: COURT, sealed: false })).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeOrder(who('court-clerk'), 'order.doj.read', { ownerAgencyOri: COURT, sealed: false })).toMatchObject({ allowed: false, code: 'CLETS_CERTIFICATION_REQUIRED' });
  });

  it('lets data-entry staff create a new order for their own agency', () =>
    expect(authorizeOrder(who('lea-data-entry', SHERIFF), 'order.add', { sealed: false }).allowed).toBe(true));

  it('a write on every action is refused to query-only users', () =>
    WRITES.forEach((a) => expect(authorize(who('query-only'), a, { ownerAgencyOri: COURT, sealed: false }).allowed).toBe(false)));
});

describe('global actions', () => {
  it('every role may search statewide', () => ROLES.forEach((r) => expect(authorizeGlobal(who(r), 'search').allowed).toBe(true)));

  it('local administrators manage users of their own agency only; state administrators any', () => {
    expect(authorizeGlobal(who('local-admin'), 'users.manage', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('local-admin'), 'users.manage', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('state-admin'), 'users.manage', { agencyOri: OTHER }).allowed).toBe(true);
    expect(authorizeGlobal(who('court-clerk'), 'users.manage', { agencyOri: COURT }).allowed).toBe(false);
  });

  it('the DOJ queues need CLETS certification', () => {
    expect(authorizeGlobal(who('court-clerk'), 'doj.queue.read').allowed).toBe(false);
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.queue.read').allowed).toBe(true);
  });

  it('acting on the DOJ queues needs CLETS certification and the submitting agency', () => {
    expect(authorizeGlobal(who('court-clerk'), 'doj.queue.manage', { agencyOri: COURT })).toMatchObject({ allowed: false, code: 'CLETS_CERTIFICATION_REQUIRED' });
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.queue.manage', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.queue.manage', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('query-only', COURT, true), 'doj.queue.manage', { agencyOri: COURT })).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeGlobal(who('state-admin', COURT, true), 'doj.queue.manage', { agencyOri: OTHER }).allowed).toBe(true);
  });

  it('a CARPOS query and a reconciliation report need CLETS certification, whatever the role', () => {
    for (const role of ROLES) {
      for (const action of ['doj.query', 'doj.reconciliation.read'] as const) {
        expect(authorizeGlobal(who(role, COURT, true), action).allowed).toBe(true);
        expect(authorizeGlobal(who(role, COURT, false), action)).toMatchObject({ allowed: false, code: 'CLETS_CERTIFICATION_REQUIRED' });
      }
    }
  });

  it('a court’s staff reconcile their own court; only a state administrator reconciles the state', () => {
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.reconcile', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('local-admin', COURT, true), 'doj.reconcile', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('court-clerk', COURT, false), 'doj.reconcile', { agencyOri: COURT })).toMatchObject({ allowed: false, code: 'CLETS_CERTIFICATION_REQUIRED' });
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.reconcile', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('court-clerk', COURT, true), 'doj.reconcile')).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeGlobal(who('query-only', COURT, true), 'doj.reconcile', { agencyOri: COURT })).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeGlobal(who('state-admin', COURT, true), 'doj.reconcile').allowed).toBe(true);
    expect(authorizeGlobal(who('state-admin', COURT, true), 'doj.reconcile', { agencyOri: OTHER }).allowed).toBe(true);
  });

  it('audit and agency administration are for state administrators', () =>
    (['audit.replay', 'audit.verify', 'agencies.manage', 'projections.manage'] as const).forEach((a) =>
      ROLES.forEach((r) => expect(authorizeGlobal(who(r), a).allowed).toBe(r === 'state-admin')),
    ));

  it('integrations: an agency’s API key and its administrators, own agency only', () => {
    const key: Principal = { userId: 'api-key:k1', agencyOri: COURT, roles: ['query-only'], cletsCertified: false, kind: 'api-key' };
    expect(authorizeGlobal(key, 'integrations.feed.read', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(key, 'integrations.manage', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('local-admin'), 'integrations.manage', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('court-clerk'), 'integrations.feed.read')).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeGlobal(who('state-admin'), 'integrations.manage', { agencyOri: OTHER }).allowed).toBe(true);
  });
  it('notifications: administrators, own agency unless state', () => {
    expect(authorizeGlobal(who('local-admin'), 'notifications.manage', { agencyOri: COURT }).allowed).toBe(true);
    expect(authorizeGlobal(who('local-admin'), 'notifications.log.read', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('supervisor'), 'notifications.log.read')).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeGlobal(who('state-admin'), 'notifications.manage', { agencyOri: OTHER }).allowed).toBe(true);
  });
  it('the access report: state administrators, and local administrators for their own agency', () => {
    ROLES.forEach((r) => expect(authorizeGlobal(who(r), 'reports.access.read').allowed).toBe(r === 'state-admin' || r === 'local-admin'));
    expect(authorizeGlobal(who('local-admin'), 'reports.access.read', { agencyOri: OTHER })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
    expect(authorizeGlobal(who('state-admin'), 'reports.access.read', { agencyOri: OTHER }).allowed).toBe(true);
  });
  it('names a rule for every decision', () => GLOBAL_ACTIONS.forEach((a) => ROLES.forEach((r) => expect(authorizeGlobal(who(r), a).rule).not.toBe(''))));
});

describe('redaction', () => {
  const details = {
    protectedPersons: [
      { name: { last: 'RIVERA', first: 'ANA' }, dateOfBirth: '1990-02-03', confidential: true, minor: false },
      { name: { last: 'RIVERA', first: 'LUCAS' }, dateOfBirth: '2017-05-01', confidential: false, minor: true },
      { name: { last: 'ROE', first: 'SAM' }, confidential: false, minor: false },
    ],
  } as never;

  it('hides confidential and minor protected persons from other agencies', () => {
    const r = redactDetails(details, who('query-only', OTHER), { ownerAgencyOri: COURT, sealed: false });
    expect(r.redacted).toEqual(['protectedPersons.0', 'protectedPersons.1']);
    expect(JSON.stringify(r.value)).not.toContain('1990-02-03');
    expect(JSON.stringify(r.value)).not.toContain('LUCAS');
    expect(JSON.stringify(r.value)).toContain('ROE');
  });

  it('shows them to the order’s own and assigned agencies’ data-entry staff, supervisors of other agencies included in the hiding', () => {
    expect(redactDetails(details, who('court-clerk'), { ownerAgencyOri: COURT, sealed: false }).redacted).toEqual([]);
    expect(redactDetails(details, who('lea-data-entry', SHERIFF), { ownerAgencyOri: COURT, assignedAgencies: [SHERIFF], sealed: false }).redacted).toEqual([]);
    expect(redactDetails(details, who('supervisor'), { ownerAgencyOri: COURT, sealed: false }).redacted).toEqual([]);
    expect(redactDetails(details, who('supervisor', OTHER), { ownerAgencyOri: COURT, sealed: false }).redacted).toEqual(['protectedPersons.0', 'protectedPersons.1']);
  });

  it('hides a person petitioner with the protected persons it would point at; an organization stays', () => {
    const withPetitioner = { ...(details as object), petitioner: { kind: 'person', name: { last: 'RIVERA', first: 'ANA' } } } as never;
    const r = redactDetails(withPetitioner, who('query-only', OTHER), { ownerAgencyOri: COURT, sealed: false });
    expect(r.redacted).toEqual(['protectedPersons.0', 'protectedPersons.1', 'petitioner']);
    expect(JSON.stringify(r.value)).not.toContain('RIVERA');
    const byEmployer = { ...(details as object), petitioner: { kind: 'organization', name: 'ACME WAREHOUSE' } } as never;
    expect(JSON.stringify(redactDetails(byEmployer, who('query-only', OTHER), { ownerAgencyOri: COURT, sealed: false }).value)).toContain('ACME WAREHOUSE');
    const nobodyHidden = { protectedPersons: [{ name: { last: 'ROE', first: 'SAM' }, confidential: false, minor: false }], petitioner: { kind: 'person', name: { last: 'ROE', first: 'SAM' } } } as never;
    expect(redactDetails(nobodyHidden, who('query-only', OTHER), { ownerAgencyOri: COURT, sealed: false }).redacted).toEqual([]);
  });

  it('hides DOJ data from users who are not CLETS-certified', () => {
    expect(redactDoj({ fcn: '2321234567890' }, who('supervisor')).value).toBeUndefined();
    expect(redactDoj({ fcn: '2321234567890' }, who('court-clerk', COURT, true)).value).toEqual({ fcn: '2321234567890' });
  });
});
