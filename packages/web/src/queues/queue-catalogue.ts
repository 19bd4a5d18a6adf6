import type { Me } from '../api/types';
import { may } from '../view-logic/principal';
import type { QueueName } from './queue-queries';

/** Each DOJ work queue: its name on the page, what it holds, and whether its rows need someone. */
export interface QueueSpec {
  readonly name: QueueName;
  readonly label: string;
  readonly description: string;
  /** Counted on the main menu: rows that wait for a person (not those that wait for DOJ). */
  readonly needsAction: boolean;
}

export const QUEUES: readonly QueueSpec[] = [
  { name: 'review', label: 'To review', description: 'DOJ acknowledgements and rejects to confirm. Select a row and press A (accurate) or C (needs correction); Space selects several.', needsAction: true },
  { name: 'rejected', label: 'Rejected by DOJ', description: 'Orders DOJ refused, oldest first, with DOJ’s errors next to the field each concerns. Correct the order, and the registry sends it again.', needsAction: true },
  { name: 'awaiting-data', label: 'Awaiting data', description: 'Orders held back because data DOJ requires is missing; each says what is missing.', needsAction: true },
  { name: 'overdue', label: 'Overdue', description: 'DOJ deadlines past due and not acknowledged (Fam. Code 6380), the longest overdue first, with why each is still open.', needsAction: true },
  { name: 'dead-letter', label: 'Dead letter', description: 'Messages that failed every attempt. Retry sends one again with a fresh attempt count.', needsAction: true },
  { name: 'pending', label: 'Pending', description: 'Messages waiting to go to DOJ, or sent and waiting for its answer. Nothing to do unless one stays here long.', needsAction: false },
  { name: 'notifications', label: 'DOJ notifications', description: 'Messages DOJ sent the agency on its own (validations, administrative messages), newest first.', needsAction: false },
  { name: 'firearms', label: 'Firearm receipts overdue', description: 'Orders in force whose firearm relinquishment receipt is past due (Fam. Code 6389(c)(2); Pen. Code 18120).', needsAction: false },
];

/** The queues this user sees: the DOJ ones to CLETS-certified users, firearm receipts to supervisors and administrators. */
export const queuesFor = (me: Me): readonly QueueSpec[] => QUEUES.filter((q) => (q.name === 'firearms' ? may(me, 'statistics.read') : may(me, 'doj.queue.read')));

export const isQueueName = (v: unknown): v is QueueName => QUEUES.some((q) => q.name === v);
