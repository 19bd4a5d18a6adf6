import type { Request, Response } from 'express';
import type { Guard } from '../http/guard';
import { refusing } from '../http/guard-refusal';
import { principalOf } from '../http/principal';
import type { Problem } from '../http/problem';
import type { ImageReadAccess } from '../use-cases/orders/read-image';

/**
 * The order use cases' access port over HTTP: the request's guard, so every decision is audited
 * with the request id and route exactly as the routes' own guard calls are (ADR 0031), and a
 * denial is the problem the route answers with (403, or 404 where the policy conceals; ADR 0034).
 */
export const guardOrderAccess = (guard: Guard, req: Request, res: Response): ImageReadAccess<Problem> => ({
  order: (action, facts, orderId) => refusing(() => guard.order(req, res, action, facts, orderId)),
  imageReference: (provenance, orderId) => refusing(() => guard.imageReference(req, res, provenance, orderId)),
  imageRead: (holders, orderId) => refusing(() => guard.imageRead(req, res, holders, orderId)),
  withheld: (w) => guard.note(req, principalOf(res), 'order.read.related', false, w.rule, w.code, w.orderId),
});
