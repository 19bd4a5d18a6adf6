import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { match } from 'ts-pattern';
import { californiaLocalDate, fromCaliforniaLocal, type CourtCalendar } from '../calendar';
import { domainError, type DomainError } from '../errors/domain-error';
import type { ExpirationInput, Hearing } from '../order/order-details';
import { type FormNumber } from '../order/order-forms';
import { addDays, addYears, instantMs } from '../value-objects/dates';
import { DURATION_RULES } from './duration-rules';
import { LAW_DOCS } from './law-docs';

const END_OF_DAY = '23:59:59';

/** The instant a written expiration means: its time, or the end of that day (California time). */
export const expirationInstant = (e: Extract<ExpirationInput, { kind: 'date' }>): string =>
  fromCaliforniaLocal(e.date, e.time ? `${e.time}:00` : END_OF_DAY);

const endOfDay = (date: string): string => fromCaliforniaLocal(date, END_OF_DAY);

export interface ExpirationFacts {
  readonly form: FormNumber;
  readonly issuedAt: string;
  readonly expiration?: ExpirationInput;
  readonly hearing?: Hearing;
}

/** When an order ends, and for an emergency order whose written expiry is its end, the end the law allows (a check). */
export interface ResolvedExpiry {
  /** null: the order does not expire (a registered order that states no end). */
  readonly expiresAt: string | null;
  readonly lawLimit?: string;
}

/**
 * Resolves when an order ends from its form, issue time, written expiration and hearing
 * (docs/law/durations.md). Returns the instant, or fails naming the rule. `when` is 'issue' for a
 * new order and 'modify' for a change: a continued hearing may fall after the 21/25-day limit
 * (Fam. Code 245; AB 1081), so that limit applies only at issue.
 */
export const resolveExpiration = (
  facts: ExpirationFacts,
  calendar: CourtCalendar,
  when: 'issue' | 'modify' = 'issue',
): E.Either<DomainError, string> =>
  pipe(
    resolveExpiry(facts, calendar, when),
    E.chain((r) =>
      r.expiresAt === null
        ? E.left(domainError('NON_EXPIRING_NOT_ALLOWED', `A ${facts.form} cannot be non-expiring here.`, { field: 'expiration' }))
        : E.right(r.expiresAt),
    ),
  );

/**
 * The order's end and, for an emergency order, the check. An emergency order must state its
 * expiry date and time (Fam. Code 6253(b); Pen. Code 18135(b)): when it does, that is the end, and
 * the end computed by the law is kept only to warn when the written one is later.
 */
export const resolveExpiry = (facts: ExpirationFacts, calendar: CourtCalendar, when: 'issue' | 'modify' = 'issue'): E.Either<DomainError, ResolvedExpiry> => {
  const rule = DURATION_RULES[facts.form];
  const issueDate = californiaLocalDate(facts.issuedAt);
  const written = facts.expiration;
  if (written?.kind === 'non-expiring') {
    return rule.kind === 'as-registered'
      ? E.right({ expiresAt: null })
      : E.left(
          domainError('NON_EXPIRING_NOT_ALLOWED', `A ${facts.form} cannot be entered as non-expiring; only a renewal the law allows to be permanent can be.`, {
            field: 'expiration',
            rule: `Fam. Code 6345(a); ${LAW_DOCS.durations}`,
          }),
        );
  }
  const writtenAt = written ? expirationInstant(written) : undefined;
  if (writtenAt !== undefined && instantMs(writtenAt) <= instantMs(facts.issuedAt)) {
    return E.left(domainError('EXPIRATION_BEFORE_ISSUE', 'The expiration must be after the time the order was issued.', { field: 'expiration' }));
  }
  const notAfter = (limit: string, what: string): E.Either<DomainError, ResolvedExpiry> =>
    writtenAt === undefined
      ? E.right({ expiresAt: limit })
      : instantMs(writtenAt) <= instantMs(limit)
        ? E.right({ expiresAt: writtenAt })
        : E.left(
            domainError('EXPIRATION_EXCEEDS_MAXIMUM', `A ${facts.form} can last at most ${what}; the latest possible expiration is ${limit}.`, {
              field: 'expiration',
              rule: rule.source,
              details: { latest: limit },
            }),
          );
  /** An emergency order: the written expiry is the end, the computed limit a check. */
  const writtenWins = (limit: string): E.Either<DomainError, ResolvedExpiry> =>
    E.right(writtenAt === undefined ? { expiresAt: limit } : { expiresAt: writtenAt, lawLimit: limit });

  return match(rule)
    .with({ kind: 'emergency-court-days' }, (r) => {
      const byCourtDays = fromCaliforniaLocal(calendar.addCourtDays(issueDate, r.courtDays), calendar.closeOfBusiness);
      const byCalendarDays = endOfDay(addDays(issueDate, r.calendarDays));
      return writtenWins(instantMs(byCourtDays) <= instantMs(byCalendarDays) ? byCourtDays : byCalendarDays);
    })
    .with({ kind: 'fixed-days' }, (r) => writtenWins(endOfDay(addDays(issueDate, r.days))))
    .with({ kind: 'as-registered' }, (r) =>
      writtenAt === undefined
        ? E.left(
            domainError('EXPIRATION_REQUIRED', 'A registered order keeps the end its issuing jurisdiction gave it: enter the expiration written on it, or "non-expiring" if it states none.', {
              field: 'expiration',
              rule: r.source,
            }),
          )
        : E.right<DomainError, ResolvedExpiry>({ expiresAt: writtenAt }),
    )
    .with({ kind: 'until-hearing' }, (r) => {
      if (!facts.hearing) {
        return E.left(domainError('HEARING_REQUIRED', `A ${facts.form} lasts until its hearing; enter the hearing date and time.`, { field: 'hearing', rule: r.source }));
      }
      if (written) {
        return E.left(
          domainError('EXPIRATION_NOT_APPLICABLE', `A ${facts.form} lasts until its hearing; enter or change the hearing date instead of an expiration.`, {
            field: 'expiration',
            rule: r.source,
          }),
        );
      }
      if (instantMs(facts.hearing.at) <= instantMs(facts.issuedAt)) {
        return E.left(domainError('HEARING_BEFORE_ISSUE', 'The hearing must be after the time the order was issued.', { field: 'hearing.at' }));
      }
      const hearingDate = californiaLocalDate(facts.hearing.at);
      const allowed = facts.hearing.goodCause ? r.goodCauseDays : r.hearingWithinDays;
      if (when === 'issue' && hearingDate > addDays(issueDate, allowed)) {
        const hint = !facts.hearing.goodCause && r.goodCauseDays > r.hearingWithinDays ? `, or ${r.goodCauseDays} days when the court found good cause` : '';
        return E.left(
          domainError('HEARING_TOO_LATE', `The hearing for a ${facts.form} must be within ${allowed} days of issue${hint}.`, {
            field: 'hearing.at',
            rule: r.source,
            details: { latestHearingDate: addDays(issueDate, allowed) },
          }),
        );
      }
      return E.right({ expiresAt: endOfDay(hearingDate) });
    })
    .with({ kind: 'after-hearing' }, (r) => {
      // An order after hearing is made at its hearing, so only a hearing on or before the issue
      // date is the one the form counts from; a later one (a review) must not stretch the order
      // past its maximum counted from issue.
      const hearingDate = facts.hearing ? californiaLocalDate(facts.hearing.at) : undefined;
      const from = r.defaultFrom === 'hearing' && hearingDate !== undefined && hearingDate <= issueDate ? hearingDate : issueDate;
      if (r.minYears !== null && writtenAt !== undefined && instantMs(writtenAt) < instantMs(fromCaliforniaLocal(addYears(issueDate, r.minYears), '00:00:00'))) {
        return E.left(
          domainError('EXPIRATION_BELOW_MINIMUM', `A ${facts.form} must last at least ${r.minYears} year${r.minYears > 1 ? 's' : ''}.`, { field: 'expiration', rule: r.source }),
        );
      }
      if (writtenAt === undefined && r.defaultYears === null) {
        return E.left(
          domainError('EXPIRATION_REQUIRED', `The law sets no default length for a ${facts.form}; enter the expiration date written on the order.`, {
            field: 'expiration',
            rule: r.source,
          }),
        );
      }
      if (writtenAt === undefined) {
        const byDefault = endOfDay(addYears(from, r.defaultYears ?? 0));
        // Counted from a hearing long before issue, the default could end before the order began.
        return instantMs(byDefault) <= instantMs(facts.issuedAt)
          ? E.left(
              domainError('EXPIRATION_BEFORE_ISSUE', `Counted from the hearing, this ${facts.form} would have ended on ${byDefault}, before it was issued; check the hearing date.`, {
                field: 'hearing.at',
                rule: r.source,
              }),
            )
          : E.right({ expiresAt: byDefault });
      }
      return r.maxYears === null ? E.right({ expiresAt: writtenAt }) : notAfter(endOfDay(addYears(from, r.maxYears)), `${r.maxYears} years`);
    })
    .exhaustive();
};
