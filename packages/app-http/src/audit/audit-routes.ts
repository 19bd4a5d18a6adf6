import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { IsoDateTime, OrderId, type EventStore, type CommandHandler } from '@ccpor/domain';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest, fromHandlerError, NO_SUCH } from '../http/problem';
import { factsOf } from '../orders/order-facts';
import { replayOrder } from './replay-order';
import { verifyChains } from './verify-chains';

/** What the audit routes read: the log (an order replayed as of a time, the hash chains) and the order's current state through the command handler. */
export interface AuditRouteNeeds {
  readonly store: EventStore;
  readonly commands: CommandHandler;
}

export const registerAuditRoutes = (api: ApiRouter, s: AuditRouteNeeds, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/audit/orders/:orderId',
    summary: 'An order as it stood at a time, with its timeline (state administrators; the data of an order they may not read, a sealed one, is withheld and the timeline alone is shown)',
    tag: 'audit',
    query: t.exact(t.partial({ asOf: IsoDateTime })),
    success: 200,
    handler: async ({ req, res, query }) => {
      const id = OrderId.decode(req.params.orderId);
      if (E.isLeft(id)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      guard.global(req, res, 'audit.replay');
      const r = await replayOrder(s.store, id.right, query.asOf);
      if (!r.exists) throw NO_SUCH.order();
      // The timeline (who did what, when) is the investigator's; the order's data is shown only
      // where the policy lets the caller read the order: never a sealed one, now or as it stood
      // then (ADR 0034). Each replay is audited, and so is what it withheld.
      const current = await s.commands.load(id.right);
      if (E.isLeft(current)) throw fromHandlerError(current.left, false);
      const facts = factsOf(current.right.state, current.right.events);
      const then = factsOf(r.state);
      const d = guard.orderDecision(req, res, 'order.read', { ...facts, sealed: facts.sealed || then.sealed }, id.right);
      if (d.allowed) return r;
      const { state: _state, computed: _computed, ...timeline } = r;
      return { ...timeline, redacted: ['state', 'computed'], withheldBecause: d.rule };
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
