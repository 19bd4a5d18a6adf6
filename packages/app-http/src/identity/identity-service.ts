import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { memorySharedState } from '@ccpor/adapters';
import { correlate, decodeWith, expectAny, expectExact, expectNoStream, toNewEvents, type Actor, type Clock, type EventStore, type IdGenerator, type LoginFailures, type Role, type SessionRevocations } from '@ccpor/domain';
import { acceptablePassword, hashPassword, PASSWORD_RULE } from '../auth/passwords';
import { fromDomainError, NO_SUCH, Problem } from '../http/problem';
import { changeRoles } from '../use-cases/identity/change-roles';
import { createUser, type CreatedUser } from '../use-cases/identity/create-user';
import { disableUser } from '../use-cases/identity/disable-user';
import { enableUser } from '../use-cases/identity/enable-user';
import type { IdentityCommandError } from '../use-cases/identity/identity-command';
import type { IdentityWriteRefusal } from '../use-cases/identity/identity-records';
import { issueApiKey, type IssueApiKeyDeps, type IssuedApiKey } from '../use-cases/identity/issue-api-key';
import { operatorAccess } from '../use-cases/identity/operator-access';
import { registerAgency } from '../use-cases/identity/register-agency';
import { resetPassword, type ResetPasswordDeps } from '../use-cases/identity/reset-password';
import { revokeApiKey } from '../use-cases/identity/revoke-api-key';
import { updateAgency } from '../use-cases/identity/update-agency';
import { identityCommandProblem } from './identity-command-problem';
import { agencyStream, IDENTITY_EVENTS, userStream, type IdentityEvent } from './identity-events';
import type { IdentityReadModel } from './identity-read-model';
import type { Agency, ApiKey, User } from './identity-view';

/** The registry's own agency, holding the bootstrap state administrator. */
export const STATE_AGENCY = { ori: 'CASTATE00', name: 'CCPOR State Administration', kind: 'other-lea', county: '34', carpos: { enabled: false } } as const;

export const SYSTEM_ACTOR: Actor = { userId: 'system', agencyOri: STATE_AGENCY.ori, roles: [], kind: 'system' };

const decode = <C extends t.Mixed>(codec: C, input: unknown): t.TypeOf<C> => {
  const r = decodeWith(codec)(input);
  if (E.isLeft(r)) throw fromDomainError(r.left);
  return r.right;
};

/** A use case's outcome for the operator, whose access port refuses nothing: a rule not met is thrown as its problem. */
const decided = <A>(outcome: E.Either<IdentityCommandError<never> | IdentityWriteRefusal, A>): A => {
  if (E.isLeft(outcome)) throw identityCommandProblem(outcome.left);
  return outcome.right;
};

/**
 * Writes to agency, user and API-key streams. Each write waits until the read model has applied
 * it, so the next request sees the change (a login right after a password reset works).
 */
export class IdentityService {
  constructor(
    private readonly store: EventStore,
    private readonly readModel: IdentityReadModel,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly lockout: { maxFailures: number; minutes: number },
    /**
     * Failed logins in a row and sessions ended early, shared by every process on the database
     * (ADR 0060); this process's memory when none is given (the embedded store, tests).
     */
    private readonly shared: { readonly loginFailures: LoginFailures; readonly sessions: SessionRevocations } = memorySharedState(),
  ) {}

  private nowMs(): number {
    return Date.parse(this.clock.now());
  }

  get view() {
    return this.readModel.identity;
  }

  /** When the identity view last proved it was current (wall-clock ms; identity-read-model.ts). */
  get viewFreshAt(): number {
    return this.readModel.freshAt;
  }

  /**
   * Appends to an identity stream and waits until the read model has applied it (the use cases'
   * writer). `expectedVersion`: the stream's version as read (0: a new stream), or 'any' for an
   * event whose order against others does not matter (a sign-out, a lockout).
   */
  async write(streamId: string, events: readonly IdentityEvent[], expectedVersion: number | 'any', actor: Actor): Promise<E.Either<IdentityWriteRefusal, number>> {
    const at = this.clock.now();
    const ctx = correlate({ actor }, this.ids);
    const r = await this.store.append(
      streamId,
      toNewEvents(
        events.map((e) => ({ type: e.type, schemaVersion: 1, data: IDENTITY_EVENTS[e.type].encode(e.data as never) })),
        ctx,
        this.ids,
        at,
      ),
      expectedVersion === 'any' ? expectAny : expectedVersion === 0 ? expectNoStream : expectExact(expectedVersion),
    );
    if (E.isLeft(r)) return E.left(expectedVersion === 0 ? { kind: 'already-exists', stream: streamId } : { kind: 'concurrent-change' });
    this.readModel.noteWrite(r.right.lastPosition);
    await this.readModel.waitFor(r.right.lastPosition, 10_000);
    return E.right(r.right.nextVersion);
  }

  private async append(streamId: string, events: IdentityEvent[], expectedVersion: number | 'any', actor: Actor): Promise<number> {
    return decided(await this.write(streamId, events, expectedVersion, actor));
  }

  /** Failed sign-ins in a row, shared by every process (the use cases that reset or enable an account start the count again). */
  get logins(): Pick<LoginFailures, 'reset'> {
    return this.shared.loginFailures;
  }

  agency(ori: string): Agency {
    const a = this.view.agencies.get(ori);
    if (!a) throw new Problem(404, 'AGENCY_NOT_FOUND', 'Not found', `No agency with ORI ${ori}.`, { field: 'agencyOri' });
    return a;
  }

  user(username: string): User {
    const u = this.view.users.get(username);
    if (!u) throw NO_SUCH.user();
    return u;
  }

  /**
   * The identity commands as the installation's operator gives them: the use cases (use-cases/identity/)
   * with the operator's access port, for `actor`; a refusal is thrown as its problem. First start,
   * demo seeding and tests write through these; the API and the command line call the use cases.
   */
  private asOperator(actor: Actor): IssueApiKeyDeps<never> & ResetPasswordDeps<never> {
    return { access: operatorAccess(actor), identity: this, ids: this.ids, logins: this.logins };
  }

  async registerAgency(input: unknown, actor: Actor): Promise<Agency> {
    return decided(await registerAgency(this.asOperator(actor), decode(IDENTITY_EVENTS.AgencyRegistered, input)));
  }

  async updateAgency(ori: string, input: unknown, actor: Actor): Promise<Agency> {
    this.agency(ori);
    return decided(await updateAgency(this.asOperator(actor), { ori, changes: decode(IDENTITY_EVENTS.AgencyUpdated, input) }));
  }

  /** Keeps the result of a court's acceptance-testing run on the agency's stream (the readiness page reads it). */
  async recordAcceptanceRun(ori: string, input: unknown, actor: Actor): Promise<Agency> {
    const a = this.agency(ori);
    const data = decode(IDENTITY_EVENTS.AgencyAcceptanceRunRecorded, input);
    await this.append(agencyStream(ori), [{ type: 'AgencyAcceptanceRunRecorded', data }], a.version, actor);
    return this.agency(ori);
  }

  /** Creates a user with a one-time password they must change at first login; returns it once. */
  async createUser(input: unknown, actor: Actor): Promise<CreatedUser> {
    return decided(await createUser(this.asOperator(actor), decode(IDENTITY_EVENTS.UserCreated, input)));
  }

  async resetPassword(username: string, actor: Actor): Promise<string> {
    return decided(await resetPassword(this.asOperator(actor), { username })).oneTimePassword;
  }

  async changePassword(username: string, next: string, actor: Actor): Promise<void> {
    if (!acceptablePassword(next)) throw new Problem(422, 'WEAK_PASSWORD', 'Rule not met', `The new password must be ${PASSWORD_RULE}.`, { field: 'newPassword', rule: PASSWORD_RULE });
    const u = this.user(username);
    await this.append(userStream(username), [{ type: 'UserPasswordSet', data: { passwordHash: await hashPassword(next), mustChange: false } }], u.version, actor);
  }

  async setRoles(username: string, roles: Role[], cletsCertified: boolean, actor: Actor): Promise<User> {
    return decided(await changeRoles(this.asOperator(actor), { username, roles, cletsCertified }));
  }

  async disableUser(username: string, reason: string | undefined, actor: Actor): Promise<User> {
    return decided(await disableUser(this.asOperator(actor), { username, reason }));
  }

  async enableUser(username: string, actor: Actor): Promise<User> {
    return decided(await enableUser(this.asOperator(actor), { username }));
  }

  /**
   * Ends one session for good: recorded on the user's stream, so every process that follows the
   * identity streams refuses it from now on, also after a restart (ADR 0035). It is also written
   * to the shared revocations first, so every process refuses it at once rather than when its
   * view has read the event (ADR 0060).
   */
  async signOut(username: string, sessionId: string, until: string, actor: Actor): Promise<void> {
    this.user(username);
    await this.shared.sessions.revoke(sessionId, Date.parse(until));
    await this.append(userStream(username), [{ type: 'UserSignedOut', data: { sessionId, until } }], 'any', actor);
  }

  isLocked(u: User): boolean {
    return u.lockedUntil !== undefined && Date.parse(u.lockedUntil) > Date.parse(this.clock.now());
  }

  /** Whether a session ended early (a sign-out), in any process. */
  async sessionRevoked(sessionId: string): Promise<boolean> {
    return this.view.sessionEnded(sessionId) || (await this.shared.sessions.isRevoked(sessionId, this.nowMs()));
  }

  /**
   * Counts a failed login; the n-th failure in a row locks the account (recorded on its stream).
   * The count is shared, so failures spread over several processes add up; the shared counter
   * returns each number once, so exactly one process records the lockout.
   */
  async loginFailed(username: string): Promise<void> {
    const u = this.view.users.get(username);
    if (!u) return;
    const n = await this.shared.loginFailures.recordFailure(username, this.nowMs());
    if (n >= this.lockout.maxFailures) {
      await this.shared.loginFailures.reset(username);
      const until = new Date(this.nowMs() + this.lockout.minutes * 60_000).toISOString();
      // 'any': the lockout holds whatever else was written to the user meanwhile (another process's event).
      await this.append(userStream(username), [{ type: 'UserLockedOut', data: { until } }], 'any', SYSTEM_ACTOR);
    }
  }

  async loginSucceeded(username: string): Promise<void> {
    await this.shared.loginFailures.reset(username);
  }

  async issueApiKey(input: { agencyOri: string; label: string; roles: Role[] }, actor: Actor): Promise<IssuedApiKey> {
    return decided(await issueApiKey(this.asOperator(actor), input));
  }

  async revokeApiKey(keyId: string, reason: string | undefined, actor: Actor): Promise<ApiKey> {
    return decided(await revokeApiKey(this.asOperator(actor), { keyId, reason }));
  }

  /**
   * First start: when no state administrator exists, create the state agency and one, with a
   * one-time password the caller prints once. Returns undefined when one already exists.
   */
  async bootstrap(username: string): Promise<{ username: string; password: string } | undefined> {
    if (this.view.hasStateAdmin()) return undefined;
    if (!this.view.agencies.has(STATE_AGENCY.ori)) await this.registerAgency(STATE_AGENCY, SYSTEM_ACTOR);
    const existing = this.view.users.get(username);
    if (existing) {
      // A disabled or demoted bootstrap account: restore it rather than fail to start.
      await this.setRoles(username, ['state-admin'], false, SYSTEM_ACTOR);
      if (existing.disabled) await this.enableUser(username, SYSTEM_ACTOR);
      return { username, password: await this.resetPassword(username, SYSTEM_ACTOR) };
    }
    const created = await this.createUser({ username, displayName: 'State administrator', agencyOri: STATE_AGENCY.ori, roles: ['state-admin'], cletsCertified: false }, SYSTEM_ACTOR);
    return { username, password: created.oneTimePassword };
  }
}
