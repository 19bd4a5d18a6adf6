import type { EnforcementView, OrderComputed, OrderPrecedence, OrderState, Role } from '@ccpor/domain';
import type { components, paths } from './schema.gen';

/**
 * Answers the OpenAPI document does not describe in full yet (it types only part of the order
 * read and none of the session), typed from the domain, which the server builds them from.
 */
export interface Me {
  readonly username: string;
  readonly displayName: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly mustChangePassword: boolean;
  readonly csrfToken?: string;
  readonly expiresAt?: string;
}

export interface Agency {
  readonly ori: string;
  readonly name: string;
  readonly kind: 'superior-court' | 'tribal-court' | 'sheriff' | 'other-lea';
  readonly county: string;
}

export type IssuedOrDraft = Extract<OrderState, { status: 'issued' | 'draft' }>;

/** `GET /orders/{id}`: the order as this user may see it, computed fields, and the enforcement view. */
export interface OrderRead {
  readonly orderId: string;
  readonly version: number;
  readonly computed: OrderComputed;
  readonly order: OrderState;
  /** Paths of what the policy withheld from this user, e.g. `details.protectedPersons.0`. */
  readonly redacted: readonly string[];
  readonly precedence?: OrderPrecedence;
  readonly precedenceUnavailable?: string;
}

export type { EnforcementView };

type SearchOk = paths['/api/v1/search']['get']['responses']['200']['content']['application/json'];
export type SearchAnswer = SearchOk;
export type SearchHit = SearchOk['hits'][number];
export type Problem = components['schemas']['Problem'];
