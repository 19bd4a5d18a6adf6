import * as E from 'fp-ts/Either';
import { reportScopeOf, type Clock, type GlobalPosition, type PartyConflicts } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { Config } from '../config/config';
import { jsonContent } from '../conflicts/precedence-codecs';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, Problem } from '../http/problem';
import { SEARCH_PARAMETERS, SearchRequestQuery, searchProblem, toSearchInput } from './search-request';
import { SearchResponseCodec } from './search-response';
import { presentHit, searchVisibility } from './search-visibility';
import type { OrderSearchService } from './order-search-service';
import { StatisticsRequestQuery, statisticsReport, type StatisticsScope } from './statistics-report';

const WAIT_HEADER = 'x-ccpor-wait-for';

/** What telling a caller the views' position reads. */
export interface PositionNeeds {
  readonly search: OrderSearchService;
}

/** What waiting for a position a write returned reads: the views, and how long a request may wait. */
export interface WaitForNeeds extends PositionNeeds {
  readonly config: Config;
}

/** What the search and statistics routes read. */
export interface SearchRouteNeeds extends WaitForNeeds {
  readonly clock: Clock;
  readonly partyConflicts: PartyConflicts;
}

/** Read-your-writes for queries: wait until the views have the position a write returned (ADR 0030). */
export const waitForHeader = async (req: Request, s: WaitForNeeds): Promise<boolean> => {
  const pos = req.get(WAIT_HEADER);
  if (pos === undefined) return false;
  if (!/^[0-9:]{1,64}$/.test(pos)) throw badRequest('INVALID_POSITION', 'X-CCPOR-Wait-For must be a position from X-CCPOR-Position.', 'X-CCPOR-Wait-For');
  const ok = await s.search.waitFor(pos as GlobalPosition, s.config.waitMaxMs);
  if (!ok) throw new Problem(503, 'VIEW_BEHIND', 'Search view behind', 'The search view has not caught up with that position yet; retry shortly.', { field: 'X-CCPOR-Wait-For' });
  return true;
};

/** Which database answered (a hot standby or the primary; ADR 0062), for operators and tests. */
const readFrom = (res: Response) => (where: string) => res.setHeader('X-CCPOR-Read-From', where);

export const setPosition = (res: Response, s: PositionNeeds): void => {
  if (s.search.position) res.setHeader('X-CCPOR-Position', s.search.position);
};

/** Statewide search and statistics, read from the adapters' SQL views (ADR 0022, 0032). */
export const registerSearchRoutes = (api: ApiRouter, s: SearchRouteNeeds, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/search',
    summary:
      'Statewide search by restrained or protected person (surname with typos, first name, DOB exact or ± years), case number or FCN; filters by county, court, type, form, status and dates; ranked, paged by cursor; each hit says how many other orders in force concern its parties and how many conflicts they have (`related`)',
    tag: 'search',
    query: SearchRequestQuery,
    headers: ['X-CCPOR-Wait-For'],
    success: 200,
    responseContent: jsonContent(SearchResponseCodec),
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'search');
      // A misspelt filter must not be dropped silently: the caller would read a wider answer as a narrow one.
      const unknown = Object.keys(req.query as object).filter((k) => !SEARCH_PARAMETERS.has(k));
      if (unknown.length > 0) throw badRequest('UNKNOWN_PARAMETER', `Unknown search parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, unknown[0]);
      // The FCN is assigned by DOJ: looking an order up by it is reading CLETS data.
      if (query.fcn !== undefined) guard.order(req, res, 'order.doj.read', { sealed: false });
      const afterWait = await waitForHeader(req, s);
      const input = toSearchInput(query);
      const page = await s.search.search(
        input.query,
        {
          now: s.clock.now(),
          visibility: searchVisibility(p),
          ...(input.limit !== undefined ? { limit: input.limit } : {}),
          ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
        },
        { afterWait, onReadFrom: readFrom(res) },
      );
      if (E.isLeft(page)) throw searchProblem(page.left);
      setPosition(res, s);
      const presented = page.right.hits.flatMap((h) => presentHit(h, p) ?? []);
      // One statement for the page, not one per hit: other orders in force about each hit's parties, and their conflicts (ADR 0040).
      const related = await s.partyConflicts.indicators([...new Set(presented.map((h) => h.orderId))], p, s.clock.now());
      const hits = presented.map((h) => ({ ...h, related: related.get(h.orderId) }));
      return { hits, count: hits.length, capped: page.right.capped, ...(page.right.nextCursor ? { nextCursor: page.right.nextCursor } : {}) };
    },
  });

  api.add({
    method: 'get',
    path: '/statistics',
    summary: 'Order counts by county, order type, stage, status (expired derived now) and month of issue; a local administrator sees their own agency',
    tag: 'search',
    query: StatisticsRequestQuery,
    headers: ['X-CCPOR-Wait-For'],
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'statistics.read');
      const afterWait = await waitForHeader(req, s);
      // Their own agency's for a local administrator; statewide for the others the policy lets in.
      const scope: StatisticsScope = reportScopeOf(p);
      const now = s.clock.now();
      const rows = await s.search.statistics(
        {
          now,
        ...(query.issuedFromMonth ? { issuedFromMonth: query.issuedFromMonth } : {}),
        ...(query.issuedToMonth ? { issuedToMonth: query.issuedToMonth } : {}),
        ...(query.county ? { counties: typeof query.county === 'string' ? [query.county] : query.county } : {}),
        ...(scope.kind === 'agency' ? { enteringAgencyOri: scope.agencyOri } : {}),
          // What the caller could not find is not counted either (ADR 0034).
          visibility: searchVisibility(p),
        },
        { afterWait, onReadFrom: readFrom(res) },
      );
      setPosition(res, s);
      return statisticsReport(rows, now, scope);
    },
  });
};
