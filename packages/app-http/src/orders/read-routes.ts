import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { OrderId, type GlobalPosition } from '@ccpor/domain';
import type { Request } from 'express';
import type { AppServices } from '../composition/services';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { SearchQuery } from '../search/search-view';
import { factsOf } from './order-facts';
import { historyView, orderView } from './order-view';

const paramId = (req: Request): string => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

const POSITION_HEADER = 'x-ccpor-wait-for';

/** Read-your-writes for queries: wait until the view has the position a write returned. */
const waitForHeader = async (req: Request, s: AppServices): Promise<void> => {
  const pos = req.get(POSITION_HEADER);
  if (pos === undefined) return;
  if (!/^[0-9:]{1,64}$/.test(pos)) throw badRequest('INVALID_POSITION', 'X-CCPOR-Wait-For must be a position from X-CCPOR-Position.', 'X-CCPOR-Wait-For');
  const ok = await s.readModel.waitFor(pos as GlobalPosition, s.config.waitMaxMs);
  if (!ok) throw new Problem(503, 'VIEW_BEHIND', 'Search view behind', 'The search view has not caught up with that position yet; retry shortly.', { field: 'X-CCPOR-Wait-For' });
};

export const registerReadRoutes = (api: ApiRouter, s: AppServices, guard: Guard): void => {
  const load = async (req: Request) => {
    const orderId = paramId(req);
    const loaded = await s.commands.load(orderId);
    if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
    if (loaded.right.state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
    return { orderId, ...loaded.right };
  };

  api.add({
    method: 'get',
    path: '/orders/:orderId',
    summary: 'Read an order: state, computed status and deadlines, redacted by role',
    tag: 'orders',
    success: 200,
    handler: async ({ req, res }) => {
      const { orderId, state, version } = await load(req);
      const p = guard.order(req, res, 'order.read', factsOf(state), orderId);
      res.setHeader('ETag', `"${version}"`);
      return orderView(orderId, state, version, p, s.clock.now());
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:orderId/history',
    summary: 'Every event of an order with its actor and time',
    tag: 'orders',
    success: 200,
    handler: async ({ req, res }) => {
      const { orderId, state, events, version } = await load(req);
      const p = guard.order(req, res, 'order.history', factsOf(state), orderId);
      res.setHeader('ETag', `"${version}"`);
      return historyView(orderId, state, events, p);
    },
  });

  api.add({
    method: 'get',
    path: '/search',
    summary: 'Statewide search (restrained person, case number, county, agency, status)',
    tag: 'search',
    query: SearchQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = guard.global(req, res, 'search');
      if (Object.keys(query).filter((k) => k !== 'limit' && k !== 'status').length === 0)
        throw badRequest('SEARCH_TOO_BROAD', 'Give at least one of lastName, caseNumber, dateOfBirth, county or agencyOri.', 'lastName');
      await waitForHeader(req, s);
      const hits = s.readModel.search(query, p, s.clock.now());
      if (s.readModel.position) res.setHeader('X-CCPOR-Position', s.readModel.position);
      return { hits, count: hits.length };
    },
  });

  api.add({
    method: 'get',
    path: '/statistics',
    summary: 'Order counts by status, category and county; DOJ timeliness',
    tag: 'search',
    query: t.exact(t.type({})),
    success: 200,
    handler: async ({ req, res }) => {
      const p = guard.global(req, res, 'statistics.read');
      await waitForHeader(req, s);
      return s.readModel.statistics(p, s.clock.now());
    },
  });
};
