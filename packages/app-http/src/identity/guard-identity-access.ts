import type { Request, Response } from 'express';
import type { Guard } from '../http/guard';
import { refusing } from '../http/guard-refusal';
import { actorOf, principalOf } from '../http/principal';
import type { Problem } from '../http/problem';
import type { IdentityAccess } from '../use-cases/identity/identity-access';

/**
 * The identity use cases' access port over HTTP: the request's guard, so every decision is audited
 * with the request id and route exactly as the routes' own guard calls were (ADR 0031), and a
 * denial is the problem the route answers with (403, or 404 where the policy conceals; ADR 0034).
 */
export const guardIdentityAccess = (guard: Guard, req: Request, res: Response): IdentityAccess<Problem> => ({
  get actor() {
    return actorOf(principalOf(res));
  },
  administer: (action, scope, record) => refusing(() => guard.global(req, res, action, scope, record)),
  account: (target, change, username) => refusing(() => guard.account(req, res, target, change, username)),
});
