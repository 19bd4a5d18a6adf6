import * as t from 'io-ts';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { Fcn, Nic } from '../value-objects/doj-ids';
import { OrderId } from '../value-objects/order-id';
import { Ori } from '../value-objects/ori';
import { CancelReason, DojFieldError, DojReviewOutcome, DojTransaction, OrderSource } from './commands';
import { DraftDetails, ExpirationInput, ImageRef, OrderChanges, OrderDetails } from './order-details';
import { ServiceRecord } from './service';
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

/** null = the order does not expire (a permanent renewal). */
const ExpiresAt = t.union([IsoDateTime, t.null]);

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
export const OrderAdded = event('OrderAdded', {
  orderId: OrderId,
  enteringAgencyOri: Ori,
  details: OrderDetails,
  expiresAt: ExpiresAt,
  /** One business day from issue (Fam. Code 6380). */
  dojDeadline: IsoDateTime,
  source: OrderSource,
  fromDraft: t.boolean,
  addedAt: IsoDateTime,
});
export const OrderModified = eventWithOptional(
  'OrderModified',
  { changes: OrderChanges, expiresAt: ExpiresAt, modifiedAt: IsoDateTime },
  { reason: t.string },
);
export const OrderRenewed = event('OrderRenewed', {
  requestFiledOn: OrderDate,
  expiration: ExpirationInput,
  expiresAt: ExpiresAt,
  previousExpiresAt: ExpiresAt,
  renewedAt: IsoDateTime,
});
export const ServiceRecorded = event('ServiceRecorded', {
  service: ServiceRecord,
  /** False when the serving agency is not the entering agency (CLETS ROS4 rather than ROS5). */
  byEnteringAgency: t.boolean,
  recordedAt: IsoDateTime,
});
export const OrderCanceled = eventWithOptional(
  'OrderCanceled',
  { reason: CancelReason, canceledAt: IsoDateTime },
  { note: t.string, supersededBy: OrderId },
);
export const ImageAttached = event('ImageAttached', { image: ImageRef, attachedAt: IsoDateTime });
export const ImageReplaced = event('ImageReplaced', { previousSha256: t.string, image: ImageRef, replacedAt: IsoDateTime });
export const ImageRemoved = event('ImageRemoved', { sha256: t.string, reason: t.string, removedAt: IsoDateTime });
export const DojAcknowledgementRecorded = eventWithOptional(
  'DojAcknowledgementRecorded',
  { transaction: DojTransaction, messageId: t.string, fcn: Fcn, acknowledgedAt: IsoDateTime },
  { nic: Nic },
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
]);
export type OrderEvent = t.TypeOf<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];
export type EventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = OrderEvent.types.map((c) => c.props.type.value);
export { FormReadingApplied, ReadFieldsReviewed };
