import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { match } from 'ts-pattern';
import { californiaCourtCalendar, californiaLocalDate, type CourtCalendar } from '../calendar';
import { decodeWith } from '../errors/decode-error';
import { domainError, type DomainError } from '../errors/domain-error';
import { dojDeadline } from '../rules/doj-deadline';
import { missingForRegistry } from '../rules/doj-readiness';
import { resolveExpiration } from '../rules/expiration';
import { resolveRenewal } from '../rules/renewal';
import { instantMs, IsoDateTime, LAST_ORDER_YEAR } from '../value-objects/dates';
import type { OrderCommand } from './commands';
import { evolve } from './evolve';
import type { EventOf, OrderEvent, OrderEventType } from './events';
import { OrderDetails, type DraftDetails, type OrderChanges } from './order-details';
import { formInfo } from './order-forms';
import { initialState, type IssuedOrder, type OrderState } from './order-state';
import { isExpiredAt } from './order-status';
import { decideApplyReading, decideReviewFields, unreviewedReadFields } from '../form-reading/decide-reading';

type Decision = E.Either<DomainError, OrderEvent[]>;
type Cmd<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;

const ev = <T extends OrderEventType>(type: T, data: EventOf<T>['data']): OrderEvent =>
  ({ type, schemaVersion: 1, data }) as OrderEvent;

const one = (e: OrderEvent): Decision => E.right([e]);

const notFound = (): DomainError => domainError('ORDER_NOT_FOUND', 'There is no order or draft with this id.');

/** The state must be an added (issued) order. */
const requireIssued = (state: OrderState): E.Either<DomainError, IssuedOrder> =>
  match(state)
    .with({ status: 'issued' }, (s) => E.right(s))
    .with({ status: 'none' }, () => E.left(notFound()))
    .with({ status: 'draft' }, () => E.left(domainError('ORDER_NOT_ISSUED', 'This is a draft; add it to the registry first.')))
    .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was discarded; nothing more can be done with it.')))
    .exhaustive();

/** Added, not canceled and not expired at the command's time. */
const requireInForce = (state: OrderState, at: string): E.Either<DomainError, IssuedOrder> =>
  pipe(
    requireIssued(state),
    E.chain((s) =>
      s.canceled
        ? E.left(domainError('ORDER_CANCELED', `This order was canceled (${s.canceled.reason}) and can no longer be changed or served.`))
        : isExpiredAt(s, at)
          ? E.left(
              domainError('ORDER_EXPIRED', `This order expired at ${s.expiresAt}; an expired order can only be renewed.`, {
                rule: 'domain-brief §3 (renewal windows)',
              }),
            )
          : E.right(s),
    ),
  );

const checkTimes = (d: DraftDetails, at: string): E.Either<DomainError, void> => {
  if (d.issuedAt !== undefined && instantMs(d.issuedAt) > instantMs(at)) {
    return E.left(domainError('ISSUED_IN_FUTURE', 'The issue time is later than now; check the date and time on the order.', { field: 'issuedAt' }));
  }
  const limit = d.issuedAt ? californiaLocalDate(d.issuedAt) : californiaLocalDate(at);
  const people = [
    ['restrainedPerson.dateOfBirth', d.restrainedPerson?.dateOfBirth] as const,
    ...(d.protectedPersons ?? []).map((p, i) => [`protectedPersons.${i}.dateOfBirth`, p.dateOfBirth] as const),
  ];
  for (const [field, dob] of people) {
    if (dob !== undefined && dob > limit) {
      return E.left(domainError('DOB_IN_FUTURE', 'A date of birth cannot be after the order was issued.', { field }));
    }
  }
  return E.right(undefined);
};

/**
 * A computed instant (an end, a DOJ deadline) must fit IsoDateTime, the codec its event is read
 * back with: near the ends of the registry's years a default end or deadline can fall outside
 * them, and an event holding it could never be loaded again.
 */
const storable = (instant: string, field: string): E.Either<DomainError, string> =>
  IsoDateTime.is(instant)
    ? E.right(instant)
    : E.left(
        domainError('INVALID_VALUE', `The order would end or fall due at ${instant}, outside the years the registry holds (to ${LAST_ORDER_YEAR}).`, { field }),
      );

/** JSON with every object's keys sorted: a client's JSON carries no key order, so equal values must compare equal. */
const canonicalJson = (value: unknown): string | undefined =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** Keys of `changes` whose value differs from the current details. */
const realChanges = (current: DraftDetails, changes: OrderChanges): OrderChanges => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v !== undefined && canonicalJson(v) !== canonicalJson((current as Record<string, unknown>)[k])) out[k] = v;
  }
  return out as OrderChanges;
};

export interface DeciderDeps {
  /** Court days and holidays, with any local closures of the deploying courts. */
  readonly calendar: CourtCalendar;
}

export const createDecider = ({ calendar }: DeciderDeps) => {
  const add = (c: Cmd<'AddOrder'>, state: OrderState): Decision => {
    const base = match(state)
      .with({ status: 'none' }, () => E.right<DomainError, DraftDetails>({}))
      .with({ status: 'draft' }, (s) => E.right<DomainError, DraftDetails>(s.details))
      .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was discarded; it cannot be added.')))
      .with({ status: 'issued' }, () => E.left(domainError('ORDER_ALREADY_EXISTS', 'This order is already in the registry.')))
      .exhaustive();
    return pipe(
      base,
      E.chainFirst(() => unreviewedReadFields(state)),
      E.map((b): DraftDetails => ({ ...b, ...c.details })),
      E.chainFirst((merged) => {
        const missing = missingForRegistry(merged);
        const first = missing[0];
        return first === undefined
          ? E.right(undefined)
          : E.left(
              domainError('INCOMPLETE_ORDER', `The order cannot be added yet: ${missing.map((m) => m.label).join(', ')} missing.`, {
                field: first.field,
                details: { missing },
              }),
            );
      }),
      E.chain(decodeWith(OrderDetails)),
      E.chainFirst((d) => checkTimes(d, c.at)),
      E.chain((details) =>
        pipe(
          resolveExpiration(details, calendar, 'issue'),
          E.chainFirst((expiresAt) => storable(expiresAt, 'expiration')),
          E.chainFirst(() => storable(dojDeadline(details.issuedAt, calendar), 'issuedAt')),
          E.map((expiresAt) => [
            ev('OrderAdded', {
              orderId: c.orderId,
              enteringAgencyOri: state.status === 'draft' ? (state.enteringAgencyOri as typeof c.enteringAgencyOri) : c.enteringAgencyOri,
              details,
              expiresAt: expiresAt as typeof details.issuedAt,
              dojDeadline: dojDeadline(details.issuedAt, calendar) as typeof details.issuedAt,
              source: c.source ?? { kind: 'registry' },
              fromDraft: state.status === 'draft',
              addedAt: c.at,
            }),
          ]),
        ),
      ),
    );
  };

  const modify = (c: Cmd<'ModifyOrder'>, state: OrderState): Decision =>
    pipe(
      requireInForce(state, c.at),
      E.chain((s) => {
        const changes = realChanges(s.details, c.changes);
        if (Object.keys(changes).length === 0) {
          return E.left(domainError('NO_CHANGES', 'The modification changes nothing on the order.'));
        }
        if (changes.expiration && s.renewals > 0) {
          return E.left(
            domainError('EXPIRATION_NOT_APPLICABLE', 'This order has been renewed; change its end with a renewal, not a modification.', { field: 'expiration' }),
          );
        }
        const next = { ...s.details, ...changes };
        const expiresAt =
          changes.expiration !== undefined || changes.hearing !== undefined
            ? pipe(resolveExpiration(next, calendar, 'modify'), E.chain((exp) => storable(exp, 'expiration')))
            : E.right<DomainError, string | null>(s.expiresAt);
        return pipe(
          checkTimes(next, c.at),
          E.chain(() => expiresAt),
          E.map((exp) => [
            ev('OrderModified', {
              changes,
              expiresAt: exp as EventOf<'OrderModified'>['data']['expiresAt'],
              modifiedAt: c.at,
              ...(c.reason !== undefined ? { reason: c.reason } : {}),
            }),
          ]),
        );
      }),
    );

  const renew = (c: Cmd<'RenewOrder'>, state: OrderState): Decision =>
    pipe(
      requireIssued(state),
      E.chain((s) => {
        if (s.canceled) return E.left(domainError('ORDER_CANCELED', 'A canceled order cannot be renewed.'));
        if (c.requestFiledOn > californiaLocalDate(c.at)) {
          return E.left(domainError('INVALID_VALUE', 'The renewal request cannot have been filed in the future.', { field: 'requestFiledOn' }));
        }
        return pipe(
          resolveRenewal({ form: s.details.form, expiresAt: s.expiresAt, requestFiledOn: c.requestFiledOn, expiration: c.expiration }),
          E.map((expiresAt) => [
            ev('OrderRenewed', {
              requestFiledOn: c.requestFiledOn,
              expiration: c.expiration,
              expiresAt: expiresAt as EventOf<'OrderRenewed'>['data']['expiresAt'],
              previousExpiresAt: s.expiresAt as EventOf<'OrderRenewed'>['data']['previousExpiresAt'],
              renewedAt: c.at,
            }),
          ]),
        );
      }),
    );

  const serve = (c: Cmd<'RecordService'>, state: OrderState): Decision =>
    pipe(
      requireInForce(state, c.at),
      E.chain((s) => {
        const sv = c.service;
        const stage = formInfo(s.details.form).stage;
        if (s.services.some((x) => x.serviceId === sv.serviceId)) {
          return E.left(domainError('SERVICE_ALREADY_RECORDED', 'This proof of service is already recorded.', { field: 'service.serviceId' }));
        }
        if (instantMs(sv.servedAt) < instantMs(s.details.issuedAt)) {
          return E.left(domainError('SERVICE_BEFORE_ISSUE', 'The order cannot have been served before it was issued.', { field: 'service.servedAt' }));
        }
        if (instantMs(sv.servedAt) > instantMs(c.at)) {
          return E.left(domainError('SERVICE_IN_FUTURE', 'The service time is later than now.', { field: 'service.servedAt' }));
        }
        if (s.expiresAt !== null && instantMs(sv.servedAt) >= instantMs(s.expiresAt)) {
          return E.left(domainError('SERVICE_AFTER_EXPIRATION', 'The order had already expired at the service time.', { field: 'service.servedAt' }));
        }
        if (sv.method === 'mail' && (stage !== 'after-hearing' || s.details.serviceByMailPermitted !== true)) {
          return E.left(
            domainError(
              'SERVICE_METHOD_NOT_ALLOWED',
              'Service by mail is allowed only for an order after hearing whose face permits it (the respondent was personally served with the temporary order).',
              { field: 'service.method', rule: 'Fam. Code 6384 (domain-brief §4)' },
            ),
          );
        }
        if (sv.method === 'present-in-court' && californiaLocalDate(sv.servedAt) !== californiaLocalDate(s.details.issuedAt)) {
          return E.left(
            domainError('SERVICE_METHOD_NOT_ALLOWED', 'Service by presence in court happens when the order is made; the service date must be the issue date.', {
              field: 'service.servedAt',
              rule: 'Fam. Code 6384 (domain-brief §4)',
            }),
          );
        }
        return one(ev('ServiceRecorded', { service: sv, byEnteringAgency: sv.servingAgencyOri === s.enteringAgencyOri, recordedAt: c.at }));
      }),
    );

  const cancel = (c: Cmd<'CancelOrder'>, state: OrderState): Decision =>
    pipe(
      requireIssued(state),
      E.chain((s) =>
        s.canceled
          ? E.left(domainError('ORDER_ALREADY_CANCELED', `This order was already canceled on ${s.canceled.at}.`))
          : requireInForce(s, c.at),
      ),
      E.chain(() =>
        c.reason === 'other' && !c.note?.trim()
          ? E.left(domainError('CANCEL_NOTE_REQUIRED', 'Say why the order is canceled when the reason is "other".', { field: 'note' }))
          : one(
              ev('OrderCanceled', {
                reason: c.reason,
                canceledAt: c.at,
                ...(c.note !== undefined ? { note: c.note } : {}),
                ...(c.supersededBy !== undefined ? { supersededBy: c.supersededBy } : {}),
              }),
            ),
      ),
    );

  const clone = (c: Cmd<'CloneOrder'>, state: OrderState): Decision => {
    if (state.status !== 'none') return E.left(domainError('ORDER_ALREADY_EXISTS', 'An order or draft with this id already exists.'));
    if (!c.source.issued) {
      return E.left(domainError('CLONE_SOURCE_NOT_ISSUED', 'Only an order that was added to the registry can be cloned.', { field: 'source.orderId' }));
    }
    // A clone carries parties, terms and court; the dates, hearing and form-specific
    // service permission belong to the new order and are entered afresh.
    const { issuedAt: _i, expiration: _e, hearing: _h, serviceByMailPermitted: _m, ...kept } = c.source.details;
    return one(
      ev('OrderCloned', {
        orderId: c.orderId,
        sourceOrderId: c.source.orderId,
        enteringAgencyOri: c.enteringAgencyOri,
        details: { ...kept, ...(c.form ? { form: c.form } : {}) },
        clonedAt: c.at,
      }),
    );
  };

  const withImages = (state: OrderState): E.Either<DomainError, Extract<OrderState, { images: unknown }>> =>
    match(state)
      .with({ status: 'draft' }, { status: 'issued' }, (s) => E.right(s))
      .with({ status: 'none' }, () => E.left(notFound()))
      .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was discarded; nothing more can be done with it.')))
      .exhaustive();

  const decide = (command: OrderCommand, state: OrderState): Decision =>
    match(command)
      .with({ type: 'CreateDraft' }, (c) =>
        state.status !== 'none'
          ? E.left(domainError('ORDER_ALREADY_EXISTS', 'An order or draft with this id already exists.'))
          : pipe(
              checkTimes(c.details, c.at),
              E.chain(() => one(ev('DraftCreated', { orderId: c.orderId, enteringAgencyOri: c.enteringAgencyOri, details: c.details, createdAt: c.at }))),
            ),
      )
      .with({ type: 'UpdateDraft' }, (c) =>
        match(state)
          .with({ status: 'draft' }, (s) => {
            const changes = realChanges(s.details, c.details);
            const cleared = (c.clear ?? []).filter((k) => (s.details as Record<string, unknown>)[k] !== undefined);
            if (Object.keys(changes).length === 0 && cleared.length === 0) {
              return E.left(domainError('NO_CHANGES', 'The update changes nothing on the draft.'));
            }
            return pipe(
              checkTimes({ ...s.details, ...changes }, c.at),
              E.chain(() => one(ev('DraftUpdated', { details: changes, cleared, updatedAt: c.at }))),
            );
          })
          .with({ status: 'none' }, () => E.left(notFound()))
          .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was discarded; it cannot be changed.')))
          .with({ status: 'issued' }, () => E.left(domainError('NOT_A_DRAFT', 'This order is already in the registry; modify it instead.')))
          .exhaustive(),
      )
      .with({ type: 'DiscardDraft' }, (c) =>
        match(state)
          .with({ status: 'draft' }, () => one(ev('DraftDiscarded', { discardedAt: c.at, ...(c.reason !== undefined ? { reason: c.reason } : {}) })))
          .with({ status: 'none' }, () => E.left(notFound()))
          .with({ status: 'discarded' }, () => E.left(domainError('DRAFT_DISCARDED', 'This draft was already discarded.')))
          .with({ status: 'issued' }, () => E.left(domainError('NOT_A_DRAFT', 'An order in the registry cannot be discarded; cancel it instead.')))
          .exhaustive(),
      )
      .with({ type: 'AddOrder' }, (c) => add(c, state))
      .with({ type: 'ModifyOrder' }, (c) => modify(c, state))
      .with({ type: 'RenewOrder' }, (c) => renew(c, state))
      .with({ type: 'RecordService' }, (c) => serve(c, state))
      .with({ type: 'CancelOrder' }, (c) => cancel(c, state))
      .with({ type: 'CloneOrder' }, (c) => clone(c, state))
      .with({ type: 'AttachImage' }, (c) =>
        pipe(
          withImages(state),
          E.chain((s) =>
            s.images.some((i) => i.sha256 === c.image.sha256)
              ? E.left(domainError('IMAGE_ALREADY_ATTACHED', 'This image is already attached to the order.', { field: 'image.sha256' }))
              : one(ev('ImageAttached', { image: c.image, attachedAt: c.at })),
          ),
        ),
      )
      .with({ type: 'ReplaceImage' }, (c) =>
        pipe(
          withImages(state),
          E.chain((s) =>
            !s.images.some((i) => i.sha256 === c.previousSha256)
              ? E.left(domainError('IMAGE_NOT_ATTACHED', 'The image to replace is not attached to this order.', { field: 'previousSha256' }))
              : s.images.some((i) => i.sha256 === c.image.sha256)
                ? E.left(domainError('IMAGE_ALREADY_ATTACHED', 'The replacement image is already attached to the order.', { field: 'image.sha256' }))
                : one(ev('ImageReplaced', { previousSha256: c.previousSha256, image: c.image, replacedAt: c.at })),
          ),
        ),
      )
      .with({ type: 'RemoveImage' }, (c) =>
        pipe(
          withImages(state),
          E.chain((s) =>
            !s.images.some((i) => i.sha256 === c.sha256)
              ? E.left(domainError('IMAGE_NOT_ATTACHED', 'That image is not attached to this order.', { field: 'sha256' }))
              : one(ev('ImageRemoved', { sha256: c.sha256, reason: c.reason, removedAt: c.at })),
          ),
        ),
      )
      .with({ type: 'RecordDojAcknowledgement' }, (c) =>
        pipe(
          requireIssued(state),
          E.chain((s) => {
            // DOJ may answer twice over an unreliable link: the same message's acknowledgement is recorded once.
            if (s.doj.lastAcknowledged?.messageId === c.messageId) return E.right([]);
            if (s.doj.fcn !== undefined && s.doj.fcn !== c.fcn) {
              return E.left(
                domainError('DOJ_RECORD_CONFLICT', `DOJ acknowledged FCN ${c.fcn}, but this order is recorded under FCN ${s.doj.fcn}.`, { field: 'fcn' }),
              );
            }
            return one(
              ev('DojAcknowledgementRecorded', {
                transaction: c.transaction,
                messageId: c.messageId,
                fcn: c.fcn,
                acknowledgedAt: c.at,
                ...(c.nic !== undefined ? { nic: c.nic } : {}),
              }),
            );
          }),
        ),
      )
      .with({ type: 'RecordDojRejection' }, (c) =>
        pipe(
          requireIssued(state),
          E.chain((s) =>
            s.doj.lastRejection?.messageId === c.messageId
              ? E.right([])
              : one(ev('DojRejectionRecorded', { transaction: c.transaction, messageId: c.messageId, errors: c.errors, rejectedAt: c.at })),
          ),
        ),
      )
      .with({ type: 'ReviewDojResponse' }, (c) =>
        pipe(
          requireIssued(state),
          E.chain((s) =>
            (s.doj.awaitingReview ?? []).includes(c.messageId)
              ? one(ev('DojResponseReviewed', { messageId: c.messageId, outcome: c.outcome, reviewedAt: c.at, ...(c.note !== undefined ? { note: c.note } : {}) }))
              : E.left(domainError('DOJ_RESPONSE_NOT_PENDING', 'There is no DOJ answer with this message id waiting for review on this order.', { field: 'messageId' })),
          ),
        ),
      )
      .with({ type: 'ApplyFormReading' }, (c) => decideApplyReading(c, state, checkTimes))
      .with({ type: 'ReviewReadFields' }, (c) => decideReviewFields(c, state, checkTimes))
      .exhaustive();

  return { decide, evolve, initialState };
};

export type OrderDecider = ReturnType<typeof createDecider>;

/** The decider on California's statewide court calendar, with no local closures. */
export const orderDecider: OrderDecider = createDecider({ calendar: californiaCourtCalendar });
export const decide = orderDecider.decide;
