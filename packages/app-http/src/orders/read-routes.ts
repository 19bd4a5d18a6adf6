import * as E from 'fp-ts/Either';
import { OrderId, type Clock, type CommandHandler, type PartyConflicts } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { principalOf } from '../http/principal';
import { badRequest } from '../http/problem';
import { jsonContent } from '../conflicts/precedence-codecs';
import { readOrder } from '../use-cases/orders/read-order';
import { readOrderHistory } from '../use-cases/orders/read-order-history';
import { OrderReadCodec } from './order-view-codecs';
import { CHECK_UNAVAILABLE, type ViewsDownNeeds } from '../conflicts/unless-views-down';
import { guardOrderAccess } from './guard-order-access';
import { orderCommandProblem } from './order-command-problem';

const paramId = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

/** What the order read routes read: the order through the command handler, and the other orders about its people. */
export interface ReadRouteNeeds extends ViewsDownNeeds {
  readonly clock: Clock;
  readonly commands: CommandHandler;
  readonly partyConflicts: PartyConflicts;
}

/**
 * Order read and history: decode the order id, call the use case (which loads, authorizes with
 * the request's guard as its access port, and redacts), present the view with the version as ETag.
 */
export const registerReadRoutes = (api: ApiRouter, s: ReadRouteNeeds, guard: Guard): void => {
  const request = (req: Request, res: Response) => ({ orderId: paramId(req), principal: principalOf(res) });
  const deps = (req: Request, res: Response) => ({ commands: s.commands, access: guardOrderAccess(guard, req, res), clock: s.clock, partyConflicts: s.partyConflicts, logger: s.logger });

  api.add({
    method: 'get',
    path: '/orders/:orderId',
    summary:
      'Read an order: state and computed fields, redacted by role — status, every deadline its events started and the ones still pending (DOJ transmissions, firearm surrender and receipt, an emergency order’s filing; docs/law/doj-deadlines.md, firearms.md), the firearm side, the officer’s notice on an order never served, warnings; `precedence`: for each protected person, the other orders about the same pair (party index, all counties), which term of which order governs by the order of enforcement of Pen. Code 136.2(c)(1) and Fam. Code 6383(h), the order the statute names, and the conflicts, each citing its rule (orders the caller may not see are only counted: ADR 0040)',
    tag: 'orders',
    success: 200,
    responseContent: jsonContent(OrderReadCodec),
    handler: async ({ req, res }) => {
      const read = await readOrder(deps(req, res), request(req, res));
      if (E.isLeft(read)) throw orderCommandProblem(read.left, false);
      const { version, view, precedence } = read.right;
      res.setHeader('ETag', `"${version}"`);
      return {
        ...view,
        ...(precedence.checked ? (precedence.value ? { precedence: precedence.value } : {}) : { precedenceUnavailable: CHECK_UNAVAILABLE }),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:orderId/history',
    summary: 'Every event of an order with its actor and time',
    tag: 'orders',
    success: 200,
    handler: async ({ req, res }) => {
      const read = await readOrderHistory(deps(req, res), request(req, res));
      if (E.isLeft(read)) throw orderCommandProblem(read.left, false);
      res.setHeader('ETag', `"${read.right.version}"`);
      return read.right.view;
    },
  });
};
