import * as E from 'fp-ts/Either';
import type { Actor } from '@ccpor/domain';
import type { IdentityAccess } from './identity-access';

/**
 * The installation's operator: allowed everything, asked and audited about nothing. The command
 * line (`ccpor users`, `agencies`, `api-keys`) and the service's own writes (first-start
 * bootstrap, demo seeding, tests) use it. This is deliberate, not an oversight: whoever runs
 * `ccpor` on the server holds the store's credentials and could write its streams directly, and
 * the first state administrator can only be made from there. The policy (ADR 0035) keeps the
 * API's callers within their reach; the operator is outside it. The events still name who acted
 * (`actor`: for the command line the operating-system user, as a system actor).
 */
export const operatorAccess = (actor: Actor): IdentityAccess<never> => ({
  actor,
  administer: () => E.right(undefined),
  account: () => E.right(undefined),
});
