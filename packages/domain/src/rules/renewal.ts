import * as E from 'fp-ts/Either';
import { californiaLocalDate } from '../calendar';
import { domainError, type DomainError } from '../errors/domain-error';
import type { ExpirationInput } from '../order/order-details';
import { formInfo, type FormNumber } from '../order/order-forms';
import { addMonths, addYears, instantMs } from '../value-objects/dates';
import { RENEWAL_RULES } from './duration-rules';
import { expirationInstant } from './expiration';
import { LAW_DOCS } from './law-docs';

export interface RenewalFacts {
  readonly form: FormNumber;
  /** The order's current end (null when already non-expiring). */
  readonly expiresAt: string | null;
  readonly requestFiledOn: string;
  readonly expiration: ExpirationInput;
}

/**
 * The first and last dates a renewal request may be filed (docs/law/durations.md); `opens` is
 * absent where the law sets no window (the request may come at any time while the order lasts).
 */
export const renewalWindow = (form: FormNumber, expiresAt: string): { opens?: string; closes: string } | undefined => {
  const rule = RENEWAL_RULES[formInfo(form).type];
  if (!rule || formInfo(form).stage !== 'after-hearing') return undefined;
  const closes = californiaLocalDate(expiresAt);
  return rule.windowMonths === null ? { closes } : { opens: addMonths(closes, -rule.windowMonths), closes };
};

/** Checks a renewal and yields the new end (null = permanent). */
export const resolveRenewal = (f: RenewalFacts): E.Either<DomainError, string | null> => {
  const info = formInfo(f.form);
  const rule = RENEWAL_RULES[info.type];
  if (!rule || info.stage !== 'after-hearing') {
    return E.left(
      domainError('RENEWAL_NOT_ALLOWED', `A ${f.form} cannot be renewed; the court issues a new order instead.`, {
        rule: `renewal applies to orders after hearing of the types in RENEWAL_RULES (${Object.keys(RENEWAL_RULES).join(', ')}); ${LAW_DOCS.durations}`,
      }),
    );
  }
  if (f.expiresAt === null) {
    return E.left(domainError('RENEWAL_NOT_ALLOWED', 'This order is already permanent and needs no renewal.'));
  }
  const window = renewalWindow(f.form, f.expiresAt);
  if (window && ((window.opens !== undefined && f.requestFiledOn < window.opens) || f.requestFiledOn > window.closes)) {
    return E.left(
      domainError(
        'RENEWAL_OUTSIDE_WINDOW',
        window.opens === undefined
          ? `A renewal request must be filed while the order is in force, by ${window.closes}; this one was filed on ${f.requestFiledOn}.`
          : `A renewal request must be filed between ${window.opens} and ${window.closes} (the ${rule.windowMonths} months before the order expires); this one was filed on ${f.requestFiledOn}.`,
        { field: 'requestFiledOn', rule: rule.source, details: window },
      ),
    );
  }
  if (f.expiration.kind === 'non-expiring') {
    return rule.permanentAllowed
      ? E.right(null)
      : E.left(domainError('NON_EXPIRING_NOT_ALLOWED', `A ${info.type} order cannot be renewed permanently.`, { field: 'expiration', rule: rule.source }));
  }
  const newEnd = expirationInstant(f.expiration);
  const oldEndDate = californiaLocalDate(f.expiresAt);
  if (instantMs(newEnd) <= instantMs(f.expiresAt)) {
    return E.left(domainError('RENEWAL_TOO_SHORT', 'A renewal must end after the current expiration.', { field: 'expiration', rule: rule.source }));
  }
  if (rule.minYears !== null && String(f.expiration.date) < addYears(oldEndDate, rule.minYears)) {
    return E.left(
      domainError('RENEWAL_TOO_SHORT', `A ${info.type} renewal runs for at least ${rule.minYears} years (or permanently).`, { field: 'expiration', rule: rule.source }),
    );
  }
  if (rule.maxYears !== null && String(f.expiration.date) > addYears(oldEndDate, rule.maxYears)) {
    return E.left(
      domainError('RENEWAL_TOO_LONG', `A ${info.type} renewal runs for at most ${rule.maxYears} more years.`, {
        field: 'expiration',
        rule: rule.source,
        details: { latest: addYears(oldEndDate, rule.maxYears) },
      }),
    );
  }
  return E.right(newEnd);
};
