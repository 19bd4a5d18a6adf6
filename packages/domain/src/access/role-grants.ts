import type { AccessDecision } from './policy';
import type { Principal, Role } from './roles';

/**
 * Who may give which roles (and so create users or API keys holding them). Without this rule a
 * local administrator could create a state administrator in their own agency and escalate.
 * A state administrator grants any role in any agency; a local administrator grants any role but
 * state administrator, in their own agency only.
 */
export const authorizeRoleGrant = (p: Principal, roles: readonly Role[], targetAgencyOri: string): AccessDecision => {
  const rule = 'role grants: state administrators any; local administrators below state level, own agency';
  if (p.roles.includes('state-admin')) return { allowed: true, rule };
  if (!p.roles.includes('local-admin')) return { allowed: false, code: 'ROLE_NOT_PERMITTED', reason: 'Only administrators give roles.', rule };
  if (targetAgencyOri !== p.agencyOri) return { allowed: false, code: 'NOT_YOUR_AGENCY', reason: 'A local administrator manages only their own agency.', rule };
  if (roles.includes('state-admin')) return { allowed: false, code: 'ROLE_NOT_PERMITTED', reason: 'Only a state administrator may make someone a state administrator.', rule };
  return { allowed: true, rule };
};
