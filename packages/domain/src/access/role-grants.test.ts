import { authorizeRoleGrant } from './role-grants';
import { ROLES, type Principal, type Role } from './roles';

const who = (role: Role, agencyOri = 'CA019015J'): Principal => ({ userId: `u-${role}`, agencyOri, roles: [role], cletsCertified: false, kind: 'user' });

describe('role grants', () => {
  it('a state administrator grants any role in any agency', () =>
    ROLES.forEach((r) => expect(authorizeRoleGrant(who('state-admin'), [r], 'CA030015J').allowed).toBe(true)));

  it('a local administrator grants roles below state level in their own agency only', () => {
    expect(authorizeRoleGrant(who('local-admin'), ['court-clerk', 'local-admin'], 'CA019015J').allowed).toBe(true);
    expect(authorizeRoleGrant(who('local-admin'), ['state-admin'], 'CA019015J')).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' });
    expect(authorizeRoleGrant(who('local-admin'), ['court-clerk'], 'CA030015J')).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY' });
  });

  it('nobody else grants roles', () =>
    ROLES.filter((r) => r !== 'state-admin' && r !== 'local-admin').forEach((r) => expect(authorizeRoleGrant(who(r), ['query-only'], 'CA019015J').allowed).toBe(false)));
});
