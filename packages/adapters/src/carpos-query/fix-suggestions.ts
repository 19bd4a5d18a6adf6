import { type FieldDifference } from './compare-record';
import { type RegistryOrder } from './registry-order';
import { retireTransaction } from '../carpos-gateway/order-message';

/**
 * The command that fixes a difference (ADR 0013). `resend-*` asks the gateway to send the order
 * as the registry holds it (POST /carpos/orders/{id}/resend); the others are the registry's own
 * commands or queues; `*-at-clets-terminal` and `check-record-at-doj` are for a person.
 */
export type FixAction =
  | 'resend-enter'
  | 'resend-modify'
  | 'resend-service'
  | 'resend-cancel'
  | 'resend-clear'
  | 'modify-order'
  | 'record-service'
  | 'retry-dead-letter'
  | 'complete-order-data'
  | 'correct-order'
  | 'await-doj-answer'
  | 'enter-at-clets-terminal'
  | 'check-record-at-doj'
  | 'draft-order';

export interface FixSuggestion {
  readonly action: FixAction;
  /** What it does, in words for the page. */
  readonly label: string;
  readonly orderId?: string;
  /** The outbox row a queue action acts on. */
  readonly outboxId?: string;
  /** The record to look up at DOJ. */
  readonly fcn?: string;
}

const fix = (action: FixAction, label: string, extra: { orderId?: string; outboxId?: string; fcn?: string } = {}): FixSuggestion => ({ action, label, ...extra });

/** In force in the registry, no record at DOJ: why, as far as the gateway knows, and what to do. */
export const fixesForAbsent = (registry: RegistryOrder): FixSuggestion[] => {
  const { orderId } = registry;
  if (registry.submitted !== true) {
    return [fix('enter-at-clets-terminal', 'Its agency keys orders into CLETS itself: enter it at a CLETS terminal.', { orderId })];
  }
  const open = registry.openRow;
  if (open !== null) {
    switch (open.status) {
      case 'dead':
        return [fix('retry-dead-letter', 'Its message to DOJ failed every attempt: retry it from the dead-letter queue.', { orderId, outboxId: open.id })];
      case 'awaiting-data':
        return [fix('complete-order-data', 'DOJ-required data is missing: complete the order (a modification), and it is sent.', { orderId, outboxId: open.id })];
      default:
        return [fix('await-doj-answer', 'Its message is on its way to DOJ or waiting for DOJ’s answer.', { orderId, outboxId: open.id })];
    }
  }
  if (registry.lastEnterStatus === 'rejected' && registry.order.doj.fcn === undefined) {
    return [fix('correct-order', 'DOJ rejected its entry: correct the order (a modification resubmits it).', { orderId })];
  }
  if (registry.order.doj.fcn === undefined) return [fix('resend-enter', 'Send the order to DOJ again as an entry.', { orderId })];
  // DOJ numbered it once and holds no active record now: retired, cleared at a terminal, or purged.
  return [
    fix('check-record-at-doj', `Query FCN ${registry.order.doj.fcn} to see whether DOJ cleared, cancelled or retired it.`, { orderId, fcn: registry.order.doj.fcn }),
    fix('enter-at-clets-terminal', 'If DOJ no longer holds it, re-enter it at a CLETS terminal (a new FCN must then be recorded on the order).', { orderId }),
  ];
};

/** DOJ holds the order with other key fields. */
export const fixesForDifferent = (registry: RegistryOrder, fields: readonly FieldDifference[]): FixSuggestion[] => {
  const { orderId } = registry;
  const status = fields.find((f) => f.field === 'STS');
  const others = fields.filter((f) => f.field !== 'STS' && f.field !== 'FCN');
  const fixes: FixSuggestion[] = [];
  const fcn = fields.find((f) => f.field === 'FCN');
  if (fcn !== undefined) fixes.push(fix('check-record-at-doj', 'DOJ holds this order under another record number: check which record is right.', { orderId, ...(fcn.registry !== null ? { fcn: fcn.registry } : {}) }));
  if (others.length > 0 && registry.submitted === true) {
    fixes.push(fix('resend-modify', 'Send the registry’s record to DOJ (a modify carrying every field).', { orderId }));
  }
  if (others.length > 0) fixes.push(fix('modify-order', 'Or correct the order in the registry, if DOJ has it right (the modification goes to DOJ).', { orderId }));
  if (status !== undefined) {
    if (status.registry === 'S' && status.doj === 'A' && registry.submitted === true) fixes.push(fix('resend-service', 'Send the proof of service to DOJ again.', { orderId }));
    else if (status.registry === 'A' && status.doj === 'S') fixes.push(fix('record-service', 'DOJ has a proof of service the registry lacks: record the service on the order.', { orderId }));
    else if (registry.order.doj.fcn === undefined || registry.submitted !== true) fixes.push(fix('enter-at-clets-terminal', 'DOJ’s record is not in force: re-enter the order.', { orderId }));
    else fixes.push(fix('check-record-at-doj', 'DOJ’s record is not in force while the order is: check with DOJ and re-enter it.', { orderId, fcn: registry.order.doj.fcn }));
  }
  return fixes;
};

/** Canceled or expired in the registry, still in force at DOJ. */
export const fixesForInactive = (registry: RegistryOrder, registryStatus: 'canceled' | 'expired'): FixSuggestion[] => {
  const { orderId, order } = registry;
  if (registry.submitted !== true) {
    return [fix('enter-at-clets-terminal', 'Its agency keys orders into CLETS itself: cancel or clear the record at a CLETS terminal.', { orderId })];
  }
  if (registryStatus === 'expired') return [fix('resend-clear', 'Clear the DOJ record: the order has expired.', { orderId })];
  const transaction = retireTransaction(order.canceled?.reason ?? 'other');
  return transaction === 'cancel'
    ? [fix('resend-cancel', 'Send the cancellation to DOJ again (entered in error).', { orderId })]
    : [fix('resend-clear', 'Send the clear to DOJ again (the order has ended).', { orderId })];
};

/** A DOJ record no registry order stands for. */
export const fixesForOnlyAtDoj = (): FixSuggestion[] => [
  fix('draft-order', 'Add the order to the registry from the court’s file (a draft prefilled from DOJ’s record), or have its entering agency correct DOJ’s record.'),
];
