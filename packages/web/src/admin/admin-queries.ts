import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { AdminUser, ApiKeyListed } from '../api/types';

/** The lists the administration pages work on; the API scopes them (a local administrator: own agency). */
export const usersQuery = queryOptions({
  queryKey: ['admin', 'users'],
  queryFn: async (): Promise<AdminUser[]> => (unwrap(await api.GET('/api/v1/users')) as { users: AdminUser[] }).users,
});

export const apiKeysQuery = queryOptions({
  queryKey: ['admin', 'api-keys'],
  queryFn: async (): Promise<ApiKeyListed[]> => (unwrap(await api.GET('/api/v1/api-keys')) as { apiKeys: ApiKeyListed[] }).apiKeys,
});
