import * as t from 'io-ts';
import type { SearchError } from '@ccpor/adapters';
import { Problem, type ProblemField } from '../http/problem';

const Digits = (name: string) => t.refinement(t.string, (s) => /^\d{1,4}$/.test(s), name);
/** A list filter: repeat the parameter (`county=19&county=30`) or separate values with commas. */
const List = (name: string) => t.union([t.string, t.array(t.string)], name);

/**
 * The query string of `GET /search`, decoded at the edge. Values stay text here; the adapters'
 * search codec (`decodeSearchQuery`) then checks and normalises every field and says what is
 * wrong in words, so the rules live in one place.
 */
export const SearchRequestQuery = t.exact(
  t.partial({
    role: t.keyof({ restrained: null, protected: null, any: null }),
    lastName: t.string,
    firstName: t.string,
    caseNumber: t.string,
    fcn: t.string,
    dateOfBirth: t.string,
    dobYears: Digits('dobYears (whole years, 0–5)'),
    county: List('county codes or names'),
    courtOri: t.string,
    orderType: List('order types (CPO, CH, DV, EA, EPO, GV, JV, WV, SV)'),
    form: List('form numbers'),
    status: List('statuses (draft, discarded, active, served, canceled, expired)'),
    issuedFrom: t.string,
    issuedTo: t.string,
    expiresFrom: t.string,
    expiresTo: t.string,
    limit: Digits('limit (1–100)'),
    cursor: t.string,
  }),
  'SearchQuery',
);
export type SearchRequestQuery = t.TypeOf<typeof SearchRequestQuery>;

export const SEARCH_PARAMETERS: ReadonlySet<string> = new Set(Object.keys(SearchRequestQuery.type.props));

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');

/** The adapters' search query and paging options from the decoded query string. */
export const toSearchInput = (q: SearchRequestQuery): { readonly query: Record<string, unknown>; readonly limit?: number; readonly cursor?: string } => {
  const { limit, cursor, dobYears, county, orderType, form, status, ...text } = q;
  return {
    query: {
      ...text,
      ...(dobYears !== undefined ? { dobYears: Number(dobYears) } : {}),
      ...(county !== undefined ? { county: list(county) } : {}),
      ...(orderType !== undefined ? { orderType: list(orderType) } : {}),
      ...(form !== undefined ? { form: list(form) } : {}),
      ...(status !== undefined ? { status: list(status) } : {}),
    },
    ...(limit !== undefined ? { limit: Number(limit) } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  };
};

/** The first search parameter a problem sentence names, so the 400 can point at it. */
const fieldOf = (sentence: string): string => {
  const named = [...SEARCH_PARAMETERS].filter((p) => new RegExp(`\\b${p}\\b`).test(sentence)).sort((a, b) => sentence.indexOf(a) - sentence.indexOf(b));
  return named[0] ?? 'query';
};

/** A refused search as a 400 problem: every problem sentence, each with the parameter it names. */
export const searchProblem = (e: SearchError): Problem => {
  const errors: ProblemField[] = e.problems.map((reason) => ({ field: fieldOf(reason), reason }));
  return new Problem(400, e.code, 'Invalid search', e.message, { field: errors[0]?.field ?? 'query', errors });
};
