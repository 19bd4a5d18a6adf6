import { DEADLINE_RULES, type DeadlineKind, type DeadlinePurpose, type DeadlineRuleId } from '../rules/deadline-rules';
import { missingForDoj, type MissingField } from '../rules/doj-readiness';
import { LAW_DOCS } from '../rules/law-docs';
import type { DojTransaction } from './commands';
import type { Deadline } from './deadlines';
import { firearmsOrdered } from './firearms';
import { formInfo } from './order-forms';
import { deadlinesOf, firearmReceiptsOf, type IssuedOrder, type OrderState } from './order-state';

export type OrderStatus = 'draft' | 'discarded' | 'active' | 'served' | 'canceled' | 'expired';

export const isExpiredAt = (s: IssuedOrder, at: string): boolean => s.expiresAt !== null && Date.parse(s.expiresAt) <= Date.parse(at);

/**
 * Status as a reader sees it at an instant. Expiry is derived at query time, never stored, so an
 * order cannot be shown "active" after it ended just because no event was written.
 */
export const orderStatusAt = (state: OrderState, at: string): OrderStatus | 'none' => {
  switch (state.status) {
    case 'none':
    case 'draft':
    case 'discarded':
      return state.status;
    case 'issued':
      if (state.canceled) return 'canceled';
      if (isExpiredAt(state, at)) return 'expired';
      return state.services.length > 0 ? 'served' : 'active';
  }
};

/**
 * What an officer does with an order in force that has no proof of service: the law makes it
 * enforceable once the restrained person has been told its terms (Fam. Code 6383(e); the order's
 * face, Fam. Code 6224). Shown wherever officers meet the order (docs/law/service.md).
 */
export const UNSERVED_NOTICE = {
  notice: 'Not served: tell the restrained person the terms, then enforce.',
  rule: `Fam. Code 6383(e) (the officer's verbal notice of the terms is service); Fam. Code 6224 (if proof of service has not been received, advise the restrained person of the terms, then enforce); ${LAW_DOCS.service}`,
} as const;

export type UnservedNotice = typeof UNSERVED_NOTICE;

/** The notice for an order whose status at the reader's instant is `active` (in force, never served). */
export const unservedNoticeFor = (status: OrderStatus | 'none'): UnservedNotice | undefined => (status === 'active' ? UNSERVED_NOTICE : undefined);

/** One deadline as a reader sees it: what it is for, when it falls due, and whether it was met in time. */
export interface DeadlineView {
  readonly id: string;
  readonly kind: DeadlineKind;
  readonly purpose: DeadlinePurpose;
  readonly what: string;
  readonly transaction?: DojTransaction;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: Deadline['status'];
  /** Pending and past due at the reader's instant. */
  readonly overdue: boolean;
  /** Met, but after it fell due. */
  readonly metLate: boolean;
  readonly closedAt?: string;
  readonly closedBy?: string;
  /** What the deadline is about, e.g. the service record of a proof-of-service deadline. */
  readonly ref?: string;
  readonly rule: string;
  readonly verified: boolean;
}

export const deadlineView = (d: Deadline, at: string): DeadlineView => {
  const r = DEADLINE_RULES[d.ruleId as DeadlineRuleId];
  return {
    id: d.id,
    kind: r.kind,
    purpose: r.purpose,
    what: r.what,
    ...('transaction' in r ? { transaction: r.transaction } : {}),
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    status: d.status,
    overdue: d.status === 'pending' && Date.parse(d.dueAt) < Date.parse(at),
    metLate: d.status === 'met' && d.closedAt !== undefined && Date.parse(d.closedAt) > Date.parse(d.dueAt),
    ...(d.closedAt !== undefined ? { closedAt: d.closedAt } : {}),
    ...(d.closedBy !== undefined ? { closedBy: d.closedBy } : {}),
    ...(d.ref !== undefined ? { ref: d.ref } : {}),
    rule: r.source,
    verified: r.verified,
  };
};

/** The firearm side of an order (docs/law/firearms.md). */
export interface FirearmsView {
  readonly ordered: boolean;
  /**
   * not-ordered; awaiting-service (the clock starts at service); pending (inside 24/48 hours);
   * overdue (a firearm deadline passed without a receipt); receipt-filed; ended (the order ended first).
   */
  readonly status: 'not-ordered' | 'awaiting-service' | 'pending' | 'overdue' | 'receipt-filed' | 'ended';
  readonly surrenderBy?: string;
  readonly receiptDue?: string;
  readonly reviewHearingAt?: string;
  readonly receipts: readonly { readonly receiptId: string; readonly filedAt: string; readonly outcome: 'relinquished' | 'none-owned'; readonly items: number; readonly late: boolean }[];
}

/** A fact a reader should check, without the registry refusing it (e.g. an emergency order's written expiry later than the law allows). */
export interface OrderWarning {
  readonly code: 'EXPIRY_LATER_THAN_LAW_ALLOWS';
  readonly message: string;
  readonly rule: string;
  readonly details: Readonly<Record<string, string>>;
}

export interface OrderComputed {
  readonly status: OrderStatus | 'none';
  readonly expired: boolean;
  readonly missingForDoj: readonly MissingField[];
  /** The first DOJ deadline (entering the order). */
  readonly dojDeadline?: string;
  /** A DOJ transmission deadline is past due and not met. */
  readonly dojOverdue: boolean;
  readonly stage?: string;
  readonly category?: string;
  /** Every deadline the order's events started, oldest first (ADR 0042). */
  readonly deadlines: readonly DeadlineView[];
  /** The deadlines still open: what is still to be done, and by when. */
  readonly pendingDeadlines: readonly DeadlineView[];
  readonly firearms?: FirearmsView;
  readonly unservedNotice?: UnservedNotice;
  readonly warnings: readonly OrderWarning[];
}

const firearmsView = (s: IssuedOrder, deadlines: readonly DeadlineView[], status: OrderStatus | 'none'): FirearmsView => {
  const ordered = firearmsOrdered(s.details);
  const surrender = deadlines.find((d) => d.kind === 'firearm-surrender');
  const receiptDeadline = deadlines.find((d) => d.kind === 'firearm-receipt');
  const receipts = firearmReceiptsOf(s).map((r) => ({
    receiptId: r.receiptId,
    filedAt: r.filedAt,
    outcome: r.outcome.kind,
    items: r.outcome.kind === 'relinquished' ? r.outcome.items.length : 0,
    late: receiptDeadline !== undefined && Date.parse(r.filedAt) > Date.parse(receiptDeadline.dueAt),
  }));
  const firearmDeadlines = deadlines.filter((d) => d.kind === 'firearm-surrender' || d.kind === 'firearm-receipt');
  const state: FirearmsView['status'] = !ordered
    ? 'not-ordered'
    : receipts.length > 0
      ? 'receipt-filed'
      : firearmDeadlines.length === 0
        ? status === 'canceled' || status === 'expired'
          ? 'ended'
          : 'awaiting-service'
        : firearmDeadlines.some((d) => d.overdue)
          ? 'overdue'
          : firearmDeadlines.every((d) => d.status === 'moot')
            ? 'ended'
            : 'pending';
  return {
    ordered,
    status: state,
    ...(surrender !== undefined ? { surrenderBy: surrender.dueAt } : {}),
    ...(receiptDeadline !== undefined ? { receiptDue: receiptDeadline.dueAt } : {}),
    ...(s.details.firearmReviewHearingAt !== undefined ? { reviewHearingAt: s.details.firearmReviewHearingAt } : {}),
    receipts,
  };
};

const warningsOf = (s: IssuedOrder): OrderWarning[] =>
  s.expiryLimit !== undefined && s.expiresAt !== null && Date.parse(s.expiresAt) > Date.parse(s.expiryLimit)
    ? [
        {
          code: 'EXPIRY_LATER_THAN_LAW_ALLOWS',
          message: `The expiry written on this ${s.details.form} (${s.expiresAt}) is later than the law allows (${s.expiryLimit}). The written expiry is the order's; check it with the issuing judicial officer.`,
          rule: `${DURATION_SOURCE(s)}; ${LAW_DOCS.durations}`,
          details: { written: s.expiresAt, lawAllows: s.expiryLimit },
        },
      ]
    : [];

const DURATION_SOURCE = (s: IssuedOrder): string => (s.details.form === 'EPO-002' ? 'Pen. Code 18125(b)' : 'Fam. Code 6256');

/** Computed fields an order read shows beside its state. */
export const computeOrderView = (state: OrderState, at: string): OrderComputed => {
  const status = orderStatusAt(state, at);
  if (state.status !== 'issued' && state.status !== 'draft') {
    return { status, expired: false, missingForDoj: [], dojOverdue: false, deadlines: [], pendingDeadlines: [], warnings: [] };
  }
  const info = state.details.form ? formInfo(state.details.form) : undefined;
  const base = {
    status,
    expired: status === 'expired',
    missingForDoj: missingForDoj(state.details),
    ...(info ? { stage: info.stage, category: info.category } : {}),
  };
  if (state.status === 'draft') return { ...base, dojOverdue: false, deadlines: [], pendingDeadlines: [], warnings: [] };
  const deadlines = deadlinesOf(state).map((d) => deadlineView(d, at));
  const notice = unservedNoticeFor(status);
  return {
    ...base,
    dojDeadline: state.dojDeadline,
    dojOverdue: deadlines.some((d) => d.kind === 'doj-transmission' && d.overdue),
    deadlines,
    pendingDeadlines: deadlines.filter((d) => d.status === 'pending'),
    firearms: firearmsView(state, deadlines, status),
    ...(notice !== undefined ? { unservedNotice: notice } : {}),
    warnings: warningsOf(state),
  };
};
