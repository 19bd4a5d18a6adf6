import { queryOptions } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import { unwrap } from '../api/problem';
import type { Agency, Me } from '../api/types';

/** Who is signed in (null: nobody). Keeps the session's CSRF token for the changes the pages send. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Me | null> => {
    const r = await api.GET('/api/v1/session');
    if (r.response.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    const me = unwrap(r) as Me;
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 60_000,
  retry: false,
});

/** Every agency with its county: the header's county, the court filter of the search. */
export const agenciesQuery = queryOptions({
  queryKey: ['agencies'],
  queryFn: async (): Promise<Agency[]> => (unwrap(await api.GET('/api/v1/agencies')) as { agencies: Agency[] }).agencies,
  staleTime: 10 * 60_000,
});

/** Only paths of this application, never another site or the sign-in page itself. */
export const safeRedirect = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/^\/(sign-in|change-password)(\/|\?|$)/.test(value)) return undefined;
  return value;
};
