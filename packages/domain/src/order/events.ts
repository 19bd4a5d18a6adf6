import * as t from 'io-ts';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { Fcn, Nic } from '../value-objects/doj-ids';
import { OrderId } from '../value-objects/order-id';
import { Ori } from '../value-objects/ori';
import { CancelReason, DojFieldError, DojReviewOutcome, DojTransaction, OrderSource } from './commands';
import { DeadlineSpec } from './deadlines';
import { FirearmReceipt } from './firearms';
import { DraftDetails, ExpirationInput, ImageRef, OrderChanges, OrderDetails } from './order-details';
import { ServiceRecord } from './proof-of-service';
import { FormReadingApplied, ReadFieldsReviewed } from '../form-reading/reading-events';

/**
 * Events: past tense, each with a `schemaVersion` and a codec (ADR 0003). An old schema is
 * lifted by an upcaster on read (upcasters.ts); the stored bytes never change.
 */
const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), schemaVersion: t.literal(1), data: t.type(props) }, type);
const eventWithOptional = <T extends string, P extends t.Props, O extends t.Props>(type: T, props: P, optional: O) =>
  t.type(
    { type: t.literal(type), schemaVersion: t.literal(1), data: t.intersection([t.type(props), t.partial(optional)]) },
    type,
  );

/** null = the order does not expire (a permanent renewal, or a registered order that states no end). */
const ExpiresAt = t.union([IsoDateTime, t.null]);

/**
 * Fields added after the first schema, optional so that every stored event still reads
 * (ADR 0003): the deadlines the event starts (ADR 0042), when the court made the change if
 * earlier than its entry, and the end the law allows an emergency order whose written expiry is
 * its end (ADR 0043).
 */
const deadlines = { deadlines: t.array(DeadlineSpec) };
const orderedAt = { orderedAt: IsoDateTime };
const expiryLimit = { expiryLimit: IsoDateTime };

export const DraftCreated = event('DraftCreated', {
  orderId: OrderId,
  enteringAgencyOri: Ori,
  details: DraftDetails,
  createdAt: IsoDateTime,
});
export const DraftUpdated = event('DraftUpdated', {
  details: DraftDetails,
  cleared: t.array(t.string),
  updatedAt: IsoDateTime,
});
export const DraftDiscarded = eventWithOptional('DraftDiscarded', { discardedAt: IsoDateTime }, { reason: t.string });
/** First event of a clone's stream: names its source; history is never copied. */
export const OrderCloned = event('OrderCloned', {
  orderId: OrderId,
  sourceOrderId: OrderId,
  enteringAgencyOri: Ori,
  details: DraftDetails,
  clonedAt: IsoDateTime,
});
export const OrderAdded = eventWithOptional(
  'OrderAdded',
  {
    orderId: OrderId,
    enteringAgencyOri: Ori,
    details: OrderDetails,
    expiresAt: ExpiresAt,
    /** The first DOJ deadline: one business day from issue (Fam. Code 6380(a)), one court day for gun violence orders (Pen. Code 18115(a)). */
    dojDeadline: IsoDateTime,
    source: OrderSource,
    fromDraft: t.boolean,
    addedAt: IsoDateTime,
  },
  { ...deadlines, ...expiryLimit },
);
export const OrderModified = eventWithOptional(
  'OrderModified',
  { changes: OrderChanges, expiresAt: ExpiresAt, modifiedAt: IsoDateTime },
  { reason: t.string, ...deadlines, ...orderedAt, ...expiryLimit },
);
export const OrderRenewed = eventWithOptional(
  'OrderRenewed',
  {
    requestFiledOn: OrderDate,
    expiration: ExpirationInput,
    expiresAt: ExpiresAt,
    previousExpiresAt: ExpiresAt,
    renewedAt: IsoDateTime,
  },
  { ...deadlines, ...orderedAt },
);
export const ServiceRecorded = eventWithOptional(
  'ServiceRecorded',
  {
    service: ServiceRecord,
    /** False when the serving agency is not the entering agency (CLETS ROS4 rather than ROS5). */
    byEnteringAgency: t.boolean,
    recordedAt: IsoDateTime,
  },
  deadlines,
);
export const OrderCanceled = eventWithOptional(
  'OrderCanceled',
  { reason: CancelReason, canceledAt: IsoDateTime },
  { note: t.string, supersededBy: OrderId, ...deadlines, ...orderedAt },
);
export const ImageAttached = event('ImageAttached', { image: ImageRef, attachedAt: IsoDateTime });
export const ImageReplaced = event('ImageReplaced', { previousSha256: t.string, image: ImageRef, replacedAt: IsoDateTime });
export const ImageRemoved = event('ImageRemoved', { sha256: t.string, reason: t.string, removedAt: IsoDateTime });
export const DojAcknowledgementRecorded = eventWithOptional(
  'DojAcknowledgementRecorded',
  { transaction: DojTransaction, messageId: t.string, fcn: Fcn, acknowledgedAt: IsoDateTime },
  { nic: Nic, deadlineIds: t.array(t.string) },
);
export const DojRejectionRecorded = event('DojRejectionRecorded', {
  transaction: DojTransaction,
  messageId: t.string,
  errors: t.array(DojFieldError),
  rejectedAt: IsoDateTime,
});

export const DojResponseReviewed = eventWithOptional(
  'DojResponseReviewed',
  { messageId: t.string, outcome: DojReviewOutcome, reviewedAt: IsoDateTime },
  { note: t.string },
);

/** The firearm relinquishment receipt was filed; it meets the order's firearm deadlines. */
export const FirearmReceiptRecorded = event('FirearmReceiptRecorded', { receipt: FirearmReceipt, recordedAt: IsoDateTime });
/** The emergency order was filed with the court (Pen. Code 18140(c)). */
export const CourtFilingRecorded = event('CourtFilingRecorded', { filedAt: IsoDateTime, recordedAt: IsoDateTime });

export const OrderEvent = t.union([
  DraftCreated,
  DraftUpdated,
  DraftDiscarded,
  OrderCloned,
  OrderAdded,
  OrderModified,
  OrderRenewed,
  ServiceRecorded,
  OrderCanceled,
  ImageAttached,
  ImageReplaced,
  ImageRemoved,
  DojAcknowledgementRecorded,
  DojRejectionRecorded,
  DojResponseReviewed,
  FormReadingApplied,
  ReadFieldsReviewed,
  FirearmReceiptRecorded,
  CourtFilingRecorded,
]);
export type OrderEvent = t.TypeOf<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];
export type EventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = OrderEvent.types.map((c) => c.props.type.value);
export { FormReadingApplied, ReadFieldsReviewed };
