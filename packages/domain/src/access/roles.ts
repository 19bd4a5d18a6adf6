import * as t from 'io-ts';

/**
 * Registry roles (CCPOR's roles: query only, court, supervisor, administrator; plus the LEA
 * data-entry and state administrator roles the issue adds). CLETS certification is an attribute
 * of the user, independent of role [I].
 */
export const Role = t.keyof(
  {
    'query-only': null,
    'court-clerk': null,
    supervisor: null,
    'lea-data-entry': null,
    'local-admin': null,
    'state-admin': null,
  },
  'Role',
);
export type Role = t.TypeOf<typeof Role>;
export const ROLES = Object.keys(Role.keys) as Role[];

/** The person or integration acting, as the access policy sees it. */
export interface Principal {
  readonly userId: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly kind: 'user' | 'api-key';
}

/** Roles that enter and maintain orders (court staff and sheriff/LEA data entry). */
export const DATA_ENTRY_ROLES: readonly Role[] = ['court-clerk', 'supervisor', 'lea-data-entry'];
