import * as E from 'fp-ts/Either';
import type { RecordedEvent, Role } from '@ccpor/domain';
import { IDENTITY_EVENTS, IDENTITY_STREAM, type AgencyKind, type IdentityEventData, type IdentityEventType } from './identity-events';

export interface Agency {
  readonly ori: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly county: string;
  readonly carpos: { readonly enabled: boolean; readonly mnemonic?: string; readonly submitter?: 'court' | 'sheriff'; readonly submitterOri?: string };
  /** The court's last acceptance-testing run, with who ran it. */
  readonly acceptance?: IdentityEventData<'AgencyAcceptanceRunRecorded'> & { readonly ranBy: string };
  readonly version: number;
}

export interface User {
  readonly username: string;
  readonly displayName: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly passwordHash?: string;
  readonly mustChangePassword: boolean;
  /**
   * Bumped by every password change, reset and disabling: a session carries the generation it
   * began in and ends when this moves on, for good (enabling the user again does not move it
   * back), in every process and after a restart, since it is folded from the user's stream.
   */
  readonly sessionGeneration: number;
  readonly disabled: boolean;
  readonly lockedUntil?: string;
  readonly version: number;
}

export interface ApiKey {
  readonly keyId: string;
  readonly agencyOri: string;
  readonly label: string;
  readonly roles: readonly Role[];
  readonly secretSha256: string;
  readonly revoked: boolean;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly version: number;
}

const isIdentityType = (t: string): t is IdentityEventType => Object.prototype.hasOwnProperty.call(IDENTITY_EVENTS, t);

/** The in-memory view of agencies, users and API keys, folded from their streams. */
export class IdentityView {
  readonly agencies = new Map<string, Agency>();
  readonly users = new Map<string, User>();
  readonly apiKeys = new Map<string, ApiKey>();
  /** Sessions ended by signing out, by id, with when they would have expired anyway (ms). */
  private readonly signedOut = new Map<string, number>();

  /** Whether a session was ended by signing out. */
  sessionEnded(sessionId: string): boolean {
    return this.signedOut.has(sessionId);
  }

  /** Courts whose orders `ori` is set up to enter: courts that name it as the sheriff submitting their orders to CARPOS (ADR 0034). */
  courtsEnteredBy(ori: string): string[] {
    const courts: string[] = [];
    for (const a of this.agencies.values()) {
      if ((a.kind === 'superior-court' || a.kind === 'tribal-court') && a.carpos.submitter === 'sheriff' && a.carpos.submitterOri === ori) courts.push(a.ori);
    }
    return courts;
  }

  /** The courts in whose name users of `ori` may enter orders: itself when it is a court, and those it enters for. */
  issuingCourtsOf(ori: string): string[] {
    const own = this.agencies.get(ori);
    return [...(own !== undefined && (own.kind === 'superior-court' || own.kind === 'tribal-court') ? [ori] : []), ...this.courtsEnteredBy(ori)];
  }

  apply(e: RecordedEvent): void {
    if (!IDENTITY_STREAM.test(e.streamId) || !isIdentityType(e.type)) return;
    const decoded = IDENTITY_EVENTS[e.type].decode(e.data);
    // An event that does not decode is left out of the view; `audit verify` and the logs find it.
    if (E.isLeft(decoded)) return;
    const d = decoded.right as Record<string, unknown>;
    const v = e.streamVersion;
    const key = e.streamId.replace(IDENTITY_STREAM, '');
    switch (e.type) {
      case 'AgencyRegistered':
        this.agencies.set(key, { ...(d as unknown as Omit<Agency, 'version'>), version: v });
        return;
      case 'AgencyUpdated': {
        const a = this.agencies.get(key);
        if (a) this.agencies.set(key, { ...a, ...(d as Partial<Agency>), version: v });
        return;
      }
      case 'AgencyAcceptanceRunRecorded': {
        const a = this.agencies.get(key);
        if (a) this.agencies.set(key, { ...a, acceptance: { ...(d as IdentityEventData<'AgencyAcceptanceRunRecorded'>), ranBy: e.metadata.actor.userId }, version: v });
        return;
      }
      case 'UserCreated': {
        const created = d as unknown as Pick<User, 'username' | 'displayName' | 'agencyOri' | 'roles' | 'cletsCertified'>;
        // A role repeated in an older event counts once.
        this.users.set(key, { ...created, roles: [...new Set(created.roles)], mustChangePassword: true, sessionGeneration: 0, disabled: false, version: v });
        return;
      }
      case 'UserSignedOut': {
        const until = Date.parse(d.until as string);
        const now = Date.parse(e.metadata.recordedAt);
        // Forget the sessions that have expired by now anyway, so the set stays as small as the sessions signed out within one lifetime.
        for (const [id, end] of this.signedOut) if (end <= now) this.signedOut.delete(id);
        if (Number.isFinite(until) && until > now) this.signedOut.set(d.sessionId as string, until);
        break;
      }
      case 'ApiKeyIssued':
        this.apiKeys.set(key, { ...(d as unknown as Pick<ApiKey, 'keyId' | 'agencyOri' | 'label' | 'roles' | 'secretSha256'>), revoked: false, issuedAt: e.metadata.recordedAt, issuedBy: e.metadata.actor.userId, version: v });
        return;
      case 'ApiKeyRevoked': {
        const k = this.apiKeys.get(key);
        if (k) this.apiKeys.set(key, { ...k, revoked: true, version: v });
        return;
      }
    }
    const u = this.users.get(key);
    if (!u) return;
    const next: User =
      e.type === 'UserPasswordSet'
        ? {
            ...u,
            passwordHash: d.passwordHash as string,
            mustChangePassword: d.mustChange as boolean,
            sessionGeneration: u.sessionGeneration + 1,
            lockedUntil: undefined,
          }
        : e.type === 'UserRolesChanged'
          ? { ...u, roles: [...new Set(d.roles as Role[])], cletsCertified: d.cletsCertified as boolean }
          : e.type === 'UserDisabled'
            ? { ...u, disabled: true, sessionGeneration: u.sessionGeneration + 1 }
            : e.type === 'UserEnabled'
              ? { ...u, disabled: false, lockedUntil: undefined }
              : e.type === 'UserLockedOut'
                ? { ...u, lockedUntil: d.until as string }
                : u;
    this.users.set(key, { ...next, version: v });
  }

  hasStateAdmin(): boolean {
    for (const u of this.users.values()) if (!u.disabled && u.roles.includes('state-admin')) return true;
    return false;
  }
}
