import { fromDomainError, NO_SUCH, Problem } from '../http/problem';
import type { IdentityCommandError } from '../use-cases/identity/identity-command';

const CARPOS_SUBMITTER = { field: 'carpos.submitterOri', rule: 'Fam. Code 6380 (law enforcement enters the order into CARPOS)' } as const;

/** The problem document for an identity command that was not written (the API's, and the command line's message). */
export const identityCommandProblem = (e: IdentityCommandError<Problem>): Problem => {
  switch (e.kind) {
    case 'refused':
      return e.reason;
    case 'invalid':
      return fromDomainError(e.error);
    case 'agency-not-found':
      return new Problem(404, 'AGENCY_NOT_FOUND', 'Not found', `No agency with ORI ${e.ori}.`, { field: 'agencyOri' });
    case 'user-not-found':
      return NO_SUCH.user();
    case 'api-key-not-found':
      return NO_SUCH.apiKey();
    case 'cannot-disable-self':
      return new Problem(409, 'CANNOT_DISABLE_SELF', 'Conflict', 'You cannot disable your own account.');
    case 'carpos-submitter-ori-required':
      return new Problem(400, 'CARPOS_SUBMITTER_ORI_REQUIRED', 'Invalid request', `${CARPOS_SUBMITTER.field}: a court whose orders the sheriff submits must name the sheriff's ORI.`, CARPOS_SUBMITTER);
    case 'carpos-submitter-unknown':
      return new Problem(
        400,
        'CARPOS_SUBMITTER_UNKNOWN',
        'Invalid request',
        `${CARPOS_SUBMITTER.field}: ${e.submitterOri} is not a registered law-enforcement agency; register the sheriff first.`,
        CARPOS_SUBMITTER,
      );
    case 'already-exists':
      return new Problem(409, 'ALREADY_EXISTS', 'Already exists', `${e.stream.replace(/-.*/, '')} already exists.`);
    case 'concurrent-change':
      return new Problem(409, 'CONCURRENT_CHANGE', 'Concurrent change', 'Someone changed this record at the same time; retry.');
  }
};
