import type { Actor, Principal } from '@ccpor/domain';
import type { Response } from 'express';
import { Problem } from './problem';

export interface Authenticated extends Principal {
  /** 'cookie' sessions must send the CSRF header on writes; API keys and bearer sessions need not. */
  readonly via: 'cookie' | 'bearer' | 'api-key';
  readonly mustChangePassword: boolean;
  readonly csrf?: string;
  /** The cookie session's id and end, which signing out records (ADR 0035). */
  readonly session?: { readonly id: string; readonly expiresAt: string };
}

export const principalOf = (res: Response): Authenticated => {
  const p = res.locals.principal as Authenticated | undefined;
  if (!p) throw new Problem(401, 'UNAUTHENTICATED', 'Not signed in', 'Sign in, or send an API key.');
  return p;
};

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, agencyOri: p.agencyOri, roles: p.roles, kind: p.kind });
