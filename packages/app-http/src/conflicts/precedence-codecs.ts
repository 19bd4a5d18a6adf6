import * as t from 'io-ts';
import { Provision, type Conflict, type ConflictIndicator, type EnforcementView, type OrderPrecedence } from '@ccpor/domain';
import { toJsonSchema } from '../openapi/io-ts-schema';

/**
 * The response shapes of issue 7 as io-ts codecs: the OpenAPI document describes them from
 * here, and the API tests decode real responses with them, so the document cannot drift from
 * what the routes send. The assignments at the end make the compiler check each codec against
 * the type the code returns.
 */

const LadderStep = t.keyof({
  'no-conflict': null,
  'epo-more-restrictive': null,
  'no-contact-order': null,
  'latest-civil': null,
  'latest-criminal': null,
  'latest-order': null,
  'most-restrictive-epo': null,
});
const Dimension = t.keyof({ contact: null, 'stay-away': null, residence: null, firearms: null, conduct: null, visitation: null });

export const ConflictCodec = t.type(
  {
    kind: t.keyof({
      'criminal-order-vs-visitation': null,
      'epo-overrides-visitation': null,
      'no-contact-order-weaker-term': null,
      'contact-terms-differ': null,
      'stay-away-differs': null,
      'residence-terms-differ': null,
      'firearm-terms-differ': null,
      'proposed-contradicts-in-force': null,
    }),
    orderIds: t.readonlyArray(t.string),
    dimension: Dimension,
    explanation: t.string,
    rule: t.string,
    needsJudge: t.boolean,
  },
  'Conflict',
);

export const EnforcementViewCodec = t.intersection(
  [
    t.type({
      at: t.string,
      inForce: t.readonlyArray(t.string),
      terms: t.readonlyArray(
        t.type({
          dimension: Dimension,
          provision: Provision,
          orderId: t.string,
          step: LadderStep,
          rule: t.string,
          explanation: t.string,
          overrides: t.readonlyArray(t.type({ orderId: t.string, provision: Provision })),
          /** statute: the order the statute names (or an EPO's more restrictive term); registry-reading: combined from another order, for a judge. */
          basis: t.keyof({ statute: null, 'registry-reading': null }),
        }),
      ),
      otherTerms: t.readonlyArray(t.type({ orderId: t.string, text: t.string })),
      combinedReading: t.boolean,
      /** Orders in force never served: tell the restrained person the terms, then enforce (Fam. Code 6383(e)). */
      notServed: t.readonlyArray(t.type({ orderId: t.string, notice: t.string, rule: t.string })),
    }),
    t.partial({ statutoryOrder: t.type({ orderId: t.string, step: LadderStep, rule: t.string, explanation: t.string }) }),
  ],
  'EnforcementView',
);

/** Said instead of the enforcement view and conflicts of a pair with more orders in force than one request computes. */
const TooManyRelatedOrdersCodec = t.type({ orders: t.number, limit: t.number, message: t.string }, 'TooManyRelatedOrders');

export const OrderPrecedenceCodec = t.type(
  {
    at: t.string,
    pairs: t.readonlyArray(
      t.intersection([
        t.type({
          protectedPerson: t.number,
          relatedOrders: t.readonlyArray(
            t.type({
              orderId: t.string,
              form: t.string,
              caseNumber: t.string,
              issuedAt: t.string,
              expiresAt: t.union([t.string, t.null]),
              state: t.keyof({ 'in-force': null, 'not-yet-in-force': null, expired: null, canceled: null }),
              match: t.keyof({ exact: null, phonetic: null }),
            }),
          ),
          withheldOrders: t.number,
        }),
        // Either the view and the conflicts, or why they were not computed (issue 12: a pair with too many orders).
        t.partial({ enforcement: EnforcementViewCodec, conflicts: t.readonlyArray(ConflictCodec), tooManyRelatedOrders: TooManyRelatedOrdersCodec }),
      ]),
    ),
    withheldOrders: t.number,
  },
  'OrderPrecedence',
);

export const ConflictIndicatorCodec = t.intersection(
  [t.type({ otherOrdersInForce: t.number }), t.partial({ conflicts: t.number, needsJudge: t.boolean, tooManyRelatedOrders: TooManyRelatedOrdersCodec })],
  'ConflictIndicator',
);

/** What `GET /orders/{id}` adds to the order view. */
export const OrderReadPrecedence = t.partial({ precedence: OrderPrecedenceCodec, precedenceUnavailable: t.string }, 'OrderReadPrecedence');
/**
 * What the drafting and adding commands add to the order view: `warnings`, or why the check could
 * not run; `withheldOrders` counts orders about the same people the caller may not see (sealed).
 */
export const CommandWarnings = t.partial({ warnings: t.readonlyArray(ConflictCodec), withheldOrders: t.number, warningsUnavailable: t.string }, 'CommandWarnings');
/** What `GET /search` adds to each hit: the related-orders indicator, and the officer's notice on an order in force never served (Fam. Code 6383(e)). */
export const SearchHitsRelated = t.type(
  {
    hits: t.readonlyArray(
      t.intersection([t.type({ orderId: t.string, related: ConflictIndicatorCodec }), t.partial({ unservedNotice: t.type({ notice: t.string, rule: t.string }) })]),
    ),
  },
  'SearchHitsRelated',
);

/** OpenAPI success content described by `codec` (the body may carry more than it names). */
export const jsonContent = (codec: t.Mixed): Record<string, unknown> => ({ 'application/json': { schema: toJsonSchema(codec) } });

// Compile-time: every value the routes send is of its codec's type (a mismatch fails the build).
type Holds<T extends true> = T;
export type CodecsMatchTheirTypes = Holds<
  [Conflict, EnforcementView, OrderPrecedence, ConflictIndicator] extends [
    t.TypeOf<typeof ConflictCodec>,
    t.TypeOf<typeof EnforcementViewCodec>,
    t.TypeOf<typeof OrderPrecedenceCodec>,
    t.TypeOf<typeof ConflictIndicatorCodec>,
  ]
    ? true
    : false
>;
