import type { GlobalPosition, OrderState, Principal } from '@ccpor/domain';
import * as t from 'io-ts';

/** Query parameters of statewide search, decoded at the HTTP edge. */
export const SearchQuery = t.exact(
  t.partial({
    lastName: t.refinement(t.string, (s) => s.trim().length >= 1 && s.length <= 50, 'last name (1–50 characters)'),
    firstName: t.refinement(t.string, (s) => s.length <= 50, 'first name (at most 50 characters)'),
    dateOfBirth: t.refinement(t.string, (s) => /^\d{4}-\d{2}-\d{2}$/.test(s), 'date of birth (YYYY-MM-DD)'),
    caseNumber: t.refinement(t.string, (s) => s.length >= 1 && s.length <= 30, 'case number'),
    county: t.refinement(t.string, (s) => /^\d{2}$/.test(s), 'county code (two digits)'),
    agencyOri: t.refinement(t.string, (s) => /^[A-Z]{2}[A-Z0-9]{7}$/.test(s), 'ORI (9 characters)'),
    status: t.keyof({ draft: null, active: null, served: null, canceled: null, expired: null }),
    limit: t.refinement(t.string, (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 200, 'limit (1–200)'),
  }),
  'SearchQuery',
);
export type SearchQuery = t.TypeOf<typeof SearchQuery>;

/** One hit: what a query user needs to recognise an order; protected persons are never listed. */
export interface SearchHit {
  readonly orderId: string;
  readonly status: string;
  readonly form?: string;
  readonly caseNumber?: string;
  readonly county?: string;
  readonly enteringAgencyOri: string;
  readonly sealed: boolean;
  readonly issuedAt?: string;
  readonly expiresAt?: string | null;
  readonly restrainedPerson?: { readonly last: string; readonly first: string; readonly dateOfBirth?: string };
}

export interface Statistics {
  readonly orders: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly byCounty: Readonly<Record<string, number>>;
  readonly dojOverdue: number;
  readonly missingForDoj: number;
}

/**
 * The query side the HTTP service reads: statewide search, statistics, and the position it has
 * caught up to (for read-your-writes). The in-process view below implements it; the adapters'
 * SQL search view implements the same port when it lands.
 */
export interface SearchView {
  search(q: SearchQuery, principal: Principal, at: string): readonly SearchHit[];
  statistics(principal: Principal, at: string): Statistics;
  orderState(orderId: string): OrderState | undefined;
  readonly position: GlobalPosition | undefined;
  /** Resolves true once the view has applied `position`, false after `timeoutMs`. */
  waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean>;
  /** Global position of the newest event in the store minus the view's, in events behind (approximate). */
  readonly lagEvents: number;
}
