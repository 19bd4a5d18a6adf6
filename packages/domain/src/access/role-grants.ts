import { allow, authorizeGlobal, deny, has, type AccessDecision } from './policy';
import { ROLES, type Principal, type Role } from './roles';

const RULE = 'role grants: no one grants what they do not hold or changes their own roles; supervisor, state administrator and CLETS certification by a state administrator (ADR 0035)';

/** Roles only a state administrator gives: the ones that open sealed orders or the whole registry. */
const STATE_ADMIN_GRANTS: ReadonlySet<Role> = new Set(['supervisor', 'state-admin']);

/**
 * The roles `p` may give. A state administrator sets accounts up for every agency (as the
 * Judicial Council's staff do for CCPOR, our reading [I] of the CCPOR Court Planning Guide;
 * docs/ccpor-programme.md): every role. A local
 * administrator gives only roles they hold themselves, never supervisor or state administrator,
 * and query-only, whose powers every role has. A user who gives a role can sign in as the user
 * they create (the one-time password comes back to them), so anything wider would be an escalation.
 */
export const grantableRoles = (p: Principal): ReadonlySet<Role> => {
  if (has(p, 'state-admin')) return new Set(ROLES);
  if (!has(p, 'local-admin')) return new Set();
  return new Set<Role>(['query-only', ...p.roles.filter((r) => !STATE_ADMIN_GRANTS.has(r))]);
};

/** CLETS certification is given by a state administrator, on the sheriff's word (certification is arranged through the local sheriff; docs/ccpor-programme.md). */
export const mayCertify = (p: Principal): boolean => has(p, 'state-admin');

/** The user (or key) an administrator acts on, as the policy needs to know them. */
export interface AccountFacts {
  readonly userId: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
}

export type AccountChange =
  /** A new user or API key with these roles. */
  | { readonly kind: 'create'; readonly roles: readonly Role[]; readonly cletsCertified: boolean }
  /** New roles and certification for an existing user. */
  | { readonly kind: 'roles'; readonly roles: readonly Role[]; readonly cletsCertified: boolean }
  /** A one-time password, which the administrator receives. */
  | { readonly kind: 'password-reset' }
  | { readonly kind: 'disable' }
  | { readonly kind: 'enable' };

const beyond = (what: string): AccessDecision => deny('BEYOND_YOUR_REACH', `${what} is given only by a state administrator, or by a local administrator who holds it.`, RULE);

const outOfReach = (p: Principal, roles: readonly Role[], certified: boolean): AccessDecision | undefined => {
  const grantable = grantableRoles(p);
  const missing = roles.find((r) => !grantable.has(r));
  if (missing !== undefined) return STATE_ADMIN_GRANTS.has(missing) ? deny('BEYOND_YOUR_REACH', `Only a state administrator makes someone a ${missing}.`, RULE) : beyond(`The role ${missing}`);
  if (certified && !mayCertify(p)) return deny('BEYOND_YOUR_REACH', 'Only a state administrator records CLETS certification.', RULE);
  return undefined;
};

/**
 * Who may create, change, reset, disable or enable an account (ADR 0035):
 * - administration is agency-scoped (`users.manage`): a state administrator anywhere, a local
 *   administrator in their own agency, and another agency's account is answered as unknown;
 * - nobody changes their own roles or certification;
 * - a new account, or roles added to one, only within what the administrator may give;
 * - a password reset hands the administrator a way into the account, so the whole account must be
 *   within their reach; disabling and enabling give nothing, but a state administrator's account
 *   is for state administrators alone.
 */
export const authorizeAccountChange = (p: Principal, target: AccountFacts | { readonly agencyOri: string }, change: AccountChange): AccessDecision => {
  const scope = authorizeGlobal(p, 'users.manage', { agencyOri: target.agencyOri });
  if (!scope.allowed) return scope;
  if (change.kind === 'create') return outOfReach(p, change.roles, change.cletsCertified) ?? allow(RULE);
  const account = target as AccountFacts;
  if (account.roles.includes('state-admin') && !has(p, 'state-admin')) return deny('BEYOND_YOUR_REACH', 'Only a state administrator acts on a state administrator’s account.', RULE);
  switch (change.kind) {
    case 'roles': {
      if (account.userId === p.userId) return deny('OWN_ACCOUNT', 'Nobody changes their own roles or certification; ask another administrator.', RULE);
      const added = change.roles.filter((r) => !account.roles.includes(r));
      return outOfReach(p, added, change.cletsCertified && !account.cletsCertified) ?? allow(RULE);
    }
    case 'password-reset':
      // One's own account gives nothing new; anyone else's must be within reach.
      return account.userId === p.userId ? allow(RULE) : (outOfReach(p, account.roles, account.cletsCertified) ?? allow(RULE));
    case 'disable':
    case 'enable':
      return allow(RULE);
  }
};

/** Roles for a new user or API key in `targetAgencyOri` (kept for callers that only create). */
export const authorizeRoleGrant = (p: Principal, roles: readonly Role[], targetAgencyOri: string, cletsCertified = false): AccessDecision =>
  authorizeAccountChange(p, { agencyOri: targetAgencyOri }, { kind: 'create', roles, cletsCertified });
