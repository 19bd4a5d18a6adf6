import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { CaseNumber, CountyCode, Fcn, FormNumber, IsoDate, IsoDateTime, lettersOnly, Ori } from '@ccpor/domain';

/**
 * The statewide search query, as a caller (the HTTP layer, the command line) sends it, with its
 * io-ts codec: every field is checked and normalised here, so the SQL builder only ever sees
 * valid values.
 */

const OrderTypeCodec = t.keyof({ CPO: null, CH: null, DV: null, EA: null, EPO: null, GV: null, JV: null, WV: null, SV: null }, 'OrderType');
/** Status as a reader sees it: "expired" is derived from the expiry at the query's `now`. */
export const SearchStatus = t.keyof({ draft: null, discarded: null, active: null, served: null, canceled: null, expired: null }, 'SearchStatus');
export type SearchStatus = t.TypeOf<typeof SearchStatus>;

/** Whose name is searched: the restrained person, the protected persons, or either. */
export const SearchRole = t.keyof({ restrained: null, protected: null, any: null }, 'SearchRole');
export type SearchRole = t.TypeOf<typeof SearchRole>;

const nameText = (label: string, minLetters: number) =>
  new t.Type<string, string, unknown>(
    label,
    (u): u is string => typeof u === 'string',
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `${label} must be text`);
      const letters = lettersOnly(u);
      return letters.length >= minLetters && u.length <= 50
        ? t.success(letters)
        : t.failure(u, c, `${label} "${u}" needs at least ${minLetters} letter${minLetters > 1 ? 's' : ''} (and at most 50 characters)`);
    },
    (a) => a,
  );

const YearWindow = t.refinement(t.Int, (n) => n >= 0 && n <= 5, 'dobYears (a whole number of years, 0–5)');

const nonEmptyArray = <C extends t.Mixed>(codec: C, name: string) =>
  t.refinement(t.array(codec), (a) => a.length >= 1 && a.length <= 60, `${name} (1–60 values)`);

const SearchQueryFields = t.partial({
    role: SearchRole,
    lastName: nameText('lastName', 1),
    firstName: nameText('firstName', 1),
    caseNumber: CaseNumber,
    fcn: Fcn,
    dateOfBirth: IsoDate,
    /**
     * Widen the DOB to ±N years (NCIC's expanded DOB uses 1): phonetic matches anywhere in the
     * window, and trigram matches on the same month and day in the years of the window (the
     * Interstate Identification Index rule).
     */
    dobYears: YearWindow,
    county: nonEmptyArray(CountyCode, 'county'),
    courtOri: Ori,
    orderType: nonEmptyArray(OrderTypeCodec, 'orderType'),
    form: nonEmptyArray(FormNumber, 'form'),
    status: nonEmptyArray(SearchStatus, 'status'),
    /** Instants, inclusive from and exclusive to. */
    issuedFrom: IsoDateTime,
    issuedTo: IsoDateTime,
    expiresFrom: IsoDateTime,
    expiresTo: IsoDateTime,
});

export const SearchQuery = t.refinement(
  SearchQueryFields,
  (q) =>
    (q.lastName !== undefined || q.caseNumber !== undefined || q.fcn !== undefined) &&
    (q.dobYears === undefined || q.dateOfBirth !== undefined) &&
    // A surname alone, with no DOB, must say a little more than one letter.
    !(q.lastName !== undefined && q.lastName.length < 2 && q.dateOfBirth === undefined && q.caseNumber === undefined && q.fcn === undefined),
  'SearchQuery (give a lastName, a caseNumber or an fcn; dobYears needs a dateOfBirth; a surname without a DOB needs two letters or more)',
);
export type SearchQuery = t.TypeOf<typeof SearchQuery>;

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** No query pages past this many hits: refine the query instead (and the database is spared). */
export const MAX_RESULTS = 500;

/**
 * What the caller may see, decided by the server from the domain's access policy and never taken
 * from a client: which sealed orders and which confidential or minor protected persons (`all`,
 * those of orders the agency entered or is assigned, or `none`); drafts are always only those of
 * the agency's own or assigned orders. Without it, search returns everything (the command line
 * and tests).
 */
export const SearchVisibility = t.type({
  sealed: t.keyof({ all: null, own: null, none: null }),
  agencyOri: t.string,
  confidential: t.keyof({ all: null, own: null, none: null }),
});
export type SearchVisibility = t.TypeOf<typeof SearchVisibility>;

export const SearchOptions = t.intersection([
  t.type({ now: IsoDateTime }),
  t.partial({
    visibility: SearchVisibility,
    limit: t.refinement(t.Int, (n) => n >= 1 && n <= MAX_PAGE_SIZE, `limit (1–${MAX_PAGE_SIZE})`),
    cursor: t.string,
    /** Schema holding the views (default `ccpor`). */
    schema: t.string,
  }),
]);
export type SearchOptions = t.TypeOf<typeof SearchOptions>;

export interface SearchError {
  readonly code: 'INVALID_QUERY' | 'INVALID_CURSOR';
  readonly message: string;
  /** One sentence per problem, naming the field. */
  readonly problems: readonly string[];
}

const pathOf = (context: t.Context): string =>
  context
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .join('.');

/** io-ts errors as one sentence each: the message the codec gave, or the field and what it expects. */
export const describeErrors = (errors: t.Errors): string[] => [
  ...new Set(
    errors.map((e) => {
      const path = pathOf(e.context);
      // A codec's own message may not name the field ("… is not one of California's 58 counties"): prefix it, so the caller knows which.
      if (e.message) return path !== '' && !e.message.includes(path) ? `${path}: ${e.message}` : e.message;
      const expected = e.context[e.context.length - 1]?.type.name ?? 'a valid value';
      return `${path || 'query'}: expected ${expected}, got ${JSON.stringify(e.value)}`;
    }),
  ),
];

const KNOWN_FIELDS = new Set(Object.keys(SearchQueryFields.props));

const invalid = (problems: readonly string[]): E.Either<SearchError, never> =>
  E.left({ code: 'INVALID_QUERY', message: `The search query is not valid: ${problems.join('; ')}`, problems });

/** Decodes a query; an unknown field is an error too, so a misspelt filter is never silently ignored. */
export const decodeSearchQuery = (input: unknown): E.Either<SearchError, SearchQuery> => {
  if (typeof input === 'object' && input !== null) {
    const unknown = Object.keys(input).filter((k) => !KNOWN_FIELDS.has(k));
    if (unknown.length > 0) return invalid(unknown.map((k) => `unknown field "${k}"`));
  }
  const decoded = SearchQuery.decode(input);
  return E.isRight(decoded) ? decoded : invalid(describeErrors(decoded.left));
};

export const decodeSearchOptions = (input: unknown): E.Either<SearchError, SearchOptions> => {
  const decoded = SearchOptions.decode(input);
  return E.isRight(decoded) ? decoded : invalid(describeErrors(decoded.left));
};
