import * as E from 'fp-ts/Either';
import { agencyStream, type IdentityEventData } from '../../identity/identity-events';
import type { Agency } from '../../identity/identity-view';
import { checkCarposSubmitter } from './carpos-submitter';
import { authorized, type IdentityDeps, type IdentityOutcome } from './identity-command';

export type RegisterAgencyRequest = IdentityEventData<'AgencyRegistered'>;

/** Register an agency (state administrators); its ORI names a new stream, so a second registration is `already-exists`. */
export const registerAgency = async <R>(deps: IdentityDeps<R>, request: RegisterAgencyRequest): Promise<IdentityOutcome<R, Agency>> => {
  const may = authorized(deps.access.administer('agencies.manage'));
  if (E.isLeft(may)) return may;
  const submitter = checkCarposSubmitter(deps.identity, request.ori, request.kind, request.carpos);
  if (E.isLeft(submitter)) return submitter;
  const written = await deps.identity.write(agencyStream(request.ori), [{ type: 'AgencyRegistered', data: request }], 0, deps.access.actor);
  return E.map(() => deps.identity.view.agencies.get(request.ori)!)(written);
};
