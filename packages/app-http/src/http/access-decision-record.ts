/**
 * One access decision, as the guard records it and the access audit (audit/access-audit.ts) stores
 * it. Only identifiers and rule names: never a protected person's name, date of birth or address,
 * and never a search query's values (only which fields were searched).
 */
export interface AccessDecisionRecord {
  readonly at: string;
  readonly requestId: string;
  readonly principal: { readonly userId: string; readonly agencyOri: string; readonly roles: readonly string[]; readonly kind: string };
  readonly action: string;
  readonly orderId?: string;
  readonly targetAgencyOri?: string;
  /** The account an administrator acted on (a user name, never a protected person's data). */
  readonly targetUser?: string;
  readonly allowed: boolean;
  readonly code?: string;
  readonly rule: string;
  readonly route: string;
}
