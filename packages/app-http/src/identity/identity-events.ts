import * as t from 'io-ts';
import { CountyCode, Ori, Role } from '@ccpor/domain';

/**
 * Agencies, users and API keys are event-sourced like orders (streams `agency-<ORI>`,
 * `user-<username>`, `api-key-<id>`), so every store option holds them and every change is in
 * the audited, hash-chained log.
 */
export const AgencyKind = t.keyof({ 'superior-court': null, 'tribal-court': null, sheriff: null, 'other-lea': null }, 'AgencyKind');
export type AgencyKind = t.TypeOf<typeof AgencyKind>;

/**
 * How the agency takes part in CARPOS (CCPOR Court Planning Guide; docs/ccpor-programme.md): `enabled` — its orders go to DOJ
 * through the registry's gateway (optional, as in CCPOR); `submitter` — who enters them into
 * CARPOS, the court itself or the sheriff (default: a court submits for itself, a law-enforcement
 * agency is the sheriff); `submitterOri` — the ORI the CARPOS records go out under when it is not
 * the agency's own (the sheriff that enters a court's orders).
 */
export const CarposSettings = t.intersection(
  [
    t.type({ enabled: t.boolean }),
    t.partial({
      mnemonic: t.refinement(t.string, (s) => /^[A-Z0-9]{1,8}$/.test(s), 'CLETS mnemonic (1–8 letters or digits)'),
      submitter: t.keyof({ court: null, sheriff: null }, 'court | sheriff'),
      submitterOri: Ori,
    }),
  ],
  'CarposSettings',
);

const Name = t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 120, 'name (1–120 characters)');
export const Username = t.refinement(t.string, (s) => /^[a-z][a-z0-9._-]{2,63}$/.test(s), 'user name (3–64 lower-case letters, digits, . _ -, starting with a letter)');

export const AgencyRegistered = t.type({ ori: Ori, name: Name, kind: AgencyKind, county: CountyCode, carpos: CarposSettings });
export const AgencyUpdated = t.partial({ name: Name, county: CountyCode, carpos: CarposSettings });

export const UserCreated = t.type({
  username: Username,
  displayName: Name,
  agencyOri: Ori,
  roles: t.array(Role),
  cletsCertified: t.boolean,
});
export const UserPasswordSet = t.type({ passwordHash: t.string, mustChange: t.boolean });
export const UserRolesChanged = t.type({ roles: t.array(Role), cletsCertified: t.boolean });
export const UserDisabled = t.partial({ reason: t.string });
export const UserLockedOut = t.type({ until: t.string });
/**
 * One session ended by signing out (ADR 0035): the view keeps its id until the session would have
 * expired anyway (`until`), in every process that follows the identity streams.
 */
export const UserSignedOut = t.type({ sessionId: t.string, until: t.string });

export const ApiKeyIssued = t.type({ keyId: t.string, agencyOri: Ori, label: Name, roles: t.array(Role), secretSha256: t.string });
export const ApiKeyRevoked = t.partial({ reason: t.string });

/**
 * A court's acceptance-testing run (go-live checklist): a test order of each type entered, and
 * what the DOJ side answered to each. Kept on the agency's stream, so the readiness page reads it
 * back and the audit log holds who ran it (ADR 0058).
 */
export const AcceptanceRunResult = t.intersection([
  t.type({ form: t.string, orderType: t.string, outcome: t.keyof({ acknowledged: null, rejected: null, 'no-answer': null, refused: null }) }),
  t.partial({ orderId: t.string, fcn: t.string, detail: t.string }),
]);
export const AgencyAcceptanceRunRecorded = t.type({ runId: t.string, startedAt: t.string, finishedAt: t.string, passed: t.boolean, results: t.array(AcceptanceRunResult) });

export const IDENTITY_EVENTS = {
  AgencyRegistered,
  AgencyUpdated,
  AgencyAcceptanceRunRecorded,
  UserCreated,
  UserPasswordSet,
  UserRolesChanged,
  UserDisabled,
  UserEnabled: t.type({}),
  UserLockedOut,
  UserSignedOut,
  ApiKeyIssued,
  ApiKeyRevoked,
} as const;
export type IdentityEventType = keyof typeof IDENTITY_EVENTS;
export type IdentityEventData<K extends IdentityEventType> = t.TypeOf<(typeof IDENTITY_EVENTS)[K]>;

export const agencyStream = (ori: string) => `agency-${ori}`;
export const userStream = (username: string) => `user-${username}`;
export const apiKeyStream = (keyId: string) => `api-key-${keyId}`;
export const IDENTITY_STREAM = /^(agency|user|api-key)-/;
/** The same streams as prefixes, for stores that can skip the others when reading the log. */
export const IDENTITY_STREAM_PREFIXES: readonly string[] = ['agency-', 'user-', 'api-key-'];

/** One event of an identity stream, as a writer hands it over (the type and its data). */
export type IdentityEvent = { [K in IdentityEventType]: { readonly type: K; readonly data: IdentityEventData<K> } }[IdentityEventType];
