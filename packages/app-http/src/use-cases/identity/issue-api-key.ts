import * as E from 'fp-ts/Either';
import { sha256Hex } from '@ccpor/adapters';
import { decodeWith, type IdGenerator, type Role } from '@ccpor/domain';
import { formatApiKey, newApiKeySecret } from '../../auth/api-key-secret';
import { apiKeyStream, IDENTITY_EVENTS } from '../../identity/identity-events';
import type { ApiKey } from '../../identity/identity-view';
import { agencyNamed, authorized, checkRoles, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface IssueApiKeyDeps<R> extends IdentityDeps<R> {
  readonly ids: Pick<IdGenerator, 'newId'>;
}

export interface IssueApiKeyRequest {
  /** The agency the key acts for; the caller's own when absent. */
  readonly agencyOri?: string | undefined;
  readonly label: string;
  readonly roles: readonly Role[];
}

export interface IssuedApiKey {
  readonly key: ApiKey;
  /** Shown once; only its hash is kept. */
  readonly secret: string;
}

/**
 * Issue an API key for a CMS integration, scoped to one agency. Whoever holds the key acts with
 * its roles, so it is given as an account is: within the caller's reach (ADR 0035).
 */
export const issueApiKey = async <R>(deps: IssueApiKeyDeps<R>, request: IssueApiKeyRequest): Promise<IdentityOutcome<R, IssuedApiKey>> => {
  const agencyOri = request.agencyOri ?? deps.access.actor.agencyOri;
  const may = authorized(deps.access.administer('api-keys.manage', { agencyOri }));
  if (E.isLeft(may)) return may;
  const within = authorized(deps.access.account({ agencyOri }, { kind: 'create', roles: request.roles, cletsCertified: false }));
  if (E.isLeft(within)) return within;
  const agency = agencyNamed(deps.identity, agencyOri);
  if (E.isLeft(agency)) return agency;
  const roles = checkRoles(request.roles);
  if (E.isLeft(roles)) return roles;
  const keyId = deps.ids.newId();
  const secret = newApiKeySecret();
  const data = decodeWith(IDENTITY_EVENTS.ApiKeyIssued)({ keyId, agencyOri, label: request.label, roles: roles.right, secretSha256: sha256Hex(secret) });
  if (E.isLeft(data)) return E.left({ kind: 'invalid', error: data.left });
  const written = await deps.identity.write(apiKeyStream(keyId), [{ type: 'ApiKeyIssued', data: data.right }], 0, deps.access.actor);
  return E.map(() => ({ key: deps.identity.view.apiKeys.get(keyId)!, secret: formatApiKey(keyId, secret) }))(written);
};
