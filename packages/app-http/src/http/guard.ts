import { authorizeGlobal, authorizeOrder, authorizeRoleGrant, type GlobalAction, type Role, type OrderAction, type OrderFacts, type ScopeFacts } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { AccessAuditLog } from '../audit/access-audit';
import type { Metrics } from '../ops/metrics';
import { principalOf, type Authenticated } from './principal';
import { Problem } from './problem';

export interface GuardDeps {
  readonly audit: AccessAuditLog;
  readonly metrics: Metrics;
  readonly now: () => string;
}

const routeOf = (req: Request) => `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;

/**
 * Asks the domain policy, records the decision (allowed or denied) in the access audit, and
 * throws the problem for a denial. A sealed order a caller may not see answers 404, so its
 * existence does not leak; every other denial is 403 with the rule.
 */
export const makeGuard = (deps: GuardDeps) => {
  const record = (req: Request, p: Authenticated, action: string, d: ReturnType<typeof authorizeGlobal>, extra: { orderId?: string; targetAgencyOri?: string }) => {
    deps.metrics.accessDecisions.inc({ action, allowed: String(d.allowed) });
    deps.audit.record({
      at: deps.now(),
      requestId: String(req.id ?? ''),
      principal: { userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind },
      action,
      allowed: d.allowed,
      ...(d.allowed ? {} : { code: d.code }),
      rule: d.rule,
      route: routeOf(req),
      ...extra,
    });
    if (!d.allowed) {
      // Hide an existing sealed order; a clerk trying to enter a new sealed one is simply refused.
      if (d.code === 'SEALED_ORDER' && extra.orderId !== undefined) throw new Problem(404, 'NOT_FOUND', 'Not found', 'No such order.');
      throw new Problem(403, d.code, 'Forbidden', d.reason, { rule: d.rule });
    }
  };
  return {
    order(req: Request, res: Response, action: OrderAction, facts: OrderFacts, orderId?: string): Authenticated {
      const p = principalOf(res);
      record(req, p, action, authorizeOrder(p, action, facts), orderId ? { orderId } : {});
      return p;
    },
    global(req: Request, res: Response, action: GlobalAction, scope: ScopeFacts = {}): Authenticated {
      const p = principalOf(res);
      record(req, p, action, authorizeGlobal(p, action, scope), scope.agencyOri ? { targetAgencyOri: scope.agencyOri } : {});
      return p;
    },
    grant(req: Request, res: Response, roles: readonly Role[], agencyOri: string): Authenticated {
      const p = principalOf(res);
      record(req, p, 'roles.grant', authorizeRoleGrant(p, roles, agencyOri), { targetAgencyOri: agencyOri });
      return p;
    },
    /** Records a decision made outside a guard call (sign-in; an order withheld from a list), so the audit trail has it too. */
    note(req: Request, p: Authenticated, action: string, allowed: boolean, rule: string, code?: string, orderId?: string): void {
      deps.metrics.accessDecisions.inc({ action, allowed: String(allowed) });
      deps.audit.record({
        at: deps.now(),
        requestId: String(req.id ?? ''),
        principal: { userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind },
        action,
        allowed,
        ...(code ? { code } : {}),
        rule,
        route: routeOf(req),
        ...(orderId ? { orderId } : {}),
      });
    },
  };
};
export type Guard = ReturnType<typeof makeGuard>;
