import { match } from 'ts-pattern';
import type { Action, GlobalAction, OrderAction } from './actions';
import { WRITE_ACTIONS } from './actions';
import { DATA_ENTRY_ROLES, type Principal, type Role } from './roles';

/** What the policy needs to know about the order an action touches. */
export interface OrderFacts {
  /** The agency that entered the order; undefined for a new order (its owner is the actor's agency). */
  readonly ownerAgencyOri?: string;
  readonly assignedAgencies?: readonly string[];
  readonly sealed: boolean;
}

/** What a global action is aimed at, for agency-scoped administration. */
export interface ScopeFacts {
  readonly agencyOri?: string;
}

export type DenyCode =
  | 'ROLE_NOT_PERMITTED'
  | 'NOT_YOUR_AGENCY'
  | 'SEALED_ORDER'
  | 'CLETS_CERTIFICATION_REQUIRED';

export type AccessDecision =
  | { readonly allowed: true; readonly rule: string }
  | { readonly allowed: false; readonly code: DenyCode; readonly reason: string; readonly rule: string };

const allow = (rule: string): AccessDecision => ({ allowed: true, rule });
const deny = (code: DenyCode, reason: string, rule: string): AccessDecision => ({ allowed: false, code, reason, rule });

const has = (p: Principal, ...roles: Role[]) => roles.some((r) => p.roles.includes(r));

/** The principal's agency entered the order, or the order is assigned to it (e.g. the sheriff completing DOJ fields). */
export const actsForOrder = (p: Principal, o: OrderFacts): boolean =>
  o.ownerAgencyOri === undefined || o.ownerAgencyOri === p.agencyOri || (o.assignedAgencies ?? []).includes(p.agencyOri);

/**
 * The access policy (pure). Sources: CCPOR's roles (query only, court, supervisor, administrator;
 * sealed orders for supervisors) and the CLETS rule that data received through CLETS is for
 * certified users only; sealed and confidential handling (Fam. Code 6301.5; 18 U.S.C.
 * 2265(d)(3)); the issue adds the own-or-assigned-agency rule for changes. Every decision names the rule that made it, so the
 * audit log can record why.
 */
export const authorizeOrder = (p: Principal, action: OrderAction, o: OrderFacts): AccessDecision => {
  if (o.sealed && !has(p, 'supervisor') && !(has(p, 'state-admin') && action === 'order.history')) {
    return deny('SEALED_ORDER', 'This order is sealed; only a supervisor may view or act on it.', 'sealed orders: supervisors only (CCPOR roles; Fam. Code 6301.5)');
  }
  if (action === 'order.doj.read' || action === 'order.doj.review') {
    if (!p.cletsCertified) {
      return deny('CLETS_CERTIFICATION_REQUIRED', 'DOJ responses are CLETS data; only CLETS-certified users may see them.', 'CLETS data: certified users only (CCPOR roles; CLETS policy)');
    }
    if (action === 'order.doj.review' && !(has(p, ...DATA_ENTRY_ROLES) && actsForOrder(p, o))) {
      return deny('NOT_YOUR_AGENCY', 'Only staff of the agency that submitted the order review its DOJ responses.', 'DOJ review: submitting agency');
    }
    return allow('CLETS-certified user');
  }
  if (!WRITE_ACTIONS.has(action)) {
    // Statewide query for every role: reading orders and their images is what the registry is for.
    return action === 'order.history' && !has(p, ...DATA_ENTRY_ROLES, 'state-admin', 'local-admin', 'query-only')
      ? deny('ROLE_NOT_PERMITTED', 'Your role cannot read order histories.', 'history: registry users')
      : allow('statewide query (CCPOR query)');
  }
  if (!has(p, ...DATA_ENTRY_ROLES)) {
    return deny('ROLE_NOT_PERMITTED', 'Your role may search and view orders but not enter or change them.', 'data entry: court clerk, supervisor, LEA data entry (CCPOR roles; CLETS policy)');
  }
  if (!actsForOrder(p, o)) {
    return deny(
      'NOT_YOUR_AGENCY',
      'Only the agency that entered this order, or an agency it is assigned to, may change it.',
      'changes: own or assigned agency',
    );
  }
  return allow(o.sealed ? 'supervisor on a sealed order' : 'data entry on own or assigned order');
};

export const authorizeGlobal = (p: Principal, action: GlobalAction, scope: ScopeFacts = {}): AccessDecision =>
  match(action)
    .with('search', () => allow('statewide query for every role (CCPOR query)'))
    .with('statistics.read', () =>
      has(p, 'local-admin', 'state-admin', 'supervisor') ? allow('reports') : deny('ROLE_NOT_PERMITTED', 'Reports are for administrators and supervisors.', 'reports (CCPOR reports)'),
    )
    .with('doj.queue.read', () =>
      p.cletsCertified ? allow('CLETS-certified user') : deny('CLETS_CERTIFICATION_REQUIRED', 'The DOJ message queues are CLETS data; only CLETS-certified users may see them.', 'CLETS data: certified users only (CCPOR roles; CLETS policy)'),
    )
    .with('doj.queue.manage', () =>
      !p.cletsCertified
        ? deny('CLETS_CERTIFICATION_REQUIRED', 'The DOJ message queues are CLETS data; only CLETS-certified users may act on them.', 'CLETS data: certified users only (CCPOR roles; CLETS policy)')
        : has(p, 'state-admin')
          ? allow('CLETS-certified state administrator')
          : !has(p, ...DATA_ENTRY_ROLES, 'local-admin')
            ? deny('ROLE_NOT_PERMITTED', 'Only data-entry staff and administrators act on the DOJ queues.', 'DOJ queues: data entry and administrators')
            : scope.agencyOri === undefined || scope.agencyOri === p.agencyOri
              ? allow('CLETS-certified staff, own agency')
              : deny('NOT_YOUR_AGENCY', 'Only staff of the agency that submitted the order act on its DOJ messages.', 'DOJ queues: submitting agency'),
    )
    // A court's closures and close of business (docs/law/calendar.md): its own local administrator, or a state administrator.
    .with('courts.calendar.manage', () =>
      has(p, 'state-admin')
        ? allow('state administrator')
        : has(p, 'local-admin') && scope.agencyOri !== undefined && scope.agencyOri === p.agencyOri
          ? allow('local administrator of the court')
          : has(p, 'local-admin')
            ? deny('NOT_YOUR_AGENCY', 'A local administrator keeps only their own court’s calendar.', 'court calendars: own court')
            : deny('ROLE_NOT_PERMITTED', 'Only administrators keep court calendars.', 'court calendars: administrators'),
    )
    .with('users.manage', 'api-keys.manage', () =>
      has(p, 'state-admin')
        ? allow('state administrator')
        : has(p, 'local-admin') && (scope.agencyOri === undefined || scope.agencyOri === p.agencyOri)
          ? allow('local administrator, own agency')
          : has(p, 'local-admin')
            ? deny('NOT_YOUR_AGENCY', 'A local administrator manages only their own agency.', 'administration: own agency')
            : deny('ROLE_NOT_PERMITTED', 'Only administrators manage users and API keys.', 'administration (CCPOR roles; CLETS policy)'),
    )
    .with('agencies.manage', 'audit.replay', 'audit.verify', 'projections.manage', () =>
      has(p, 'state-admin') ? allow('state administrator') : deny('ROLE_NOT_PERMITTED', 'Only a state administrator may do this.', 'state administration'),
    )
    .exhaustive();

/** One entry point for both kinds of action. */
export const authorize = (p: Principal, action: Action, facts: OrderFacts | ScopeFacts = {}): AccessDecision =>
  (action as string).startsWith('order.')
    ? authorizeOrder(p, action as OrderAction, { sealed: false, ...(facts as Partial<OrderFacts>) })
    : authorizeGlobal(p, action as GlobalAction, facts as ScopeFacts);
