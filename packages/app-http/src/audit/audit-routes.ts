import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { IsoDateTime, OrderId } from '@ccpor/domain';
import type { AppServices } from '../composition/services';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, Problem } from '../http/problem';
import { replayOrder } from './replay-order';
import { verifyChains } from './verify-chains';

export const registerAuditRoutes = (api: ApiRouter, s: AppServices, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/audit/orders/:orderId',
    summary: 'An order as it stood at a time, with its timeline (state administrators)',
    tag: 'audit',
    query: t.exact(t.partial({ asOf: IsoDateTime })),
    success: 200,
    handler: async ({ req, res, query }) => {
      const id = OrderId.decode(req.params.orderId);
      if (E.isLeft(id)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      guard.global(req, res, 'audit.replay');
      const r = await replayOrder(s.store, id.right, query.asOf);
      if (!r.exists) throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
      return r;
    },
  });
  api.add({
    method: 'post',
    path: '/audit/verify',
    summary: 'Recompute every stream’s hash chain and name events that do not match (state administrators)',
    tag: 'audit',
    success: 200,
    handler: async ({ req, res }) => {
      guard.global(req, res, 'audit.verify');
      return verifyChains(s.store);
    },
  });
};
