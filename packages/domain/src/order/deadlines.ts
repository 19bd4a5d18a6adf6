import * as t from 'io-ts';
import { DEADLINE_RULES, type DeadlineRuleId } from '../rules/deadline-rules';
import { IsoDateTime } from '../value-objects/dates';

const RuleId = t.keyof(DEADLINE_RULES as Record<DeadlineRuleId, unknown>, 'DeadlineRuleId');

/**
 * A deadline as the event that starts it records it (ADR 0042): its id on the order ('d1', 'd2'
 * … in the order they arose), the rule it follows, the instant that started it and when it falls
 * due on the issuing court's calendar as it stood then. `ref` ties a deadline to what it is
 * about (the service record for a proof-of-service deadline).
 */
export const DeadlineSpec = t.intersection(
  [t.type({ id: t.string, ruleId: RuleId, startedAt: IsoDateTime, dueAt: IsoDateTime }), t.partial({ ref: t.string })],
  'DeadlineSpec',
);
export type DeadlineSpec = t.TypeOf<typeof DeadlineSpec>;

export type DeadlineStatus = 'pending' | 'met' | 'moot';

/** A deadline on the order: its spec and whether it was met (when, how) or became moot (why). */
export interface Deadline extends DeadlineSpec {
  readonly status: DeadlineStatus;
  readonly closedAt?: string;
  /** How it was met, or why it no longer applies. */
  readonly closedBy?: string;
}

export const pendingDeadline = (spec: DeadlineSpec): Deadline => ({ ...spec, status: 'pending' });

/** The next free deadline id on an order that holds `existing` deadlines. */
export const nextDeadlineId = (existing: readonly { readonly id: string }[], offset = 0): string => `d${existing.length + offset + 1}`;

/** Marks the pending deadlines `which` selects as closed; others are left as they are. */
export const closeDeadlines = (
  deadlines: readonly Deadline[],
  which: (d: Deadline) => boolean,
  status: 'met' | 'moot',
  closedAt: string,
  closedBy: string,
): Deadline[] => deadlines.map((d) => (d.status === 'pending' && which(d) ? { ...d, status, closedAt, closedBy } : d));
