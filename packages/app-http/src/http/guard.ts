import {
  authorizeAccountChange,
  authorizeGlobal,
  authorizeImageRead,
  authorizeImageReference,
  authorizeOrder,
  type AccessDecision,
  type AccountChange,
  type AccountFacts,
  type GlobalAction,
  type ImageHolders,
  type ImageProvenance,
  type OrderAction,
  type OrderFacts,
  type ScopeFacts,
} from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { Counter } from 'prom-client';
import type { AccessDecisionRecord } from './access-decision-record';
import { principalOf, type Authenticated } from './principal';
import { NO_SUCH, Problem, type Concealed } from './problem';

/**
 * Where the guard's decisions go, by what it calls on them: the access audit (audit/access-audit.ts)
 * and the decisions counter of the metrics (ops/metrics.ts). Declared here so `http/` needs no
 * feature folder; the assembly (http/app.ts) hands in the real ones.
 */
export interface GuardDeps {
  readonly audit: { record(r: AccessDecisionRecord): void };
  readonly metrics: { readonly accessDecisions: Pick<Counter<'action' | 'allowed'>, 'inc'> };
  readonly now: () => string;
}

const routeOf = (req: Request) => `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;

interface Target {
  readonly orderId?: string;
  readonly targetAgencyOri?: string;
  readonly targetUser?: string;
}

/**
 * Asks the domain policy, records the decision (allowed or denied) in the access audit, and
 * throws the problem for a denial. A denial the policy marks `conceal` (a sealed order, another
 * agency's draft or account) answers 404 as for a record that does not exist, so trying ids
 * reveals nothing; every other denial is 403 with the rule.
 */
export const makeGuard = (deps: GuardDeps) => {
  const record = (req: Request, p: Authenticated, action: string, d: AccessDecision, target: Target, concealAs?: Concealed) => {
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
      ...target,
    });
    if (!d.allowed) {
      if (d.conceal === true && concealAs !== undefined) throw NO_SUCH[concealAs]();
      throw new Problem(403, d.code, 'Forbidden', d.reason, { rule: d.rule });
    }
  };
  return {
    order(req: Request, res: Response, action: OrderAction, facts: OrderFacts, orderId?: string): Authenticated {
      const p = principalOf(res);
      // A new order (no id yet) has nothing to hide: a clerk entering a sealed one is simply refused.
      record(req, p, action, authorizeOrder(p, action, facts), orderId ? { orderId } : {}, orderId ? 'order' : undefined);
      return p;
    },
    /** The policy's decision on an order, recorded in the audit but not thrown: for a route that shows less rather than nothing (the audit replay). */
    orderDecision(req: Request, res: Response, action: OrderAction, facts: OrderFacts, orderId: string): AccessDecision {
      const p = principalOf(res);
      const d = authorizeOrder(p, action, facts);
      try {
        record(req, p, action, d, { orderId });
      } catch {
        // A denial: recorded above; the caller decides what to leave out.
      }
      return d;
    },
    /** `concealAs`: the record the scope belongs to, answered as absent when the policy hides it. */
    global(req: Request, res: Response, action: GlobalAction, scope: ScopeFacts = {}, concealAs?: Concealed): Authenticated {
      const p = principalOf(res);
      record(req, p, action, authorizeGlobal(p, action, scope), scope.agencyOri ? { targetAgencyOri: scope.agencyOri } : {}, concealAs);
      return p;
    },
    /** Creating, changing, resetting, disabling or enabling an account (ADR 0035); `username` names an existing one, concealed when the policy says so. */
    account(req: Request, res: Response, target: AccountFacts | { readonly agencyOri: string }, change: AccountChange, username?: string): Authenticated {
      const p = principalOf(res);
      record(
        req,
        p,
        `account.${change.kind}`,
        authorizeAccountChange(p, target, change),
        { targetAgencyOri: target.agencyOri, ...(username ? { targetUser: username } : {}) },
        username ? 'user' : undefined,
      );
      return p;
    },
    /** Attaching or replacing an image by its hash: the order's history must show the caller uploaded it, or an import attached it (ADR 0036). */
    imageReference(req: Request, res: Response, provenance: ImageProvenance, orderId: string): Authenticated {
      const p = principalOf(res);
      record(req, p, 'order.image.reference', authorizeImageReference(p, provenance), { orderId });
      return p;
    },
    /** Downloading bytes: every order that holds them is read (ADR 0036). */
    imageRead(req: Request, res: Response, holders: ImageHolders, orderId: string): Authenticated {
      const p = principalOf(res);
      record(req, p, 'order.image.bytes', authorizeImageRead(p, holders), { orderId }, 'image');
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
