import * as E from 'fp-ts/Either';
import type { Request, Response } from 'express';
import type { Guard } from '../http/guard';
import { principalOf } from '../http/principal';
import { Problem } from '../http/problem';
import type { OrderAccess } from '../use-cases/orders/order-access';

/** A guard call's denial, which it throws as the problem to answer with, as a value. */
export const refusing = (ask: () => unknown): E.Either<Problem, void> => {
  try {
    ask();
    return E.right(undefined);
  } catch (refusal) {
    if (refusal instanceof Problem) return E.left(refusal);
    throw refusal;
  }
};

/**
 * The order use cases' access port over HTTP: the request's guard, so every decision is audited
 * with the request id and route exactly as the routes' own guard calls are (ADR 0031), and a
 * denial is the problem the route answers with (403, or 404 where the policy conceals; ADR 0034).
 */
export const guardOrderAccess = (guard: Guard, req: Request, res: Response): OrderAccess<Problem> => ({
  order: (action, facts, orderId) => refusing(() => guard.order(req, res, action, facts, orderId)),
  imageReference: (provenance, orderId) => refusing(() => guard.imageReference(req, res, provenance, orderId)),
  withheld: (w) => guard.note(req, principalOf(res), 'order.read.related', false, w.rule, w.code, w.orderId),
});
