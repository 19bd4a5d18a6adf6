import * as E from 'fp-ts/Either';
import { userStream } from '../../identity/identity-events';
import type { User } from '../../identity/identity-view';
import { accountToChange, userAfterWrite, type IdentityOutcome } from './identity-command';
import type { ResetPasswordDeps } from './reset-password';

export interface EnableUserRequest {
  readonly username: string;
}

/** Enable a disabled or locked-out user: they sign in again, with the count of failed sign-ins started again. */
export const enableUser = async <R>(deps: ResetPasswordDeps<R>, request: EnableUserRequest): Promise<IdentityOutcome<R, User>> => {
  const user = accountToChange(deps, request.username, { kind: 'enable' });
  if (E.isLeft(user)) return user;
  const written = await deps.identity.write(userStream(user.right.username), [{ type: 'UserEnabled', data: {} }], user.right.version, deps.access.actor);
  if (E.isLeft(written)) return written;
  await deps.logins.reset(user.right.username);
  return E.right(userAfterWrite(deps.identity, user.right.username));
};
