import * as E from 'fp-ts/Either';
import { FORM_NUMBERS, type FormReadError } from '@ccpor/domain';
import type { FormLayout } from './layouts';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/** Letters OCR mistakes for digits inside a form number ("DV-13O"). */
const DIGITS: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', '|': '1', S: '5', B: '8', Z: '2' };

const normalize = (s: string): string => s.toUpperCase().replace(/[‐‑‒–—−]/g, '-');

/** Every Judicial Council style form number printed in the text ("DV-130", "EPO-001", "FL-300"). */
export const formNumbersIn = (text: string): string[] => {
  const found: string[] = [];
  for (const m of normalize(text).matchAll(/\b([A-Z]{2,3})(?:\s?-\s?|\s)([0-9OQDILSBZ|]{3})\b/g)) {
    found.push(`${m[1]}-${[...m[2]!].map((c) => DIGITS[c] ?? c).join('')}`);
  }
  return found;
};

/** The revision date printed in the footer ("Rev. January 1, 2025"), as YYYY-MM-DD. */
export const revisionIn = (text: string): string | undefined => {
  const m = /\bREV[.,]?\s*([A-Z]{3,9})\.?\s+(\d{1,2})\s*[,.]?\s*(\d{4})\b/.exec(normalize(text));
  if (!m) return undefined;
  const month = MONTHS.findIndex((name) => name.startsWith(m[1]!));
  if (month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
};

const simplified = (s: string): string => normalize(s).replace(/[^A-Z0-9]+/g, ' ').trim();

/** How many of a layout's printed headings appear in the text: tells revisions of one form apart when the footer is unreadable. */
const headingMatches = (layout: FormLayout, text: string): number => {
  const haystack = simplified(text);
  return layout.text.filter((t) => simplified(t.text).length >= 6 && haystack.includes(simplified(t.text))).length;
};

/**
 * Recognises the form from its own printed number: the known form number printed most often
 * on the pages wins (it is in every page's footer). Its revision comes from the footer too;
 * when the footer's date cannot be read, the revision whose printed headings match best is
 * taken (the newest on a tie). A form the registry has no layout for is refused, naming what
 * was printed, so the clerk knows why nothing was read.
 */
export const recogniseForm = (pagesText: readonly string[], layouts: readonly FormLayout[]): E.Either<FormReadError, FormLayout> => {
  const text = pagesText.join('\n');
  const printed = formNumbersIn(text);
  const supported = [...new Set(layouts.map((l) => l.form))].sort();
  const counts = new Map<string, number>();
  for (const n of printed) if (supported.includes(n as (typeof supported)[number])) counts.set(n, (counts.get(n) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best === undefined) {
    const seen = [...new Set(printed.filter((n) => FORM_NUMBERS.includes(n as never) || /^[A-Z]{2,3}-\d{3}$/.test(n)))];
    return E.left({
      code: 'UNKNOWN_FORM',
      found: seen,
      message:
        seen.length > 0
          ? `This is not a form the registry can read: the pages carry ${seen.join(', ')}; forms with a layout: ${supported.join(', ')}.`
          : `No form number was found on the pages; forms with a layout: ${supported.join(', ')}.`,
    });
  }
  const revisions = layouts.filter((l) => l.form === best).sort((a, b) => (a.revision < b.revision ? 1 : -1));
  const revision = revisionIn(text);
  if (revision !== undefined) {
    const exact = revisions.find((l) => l.revision === revision);
    if (exact) return E.right(exact);
    return E.left({
      code: 'UNKNOWN_REVISION',
      form: best,
      revision,
      known: revisions.map((l) => l.revision),
      message: `This ${best} is the revision of ${revision}; the registry has layouts for ${revisions.map((l) => l.revisionText).join(' and ')} only.`,
    });
  }
  const scored = revisions.map((l) => ({ l, score: headingMatches(l, text) })).sort((a, b) => b.score - a.score);
  return E.right(scored[0]!.l);
};
