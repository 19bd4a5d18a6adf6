import { DURATION_RULES, ORDER_FORMS, type FormNumber } from '@ccpor/domain';
import type { IssuedOrDraft } from '../api/types';
import { formatDate, formatDateTime } from './format';

/**
 * The law a rule sentence cites, for people: the statutes and bills it names, without the
 * registry's internal references. "… (Fam. Code 6345): up to 5 years …" → "Fam. Code 6345".
 */
export const citedLaw = (source: string): string => {
  const cited = [...source.matchAll(/\b(Fam\. Code|Pen\. Code|CCP|W&I|CRC|Gov\. Code)\s+[0-9][0-9.–-]*(?:\([0-9a-z]+\))*|\bAB\s+\d+(?:,\s*\d{4})?/g)].map((m) => m[0].replace(/[.,;]$/, ''));
  return [...new Set(cited)].join('; ');
};

/** A rule text from the API with the registry's internal references left out; "[I]" marks the registry's own reading of the law. */
export const ruleWords = (rule: string): string =>
  rule
    // The project's own law pages are for maintainers; the statute cited beside them is what a user reads.
    .replace(/\s*docs\/law\/[\w-]+\.md(#[\w-]+)?/g, '')
    .replace(/\[I\]/g, '(the registry’s reading; no rule says it outright)')
    .replace(/\[U\]/g, '(unverified)')
    .replace(/\s{2,}/g, ' ')
    .trim();

/** Why the order ends when it does, in a sentence, with the law it rests on. */
export const expiryRuleWords = (state: IssuedOrDraft): string | undefined => {
  if (state.status !== 'issued') return undefined;
  const d = state.details;
  if (state.expiresAt === null) return 'Renewed without an end date, as the law allows for renewals (Fam. Code 6345).';
  if (state.renewals > 0) return `Renewed ${state.renewals} ${state.renewals === 1 ? 'time' : 'times'}; it ends on the date the last renewal set.`;
  if (!(d.form in ORDER_FORMS)) return undefined;
  const rule = DURATION_RULES[d.form as FormNumber];
  const law = citedLaw(rule.source);
  const by = law !== '' ? ` (${law})` : '';
  switch (rule.kind) {
    case 'until-hearing':
      return d.hearing
        ? `A temporary order lasts until its hearing, on ${formatDateTime(d.hearing.at)}; the hearing must be within ${rule.hearingWithinDays} days of issue, or ${rule.goodCauseDays} for good cause${by}.`
        : `A temporary order lasts until its hearing${by}.`;
    case 'emergency-court-days':
      return `An emergency protective order ends at the earlier of close of business on the ${rule.courtDays}th court day and the end of the ${rule.calendarDays}th calendar day after it was issued${by}.`;
    case 'fixed-days':
      return `This order lasts ${rule.days} days from issue${by}.`;
    case 'after-hearing':
      if (d.expiration?.kind === 'date')
        return `The date written on the order, ${formatDate(d.expiration.date)}${d.expiration.time ? ` at ${d.expiration.time}` : ', at the end of that day'}${rule.maxYears !== null ? `; a ${d.form} may last at most ${rule.maxYears} years` : ''}${by}.`;
      return rule.defaultYears !== null
        ? `No date is written on the order, so it lasts ${rule.defaultYears} years from the ${rule.defaultFrom === 'hearing' ? 'hearing' : 'day it was issued'}${by}.`
        : `The order’s end date${by}.`;
  }
};
