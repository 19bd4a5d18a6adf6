import type { Request, Response } from 'express';
import type { Guard } from '../http/guard';
import type { Problem } from '../http/problem';
import { refusing } from '../http/guard-refusal';
import type { SearchAccess } from '../use-cases/search/search-access';

/** The search use cases' access port over HTTP: the request's guard, so each decision is audited with the request id and route (ADR 0031), and a denial is the problem answered. */
export const guardSearchAccess = (guard: Guard, req: Request, res: Response): SearchAccess<Problem> => ({
  global: (action) => refusing(() => guard.global(req, res, action)),
  order: (action, facts) => refusing(() => guard.order(req, res, action, facts)),
});
