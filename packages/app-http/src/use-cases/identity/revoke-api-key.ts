import * as E from 'fp-ts/Either';
import { apiKeyStream } from '../../identity/identity-events';
import type { ApiKey } from '../../identity/identity-view';
import { authorized, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface RevokeApiKeyRequest {
  readonly keyId: string;
  readonly reason?: string | undefined;
}

/**
 * Revoke an API key. Who may manage keys at all is asked first; another agency's key is then
 * answered as one that does not exist, where the policy conceals it.
 */
export const revokeApiKey = async <R>(deps: IdentityDeps<R>, request: RevokeApiKeyRequest): Promise<IdentityOutcome<R, ApiKey>> => {
  const may = authorized(deps.access.administer('api-keys.manage'));
  if (E.isLeft(may)) return may;
  const key = deps.identity.view.apiKeys.get(request.keyId);
  if (key === undefined) return E.left({ kind: 'api-key-not-found' });
  const theirs = authorized(deps.access.administer('api-keys.manage', { agencyOri: key.agencyOri }, 'apiKey'));
  if (E.isLeft(theirs)) return theirs;
  const written = await deps.identity.write(apiKeyStream(key.keyId), [{ type: 'ApiKeyRevoked', data: request.reason ? { reason: request.reason } : {} }], key.version, deps.access.actor);
  return E.map(() => deps.identity.view.apiKeys.get(key.keyId)!)(written);
};
