import { match } from 'ts-pattern';
import type { Action, GlobalAction, OrderAction } from './actions';
import { WRITE_ACTIONS } from './actions';
import { DRAFT_RULE, maySeeDraft } from './drafts';
import { DATA_ENTRY_ROLES, type Principal, type Role } from './roles';
import { maySeeSealedOrder, SEALED_RULE } from './sealed-orders';

/** What the policy needs to know about the order an action touches. */
export interface OrderFacts {
  /** The agency that entered the order; undefined for a new order (its owner is the actor's agency). */
  readonly ownerAgencyOri?: string;
  readonly assignedAgencies?: readonly string[];
  readonly sealed: boolean;
  /**
   * A draft (or a discarded one) is work in progress of the agency that entered it; `issued` is
   * an order of the registry. Undefined: issued, or a new entry that has no stage yet.
   */
  readonly stage?: 'draft' | 'discarded' | 'issued';
  /**
   * The issuing court a draft or an order is entered under, when the command names one (new
   * entries, draft updates, an add from a draft): it must be one the caller may enter for.
   */
  readonly issuingCourtOri?: string;
}

/** What a global action is aimed at, for agency-scoped administration. */
export interface ScopeFacts {
  readonly agencyOri?: string;
}

export type DenyCode =
  | 'ROLE_NOT_PERMITTED'
  | 'NOT_YOUR_AGENCY'
  | 'NOT_YOUR_COURT'
  | 'SEALED_ORDER'
  | 'DRAFT_OF_ANOTHER_AGENCY'
  | 'CLETS_CERTIFICATION_REQUIRED'
  | 'OWN_ACCOUNT'
  | 'BEYOND_YOUR_REACH'
  | 'IMAGE_REFERENCE_NOT_PROVEN'
  | 'IMAGE_HELD_BY_HIDDEN_ORDER';

export type AccessDecision =
  | { readonly allowed: true; readonly rule: string }
  | {
      readonly allowed: false;
      readonly code: DenyCode;
      readonly reason: string;
      readonly rule: string;
      /**
       * The caller may not learn that the record exists: they are answered as if it did not
       * (404), so a sealed order or another agency's draft cannot be found by trying ids.
       */
      readonly conceal?: true;
    };

export const allow = (rule: string): AccessDecision => ({ allowed: true, rule });
export const deny = (code: DenyCode, reason: string, rule: string, conceal = false): AccessDecision =>
  conceal ? { allowed: false, code, reason, rule, conceal: true } : { allowed: false, code, reason, rule };

export const has = (p: Principal, ...roles: Role[]) => roles.some((r) => p.roles.includes(r));

/** The principal's agency entered the order, or the order is assigned to it (e.g. the sheriff completing DOJ fields). */
export const actsForOrder = (p: Principal, o: OrderFacts): boolean =>
  o.ownerAgencyOri === undefined || o.ownerAgencyOri === p.agencyOri || (o.assignedAgencies ?? []).includes(p.agencyOri);

/**
 * A court the principal may name as the issuing court: its own (or one its agency is set up to
 * enter for), or, on an order it acts for, the court that entered the order, whose assignment of
 * the order is that court's own authority.
 */
export const mayEnterFor = (p: Principal, courtOri: string, o: OrderFacts): boolean =>
  (p.issuingCourts ?? [p.agencyOri]).includes(courtOri) || (o.ownerAgencyOri === courtOri && actsForOrder(p, o));

export { DRAFT_RULE, SEALED_RULE };
const COURT_RULE = 'issuing court: the caller’s own court, or one its agency is set up to enter for (ADR 0034)';

/** Actions that put an order on the record under a court's name. */
const ENTRY_ACTIONS: ReadonlySet<OrderAction> = new Set(['order.draft', 'order.add']);

/**
 * The access policy (pure). Sources: CCPOR's roles (query only, court, supervisor, administrator;
 * sealed orders for supervisors) and the CLETS rule that data received through CLETS is for
 * certified users only; sealed and confidential handling (Fam. Code 6301.5; 18 U.S.C.
 * 2265(d)(3)); ADR 0034 decides who sees sealed orders and drafts and in whose name an order may
 * be entered. Every decision names the rule that made it, so the audit log can record why.
 */
export const authorizeOrder = (p: Principal, action: OrderAction, o: OrderFacts): AccessDecision => {
  const own = actsForOrder(p, o);
  // Existence first: a caller who may not see the order learns nothing about it, whatever the action.
  if (o.sealed && !maySeeSealedOrder(p, own)) {
    return deny('SEALED_ORDER', 'This order is sealed; only a supervisor of the agency that entered it, or of an agency it is assigned to, may see it or act on it.', SEALED_RULE, true);
  }
  if ((o.stage === 'draft' || o.stage === 'discarded') && !maySeeDraft(own)) {
    return deny('DRAFT_OF_ANOTHER_AGENCY', 'Drafts are work in progress of the agency that entered them.', DRAFT_RULE, true);
  }
  if (action === 'order.doj.read' || action === 'order.doj.review' || action === 'order.doj.resend') {
    if (!p.cletsCertified) {
      return deny('CLETS_CERTIFICATION_REQUIRED', 'DOJ responses are CLETS data; only CLETS-certified users may see them.', 'CLETS data: certified users only (CCPOR roles; CLETS policy)');
    }
    if (action === 'order.doj.review' && !(has(p, ...DATA_ENTRY_ROLES) && own)) {
      return deny('NOT_YOUR_AGENCY', 'Only staff of the agency that submitted the order review its DOJ responses.', 'DOJ review: submitting agency');
    }
    if (action === 'order.doj.resend' && !(has(p, ...DATA_ENTRY_ROLES) && actsForOrder(p, o))) {
      return deny('NOT_YOUR_AGENCY', 'Only staff of the agency that submits the order send it to DOJ again.', 'DOJ resend: submitting agency');
    }
    return allow('CLETS-certified user');
  }
  if (!WRITE_ACTIONS.has(action)) {
    // Statewide query for every role: reading orders and their images is what the registry is for.
    return action === 'order.history' && !has(p, ...DATA_ENTRY_ROLES, 'state-admin', 'local-admin', 'query-only')
      ? deny('ROLE_NOT_PERMITTED', 'Your role cannot read order histories.', 'history: registry users')
      : allow(o.sealed ? 'supervisor of the entering or assigned agency on a sealed order' : 'statewide query (CCPOR query)');
  }
  if (!has(p, ...DATA_ENTRY_ROLES)) {
    return deny('ROLE_NOT_PERMITTED', 'Your role may search and view orders but not enter or change them.', 'data entry: court clerk, supervisor, LEA data entry (CCPOR roles; CLETS policy)');
  }
  if (!own) {
    return deny(
      'NOT_YOUR_AGENCY',
      'Only the agency that entered this order, or an agency it is assigned to, may change it.',
      'changes: own or assigned agency',
    );
  }
  if (ENTRY_ACTIONS.has(action) && o.issuingCourtOri !== undefined && !mayEnterFor(p, o.issuingCourtOri, o)) {
    return deny('NOT_YOUR_COURT', `You may not enter orders in the name of court ${o.issuingCourtOri}: only your own court's, or those of a court your agency is set up to enter for.`, COURT_RULE);
  }
  return allow(o.sealed ? 'supervisor on a sealed order' : 'data entry on own or assigned order');
};

export const authorizeGlobal = (p: Principal, action: GlobalAction, scope: ScopeFacts = {}): AccessDecision =>
  match(action)
    .with('search', () => allow('statewide query for every role (CCPOR query)'))
    .with('statistics.read', () =>
      has(p, 'local-admin', 'state-admin', 'supervisor') ? allow('reports') : deny('ROLE_NOT_PERMITTED', 'Reports are for administrators and supervisors.', 'reports (CCPOR reports)'),
    )
    // Who was refused and who read sealed orders is about the registry's own users: their administrators' report (issue 16).
    .with('reports.access.read', () =>
      has(p, 'state-admin')
        ? allow('access report: state administrator')
        : !has(p, 'local-admin')
          ? deny('ROLE_NOT_PERMITTED', 'The access report is for state and local administrators.', 'access report: administrators')
          : scope.agencyOri === undefined || scope.agencyOri === p.agencyOri
            ? allow('access report: local administrator, own agency')
            : deny('NOT_YOUR_AGENCY', 'A local administrator sees the access report of their own agency only.', 'access report: own agency'),
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
    .with('doj.query', () =>
      p.cletsCertified
        ? allow('CLETS-certified user')
        : deny('CLETS_CERTIFICATION_REQUIRED', 'A CARPOS query is a CLETS transaction and its answer CLETS data; only CLETS-certified users may make one.', 'CLETS data: certified users only'),
    )
    .with('doj.reconciliation.read', () =>
      p.cletsCertified
        ? allow('CLETS-certified user')
        : deny('CLETS_CERTIFICATION_REQUIRED', 'A reconciliation report holds DOJ’s records, which are CLETS data; only CLETS-certified users may see it.', 'CLETS data: certified users only'),
    )
    .with('doj.reconcile', () =>
      !p.cletsCertified
        ? deny('CLETS_CERTIFICATION_REQUIRED', 'A reconciliation queries DOJ over CLETS; only CLETS-certified users may start one.', 'CLETS data: certified users only')
        : has(p, 'state-admin')
          ? allow('CLETS-certified state administrator')
          : !has(p, ...DATA_ENTRY_ROLES, 'local-admin')
            ? deny('ROLE_NOT_PERMITTED', 'Only data-entry staff and administrators reconcile their court’s orders with DOJ.', 'reconciliation: data entry and administrators')
            : scope.agencyOri === undefined
              ? deny('ROLE_NOT_PERMITTED', 'Only a state administrator reconciles the whole state.', 'reconciliation of the state: state administrators')
              : scope.agencyOri === p.agencyOri
                ? allow('CLETS-certified staff, own court')
                : deny('NOT_YOUR_AGENCY', 'Staff reconcile their own court’s orders only.', 'reconciliation: own court'),
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
            ? // Answered like a record that does not exist: a local administrator cannot probe other agencies' user names.
              deny('NOT_YOUR_AGENCY', 'A local administrator manages only their own agency.', 'administration: own agency (ADR 0035)', true)
            : deny('ROLE_NOT_PERMITTED', 'Only administrators manage users and API keys.', 'administration (CCPOR roles; CLETS policy)'),
    )
    .with('integrations.manage', 'integrations.feed.read', () =>
      // An agency's integration (its API key) manages and reads its own feed; administrators set it up.
      has(p, 'state-admin')
        ? allow('state administrator')
        : scope.agencyOri !== undefined && scope.agencyOri !== p.agencyOri
          ? deny('NOT_YOUR_AGENCY', 'An integration receives the changes of its own agency only.', 'integrations: own agency')
          : p.kind === 'api-key'
            ? allow('the agency’s integration (API key), own agency')
            : has(p, 'local-admin')
              ? allow('local administrator, own agency')
              : deny('ROLE_NOT_PERMITTED', 'Only an agency’s integration (API key) or its administrators use the integration feed.', 'integrations: API keys and administrators'),
    )
    .with('notifications.manage', 'notifications.log.read', () =>
      has(p, 'state-admin')
        ? allow('state administrator')
        : !has(p, 'local-admin')
          ? deny('ROLE_NOT_PERMITTED', 'Only administrators configure notifications and read their delivery log.', 'notifications: administrators')
          : scope.agencyOri === undefined || scope.agencyOri === p.agencyOri
            ? allow('local administrator, own agency')
            : deny('NOT_YOUR_AGENCY', 'A local administrator manages only their own agency.', 'notifications: own agency'),
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
