import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { match } from 'ts-pattern';
import { californiaCourtCalendar, californiaLocalDate, type CourtCalendar } from '../calendar';
import { decodeWith } from '../errors/decode-error';
import { domainError, type DomainError } from '../errors/domain-error';
import { deadlineDue, dojRecordRule, type DeadlineRuleId } from '../rules/deadline-rules';
import { missingForRegistry } from '../rules/doj-readiness';
import { resolveExpiry, type ResolvedExpiry } from '../rules/expiration';
import { LAW_DOCS } from '../rules/law-docs';
import { resolveRenewal } from '../rules/renewal';
import { checkMailPermission, checkServiceMethod } from '../rules/service-rules';
import { instantMs, IsoDateTime, LAST_ORDER_YEAR } from '../value-objects/dates';
import type { OrderCommand } from './commands';
import { nextDeadlineId, type DeadlineSpec } from './deadlines';
import { evolve } from './evolve';
import type { EventOf, OrderEvent, OrderEventType } from './events';
import { firearmsOrdered } from './firearms';
import { OrderDetails, type DraftDetails, type OrderChanges } from './order-details';
import { formInfo, isRegisteredForeignOrder } from './order-forms';
import { deadlinesOf, initialState, type IssuedOrder, type OrderState } from './order-state';
import { isExpiredAt } from './order-status';
import { decideApplyReading, decideReviewFields, unreviewedReadFields } from '../form-reading/decide-reading';
import { OFFICER_SERVICE_METHODS, type ServiceRecord } from './proof-of-service';
import { sameValue } from '../value-objects/same-value';

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
                rule: LAW_DOCS.durations,
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
  const registeredAt = d.registration?.registeredAt;
  if (registeredAt !== undefined) {
    if (instantMs(registeredAt) > instantMs(at)) {
      return E.left(domainError('ISSUED_IN_FUTURE', 'The registration time is later than now.', { field: 'registration.registeredAt' }));
    }
    if (d.issuedAt !== undefined && instantMs(registeredAt) < instantMs(d.issuedAt)) {
      return E.left(domainError('INVALID_VALUE', 'An order cannot have been registered here before it was issued.', { field: 'registration.registeredAt' }));
    }
  }
  return E.right(undefined);
};

/**
 * What an order's content must satisfy whatever its stage of entry (draft, add, modification):
 * the firearm term is the statute's (Fam. Code 6389(c)(2)); mail service only where the law can
 * allow it (Fam. Code 6384(a)); registration facts only on a registered order.
 */
const checkContent = (d: DraftDetails): E.Either<DomainError, void> => {
  const provisions = d.provisions ?? [];
  for (let i = 0; i < provisions.length; i++) {
    const p = provisions[i]!;
    if (p.kind === 'firearm-relinquishment' && p.withinHours !== undefined && p.withinHours !== 24) {
      return E.left(
        domainError(
          'FIREARM_TERM_NOT_LAWFUL',
          `The law fixes the firearm term: immediately on an officer's request, otherwise within 24 hours of service. ${p.withinHours} hours is not a term the court can set; leave the hours out (or enter 24).`,
          { field: `provisions.${i}.withinHours`, rule: `Fam. Code 6389(c)(2); CCP 527.9; Pen. Code 18120; ${LAW_DOCS.firearms}` },
        ),
      );
    }
  }
  if (d.registration !== undefined && d.form !== undefined && !isRegisteredForeignOrder(d.form)) {
    return E.left(
      domainError('REGISTRATION_NOT_APPLICABLE', `A ${d.form} is a California order; registration facts belong to an order registered from another jurisdiction (DV-600, Canadian orders).`, {
        field: 'registration',
        rule: `Fam. Code 6404, 6454; ${LAW_DOCS.orderTypes}`,
      }),
    );
  }
  return checkMailPermission(d);
};

/** When the court made a change, if the caller says so: not before the order was issued, not after now. */
const checkOrderedAt = (orderedAt: string | undefined, s: IssuedOrder, at: string): E.Either<DomainError, string> =>
  orderedAt === undefined
    ? E.right(at)
    : instantMs(orderedAt) > instantMs(at)
      ? E.left(domainError('ORDERED_AT_INVALID', 'The court cannot have made this change later than now.', { field: 'orderedAt' }))
      : instantMs(orderedAt) < instantMs(s.details.issuedAt)
        ? E.left(domainError('ORDERED_AT_INVALID', 'The court cannot have changed the order before it was issued.', { field: 'orderedAt' }))
        : E.right(orderedAt);

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

/** Keys of `changes` whose value differs from the current details. */
const realChanges = (current: DraftDetails, changes: OrderChanges): OrderChanges => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v !== undefined && !sameValue(v, (current as Record<string, unknown>)[k])) out[k] = v;
  }
  return out as OrderChanges;
};

export interface DeciderDeps {
  /** Court days, holidays, closures and close of judicial business of the order's court. */
  readonly calendar: CourtCalendar;
}

export const createDecider = ({ calendar }: DeciderDeps) => {
  /** Deadlines `starts` arise now on an order that holds `existing`: ids follow on, due dates on the court's calendar. */
  const deadlines = (existing: readonly { id: string }[], starts: readonly { ruleId: DeadlineRuleId; startedAt: string; ref?: string }[]): E.Either<DomainError, DeadlineSpec[]> => {
    const out: DeadlineSpec[] = [];
    for (const [i, st] of starts.entries()) {
      const due = deadlineDue(st.ruleId, st.startedAt, calendar);
      if (!IsoDateTime.is(due)) return E.left(domainError('INVALID_VALUE', `A deadline would fall due at ${due}, outside the years the registry holds (to ${LAST_ORDER_YEAR}).`));
      out.push({
        id: nextDeadlineId(existing, i),
        ruleId: st.ruleId,
        startedAt: st.startedAt as DeadlineSpec['startedAt'],
        dueAt: due,
        ...(st.ref !== undefined ? { ref: st.ref } : {}),
      });
    }
    return E.right(out);
  };

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
      E.chainFirst((d) => checkContent(d)),
      E.chain((details) =>
        pipe(
          resolveExpiry(details, calendar, 'issue'),
          E.chainFirst((r) => (r.expiresAt === null ? E.right(null) : storable(r.expiresAt, 'expiration'))),
          E.bindTo('expiry'),
          E.bind('dueDeadlines', () => {
            // Imported history came from a system that already dealt with DOJ: it starts no deadlines [I].
            if (c.source?.kind === 'historical-import') return E.right<DomainError, DeadlineSpec[]>([]);
            const starts: { ruleId: DeadlineRuleId; startedAt: string }[] = [
              { ruleId: dojRecordRule(details.form, 'issue'), startedAt: details.registration?.registeredAt ?? details.issuedAt },
            ];
            if (details.form === 'EPO-002') starts.push({ ruleId: 'court-filing.gv-epo', startedAt: details.issuedAt });
            return deadlines([], starts);
          }),
          E.bind('firstDoj', () => storable(deadlineDue(dojRecordRule(details.form, 'issue'), details.registration?.registeredAt ?? details.issuedAt, calendar), 'issuedAt')),
          E.map(({ expiry, dueDeadlines, firstDoj }) => [
            ev('OrderAdded', {
              orderId: c.orderId,
              enteringAgencyOri: state.status === 'draft' ? (state.enteringAgencyOri as typeof c.enteringAgencyOri) : c.enteringAgencyOri,
              details,
              expiresAt: expiry.expiresAt as typeof details.issuedAt | null,
              dojDeadline: firstDoj as typeof details.issuedAt,
              source: c.source ?? { kind: 'registry' },
              fromDraft: state.status === 'draft',
              addedAt: c.at,
              deadlines: dueDeadlines,
              ...limitOf(expiry),
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
        const expiry: E.Either<DomainError, ResolvedExpiry> =
          changes.expiration !== undefined || changes.hearing !== undefined
            ? pipe(
                resolveExpiry(next, calendar, 'modify'),
                E.chainFirst((r) => (r.expiresAt === null ? E.right(null) : storable(r.expiresAt, 'expiration'))),
              )
            : E.right({ expiresAt: s.expiresAt });
        return pipe(
          checkTimes(next, c.at),
          E.chain(() => checkContent(next)),
          E.chain(() => checkOrderedAt(c.orderedAt, s, c.at)),
          E.bindTo('orderedAt'),
          E.bind('expiry', () => expiry),
          E.bind('due', ({ orderedAt }) => deadlines(deadlinesOf(s), [{ ruleId: dojRecordRule(s.details.form, 'modify'), startedAt: orderedAt }])),
          E.map(({ expiry: exp, due }) => [
            ev('OrderModified', {
              changes,
              expiresAt: exp.expiresAt as EventOf<'OrderModified'>['data']['expiresAt'],
              modifiedAt: c.at,
              ...(c.reason !== undefined ? { reason: c.reason } : {}),
              ...(c.orderedAt !== undefined ? { orderedAt: c.orderedAt } : {}),
              deadlines: due,
              ...limitOf(exp),
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
          E.bindTo('expiresAt'),
          E.bind('orderedAt', () => checkOrderedAt(c.orderedAt, s, c.at)),
          E.bind('due', ({ orderedAt }) => deadlines(deadlinesOf(s), [{ ruleId: dojRecordRule(s.details.form, 'renew'), startedAt: orderedAt }])),
          E.map(({ expiresAt, due }) => [
            ev('OrderRenewed', {
              requestFiledOn: c.requestFiledOn,
              expiration: c.expiration,
              expiresAt: expiresAt as EventOf<'OrderRenewed'>['data']['expiresAt'],
              previousExpiresAt: s.expiresAt as EventOf<'OrderRenewed'>['data']['previousExpiresAt'],
              renewedAt: c.at,
              ...(c.orderedAt !== undefined ? { orderedAt: c.orderedAt } : {}),
              deadlines: due,
            }),
          ]),
        );
      }),
    );

  /**
   * The deadlines a service starts (docs/law/doj-deadlines.md, docs/law/firearms.md): the proof
   * goes to CARPOS within one business day — of service when an officer served it (Fam. Code
   * 6380), of its filing otherwise [I]; service in court needs no proof (Fam. Code 6385). The
   * first service also starts the firearm deadlines, where the order calls for relinquishment.
   */
  const serviceDeadlines = (s: IssuedOrder, sv: ServiceRecord, at: string) => {
    const starts: { ruleId: DeadlineRuleId; startedAt: string; ref?: string }[] = [];
    if (OFFICER_SERVICE_METHODS.has(sv.method)) starts.push({ ruleId: 'doj.service.officer', startedAt: sv.servedAt, ref: sv.serviceId });
    else if (sv.method !== 'present-in-court') starts.push({ ruleId: 'doj.service.filed', startedAt: at, ref: sv.serviceId });
    const firstService = s.services.length === 0;
    if (firstService && firearmsOrdered(s.details)) {
      starts.push({ ruleId: sv.firearmSurrenderRequested === true ? 'firearm.surrender.on-request' : 'firearm.surrender', startedAt: sv.servedAt, ref: sv.serviceId });
      starts.push({ ruleId: 'firearm.receipt', startedAt: sv.servedAt, ref: sv.serviceId });
    }
    return deadlines(deadlinesOf(s), starts);
  };

  const serve = (c: Cmd<'RecordService'>, state: OrderState): Decision =>
    pipe(
      requireInForce(state, c.at),
      E.chain((s) => {
        const sv = c.service;
        if (s.services.some((x) => x.serviceId === sv.serviceId)) {
          return E.left(domainError('SERVICE_ALREADY_RECORDED', 'This proof of service is already recorded.', { field: 'service.serviceId' }));
        }
        // Service in court happens at the hearing, which may precede the signature by days (Fam. Code 6384(a)).
        if (sv.method !== 'present-in-court' && instantMs(sv.servedAt) < instantMs(s.details.issuedAt)) {
          return E.left(domainError('SERVICE_BEFORE_ISSUE', 'The order cannot have been served before it was issued.', { field: 'service.servedAt' }));
        }
        if (instantMs(sv.servedAt) > instantMs(c.at)) {
          return E.left(domainError('SERVICE_IN_FUTURE', 'The service time is later than now.', { field: 'service.servedAt' }));
        }
        if (s.expiresAt !== null && instantMs(sv.servedAt) >= instantMs(s.expiresAt)) {
          return E.left(domainError('SERVICE_AFTER_EXPIRATION', 'The order had already expired at the service time.', { field: 'service.servedAt' }));
        }
        return pipe(
          checkServiceMethod(s.details, s.services, sv),
          E.chain(() => serviceDeadlines(s, sv, c.at)),
          E.map((due) => [ev('ServiceRecorded', { service: sv, byEnteringAgency: sv.servingAgencyOri === s.enteringAgencyOri, recordedAt: c.at, deadlines: due })]),
        );
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
      E.chain((s) =>
        c.reason === 'other' && !c.note?.trim()
          ? E.left(domainError('CANCEL_NOTE_REQUIRED', 'Say why the order is canceled when the reason is "other".', { field: 'note' }))
          : pipe(
              checkOrderedAt(c.orderedAt, s, c.at),
              // Only a record DOJ holds is terminated there; one it never acknowledged has nothing to send (ADR 0042).
              E.chain((orderedAt) => deadlines(deadlinesOf(s), s.doj.fcn === undefined ? [] : [{ ruleId: dojRecordRule(s.details.form, 'cancel'), startedAt: orderedAt }])),
              E.map((due) => [
                ev('OrderCanceled', {
                  reason: c.reason,
                  canceledAt: c.at,
                  ...(c.note !== undefined ? { note: c.note } : {}),
                  ...(c.supersededBy !== undefined ? { supersededBy: c.supersededBy } : {}),
                  ...(c.orderedAt !== undefined ? { orderedAt: c.orderedAt } : {}),
                  deadlines: due,
                }),
              ]),
            ),
      ),
    );

  const clone = (c: Cmd<'CloneOrder'>, state: OrderState): Decision => {
    if (state.status !== 'none') return E.left(domainError('ORDER_ALREADY_EXISTS', 'An order or draft with this id already exists.'));
    if (!c.source.issued) {
      return E.left(domainError('CLONE_SOURCE_NOT_ISSUED', 'Only an order that was added to the registry can be cloned.', { field: 'source.orderId' }));
    }
    // A clone carries parties, terms and court; the dates, hearing, service orders, review
    // hearing and registration belong to the new order and are entered afresh, and an
    // establishment only stays on a retail-theft order.
    const {
      issuedAt: _i,
      expiration: _e,
      hearing: _h,
      serviceByMailPermitted: _m,
      alternativeService: _a,
      firearmReviewHearingAt: _f,
      registration: _r,
      retailEstablishment,
      ...kept
    } = c.source.details;
    const form = c.form ?? kept.form;
    const keepsEstablishment = retailEstablishment !== undefined && form !== undefined && formInfo(form).type === 'RT';
    return one(
      ev('OrderCloned', {
        orderId: c.orderId,
        sourceOrderId: c.source.orderId,
        enteringAgencyOri: c.enteringAgencyOri,
        details: { ...kept, ...(c.form ? { form: c.form } : {}), ...(keepsEstablishment ? { retailEstablishment } : {}) },
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
              E.chain(() => checkContent(c.details)),
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
              E.chain(() => checkContent({ ...s.details, ...changes })),
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
                ...(c.deadlineIds !== undefined ? { deadlineIds: c.deadlineIds } : {}),
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
      .with({ type: 'RecordFirearmReceipt' }, (c) =>
        pipe(
          requireIssued(state),
          E.chain((s) => {
            const r = c.receipt;
            if (!firearmsOrdered(s.details)) {
              return E.left(
                domainError('FIREARM_RELINQUISHMENT_NOT_ORDERED', 'This order does not order firearms relinquished; enter its firearm term first (a modification) if the form has one.', {
                  field: 'receipt',
                  rule: `Fam. Code 6389(c)(1); CCP 527.9; ${LAW_DOCS.firearms}`,
                }),
              );
            }
            if (s.firearmReceipts.some((x) => x.receiptId === r.receiptId)) {
              return E.left(domainError('FIREARM_RECEIPT_ALREADY_RECORDED', 'This receipt is already recorded.', { field: 'receipt.receiptId' }));
            }
            if (instantMs(r.filedAt) > instantMs(c.at)) return E.left(domainError('INVALID_VALUE', 'The receipt cannot have been filed later than now.', { field: 'receipt.filedAt' }));
            if (instantMs(r.filedAt) < instantMs(s.details.issuedAt)) {
              return E.left(domainError('INVALID_VALUE', 'A relinquishment receipt cannot predate the order.', { field: 'receipt.filedAt' }));
            }
            return one(ev('FirearmReceiptRecorded', { receipt: r, recordedAt: c.at }));
          }),
        ),
      )
      .with({ type: 'RecordCourtFiling' }, (c) =>
        pipe(
          requireIssued(state),
          E.chain((s) => {
            if (formInfo(s.details.form).stage !== 'emergency') {
              return E.left(
                domainError('COURT_FILING_NOT_APPLICABLE', 'Only an emergency order, made in the field, is filed with the court afterwards.', { rule: `Pen. Code 18140(c); Fam. Code 6271; ${LAW_DOCS.dojDeadlines}` }),
              );
            }
            if (s.courtFiling !== undefined) return E.left(domainError('COURT_FILING_ALREADY_RECORDED', `The filing with the court is already recorded (${s.courtFiling.filedAt}).`));
            if (instantMs(c.filedAt) > instantMs(c.at)) return E.left(domainError('INVALID_VALUE', 'The filing cannot be later than now.', { field: 'filedAt' }));
            if (instantMs(c.filedAt) < instantMs(s.details.issuedAt)) return E.left(domainError('INVALID_VALUE', 'The order cannot have been filed before it was issued.', { field: 'filedAt' }));
            return one(ev('CourtFilingRecorded', { filedAt: c.filedAt, recordedAt: c.at }));
          }),
        ),
      )
      .exhaustive();

  return { decide, evolve, initialState };
};

export type OrderDecider = ReturnType<typeof createDecider>;

/** The law's limit on an emergency order whose written expiry is its end, for the check (ADR 0043). */
const limitOf = (r: ResolvedExpiry): { expiryLimit?: EventOf<'OrderAdded'>['data']['dojDeadline'] } =>
  r.lawLimit !== undefined && IsoDateTime.is(r.lawLimit) ? { expiryLimit: r.lawLimit } : {};

/** The decider on California's statewide court calendar, with no local closures. */
export const orderDecider: OrderDecider = createDecider({ calendar: californiaCourtCalendar });
export const decide = orderDecider.decide;
