import { fromCaliforniaLocal } from '@ccpor/domain';
import { formatCounty, formatDate, formTitle, orderTypeWords } from '../view-logic/format';

/**
 * The search as it stands in the address bar (`/search?lastName=RIVRA&dobYears=2&county=19`), so
 * a search can be bookmarked, shared with a colleague, and the back button returns to it. Lists
 * repeat their parameter; `c` holds the cursors of the pages walked so far (the last is this page).
 */
export interface SearchParams {
  readonly role?: 'restrained' | 'protected' | 'any';
  readonly lastName?: string;
  readonly firstName?: string;
  readonly dateOfBirth?: string;
  readonly dobYears?: string;
  readonly caseNumber?: string;
  readonly fcn?: string;
  readonly county?: readonly string[];
  readonly courtOri?: string;
  readonly orderType?: readonly string[];
  readonly form?: readonly string[];
  readonly status?: readonly string[];
  /** Dates (YYYY-MM-DD), both ends inclusive, in California time. */
  readonly issuedFrom?: string;
  readonly issuedTo?: string;
  readonly expiresFrom?: string;
  readonly expiresTo?: string;
  readonly c?: readonly string[];
  /** Results per page (10, 25, 50 or 100). */
  readonly limit?: string;
}

const TEXT_KEYS = ['lastName', 'firstName', 'dateOfBirth', 'dobYears', 'caseNumber', 'fcn', 'courtOri', 'issuedFrom', 'issuedTo', 'expiresFrom', 'expiresTo', 'limit'] as const;
export const PAGE_SIZES = ['10', '25', '50', '100'] as const;
const LIST_KEYS = ['county', 'orderType', 'form', 'status', 'c'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Criteria are short; a cursor is opaque and may be long, and must never be cut. */
const text = (v: unknown, max = 200): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string' && typeof s !== 'number') return undefined;
  const t = String(s).trim();
  return t === '' || t.length > max ? undefined : t;
};
const list = (v: unknown, max = 200): string[] | undefined => {
  const xs = (Array.isArray(v) ? v : [v]).map((x) => text(x, max)).filter((x): x is string => x !== undefined);
  return xs.length === 0 ? undefined : xs.slice(0, 60);
};

/** Any query string into the typed parameters; unknown keys and empty values are dropped. */
export const validateSearchParams = (raw: Record<string, unknown>): SearchParams => {
  const out: Record<string, unknown> = {};
  for (const k of TEXT_KEYS) {
    const v = text(raw[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of LIST_KEYS) {
    const v = list(raw[k], k === 'c' ? 4096 : 200);
    if (v !== undefined) out[k] = v;
  }
  if (out.limit !== undefined && !(PAGE_SIZES as readonly string[]).includes(out.limit as string)) delete out.limit;
  const role = text(raw.role);
  if (role === 'restrained' || role === 'protected' || role === 'any') out.role = role;
  return out as SearchParams;
};

/** The API needs a surname, a case number or an FCN. */
export const hasCriteria = (p: SearchParams): boolean => p.lastName !== undefined || p.caseNumber !== undefined || p.fcn !== undefined;

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** Midnight in California at the start of the day, or the start of the next day for an inclusive end. */
const midnight = (d: string) => new Date(fromCaliforniaLocal(d, '00:00')).toISOString();
const startOf = (d: string | undefined) => (d !== undefined && DATE.test(d) ? midnight(d) : d);
const endOf = (d: string | undefined) => (d !== undefined && DATE.test(d) ? midnight(nextDay(d)) : d);

/** The query string of `GET /api/v1/search` for these parameters (and this page). */
export const toApiQuery = (p: SearchParams): Record<string, string | string[]> => {
  const q: Record<string, string | string[] | undefined> = {
    role: p.role,
    lastName: p.lastName,
    firstName: p.firstName,
    dateOfBirth: p.dateOfBirth,
    dobYears: p.dateOfBirth !== undefined ? p.dobYears : undefined,
    caseNumber: p.caseNumber,
    fcn: p.fcn,
    county: p.county as string[] | undefined,
    courtOri: p.courtOri,
    orderType: p.orderType as string[] | undefined,
    form: p.form as string[] | undefined,
    status: p.status as string[] | undefined,
    issuedFrom: startOf(p.issuedFrom),
    issuedTo: endOf(p.issuedTo),
    expiresFrom: startOf(p.expiresFrom),
    expiresTo: endOf(p.expiresTo),
    limit: p.limit ?? '25',
    cursor: p.c?.at(-1),
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
};

const ROLE_WORDS = { restrained: 'restrained person', protected: 'protected person', any: 'restrained or protected person' } as const;

/** What was searched, in words: the heading of the results and the sentence of an empty result. */
export const describeSearch = (p: SearchParams, courtName?: (ori: string) => string | undefined): string => {
  const parts: string[] = [];
  if (p.lastName !== undefined) {
    const name = [p.lastName.toUpperCase(), p.firstName !== undefined ? `first name ${p.firstName.toUpperCase()}` : undefined].filter(Boolean).join(', ');
    parts.push(`${ROLE_WORDS[p.role ?? 'any']} named ${name}`);
  }
  if (p.dateOfBirth !== undefined) parts.push(`born ${formatDate(p.dateOfBirth)}${p.dobYears !== undefined && p.dobYears !== '0' ? ` ± ${p.dobYears} ${p.dobYears === '1' ? 'year' : 'years'}` : ''}`);
  if (p.caseNumber !== undefined) parts.push(`case number ${p.caseNumber.toUpperCase()}`);
  if (p.fcn !== undefined) parts.push(`FCN ${p.fcn}`);
  if (p.county !== undefined) parts.push(`in ${p.county.map(formatCounty).join(' or ')} county`);
  if (p.courtOri !== undefined) parts.push(`at ${courtName?.(p.courtOri) ?? p.courtOri}`);
  if (p.orderType !== undefined) parts.push(`of type ${p.orderType.map(orderTypeWords).join(' or ')}`);
  if (p.form !== undefined) parts.push(`on form ${p.form.map((f) => `${f} (${formTitle(f)})`).join(' or ')}`);
  if (p.status !== undefined) parts.push(`with status ${p.status.join(' or ')}`);
  if (p.issuedFrom !== undefined || p.issuedTo !== undefined) parts.push(`issued ${range(p.issuedFrom, p.issuedTo)}`);
  if (p.expiresFrom !== undefined || p.expiresTo !== undefined) parts.push(`expiring ${range(p.expiresFrom, p.expiresTo)}`);
  return parts.join(', ');
};

const range = (from?: string, to?: string) =>
  from !== undefined && to !== undefined ? `from ${formatDate(from)} to ${formatDate(to)}` : from !== undefined ? `on or after ${formatDate(from)}` : `on or before ${formatDate(to)}`;

/** What to try when nothing was found, most likely first. */
export const suggestionsFor = (p: SearchParams): string[] => {
  const out: string[] = [];
  if (p.lastName !== undefined) out.push('Check the spelling of the name. The search already forgives small typos and names that sound alike; try fewer letters of a long name, or the surname alone.');
  if (p.dateOfBirth !== undefined && (p.dobYears === undefined || p.dobYears === '0')) out.push('Widen the date of birth to ± 1 or 2 years: dates of birth are often entered a little off.');
  if (p.lastName !== undefined && p.dateOfBirth === undefined) out.push('Add a date of birth (with a range of years if you are not sure) to find the person among others of the same name.');
  if (p.firstName !== undefined) out.push('Leave out the first name: orders may list a nickname or a second given name.');
  if (p.role === 'restrained' || p.role === 'protected') out.push('Search both restrained and protected persons: the person may be named on the other side of an order.');
  const filters = ['county', 'courtOri', 'orderType', 'form', 'status', 'issuedFrom', 'issuedTo', 'expiresFrom', 'expiresTo'].filter((k) => p[k as keyof SearchParams] !== undefined);
  if (filters.length > 0) out.push('Remove a filter (county, court, type, form, status or dates): the order may have been issued elsewhere.');
  if (p.caseNumber !== undefined) out.push('Check the case number as printed on the order, with its letters (for example 26FL000123).');
  out.push('Sealed orders and some confidential protected persons are shown only to those allowed to see them; ask a supervisor if you expect an order that is not listed.');
  return out;
};

/** Router helpers: repeated keys for lists, no JSON in the address bar. */
export const parseSearchString = (search: string): Record<string, unknown> => {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 || (LIST_KEYS as readonly string[]).includes(key) ? all : all[0];
  }
  return out;
};

export const stringifySearchObject = (search: Record<string, unknown>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
};
