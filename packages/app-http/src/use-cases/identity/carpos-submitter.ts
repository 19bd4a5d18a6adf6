import * as E from 'fp-ts/Either';
import type { AgencyKind } from '../../identity/identity-events';
import type { Agency } from '../../identity/identity-view';
import type { IdentityRecords } from './identity-records';

export type CarposSubmitterError = { readonly kind: 'carpos-submitter-ori-required' } | { readonly kind: 'carpos-submitter-unknown'; readonly submitterOri: string };

/**
 * A court whose orders the sheriff submits to CARPOS must name that sheriff: without it the
 * gateway would send the records under the court's own ORI (Fam. Code 6380: law enforcement
 * enters the order into CARPOS). The named agency must be a registered law-enforcement agency, so
 * a mistyped ORI is refused here rather than at DOJ.
 */
export const checkCarposSubmitter = (identity: IdentityRecords, ori: string, kind: AgencyKind, carpos: Agency['carpos'] | undefined): E.Either<CarposSubmitterError, void> => {
  if (carpos?.submitter !== 'sheriff' || (kind !== 'superior-court' && kind !== 'tribal-court')) return E.right(undefined);
  if (carpos.submitterOri === undefined || carpos.submitterOri === ori) return E.left({ kind: 'carpos-submitter-ori-required' });
  const sheriff = identity.view.agencies.get(carpos.submitterOri);
  if (sheriff === undefined || (sheriff.kind !== 'sheriff' && sheriff.kind !== 'other-lea')) return E.left({ kind: 'carpos-submitter-unknown', submitterOri: carpos.submitterOri });
  return E.right(undefined);
};
