import * as E from 'fp-ts/Either';
import { agencyStream, type IdentityEventData } from '../../identity/identity-events';
import type { Agency } from '../../identity/identity-view';
import { checkCarposSubmitter } from './carpos-submitter';
import { agencyNamed, authorized, type IdentityDeps, type IdentityOutcome } from './identity-command';

export interface UpdateAgencyRequest {
  readonly ori: string;
  readonly changes: IdentityEventData<'AgencyUpdated'>;
}

/** Change an agency's name, county or CARPOS settings (state administrators). */
export const updateAgency = async <R>(deps: IdentityDeps<R>, request: UpdateAgencyRequest): Promise<IdentityOutcome<R, Agency>> => {
  const may = authorized(deps.access.administer('agencies.manage'));
  if (E.isLeft(may)) return may;
  const agency = agencyNamed(deps.identity, request.ori);
  if (E.isLeft(agency)) return agency;
  const submitter = checkCarposSubmitter(deps.identity, request.ori, agency.right.kind, request.changes.carpos);
  if (E.isLeft(submitter)) return submitter;
  const written = await deps.identity.write(agencyStream(request.ori), [{ type: 'AgencyUpdated', data: request.changes }], agency.right.version, deps.access.actor);
  return E.map(() => deps.identity.view.agencies.get(request.ori)!)(written);
};
