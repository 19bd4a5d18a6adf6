import * as E from 'fp-ts/Either';
import { OrderId, type Clock, type CommandHandler, type PartyConflicts } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, fromHandlerError, NO_SUCH } from '../http/problem';
import { jsonContent } from '../conflicts/precedence-codecs';
import { OrderReadCodec } from './order-view-codecs';
import { CHECK_UNAVAILABLE, unlessViewsDown, type ViewsDownNeeds } from '../conflicts/unless-views-down';
import { factsOf } from './order-facts';
import { historyView, orderView } from './order-view';

const paramId = (req: Request): string => {
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

export const registerReadRoutes = (api: ApiRouter, s: ReadRouteNeeds, guard: Guard): void => {
  const load = async (req: Request) => {
    const orderId = paramId(req);
    const loaded = await s.commands.load(orderId);
    if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
    if (loaded.right.state.status === 'none') throw NO_SUCH.order();
    return { orderId, ...loaded.right };
  };

  api.add({
    method: 'get',
    path: '/orders/:orderId',
    summary:
      'Read an order: state and computed fields, redacted by role — status, every deadline its events started and the ones still pending (DOJ transmissions, firearm surrender and receipt, an emergency order’s filing; docs/law/doj-deadlines.md, firearms.md), the firearm side, the officer’s notice on an order never served, warnings; `precedence`: for each protected person, the other orders about the same pair (party index, all counties), which term of which order governs by the order of enforcement of Pen. Code 136.2(c)(1) and Fam. Code 6383(h), the order the statute names, and the conflicts, each citing its rule (orders the caller may not see are only counted: ADR 0040)',
    tag: 'orders',
    success: 200,
    responseContent: jsonContent(OrderReadCodec),
    handler: async ({ req, res }) => {
      const { orderId, state, version, events } = await load(req);
      const p = guard.order(req, res, 'order.read', factsOf(state, events), orderId);
      res.setHeader('ETag', `"${version}"`);
      const now = s.clock.now();
      const checked = await unlessViewsDown(s, () => s.partyConflicts.forOrder(state, p, now));
      const related = checked.ok ? checked.value : undefined;
      // A withheld order is a decision about that order: audited as such, with the policy's rule (ADR 0040).
      for (const w of related?.withheld ?? []) guard.note(req, p, 'order.read.related', false, w.rule, w.code, w.orderId);
      return {
        ...orderView(orderId, state, version, p, now),
        ...(related ? { precedence: related.precedence } : {}),
        ...(checked.ok ? {} : { precedenceUnavailable: CHECK_UNAVAILABLE }),
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
      const { orderId, state, events, version } = await load(req);
      const p = guard.order(req, res, 'order.history', factsOf(state, events), orderId);
      res.setHeader('ETag', `"${version}"`);
      return historyView(orderId, state, events, p);
    },
  });
};
