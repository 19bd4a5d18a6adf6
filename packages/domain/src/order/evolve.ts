import { match } from 'ts-pattern';
import { DEADLINE_RULES, dojRecordRule, type DeadlineRuleId } from '../rules/deadline-rules';
import type { DojTransaction } from './commands';
import { closeDeadlines, pendingDeadline, type Deadline, type DeadlineSpec } from './deadlines';
import type { OrderEvent } from './events';
import { deadlinesOf, firearmReceiptsOf, type IssuedOrder, type OrderState } from './order-state';

const ruleOf = (d: Deadline) => DEADLINE_RULES[d.ruleId as DeadlineRuleId];
const isDoj = (d: Deadline) => ruleOf(d).kind === 'doj-transmission';
const isFirearm = (d: Deadline) => ruleOf(d).kind === 'firearm-surrender' || ruleOf(d).kind === 'firearm-receipt';

/** Adds the deadlines an event started; firearm deadlines are met at once when a receipt is already on file. */
const withDeadlines = (s: IssuedOrder, specs: readonly DeadlineSpec[] | undefined): readonly Deadline[] => {
  const added = (specs ?? []).map(pendingDeadline);
  const receipt = firearmReceiptsOf(s)[0];
  const all = [...deadlinesOf(s), ...added];
  return receipt === undefined
    ? all
    : closeDeadlines(all, (d) => isFirearm(d) && added.includes(d), 'met', receipt.filedAt, `relinquishment receipt ${receipt.receiptId} filed`);
};

/**
 * The DOJ deadlines an acknowledgement meets: those the gateway names, or, without names, the
 * pending ones the transaction carries — an enter or modify carries the whole record, so every
 * pending record deadline; a proof of service its oldest pending service deadline; a cancel or
 * clear the termination (ADR 0042).
 */
const acknowledgedDeadlines = (deadlines: readonly Deadline[], transaction: DojTransaction, ids: readonly string[] | undefined): Set<string> => {
  if (ids !== undefined) return new Set(ids);
  const pending = deadlines.filter((d) => d.status === 'pending' && isDoj(d));
  const purpose = (d: Deadline) => ruleOf(d).purpose;
  switch (transaction) {
    case 'enter':
    case 'modify':
      return new Set(pending.filter((d) => ['issue', 'registration', 'modify', 'renew'].includes(purpose(d)) && (transaction === 'enter' || purpose(d) !== 'issue')).map((d) => d.id));
    case 'service': {
      const first = pending.find((d) => purpose(d) === 'service');
      return new Set(first ? [first.id] : []);
    }
    case 'cancel':
    case 'clear':
      return new Set(pending.filter((d) => purpose(d) === 'cancel').map((d) => d.id));
  }
};

/**
 * Folds one event into the state. Total: an event that cannot apply to the state (which `decide`
 * never produces) leaves the state as it is rather than throwing, so replaying a damaged or
 * foreign stream never crashes a reader; `audit verify` is where such streams are reported.
 */
export const evolve = (state: OrderState, event: OrderEvent): OrderState =>
  match(event)
    .with({ type: 'DraftCreated' }, ({ data }) =>
      state.status === 'none'
        ? ({ status: 'draft', orderId: data.orderId, enteringAgencyOri: data.enteringAgencyOri, details: data.details, images: [] } as const)
        : state,
    )
    .with({ type: 'OrderCloned' }, ({ data }) =>
      state.status === 'none'
        ? ({
            status: 'draft',
            orderId: data.orderId,
            enteringAgencyOri: data.enteringAgencyOri,
            details: data.details,
            images: [],
            clonedFrom: data.sourceOrderId,
          } as const)
        : state,
    )
    .with({ type: 'DraftUpdated' }, ({ data }) => {
      if (state.status !== 'draft') return state;
      const details: Record<string, unknown> = { ...state.details, ...data.details };
      for (const key of data.cleared) delete details[key];
      return { ...state, details };
    })
    .with({ type: 'DraftDiscarded' }, () =>
      state.status === 'draft' ? ({ status: 'discarded', orderId: state.orderId, enteringAgencyOri: state.enteringAgencyOri } as const) : state,
    )
    .with({ type: 'OrderAdded' }, ({ data }) =>
      state.status === 'none' || state.status === 'draft'
        ? ({
            status: 'issued',
            orderId: data.orderId,
            enteringAgencyOri: data.enteringAgencyOri,
            details: data.details,
            expiresAt: data.expiresAt,
            dojDeadline: data.dojDeadline,
            addedAt: data.addedAt,
            source: data.source,
            services: [],
            images: state.status === 'draft' ? state.images : [],
            renewals: 0,
            doj: {},
            // An order added before deadlines were kept has its first DOJ deadline in `dojDeadline`.
            deadlines: (
              data.deadlines ?? [
                {
                  id: 'd1',
                  ruleId: dojRecordRule(data.details.form, 'issue'),
                  startedAt: data.details.registration?.registeredAt ?? data.details.issuedAt,
                  dueAt: data.dojDeadline,
                },
              ]
            ).map(pendingDeadline),
            firearmReceipts: [],
            ...(data.expiryLimit !== undefined ? { expiryLimit: data.expiryLimit } : {}),
            ...(state.status === 'draft' && state.clonedFrom ? { clonedFrom: state.clonedFrom } : {}),
          } as const)
        : state,
    )
    .with({ type: 'OrderModified' }, ({ data }) => {
      if (state.status !== 'issued') return state;
      const { expiryLimit: _previous, ...rest } = state;
      const limit = data.expiryLimit ?? (data.changes.expiration !== undefined || data.changes.hearing !== undefined ? undefined : state.expiryLimit);
      return {
        ...rest,
        details: { ...state.details, ...data.changes },
        expiresAt: data.expiresAt,
        deadlines: withDeadlines(state, data.deadlines),
        ...(limit !== undefined ? { expiryLimit: limit } : {}),
      };
    })
    .with({ type: 'OrderRenewed' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            details: { ...state.details, expiration: data.expiration },
            expiresAt: data.expiresAt,
            renewals: state.renewals + 1,
            deadlines: withDeadlines(state, data.deadlines),
          }
        : state,
    )
    .with({ type: 'ServiceRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            services: [...state.services, { ...data.service, byEnteringAgency: data.byEnteringAgency }],
            deadlines: withDeadlines(state, data.deadlines),
          }
        : state,
    )
    .with({ type: 'OrderCanceled' }, ({ data }) => {
      if (state.status !== 'issued') return state;
      // Canceled before DOJ acknowledged the record: there is nothing at DOJ to send to (the
      // gateway withdraws what waits), so the pending DOJ deadlines no longer apply. The duty to
      // relinquish and to file the emergency order ends with the order.
      const noRecordAtDoj = state.doj.fcn === undefined;
      const ended = closeDeadlines(
        deadlinesOf(state),
        (d) => !isDoj(d) || noRecordAtDoj,
        'moot',
        data.canceledAt,
        noRecordAtDoj ? 'order canceled before DOJ acknowledged its record' : 'order canceled',
      );
      return {
        ...state,
        canceled: {
          reason: data.reason,
          at: data.canceledAt,
          ...(data.note !== undefined ? { note: data.note } : {}),
          ...(data.supersededBy !== undefined ? { supersededBy: data.supersededBy } : {}),
        },
        deadlines: [...ended, ...(data.deadlines ?? []).map(pendingDeadline)],
      };
    })
    .with({ type: 'ImageAttached' }, ({ data }) =>
      state.status === 'draft' || state.status === 'issued' ? { ...state, images: [...state.images, data.image] } : state,
    )
    .with({ type: 'ImageReplaced' }, ({ data }) =>
      state.status === 'draft' || state.status === 'issued'
        ? { ...state, images: state.images.map((i) => (i.sha256 === data.previousSha256 ? data.image : i)) }
        : state,
    )
    .with({ type: 'ImageRemoved' }, ({ data }) =>
      state.status === 'draft' || state.status === 'issued' ? { ...state, images: state.images.filter((i) => i.sha256 !== data.sha256) } : state,
    )
    .with({ type: 'DojAcknowledgementRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            deadlines: (() => {
              const met = acknowledgedDeadlines(deadlinesOf(state), data.transaction, data.deadlineIds);
              return closeDeadlines(deadlinesOf(state), (d) => isDoj(d) && met.has(d.id), 'met', data.acknowledgedAt, `acknowledged by DOJ (message ${data.messageId})`);
            })(),
            doj: {
              ...state.doj,
              fcn: data.fcn,
              ...(data.nic !== undefined ? { nic: data.nic } : {}),
              lastAcknowledged: { transaction: data.transaction, messageId: data.messageId, at: data.acknowledgedAt },
              awaitingReview: [...(state.doj.awaitingReview ?? []), data.messageId],
            },
          }
        : state,
    )
    .with({ type: 'DojRejectionRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            doj: {
              ...state.doj,
              lastRejection: { transaction: data.transaction, messageId: data.messageId, at: data.rejectedAt, errors: data.errors },
              awaitingReview: [...(state.doj.awaitingReview ?? []), data.messageId],
            },
          }
        : state,
    )
    .with({ type: 'DojResponseReviewed' }, ({ data }) =>
      state.status === 'issued'
        ? { ...state, doj: { ...state.doj, awaitingReview: (state.doj.awaitingReview ?? []).filter((m) => m !== data.messageId) } }
        : state,
    )
    .with({ type: 'FormReadingApplied' }, ({ data }) =>
      state.status === 'draft'
        ? {
            ...state,
            reading: {
              readingId: data.readingId,
              imageSha256: data.imageSha256,
              form: data.form,
              revision: data.revision,
              reader: data.reader,
              fields: data.fields,
              reviewed: {},
              applied: [...(state.reading?.applied ?? []), data.readingId],
            },
          }
        : state,
    )
    .with({ type: 'ReadFieldsReviewed' }, ({ data }) =>
      state.status === 'draft' && state.reading?.readingId === data.readingId
        ? {
            ...state,
            reading: {
              ...state.reading,
              reviewed: {
                ...state.reading.reviewed,
                ...Object.fromEntries(data.confirmed.map((f) => [f, 'confirmed' as const])),
                ...Object.fromEntries(data.corrected.map((c) => [c.field, 'corrected' as const])),
              },
            },
          }
        : state,
    )
    .with({ type: 'FirearmReceiptRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            firearmReceipts: [...firearmReceiptsOf(state), { ...data.receipt, recordedAt: data.recordedAt }],
            deadlines: closeDeadlines(deadlinesOf(state), isFirearm, 'met', data.receipt.filedAt, `relinquishment receipt ${data.receipt.receiptId} filed`),
          }
        : state,
    )
    .with({ type: 'CourtFilingRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            courtFiling: { filedAt: data.filedAt, recordedAt: data.recordedAt },
            deadlines: closeDeadlines(deadlinesOf(state), (d) => ruleOf(d).kind === 'court-filing', 'met', data.filedAt, 'filed with the court'),
          }
        : state,
    )
    .exhaustive();

export const fold = (events: readonly OrderEvent[], from: OrderState = { status: 'none' }): OrderState =>
  events.reduce(evolve, from);
