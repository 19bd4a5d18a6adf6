import * as E from 'fp-ts/Either';
import { type Clock, type GlobalPosition, type PartyConflicts } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { Config } from '../config/config';
import { jsonContent } from '../conflicts/precedence-codecs';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, Problem } from '../http/problem';
import { principalOf } from '../http/principal';
import { orderStatistics, type OrderStatisticsError } from '../use-cases/search/order-statistics';
import { searchOrders, type SearchOrdersError } from '../use-cases/search/search-orders';
import { guardSearchAccess } from './guard-search-access';
import { SEARCH_PARAMETERS, SearchRequestQuery, searchProblem } from './search-request';
import { SearchResponseCodec } from './search-response';
import type { OrderSearchService } from './order-search-service';
import { StatisticsRequestQuery } from './statistics-report';

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

/** X-CCPOR-Wait-For decoded: the position a write returned (X-CCPOR-Position), or undefined when not sent. */
export const waitForPosition = (req: Request): GlobalPosition | undefined => {
  const pos = req.get(WAIT_HEADER);
  if (pos === undefined) return undefined;
  if (!/^[0-9:]{1,64}$/.test(pos)) throw badRequest('INVALID_POSITION', 'X-CCPOR-Wait-For must be a position from X-CCPOR-Position.', 'X-CCPOR-Wait-For');
  return pos as GlobalPosition;
};

const viewBehind = (): Problem =>
  new Problem(503, 'VIEW_BEHIND', 'Search view behind', 'The search view has not caught up with that position yet; retry shortly.', { field: 'X-CCPOR-Wait-For' });

/** Read-your-writes for queries: wait until the views have the position a write returned (ADR 0030). */
export const waitForHeader = async (req: Request, s: WaitForNeeds): Promise<boolean> => {
  const pos = waitForPosition(req);
  if (pos === undefined) return false;
  const ok = await s.search.waitFor(pos, s.config.waitMaxMs);
  if (!ok) throw viewBehind();
  return true;
};

/** Which database answered (a hot standby or the primary; ADR 0062), for operators and tests. */
const readFrom = (res: Response) => (where: string) => res.setHeader('X-CCPOR-Read-From', where);

export const setPosition = (res: Response, s: PositionNeeds): void => {
  if (s.search.position) res.setHeader('X-CCPOR-Position', s.search.position);
};

/** A search use case's error as the problem answered. */
const searchUseCaseProblem = (e: SearchOrdersError<Problem> | OrderStatisticsError<Problem>): Problem =>
  e.kind === 'refused' ? e.reason : e.kind === 'view-behind' ? viewBehind() : searchProblem(e.error);

/**
 * Statewide search and statistics, read from the adapters' SQL views (ADR 0022, 0032): decode the
 * query and X-CCPOR-Wait-For, call the use case (authorization with the request's guard as its
 * access port, the wait, the read), present the answer and where the views stood.
 */
export const registerSearchRoutes = (api: ApiRouter, s: SearchRouteNeeds, guard: Guard): void => {
  const deps = (req: Request, res: Response) => ({
    access: guardSearchAccess(guard, req, res),
    clock: s.clock,
    search: s.search,
    waitMaxMs: s.config.waitMaxMs,
    partyConflicts: s.partyConflicts,
  });

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
      // A misspelt filter must not be dropped silently: the caller would read a wider answer as a narrow one.
      const unknown = Object.keys(req.query as object).filter((k) => !SEARCH_PARAMETERS.has(k));
      if (unknown.length > 0) throw badRequest('UNKNOWN_PARAMETER', `Unknown search parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, unknown[0]);
      const found = await searchOrders(deps(req, res), { principal: principalOf(res), query, waitFor: waitForPosition(req), onReadFrom: readFrom(res) });
      if (E.isLeft(found)) throw searchUseCaseProblem(found.left);
      const { hits, capped, nextCursor, position } = found.right;
      if (position) res.setHeader('X-CCPOR-Position', position);
      return { hits, count: hits.length, capped, ...(nextCursor ? { nextCursor } : {}) };
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
      const counted = await orderStatistics(deps(req, res), { principal: principalOf(res), query, waitFor: waitForPosition(req), onReadFrom: readFrom(res) });
      if (E.isLeft(counted)) throw searchUseCaseProblem(counted.left);
      if (counted.right.position) res.setHeader('X-CCPOR-Position', counted.right.position);
      return counted.right.report;
    },
  });
};
