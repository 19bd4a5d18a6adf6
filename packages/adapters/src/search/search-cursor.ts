import { createHash } from 'node:crypto';
import { canonicalJson } from '@ccpor/domain';
import type { SearchQuery } from './search-query';

/**
 * The keyset cursor: where the last page ended in the ranking order (score desc, DOB distance,
 * order id, role), how many hits were served so far (for the result cap), the `now` the first
 * page used (so "expired" cannot shift between pages), and a fingerprint of the query, so a
 * cursor is refused on any other query. Opaque to callers: base64url JSON.
 */
export interface CursorState {
  readonly score: number;
  readonly dobDistance: number;
  readonly orderId: string;
  readonly role: 'restrained' | 'protected';
  readonly served: number;
  readonly now: string;
  readonly query: string;
}

export const queryFingerprint = (query: SearchQuery): string => createHash('sha256').update(canonicalJson(query)).digest('base64url').slice(0, 16);

export const encodeCursor = (state: CursorState): string => Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor's state, or undefined when it is not one this code wrote for this query. */
export const decodeCursor = (cursor: string, query: SearchQuery): CursorState | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const s = parsed as Record<string, unknown>;
  const ok =
    Number.isInteger(s.score) &&
    Number.isInteger(s.dobDistance) &&
    typeof s.orderId === 'string' &&
    UUID.test(s.orderId) &&
    (s.role === 'restrained' || s.role === 'protected') &&
    Number.isInteger(s.served) &&
    typeof s.now === 'string' &&
    Number.isFinite(Date.parse(s.now)) &&
    s.query === queryFingerprint(query);
  return ok ? (s as unknown as CursorState) : undefined;
};
