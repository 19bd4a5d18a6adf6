import * as E from 'fp-ts/Either';
import { californiaLocalDate } from '../calendar';
import { domainError, type DomainError } from '../errors/domain-error';
import type { OrderDetails } from '../order/order-details';
import { formInfo, type OrderFormInfo } from '../order/order-forms';
import type { ServiceMethod, ServiceRecord } from '../order/proof-of-service';
import { LAW_DOCS } from './law-docs';

/**
 * Which service methods each order allows, as data (docs/law/service.md). Each row names its
 * source; `check` refuses a service the law does not allow for that order, naming the rule.
 */
export interface ServiceMethodRule {
  readonly method: ServiceMethod;
  readonly description: string;
  readonly source: string;
  readonly verified: boolean;
  readonly toConfirm?: string;
}

const S = LAW_DOCS.service;

export const SERVICE_METHOD_RULES: Readonly<Record<ServiceMethod, ServiceMethodRule>> = {
  personal: {
    method: 'personal',
    description: 'A copy handed to the restrained person by an adult who is not a party. Allowed for every order.',
    source: `Fam. Code 243 (personal service of a temporary order); CCP 527.6, 527.8, 527.85; ${S}`,
    verified: true,
  },
  'by-officer': {
    method: 'by-officer',
    description: 'A copy handed over by a law-enforcement officer, at the scene or later. Allowed for every order.',
    source: `Fam. Code 6383(a)–(b) (an officer at the scene serves the order and completes the proof of service); ${S}`,
    verified: true,
  },
  'officer-verbal-notice': {
    method: 'officer-verbal-notice',
    description:
      'An officer who finds the order in force but not served tells the restrained person its terms and where to get a copy; that notice is service. Allowed for every order in force.',
    source: `Fam. Code 6383(e) (verbal notice of the terms constitutes service); Fam. Code 6224 (the order's face: advise the restrained person of the terms, then enforce); ${S}`,
    verified: true,
  },
  'present-in-court': {
    method: 'present-in-court',
    description:
      'The restrained person was at the hearing where the order was made and heard its terms from the court; no further service is needed even if the order was signed days later. Not for emergency orders, which are made in the field.',
    source: `Fam. Code 6384(a), first paragraph; form CR-160 ("personally served with a copy of this order at the court hearing"); ${S}`,
    verified: true,
  },
  mail: {
    method: 'mail',
    description:
      'First-class mail, only for an order after hearing whose face says so: the temporary or emergency order and notice of hearing were personally served, the restrained person did not appear, and the terms are the same except for the end. Never for a criminal protective order.',
    source: `Fam. Code 6384(a), second paragraph; Fam. Code 6384(b) (the forms carry the statement); ${S}`,
    verified: true,
  },
  'court-ordered-alternative': {
    method: 'court-ordered-alternative',
    description: 'Another method the court ordered because personal service could not be made. Only where the order records the court’s order; not for criminal or emergency orders.',
    source: `CCP 527.6(m)(2); the forms' orders on a request to serve by another method; ${S}`,
    verified: false,
    toConfirm: 'the subdivision of CCP 527.6 and the equivalent provisions for the other order types',
  },
};

const refuse = (method: ServiceMethod, message: string, field = 'service.method'): E.Either<DomainError, void> =>
  E.left(domainError('SERVICE_METHOD_NOT_ALLOWED', message, { field, rule: SERVICE_METHOD_RULES[method].source }));

const noCourtService = (info: OrderFormInfo): boolean => info.stage === 'emergency';

/**
 * Whether `service` is a way the law allows this order to be served, given the services already
 * recorded. Refusals are SERVICE_METHOD_NOT_ALLOWED with the rule of the method.
 */
export const checkServiceMethod = (details: OrderDetails, earlier: readonly ServiceRecord[], service: ServiceRecord): E.Either<DomainError, void> => {
  const info = formInfo(details.form);
  const servedOn = californiaLocalDate(service.servedAt);
  switch (service.method) {
    case 'personal':
    case 'by-officer':
    case 'officer-verbal-notice':
      return E.right(undefined);
    case 'present-in-court': {
      if (noCourtService(info)) return refuse('present-in-court', `A ${details.form} is issued in the field, not at a hearing; the restrained person cannot have been served in court.`);
      const issuedOn = californiaLocalDate(details.issuedAt);
      const hearingOn = details.hearing !== undefined ? californiaLocalDate(details.hearing.at) : undefined;
      const atHearing = hearingOn !== undefined && hearingOn <= issuedOn && servedOn === hearingOn;
      return servedOn === issuedOn || atHearing
        ? E.right(undefined)
        : refuse(
            'present-in-court',
            'Service in court happens at the hearing where the order was made: the service date must be that hearing’s date (recorded on the order) or the date the order was issued.',
            'service.servedAt',
          );
    }
    case 'mail':
      if (info.category === 'criminal') return refuse('mail', 'A criminal protective order is never served by mail.');
      if (info.stage !== 'after-hearing') return refuse('mail', `Only an order after hearing may be served by mail; a ${details.form} is a ${info.stage} order.`);
      if (details.serviceByMailPermitted !== true) {
        return refuse('mail', 'Service by mail is allowed only where the order’s face says so (the temporary order was personally served, the restrained person did not appear, and the terms are unchanged).');
      }
      if (earlier.some((s) => s.method === 'present-in-court')) {
        return refuse('mail', 'The restrained person appeared at the hearing (service in court is recorded), so the mail rule does not apply and no further service is needed.');
      }
      return E.right(undefined);
    case 'court-ordered-alternative':
      if (info.category === 'criminal' || noCourtService(info)) {
        return refuse('court-ordered-alternative', `A ${details.form} is not served by a court-ordered alternative method.`);
      }
      if (details.alternativeService === undefined) {
        return refuse('court-ordered-alternative', 'Record the court’s order allowing service by another method (alternativeService) before recording service by it.');
      }
      return servedOn >= details.alternativeService.orderedOn
        ? E.right(undefined)
        : refuse('court-ordered-alternative', `The court ordered the other method on ${details.alternativeService.orderedOn}; service by it cannot be earlier.`, 'service.servedAt');
  }
};

/**
 * Whether the order's face may allow service by mail at all (Fam. Code 6384(a)): only an order
 * after hearing that is not a criminal protective order. Checked when the order is entered.
 */
export const checkMailPermission = (details: Partial<Pick<OrderDetails, 'form' | 'serviceByMailPermitted'>>): E.Either<DomainError, void> => {
  if (details.serviceByMailPermitted !== true || details.form === undefined) return E.right(undefined);
  const info = formInfo(details.form);
  return info.category === 'criminal' || info.stage !== 'after-hearing'
    ? E.left(
        domainError(
          'SERVICE_BY_MAIL_NOT_ALLOWED',
          info.category === 'criminal' ? 'A criminal protective order is never served by mail.' : `Only an order after hearing may allow service by mail; a ${details.form} is a ${info.stage} order.`,
          { field: 'serviceByMailPermitted', rule: SERVICE_METHOD_RULES.mail.source },
        ),
      )
    : E.right(undefined);
};
