import { authorizeGlobal, type GlobalAction, type Principal } from '@ccpor/domain';
import type { Me } from '../api/types';

/** The signed-in user as the domain's access policy sees them (the same policy the API decides with). */
export const principalOf = (me: Me): Principal => ({ userId: me.username, agencyOri: me.agencyOri, roles: me.roles, cletsCertified: me.cletsCertified, kind: 'user' });

/**
 * Whether the page or button for an action shows at all. The API decides again on every call;
 * this only spares users a screen that would answer "forbidden".
 */
export const may = (me: Me, action: GlobalAction, agencyOri?: string): boolean =>
  authorizeGlobal(principalOf(me), action, agencyOri !== undefined ? { agencyOri } : {}).allowed;
