import * as E from 'fp-ts/Either';
import type { Role } from '@ccpor/domain';
import { userStream } from '../../identity/identity-events';
import type { User } from '../../identity/identity-view';
import { accountToChange, checkRoles, userAfterWrite, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface ChangeRolesRequest {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
}

/** Change another user's roles and CLETS certification (roles added within the caller's reach; never their own: the policy, ADR 0035). */
export const changeRoles = async <R>(deps: IdentityDeps<R>, request: ChangeRolesRequest): Promise<IdentityOutcome<R, User>> => {
  const roles = checkRoles(request.roles);
  if (E.isLeft(roles)) return roles;
  const user = accountToChange(deps, request.username, { kind: 'roles', roles: roles.right, cletsCertified: request.cletsCertified });
  if (E.isLeft(user)) return user;
  const written = await deps.identity.write(userStream(user.right.username), [{ type: 'UserRolesChanged', data: { roles: roles.right, cletsCertified: request.cletsCertified } }], user.right.version, deps.access.actor);
  return E.map(() => userAfterWrite(deps.identity, user.right.username))(written);
};
