import * as E from 'fp-ts/Either';
import type { LoginFailures } from '@ccpor/domain';
import { hashPassword, oneTimePassword } from '../../auth/passwords';
import { userStream } from '../../identity/identity-events';
import { accountToChange, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface ResetPasswordDeps<R> extends IdentityDeps<R> {
  /** Failed sign-ins in a row, shared by every process (ADR 0060): a reset starts the count again. */
  readonly logins: Pick<LoginFailures, 'reset'>;
}

export interface ResetPasswordRequest {
  readonly username: string;
}

export interface PasswordReset {
  readonly username: string;
  /** Shown once: the user must change it at their next sign-in. */
  readonly oneTimePassword: string;
}

/** Reset a user's password to a one-time one (their whole account must be within the caller's reach); their sessions end. */
export const resetPassword = async <R>(deps: ResetPasswordDeps<R>, request: ResetPasswordRequest): Promise<IdentityOutcome<R, PasswordReset>> => {
  const user = accountToChange(deps, request.username, { kind: 'password-reset' });
  if (E.isLeft(user)) return user;
  const password = oneTimePassword();
  const written = await deps.identity.write(userStream(user.right.username), [{ type: 'UserPasswordSet', data: { passwordHash: await hashPassword(password), mustChange: true } }], user.right.version, deps.access.actor);
  if (E.isLeft(written)) return written;
  await deps.logins.reset(user.right.username);
  return E.right({ username: user.right.username, oneTimePassword: password });
};
