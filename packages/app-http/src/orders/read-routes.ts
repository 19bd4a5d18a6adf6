import * as E from 'fp-ts/Either';
import { OrderId } from '@ccpor/domain';
import type { Request } from 'express';
import type { AppServices } from '../composition/services';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { registerSearchRoutes } from '../search/search-routes';
import { factsOf } from './order-facts';
import { historyView, orderView } from './order-view';

const paramId = (req: Request): string => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
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
  registerSearchRoutes(api, s, guard);
};
