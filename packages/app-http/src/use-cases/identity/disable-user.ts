import * as E from 'fp-ts/Either';
import { userStream } from '../../identity/identity-events';
import type { User } from '../../identity/identity-view';
import { accountToChange, userAfterWrite, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface DisableUserRequest {
  readonly username: string;
  readonly reason?: string | undefined;
}

/** Disable a user: their sessions end for good (enabling them again does not bring the sessions back). Nobody disables their own account. */
export const disableUser = async <R>(deps: IdentityDeps<R>, request: DisableUserRequest): Promise<IdentityOutcome<R, User>> => {
  const user = accountToChange(deps, request.username, { kind: 'disable' });
  if (E.isLeft(user)) return user;
  if (user.right.username === deps.access.actor.userId) return E.left({ kind: 'cannot-disable-self' });
  const written = await deps.identity.write(userStream(user.right.username), [{ type: 'UserDisabled', data: request.reason ? { reason: request.reason } : {} }], user.right.version, deps.access.actor);
  return E.map(() => userAfterWrite(deps.identity, user.right.username))(written);
};
