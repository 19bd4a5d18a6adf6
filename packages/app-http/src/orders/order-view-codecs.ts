import * as t from 'io-ts';
import type { DeadlineView, FirearmsView, OrderComputed, OrderWarning, UnservedNotice } from '@ccpor/domain';
import { OrderReadPrecedence } from '../conflicts/precedence-codecs';

/**
 * The computed part of an order read as io-ts codecs (issue 17): the deadlines the order's events
 * started with what each is for, the firearm side, the officer's notice for an order never
 * served and the warnings. The OpenAPI document describes them from here, and the API tests
 * decode real answers with them; the assignments at the end make the compiler check each codec
 * against the domain's type.
 */

const DeadlineViewCodec = t.intersection(
  [
    t.type({
      id: t.string,
      kind: t.keyof({ 'doj-transmission': null, 'firearm-surrender': null, 'firearm-receipt': null, 'court-filing': null }),
      purpose: t.keyof({
        issue: null,
        registration: null,
        modify: null,
        renew: null,
        cancel: null,
        service: null,
        'firearm-surrender': null,
        'firearm-receipt': null,
        'emergency-order-filing': null,
      }),
      what: t.string,
      startedAt: t.string,
      dueAt: t.string,
      status: t.keyof({ pending: null, met: null, moot: null }),
      overdue: t.boolean,
      metLate: t.boolean,
      rule: t.string,
      verified: t.boolean,
    }),
    t.partial({
      transaction: t.keyof({ enter: null, modify: null, service: null, cancel: null, clear: null }),
      closedAt: t.string,
      closedBy: t.string,
      ref: t.string,
    }),
  ],
  'DeadlineView',
);

const FirearmsViewCodec = t.intersection(
  [
    t.type({
      ordered: t.boolean,
      status: t.keyof({ 'not-ordered': null, 'awaiting-service': null, pending: null, overdue: null, 'receipt-filed': null, ended: null }),
      receipts: t.readonlyArray(t.type({ receiptId: t.string, filedAt: t.string, outcome: t.keyof({ relinquished: null, 'none-owned': null }), items: t.number, late: t.boolean })),
    }),
    t.partial({ surrenderBy: t.string, receiptDue: t.string, reviewHearingAt: t.string }),
  ],
  'FirearmsView',
);

export const UnservedNoticeCodec = t.type({ notice: t.string, rule: t.string }, 'UnservedNotice');

const OrderWarningCodec = t.type(
  { code: t.literal('EXPIRY_LATER_THAN_LAW_ALLOWS'), message: t.string, rule: t.string, details: t.record(t.string, t.string) },
  'OrderWarning',
);

export const OrderComputedCodec = t.intersection(
  [
    t.type({
      status: t.keyof({ none: null, draft: null, discarded: null, active: null, served: null, canceled: null, expired: null }),
      expired: t.boolean,
      missingForDoj: t.readonlyArray(t.type({ field: t.string, label: t.string })),
      dojOverdue: t.boolean,
      /** Every deadline the order's events started, oldest first. */
      deadlines: t.readonlyArray(DeadlineViewCodec),
      /** What is still to be done, and by when. */
      pendingDeadlines: t.readonlyArray(DeadlineViewCodec),
      warnings: t.readonlyArray(OrderWarningCodec),
    }),
    t.partial({
      dojDeadline: t.string,
      stage: t.string,
      category: t.string,
      firearms: FirearmsViewCodec,
      /** On an order in force never served: tell the restrained person the terms, then enforce (Fam. Code 6383(e)). */
      unservedNotice: UnservedNoticeCodec,
    }),
  ],
  'OrderComputed',
);

/** What `GET /orders/{id}` answers (the order's own fields, redacted by role, are not described field by field). */
export const OrderReadCodec = t.intersection(
  [t.type({ orderId: t.string, version: t.number, computed: OrderComputedCodec, order: t.UnknownRecord, redacted: t.readonlyArray(t.string) }), OrderReadPrecedence],
  'OrderRead',
);

// Compile-time: every value the routes send is of its codec's type (a mismatch fails the build).
type Holds<T extends true> = T;
export type OrderViewCodecsMatchTheirTypes = Holds<
  [DeadlineView, FirearmsView, UnservedNotice, OrderWarning, OrderComputed] extends [
    t.TypeOf<typeof DeadlineViewCodec>,
    t.TypeOf<typeof FirearmsViewCodec>,
    t.TypeOf<typeof UnservedNoticeCodec>,
    t.TypeOf<typeof OrderWarningCodec>,
    t.TypeOf<typeof OrderComputedCodec>,
  ]
    ? true
    : false
>;
