import * as E from 'fp-ts/Either';
import { InMemoryEventStore } from '@ccpor/adapters';
import { authorizeAccountChange, authorizeGlobal, type AccessDecision, type Ori, type Principal } from '@ccpor/domain';
import { FixedClock, SequentialIds } from '@ccpor/test-kit';
import { IdentityReadModel } from '../../identity/identity-read-model';
import { IdentityService } from '../../identity/identity-service';
import { createUser } from './create-user';
import { disableUser } from './disable-user';
import type { IdentityAccess } from './identity-access';
import { issueApiKey } from './issue-api-key';
import { operatorAccess } from './operator-access';
import { registerAgency } from './register-agency';
import { revokeApiKey } from './revoke-api-key';

/**
 * The identity use cases called as the command line would: no express, a decoded request, and an
 * access port. With a port that asks the domain policy, a refusal is a value and nothing is
 * written; the operator's port asks nothing (ADR 0081).
 */
const COURT = 'CA019015J' as Ori;
const OTHER = 'CA037015J' as Ori;
const operator = operatorAccess({ userId: 'cli:test', agencyOri: 'CASTATE00', roles: ['state-admin'], kind: 'system' });

/** The policy's decisions for `p`, kept in `asked`; a denial is its code, or 'concealed' where the policy hides the record. */
const policyAccess = (p: Principal, asked: string[]): IdentityAccess<string> => {
  const answer = (action: string, d: AccessDecision) => {
    asked.push(`${action} ${d.allowed ? 'allowed' : 'denied'}`);
    return d.allowed ? E.right(undefined) : E.left(d.conceal === true ? 'concealed' : d.code);
  };
  return {
    actor: { userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind },
    administer: (action, scope) => answer(action, authorizeGlobal(p, action, scope)),
    account: (target, change) => answer(`account.${change.kind}`, authorizeAccountChange(p, target, change)),
  };
};

const setup = async () => {
  const store = new InMemoryEventStore();
  const view = new IdentityReadModel(store);
  await view.start();
  const identity = new IdentityService(store, view, new FixedClock('2026-03-05T20:00:00.000Z'), new SequentialIds(), { maxFailures: 5, minutes: 15 });
  const deps = (access: IdentityAccess<unknown>) => ({ access, identity, ids: new SequentialIds(), logins: identity.logins });
  for (const [ori, county] of [
    [COURT, '19'],
    [OTHER, '37'],
  ] as const) {
    expect(E.isRight(await registerAgency(deps(operator), { ori, name: `Court ${ori}`, kind: 'superior-court', county, carpos: { enabled: false } }))).toBe(true);
  }
  for (const [username, agencyOri] of [
    ['orange.clerk', OTHER],
    ['court.admin', COURT],
  ] as const) {
    const created = await createUser(deps(operator), { username, displayName: username, agencyOri, roles: [username === 'court.admin' ? 'local-admin' : 'court-clerk'], cletsCertified: false });
    expect(E.isRight(created)).toBe(true);
  }
  const admin: Principal = { userId: 'court.admin', agencyOri: COURT, roles: ['local-admin'], cletsCertified: false, kind: 'user' };
  return { identity, deps, admin };
};

describe('identity use cases', () => {
  it('refuses a local administrator another agency’s account as the policy says (concealed), and writes nothing', async () => {
    const { identity, deps, admin } = await setup();
    const asked: string[] = [];
    const before = identity.view.users.get('orange.clerk')!;
    const r = await disableUser(deps(policyAccess(admin, asked)), { username: 'orange.clerk', reason: 'left' });
    expect(r).toEqual(E.left({ kind: 'refused', reason: 'concealed' }));
    expect(asked).toEqual(['users.manage allowed', 'account.disable denied']);
    expect(identity.view.users.get('orange.clerk')).toEqual(before);
  });

  it('asks who may administer first: someone without the role is refused before learning whether the user exists', async () => {
    const { deps } = await setup();
    const clerk: Principal = { userId: 'orange.clerk', agencyOri: OTHER, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
    const asked: string[] = [];
    const r = await disableUser(deps(policyAccess(clerk, asked)), { username: 'nobody.here' });
    expect(E.isLeft(r) && r.left.kind).toBe('refused');
    expect(asked).toEqual(['users.manage denied']);
  });

  it('does not let an administrator disable their own account', async () => {
    const { identity, deps, admin } = await setup();
    const r = await disableUser(deps(policyAccess(admin, [])), { username: 'court.admin' });
    expect(r).toEqual(E.left({ kind: 'cannot-disable-self' }));
    expect(identity.view.users.get('court.admin')!.disabled).toBe(false);
  });

  it('issues a key for the caller’s own agency when none is named, and answers an unknown key as not found', async () => {
    const { deps, admin } = await setup();
    const issued = await issueApiKey(deps(policyAccess(admin, [])), { label: 'cms', roles: ['query-only'] });
    expect(issued).toEqual(E.right(expect.objectContaining({ key: expect.objectContaining({ agencyOri: COURT }) })));
    expect(await revokeApiKey(deps(policyAccess(admin, [])), { keyId: 'no-such-key' })).toEqual(E.left({ kind: 'api-key-not-found' }));
  });

  it('answers a second registration of an ORI as already existing, for the operator too', async () => {
    const { deps } = await setup();
    const again = await registerAgency(deps(operator), { ori: COURT, name: 'Again', kind: 'superior-court', county: '19', carpos: { enabled: false } });
    expect(again).toEqual(E.left({ kind: 'already-exists', stream: `agency-${COURT}` }));
  });
});
