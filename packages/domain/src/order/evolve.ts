import { match } from 'ts-pattern';
import type { OrderEvent } from './events';
import type { OrderState } from './order-state';

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
            ...(state.status === 'draft' && state.clonedFrom ? { clonedFrom: state.clonedFrom } : {}),
          } as const)
        : state,
    )
    .with({ type: 'OrderModified' }, ({ data }) =>
      state.status === 'issued' ? { ...state, details: { ...state.details, ...data.changes }, expiresAt: data.expiresAt } : state,
    )
    .with({ type: 'OrderRenewed' }, ({ data }) =>
      state.status === 'issued'
        ? { ...state, details: { ...state.details, expiration: data.expiration }, expiresAt: data.expiresAt, renewals: state.renewals + 1 }
        : state,
    )
    .with({ type: 'ServiceRecorded' }, ({ data }) =>
      state.status === 'issued'
        ? { ...state, services: [...state.services, { ...data.service, byEnteringAgency: data.byEnteringAgency }] }
        : state,
    )
    .with({ type: 'OrderCanceled' }, ({ data }) =>
      state.status === 'issued'
        ? {
            ...state,
            canceled: {
              reason: data.reason,
              at: data.canceledAt,
              ...(data.note !== undefined ? { note: data.note } : {}),
              ...(data.supersededBy !== undefined ? { supersededBy: data.supersededBy } : {}),
            },
          }
        : state,
    )
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
    .exhaustive();

export const fold = (events: readonly OrderEvent[], from: OrderState = { status: 'none' }): OrderState =>
  events.reduce(evolve, from);
