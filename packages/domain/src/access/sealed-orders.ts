import type { Principal } from './roles';

/**
 * Sealed orders (Cal. Rules of Court 2.550–2.551; ADR 0034). May a clerk of another county see a
 * sealed order? No: a sealed order exists only for supervisors of the agency that entered it or of
 * an agency it is assigned to. Everyone else (a clerk of the same court included) is answered as
 * if it did not exist, on every route, in search, queues, reports and related-order warnings.
 */
export const SEALED_RULE = 'sealed orders: supervisors of the entering or assigned agency only (Cal. Rules of Court 2.550–2.551; ADR 0034)';

/** Whether `p` may see a sealed order, given whether `p`'s agency entered it or is assigned to it. */
export const maySeeSealedOrder = (p: Principal, actsForOrder: boolean): boolean => p.roles.includes('supervisor') && actsForOrder;

/** The same rule over many orders at once: which sealed orders a list or query may include. */
export const sealedReachOf = (p: Principal): 'own' | 'none' => (p.roles.includes('supervisor') ? 'own' : 'none');
