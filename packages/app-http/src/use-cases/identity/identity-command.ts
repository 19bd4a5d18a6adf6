import * as E from 'fp-ts/Either';
import { decodeWith, RoleSet, type AccountChange, type DomainError, type Role } from '@ccpor/domain';
import type { Agency, User } from '../../identity/identity-view';
import type { IdentityAccess } from './identity-access';
import type { CarposSubmitterError } from './carpos-submitter';
import type { IdentityRecords, IdentityWriteRefusal } from './identity-records';

/** Why an identity command was not written. `R` is the caller's own refusal, as its {@link IdentityAccess} gives it. */
export type IdentityCommandError<R> =
  | { readonly kind: 'refused'; readonly reason: R }
  /** Input that does not hold to the events' rules (a request the route decoded never has it; the command line's may). */
  | { readonly kind: 'invalid'; readonly error: DomainError }
  | { readonly kind: 'agency-not-found'; readonly ori: string }
  /** No such user; another agency's the caller may not administer is refused by the policy, concealed as this. */
  | { readonly kind: 'user-not-found' }
  | { readonly kind: 'api-key-not-found' }
  | { readonly kind: 'cannot-disable-self' }
  | CarposSubmitterError
  | IdentityWriteRefusal;

export type IdentityOutcome<R, A> = E.Either<IdentityCommandError<R>, A>;

/** What every identity use case needs: the caller's access decisions and the records. */
export interface IdentityDeps<R> {
  readonly access: IdentityAccess<R>;
  readonly identity: IdentityRecords;
}

export const refused = <R>(reason: R): IdentityCommandError<R> => ({ kind: 'refused', reason });

/** Asks the access port; a denial becomes the command's refusal. */
export const authorized = <R>(decision: E.Either<R, void>): E.Either<IdentityCommandError<R>, void> => E.mapLeft(refused<R>)(decision);

/** Roles each given once, one to six: what every way in (API, command line) must hold to. */
export const checkRoles = (roles: readonly Role[]): E.Either<IdentityCommandError<never>, Role[]> =>
  E.mapLeft((e: DomainError): IdentityCommandError<never> => ({ kind: 'invalid', error: { ...e, field: 'roles', message: `roles: ${e.message}` } }))(decodeWith(RoleSet)(roles));

export const agencyNamed = (identity: IdentityRecords, ori: string): E.Either<IdentityCommandError<never>, Agency> => {
  const a = identity.view.agencies.get(ori);
  return a ? E.right(a) : E.left({ kind: 'agency-not-found', ori });
};

/**
 * An existing account and the policy's decision on changing it (ADR 0035). Who may administer
 * users at all is asked first, so someone without the role learns nothing either way; a user of
 * another agency is then answered exactly as a user that does not exist.
 */
export const accountToChange = <R>(deps: IdentityDeps<R>, username: string, change: AccountChange): E.Either<IdentityCommandError<R>, User> => {
  const may = authorized(deps.access.administer('users.manage'));
  if (E.isLeft(may)) return may;
  const u = deps.identity.view.users.get(username);
  if (u === undefined) return E.left({ kind: 'user-not-found' });
  const decided = authorized(deps.access.account({ userId: u.username, agencyOri: u.agencyOri, roles: u.roles, cletsCertified: u.cletsCertified }, change, u.username));
  return E.isLeft(decided) ? decided : E.right(u);
};

/** The user as the view has them after a write (the write waited for the view). */
export const userAfterWrite = (identity: IdentityRecords, username: string): User => identity.view.users.get(username)!;
