import { useQueries } from '@tanstack/react-query';
import type { Me, ReviewEntry } from '../api/types';
import { queuesFor } from './queue-catalogue';
import { queueQueries } from './queue-queries';

/**
 * How many rows each queue holds now, refreshed with the queues themselves (no reload): the main
 * menu shows the sum of those that wait for a person, each queue link its own.
 */
export const useQueueCounts = (me: Me, enabled = true): { readonly byQueue: Readonly<Record<string, number | undefined>>; readonly needingAction: number | undefined } => {
  const specs = queuesFor(me);
  const results = useQueries({ queries: specs.map((s) => ({ ...(queueQueries[s.name] as typeof queueQueries.review), enabled })) });
  const byQueue: Record<string, number | undefined> = {};
  specs.forEach((s, i) => {
    const rows = results[i]?.data as unknown[] | undefined;
    // The review queue lists orders, each with the DOJ answers to confirm: the answers are counted.
    byQueue[s.name] = s.name === 'review' && rows !== undefined ? (rows as ReviewEntry[]).reduce((n, r) => n + r.messageIds.length, 0) : rows?.length;
  });
  const counted = specs.filter((s) => s.needsAction).map((s) => byQueue[s.name]);
  const needingAction = counted.every((n) => n !== undefined) ? counted.reduce<number>((a, n) => a + (n ?? 0), 0) : undefined;
  return { byQueue, needingAction };
};
