import type { ApiSession } from './api';

/** The demo's invented surnames (app-http demo/demo-orders.ts): every demo order's restrained person has one. */
export const DEMO_SURNAMES = ['RIVERA', 'NGUYEN', 'GARCIA', 'SMITH', 'KIM', 'PATEL', 'JOHNSON', 'LOPEZ', 'BROWN', 'CHEN', 'DAVIS', 'MARTINEZ', 'WILSON', 'ANDERSON', 'THOMAS', 'MOORE'];

export interface DemoHit {
  readonly orderId: string;
  readonly person: { last: string; first: string; dateOfBirth: string };
  readonly form: string;
  readonly status: string;
  readonly sealed: boolean;
  readonly imageCount: number;
  readonly courtOri: string;
}

/** Every demo order, found as a user finds them: by the restrained person's surname (a supervisor sees sealed ones too). */
export const demoOrders = async (api: ApiSession): Promise<DemoHit[]> => {
  const seen = new Map<string, DemoHit>();
  for (const last of DEMO_SURNAMES) {
    const r = await api.ok('GET', `/api/v1/search?role=restrained&lastName=${last}&limit=100`);
    for (const h of r.hits as DemoHit[]) if (h.person.last === last) seen.set(h.orderId, h);
  }
  return [...seen.values()];
};

/** Drops one letter from the middle of a surname: the typo a clerk makes. */
export const typo = (name: string): string => name.slice(0, Math.floor(name.length / 2)) + name.slice(Math.floor(name.length / 2) + 1);
