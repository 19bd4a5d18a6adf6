import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { memorySharedState, sha256Hex } from '@ccpor/adapters';
import { correlate, decodeWith, expectAny, expectExact, expectNoStream, RoleSet, toNewEvents, type Actor, type Clock, type EventStore, type IdGenerator, type LoginFailures, type Role, type SessionRevocations } from '@ccpor/domain';
import { formatApiKey, newApiKeySecret } from '../auth/api-key-secret';
import { acceptablePassword, hashPassword, oneTimePassword, PASSWORD_RULE } from '../auth/passwords';
import { fromDomainError, NO_SUCH, Problem } from '../http/problem';
import type { IdentityReadModel } from './identity-read-model';
import {
  agencyStream,
  apiKeyStream,
  IDENTITY_EVENTS,
  userStream,
  type AgencyKind,
  type IdentityEventData,
  type IdentityEventType,
} from './identity-events';
import type { Agency, ApiKey, User } from './identity-view';

type Ev = { [K in IdentityEventType]: { type: K; data: IdentityEventData<K> } }[IdentityEventType];

/** The registry's own agency, holding the bootstrap state administrator. */
export const STATE_AGENCY = { ori: 'CASTATE00', name: 'CCPOR State Administration', kind: 'other-lea', county: '34', carpos: { enabled: false } } as const;

export const SYSTEM_ACTOR: Actor = { userId: 'system', agencyOri: STATE_AGENCY.ori, roles: [], kind: 'system' };

const decode = <C extends t.Mixed>(codec: C, input: unknown): t.TypeOf<C> => {
  const r = decodeWith(codec)(input);
  if (E.isLeft(r)) throw fromDomainError(r.left);
  return r.right;
};

/** Roles each given once, one to six: what every way in (API, command line) must hold to. */
const decodeRoles = (roles: unknown): Role[] => {
  const r = decodeWith(RoleSet)(roles);
  if (E.isLeft(r)) throw fromDomainError({ ...r.left, field: 'roles', message: `roles: ${r.left.message}` });
  return r.right;
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

  /** `expectedVersion`: the stream's version as read (0: a new stream), or 'any' for an event whose order against others does not matter (a sign-out). */
  private async append(streamId: string, events: Ev[], expectedVersion: number | 'any', actor: Actor): Promise<number> {
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
    if (E.isLeft(r)) {
      if (expectedVersion === 0) throw new Problem(409, 'ALREADY_EXISTS', 'Already exists', `${streamId.replace(/-.*/, '')} already exists.`);
      throw new Problem(409, 'CONCURRENT_CHANGE', 'Concurrent change', 'Someone changed this record at the same time; retry.');
    }
    this.readModel.noteWrite(r.right.lastPosition);
    await this.readModel.waitFor(r.right.lastPosition, 10_000);
    return r.right.nextVersion;
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
   * A court whose orders the sheriff submits to CARPOS must name that sheriff: without it the
   * gateway would send the records under the court's own ORI. The named agency must be a
   * registered law-enforcement agency, so a mistyped ORI is refused here rather than at DOJ.
   */
  private checkCarposSubmitter(ori: string, kind: AgencyKind, carpos: Agency['carpos'] | undefined): void {
    if (carpos?.submitter !== 'sheriff' || (kind !== 'superior-court' && kind !== 'tribal-court')) return;
    const field = 'carpos.submitterOri';
    const rule = 'Fam. Code 6380 (law enforcement enters the order into CARPOS)';
    if (carpos.submitterOri === undefined || carpos.submitterOri === ori) {
      throw new Problem(400, 'CARPOS_SUBMITTER_ORI_REQUIRED', 'Invalid request', `${field}: a court whose orders the sheriff submits must name the sheriff's ORI.`, { field, rule });
    }
    const sheriff = this.view.agencies.get(carpos.submitterOri);
    if (sheriff === undefined || (sheriff.kind !== 'sheriff' && sheriff.kind !== 'other-lea')) {
      throw new Problem(400, 'CARPOS_SUBMITTER_UNKNOWN', 'Invalid request', `${field}: ${carpos.submitterOri} is not a registered law-enforcement agency; register the sheriff first.`, {
        field,
        rule,
      });
    }
  }

  async registerAgency(input: unknown, actor: Actor): Promise<Agency> {
    const data = decode(IDENTITY_EVENTS.AgencyRegistered, input);
    this.checkCarposSubmitter(data.ori, data.kind, data.carpos);
    await this.append(agencyStream(data.ori), [{ type: 'AgencyRegistered', data }], 0, actor);
    return this.agency(data.ori);
  }

  async updateAgency(ori: string, input: unknown, actor: Actor): Promise<Agency> {
    const a = this.agency(ori);
    const data = decode(IDENTITY_EVENTS.AgencyUpdated, input);
    this.checkCarposSubmitter(ori, a.kind, data.carpos);
    await this.append(agencyStream(ori), [{ type: 'AgencyUpdated', data }], a.version, actor);
    return this.agency(ori);
  }

  /** Keeps the result of a court's acceptance-testing run on the agency's stream (the readiness page reads it). */
  async recordAcceptanceRun(ori: string, input: unknown, actor: Actor): Promise<Agency> {
    const a = this.agency(ori);
    const data = decode(IDENTITY_EVENTS.AgencyAcceptanceRunRecorded, input);
    await this.append(agencyStream(ori), [{ type: 'AgencyAcceptanceRunRecorded', data }], a.version, actor);
    return this.agency(ori);
  }

  /** Creates a user with a one-time password they must change at first login; returns it once. */
  async createUser(input: unknown, actor: Actor): Promise<{ user: User; oneTimePassword: string }> {
    const data = decode(IDENTITY_EVENTS.UserCreated, input);
    this.agency(data.agencyOri);
    decodeRoles(data.roles);
    const password = oneTimePassword();
    await this.append(
      userStream(data.username),
      [
        { type: 'UserCreated', data },
        { type: 'UserPasswordSet', data: { passwordHash: await hashPassword(password), mustChange: true } },
      ],
      0,
      actor,
    );
    return { user: this.user(data.username), oneTimePassword: password };
  }

  async resetPassword(username: string, actor: Actor): Promise<string> {
    const u = this.user(username);
    const password = oneTimePassword();
    await this.append(userStream(username), [{ type: 'UserPasswordSet', data: { passwordHash: await hashPassword(password), mustChange: true } }], u.version, actor);
    await this.shared.loginFailures.reset(username);
    return password;
  }

  async changePassword(username: string, next: string, actor: Actor): Promise<void> {
    if (!acceptablePassword(next)) throw new Problem(422, 'WEAK_PASSWORD', 'Rule not met', `The new password must be ${PASSWORD_RULE}.`, { field: 'newPassword', rule: PASSWORD_RULE });
    const u = this.user(username);
    await this.append(userStream(username), [{ type: 'UserPasswordSet', data: { passwordHash: await hashPassword(next), mustChange: false } }], u.version, actor);
  }

  async setRoles(username: string, roles: Role[], cletsCertified: boolean, actor: Actor): Promise<User> {
    decodeRoles(roles);
    const u = this.user(username);
    await this.append(userStream(username), [{ type: 'UserRolesChanged', data: { roles, cletsCertified } }], u.version, actor);
    return this.user(username);
  }

  async disableUser(username: string, reason: string | undefined, actor: Actor): Promise<User> {
    const u = this.user(username);
    await this.append(userStream(username), [{ type: 'UserDisabled', data: reason ? { reason } : {} }], u.version, actor);
    return this.user(username);
  }

  async enableUser(username: string, actor: Actor): Promise<User> {
    const u = this.user(username);
    await this.append(userStream(username), [{ type: 'UserEnabled', data: {} }], u.version, actor);
    await this.shared.loginFailures.reset(username);
    return this.user(username);
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

  async issueApiKey(input: { agencyOri: string; label: string; roles: Role[] }, actor: Actor): Promise<{ key: ApiKey; secret: string }> {
    this.agency(input.agencyOri);
    decodeRoles(input.roles);
    const keyId = this.ids.newId();
    const secret = newApiKeySecret();
    const data = decode(IDENTITY_EVENTS.ApiKeyIssued, { keyId, agencyOri: input.agencyOri, label: input.label, roles: input.roles, secretSha256: sha256Hex(secret) });
    await this.append(apiKeyStream(keyId), [{ type: 'ApiKeyIssued', data }], 0, actor);
    return { key: this.view.apiKeys.get(keyId)!, secret: formatApiKey(keyId, secret) };
  }

  async revokeApiKey(keyId: string, reason: string | undefined, actor: Actor): Promise<ApiKey> {
    const k = this.view.apiKeys.get(keyId);
    if (!k) throw NO_SUCH.apiKey();
    await this.append(apiKeyStream(keyId), [{ type: 'ApiKeyRevoked', data: reason ? { reason } : {} }], k.version, actor);
    return this.view.apiKeys.get(keyId)!;
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
