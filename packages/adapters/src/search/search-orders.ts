import * as E from 'fp-ts/Either';
import { DEFAULT_SCHEMA } from '../sql/schema-name';
import { createHash } from 'node:crypto';
import type { SqlDatabase } from '../sql/sql-database';
import { decodeCursor, encodeCursor, queryFingerprint } from './search-cursor';
import { toSearchHit, type SearchPage, type SearchRow } from './search-hit';
import { decodeSearchOptions, decodeSearchQuery, DEFAULT_PAGE_SIZE, MAX_RESULTS, type SearchError } from './search-query';
import { buildSearch } from './search-sql';

/** PostgreSQL statement names are at most 63 bytes. */
const statementName = (text: string): string => `ccpor_search_${createHash('sha1').update(text).digest('hex')}`;

/**
 * Statewide order search (ADR 0022). `query` and `options` are checked with io-ts first, so
 * anything a client sends can be passed straight in; a bad query or cursor comes back as a
 * SearchError value with one sentence per problem.
 *
 * Results are ranked by score (exact, phonetic and trigram agreement of the surname, then the
 * first name), then by distance from the queried DOB, then by order id, and paged by keyset:
 * the cursor holds where the last page ended, so pages never overlap or skip when rows arrive
 * meanwhile, and a query never pages past MAX_RESULTS hits.
 */
export const searchOrders = async (db: SqlDatabase, query: unknown, options: unknown): Promise<E.Either<SearchError, SearchPage>> => {
  const q = decodeSearchQuery(query);
  if (E.isLeft(q)) return q;
  const o = decodeSearchOptions(options);
  if (E.isLeft(o)) return o;
  const opts = o.right;
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, q.right);
  if (opts.cursor !== undefined && after === undefined) {
    const problem = 'the cursor does not belong to this query (or is damaged); start again without it';
    return E.left({ code: 'INVALID_CURSOR', message: `The search cursor is not valid: ${problem}`, problems: [problem] });
  }
  const served = after?.served ?? 0;
  const pageSize = Math.min(opts.limit ?? DEFAULT_PAGE_SIZE, MAX_RESULTS - served);
  if (pageSize <= 0) return E.right({ hits: [], capped: true });
  // Every page of one search judges expiry at the instant of its first page.
  const now = after?.now ?? opts.now;
  const built = buildSearch(q.right, opts.schema ?? DEFAULT_SCHEMA, now, pageSize, after, opts.visibility);
  // Prepared per connection under a name derived from the text: a search's text depends only on
  // its shape, filters and schema, so a few dozen statements cover the traffic, and parsing the
  // long statement cost more than planning and running it (app-http README, benchmark notes).
  const { rows } = await db.queryPrepared<SearchRow>(statementName(built.text), built.text, built.values);
  const lookup = built.shape === 'case-number' || built.shape === 'fcn' ? built.shape : undefined;
  const page = rows.slice(0, pageSize).map((r) => toSearchHit(r, lookup, q.right.dateOfBirth !== undefined));
  const last = page[page.length - 1];
  const more = rows.length > pageSize;
  const total = served + page.length;
  if (!more || last === undefined) return E.right({ hits: page, capped: false });
  if (total >= MAX_RESULTS) return E.right({ hits: page, capped: true });
  const nextCursor = encodeCursor({
    score: last.score,
    dobDistance: last.dobDistanceDays,
    orderId: last.orderId,
    role: last.role,
    served: total,
    now,
    query: queryFingerprint(q.right),
  });
  return E.right({ hits: page, nextCursor, capped: false });
};
