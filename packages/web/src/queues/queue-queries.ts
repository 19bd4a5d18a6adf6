import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { CorrectionEntry, DojNotification, FirearmOverdueEntry, OutboxEntry, OverdueEntry, ReviewEntry } from '../api/types';

/**
 * The DOJ work queues, each read from its own API route. They refresh on their own every
 * REFRESH_MS (and when the window regains focus), so the counts on the menu and the lists move
 * without a reload as the gateway hears from DOJ.
 */
export const REFRESH_MS = 15_000;

export type QueueName = 'review' | 'rejected' | 'awaiting-data' | 'pending' | 'dead-letter' | 'overdue' | 'notifications' | 'firearms';

const get = async <T>(path: string): Promise<T[]> => {
  // The paths are the API's own; the answers are typed in api/types.ts (the document does not describe them yet).
  const r = await api.GET(path as never, {} as never);
  const body = unwrap(r as { data?: unknown; error?: unknown; response: Response }) as { entries?: T[]; orders?: T[] };
  return body.entries ?? body.orders ?? [];
};

const q = <T>(name: QueueName, path: string) =>
  queryOptions({ queryKey: ['doj-queue', name], queryFn: () => get<T>(path), refetchInterval: REFRESH_MS, staleTime: 5_000 });

export const queueQueries = {
  review: q<ReviewEntry>('review', '/api/v1/carpos/queues/review'),
  rejected: q<CorrectionEntry>('rejected', '/api/v1/carpos/queues/rejected'),
  'awaiting-data': q<OutboxEntry>('awaiting-data', '/api/v1/carpos/queues/awaiting-data'),
  pending: q<OutboxEntry>('pending', '/api/v1/carpos/queues/pending'),
  'dead-letter': q<OutboxEntry>('dead-letter', '/api/v1/carpos/queues/dead-letter'),
  overdue: q<OverdueEntry>('overdue', '/api/v1/carpos/overdue'),
  notifications: q<DojNotification>('notifications', '/api/v1/carpos/notifications'),
  firearms: q<FirearmOverdueEntry>('firearms', '/api/v1/firearms/overdue'),
} as const;
