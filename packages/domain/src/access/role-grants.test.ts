import * as E from 'fp-ts/Either';
import { authorizeAccountChange, authorizeRoleGrant, grantableRoles } from './role-grants';
import { RoleSet, ROLES, type Principal, type Role } from './roles';

const COURT = 'CA019015J';
const OTHER = 'CA030015J';
const who = (roles: Role[], agencyOri = COURT, userId = `u-${roles.join('+')}`): Principal => ({ userId, agencyOri, roles, cletsCertified: false, kind: 'user' });
const account = (roles: Role[], cletsCertified = false, agencyOri = COURT, userId = 'target') => ({ userId, agencyOri, roles, cletsCertified });

describe('role grants', () => {
  it('a state administrator grants any role and CLETS certification in any agency', () => {
    ROLES.forEach((r) => expect(authorizeRoleGrant(who(['state-admin']), [r], OTHER, true).allowed).toBe(true));
  });

  it('a local administrator grants only roles they hold (and query-only), in their own agency', () => {
    const la = who(['local-admin']);
    expect(authorizeRoleGrant(la, ['local-admin', 'query-only'], COURT).allowed).toBe(true);
    expect(authorizeRoleGrant(la, ['court-clerk'], COURT)).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeRoleGrant(who(['local-admin', 'court-clerk']), ['court-clerk'], COURT).allowed).toBe(true);
    expect(authorizeRoleGrant(la, ['local-admin'], OTHER)).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY', conceal: true });
  });

  it('supervisor, state administrator and CLETS certification are a state administrator’s to give, even by one who holds them', () => {
    const la = who(['local-admin', 'supervisor', 'court-clerk']);
    expect(authorizeRoleGrant(la, ['supervisor'], COURT)).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeRoleGrant(la, ['state-admin'], COURT)).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeRoleGrant({ ...la, cletsCertified: true }, ['court-clerk'], COURT, true)).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(grantableRoles(la)).toEqual(new Set(['query-only', 'local-admin', 'court-clerk']));
  });

  it('nobody else grants roles', () =>
    ROLES.filter((r) => r !== 'state-admin' && r !== 'local-admin').forEach((r) =>
      expect(authorizeRoleGrant(who([r]), ['query-only'], COURT)).toMatchObject({ allowed: false, code: 'ROLE_NOT_PERMITTED' }),
    ));
});

describe('changes to an account', () => {
  const la = who(['local-admin', 'court-clerk'], COURT, 'la');
  it('nobody changes their own roles, a state administrator included (the reproduction: a local administrator making themselves supervisor)', () => {
    expect(authorizeAccountChange(la, account(['local-admin', 'court-clerk'], false, COURT, 'la'), { kind: 'roles', roles: ['local-admin', 'supervisor'], cletsCertified: true })).toMatchObject({
      allowed: false,
      code: 'OWN_ACCOUNT',
    });
    const sa = who(['state-admin'], 'CASTATE00', 'sa');
    expect(authorizeAccountChange(sa, account(['state-admin'], false, 'CASTATE00', 'sa'), { kind: 'roles', roles: ['state-admin', 'supervisor'], cletsCertified: false })).toMatchObject({
      allowed: false,
      code: 'OWN_ACCOUNT',
    });
  });

  it('roles added to someone else must be within reach; keeping or removing what they have is not a grant', () => {
    expect(authorizeAccountChange(la, account(['query-only']), { kind: 'roles', roles: ['court-clerk'], cletsCertified: false }).allowed).toBe(true);
    expect(authorizeAccountChange(la, account(['query-only']), { kind: 'roles', roles: ['supervisor'], cletsCertified: false })).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeAccountChange(la, account(['court-clerk']), { kind: 'roles', roles: ['court-clerk'], cletsCertified: true })).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeAccountChange(la, account(['supervisor', 'court-clerk'], true), { kind: 'roles', roles: ['supervisor'], cletsCertified: true }).allowed).toBe(true);
    expect(authorizeAccountChange(la, account(['supervisor'], true), { kind: 'roles', roles: ['query-only'], cletsCertified: false }).allowed).toBe(true);
  });

  it('a password reset hands over the account: all of it must be within reach', () => {
    expect(authorizeAccountChange(la, account(['court-clerk']), { kind: 'password-reset' }).allowed).toBe(true);
    expect(authorizeAccountChange(la, account(['court-clerk'], true), { kind: 'password-reset' })).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeAccountChange(la, account(['supervisor']), { kind: 'password-reset' })).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeAccountChange(who(['state-admin']), account(['supervisor'], true), { kind: 'password-reset' }).allowed).toBe(true);
  });

  it('another agency’s account is answered as unknown; a state administrator’s account is for state administrators', () => {
    expect(authorizeAccountChange(la, account(['court-clerk'], false, OTHER), { kind: 'password-reset' })).toMatchObject({ allowed: false, code: 'NOT_YOUR_AGENCY', conceal: true });
    expect(authorizeAccountChange(la, account(['state-admin']), { kind: 'disable' })).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_REACH' });
    expect(authorizeAccountChange(la, account(['supervisor'], true), { kind: 'disable' }).allowed).toBe(true);
  });
});

describe('RoleSet', () => {
  it('refuses a role given twice, and empty or overlong lists', () => {
    expect(E.isRight(RoleSet.decode(['court-clerk', 'local-admin']))).toBe(true);
    expect(E.isLeft(RoleSet.decode(['court-clerk', 'court-clerk']))).toBe(true);
    expect(E.isLeft(RoleSet.decode([]))).toBe(true);
    expect(E.isLeft(RoleSet.decode(['nobody']))).toBe(true);
  });
});
