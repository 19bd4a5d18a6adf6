import { authorizeOrder, has } from './policy';
import { DRAFT_REACH } from './drafts';
import { DATA_ENTRY_ROLES, type Principal } from './roles';
import { sealedReachOf } from './sealed-orders';

/**
 * How far a kind of order reaches for a principal: every agency's, only those their agency entered
 * or is assigned to, or none.
 */
export type Reach = 'all' | 'own' | 'none';

/**
 * What a principal may find among many orders at once: the form a query or a queue needs, where
 * `authorizeOrder` answers for one order. A search, a statistics count, a DOJ queue or a
 * reconciliation report turns it into its filter, so hidden rows never leave the database. It is
 * the same policy: `visibility.test.ts` checks it against `authorizeOrder` and `maySeeConfidential`
 * for every role, agency and kind of order.
 */
export interface Visibility {
  readonly agencyOri: string;
  /** Sealed orders: supervisors, of their own or assigned agency's orders (ADR 0034). */
  readonly sealed: Reach;
  /** Confidential or minor protected persons, findable by name (Fam. Code 6301.5; redaction.ts). */
  readonly confidential: Reach;
  /** Drafts: work in progress of the entering or assigned agency (ADR 0034). */
  readonly drafts: Reach;
}

export const visibilityOf = (p: Principal): Visibility => ({
  agencyOri: p.agencyOri,
  sealed: sealedReachOf(p),
  confidential: has(p, ...DATA_ENTRY_ROLES) ? 'own' : 'none',
  drafts: DRAFT_REACH,
});

/**
 * Whether sealed orders may be listed for a principal, when the list is limited to the orders of
 * `agencies` (undefined: every agency). A state administrator who also holds the supervisor role
 * still sees no other agency's sealed order.
 */
export const sealedListedFor = (p: Principal, agencies: readonly string[] | undefined): boolean => {
  const reach = visibilityOf(p).sealed;
  if (reach === 'all') return true;
  if (reach === 'none' || agencies === undefined) return false;
  return agencies.every((ori) => authorizeOrder(p, 'order.read', { sealed: true, ownerAgencyOri: ori, stage: 'issued' }).allowed);
};

/**
 * Whose records a principal's statistics and reports count.
 * - Reports on orders: a local administrator (without a statewide role) their own agency's;
 *   everyone else the policy lets read statistics, the state's. What the caller could not find is
 *   left out of either by `visibilityOf` (ADR 0034).
 * - The access report (who read or changed what): a state administrator the state's; a local
 *   administrator only their own agency's users' decisions, as `reports.access.read` allows.
 */
export type ReportScope = { readonly kind: 'statewide' } | { readonly kind: 'agency'; readonly agencyOri: string };

export const reportScopeOf = (p: Principal, subject: 'orders' | 'access' = 'orders'): ReportScope => {
  const own = subject === 'access' ? !has(p, 'state-admin') : has(p, 'local-admin') && !has(p, 'state-admin', 'supervisor');
  return own ? { kind: 'agency', agencyOri: p.agencyOri } : { kind: 'statewide' };
};

/**
 * Whose records an agency-scoped list or queue shows (DOJ queues, reconciliation runs, webhook
 * subscriptions and deliveries, the mail log, the firearm overdue list, users and API keys): a
 * state administrator any agency's, or every agency's when none is named; everyone else their own
 * agency's, and another agency's is refused (ADR 0034). What each list holds is still filtered by
 * `visibilityOf` and `authorizeOrder` (sealed orders, confidential persons).
 */
export type AgencyScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'agency'; readonly agencyOri: string }
  | { readonly kind: 'refused'; readonly code: 'NOT_YOUR_AGENCY'; readonly requested: string };

export const agencyScopeOf = (p: Principal, requested?: string): AgencyScope => {
  const anyAgency = has(p, 'state-admin');
  if (requested === undefined) return anyAgency ? { kind: 'all' } : { kind: 'agency', agencyOri: p.agencyOri };
  return anyAgency || requested === p.agencyOri ? { kind: 'agency', agencyOri: requested } : { kind: 'refused', code: 'NOT_YOUR_AGENCY', requested };
};

/** Whether a record of `agencyOri` is within the principal's agency scope (a row of a list). */
export const withinAgencyScope = (p: Principal, agencyOri: string): boolean => agencyScopeOf(p, agencyOri).kind !== 'refused';
