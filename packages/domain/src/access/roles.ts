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

/**
 * Roles as a request gives them: each at most once, one to six. Stored events keep the lenient
 * `t.array(Role)` so an old event with a repeated role still reads; new ones are decoded with this.
 */
export const RoleSet = new t.Type<Role[], Role[], unknown>(
  'roles (one to six, each at most once)',
  (u): u is Role[] => Array.isArray(u) && u.every((r) => Role.is(r)) && new Set(u).size === u.length && u.length >= 1 && u.length <= 6,
  (u, c) => {
    const decoded = t.array(Role).validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    const roles = decoded.right;
    if (roles.length < 1 || roles.length > 6) return t.failure(u, c, 'must list one to six roles');
    const repeated = roles.find((r, i) => roles.indexOf(r) !== i);
    return repeated === undefined ? t.success(roles) : t.failure(u, c, `lists ${repeated} twice; give each role once`);
  },
  (a) => a,
);

/** The person or integration acting, as the access policy sees it. */
export interface Principal {
  readonly userId: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly kind: 'user' | 'api-key';
  /**
   * The courts in whose name this principal may enter orders: its own agency when that is a
   * court, and the courts whose orders its agency is set up to enter (a sheriff that submits a
   * court's orders to CARPOS; ADR 0034). Undefined: its own agency only.
   */
  readonly issuingCourts?: readonly string[];
}

/** Roles that enter and maintain orders (court staff and sheriff/LEA data entry). */
export const DATA_ENTRY_ROLES: readonly Role[] = ['court-clerk', 'supervisor', 'lea-data-entry'];
