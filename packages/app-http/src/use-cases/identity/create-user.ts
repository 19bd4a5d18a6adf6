import * as E from 'fp-ts/Either';
import { hashPassword, oneTimePassword } from '../../auth/passwords';
import { userStream, type IdentityEventData } from '../../identity/identity-events';
import type { User } from '../../identity/identity-view';
import { agencyNamed, authorized, checkRoles, userAfterWrite, type IdentityDeps, type IdentityOutcome } from './identity-command';

export type CreateUserRequest = IdentityEventData<'UserCreated'>;

export interface CreatedUser {
  readonly user: User;
  /** Shown once: the user must change it at first sign-in. */
  readonly oneTimePassword: string;
}

/** Create a user within the caller's reach (ADR 0035), with a one-time password they must change at first sign-in. */
export const createUser = async <R>(deps: IdentityDeps<R>, request: CreateUserRequest): Promise<IdentityOutcome<R, CreatedUser>> => {
  const may = authorized(deps.access.account({ agencyOri: request.agencyOri }, { kind: 'create', roles: request.roles, cletsCertified: request.cletsCertified }));
  if (E.isLeft(may)) return may;
  const agency = agencyNamed(deps.identity, request.agencyOri);
  if (E.isLeft(agency)) return agency;
  const roles = checkRoles(request.roles);
  if (E.isLeft(roles)) return roles;
  const password = oneTimePassword();
  const written = await deps.identity.write(
    userStream(request.username),
    [
      { type: 'UserCreated', data: request },
      { type: 'UserPasswordSet', data: { passwordHash: await hashPassword(password), mustChange: true } },
    ],
    0,
    deps.access.actor,
  );
  return E.map(() => ({ user: userAfterWrite(deps.identity, request.username), oneTimePassword: password }))(written);
};
