import * as t from 'io-ts';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { Fcn, Nic } from '../value-objects/doj-ids';
import { OrderId } from '../value-objects/order-id';
import { Ori } from '../value-objects/ori';
import { DraftDetails, ExpirationInput, ImageRef, OrderChanges, OrderDetails } from './order-details';
import { FirearmReceipt } from './firearms';
import { FormNumber } from './order-forms';
import { ServiceRecord } from './proof-of-service';
import { ApplyFormReading, ReviewReadFields } from '../form-reading/reading-commands';

/**
 * Commands: one per lifecycle step. `at` is the time the command is decided (from the Clock
 * port, never read inside the domain); `orderId` names the stream.
 */
const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), orderId: OrderId, at: IsoDateTime, ...props }, type);

export const CancelReason = t.keyof(
  { 'terminated-by-court': null, 'entered-in-error': null, superseded: null, other: null },
  'CancelReason',
);
export type CancelReason = t.TypeOf<typeof CancelReason>;

export const DojTransaction = t.keyof({ enter: null, modify: null, service: null, cancel: null, clear: null }, 'DojTransaction');
export type DojTransaction = t.TypeOf<typeof DojTransaction>;

export const OrderSource = t.union([
  t.type({ kind: t.literal('registry') }),
  /** Brought in by the historical import with the source system's record id (idempotency key). */
  t.type({ kind: t.literal('historical-import'), sourceRecordId: t.string, sourceSystem: t.string }),
]);
export type OrderSource = t.TypeOf<typeof OrderSource>;

export const CreateDraft = command('CreateDraft', { enteringAgencyOri: Ori, details: DraftDetails });
export const UpdateDraft = t.intersection([
  command('UpdateDraft', { details: DraftDetails }),
  t.partial({ clear: t.array(t.keyof(DraftDetails.props)) }),
]);
export const DiscardDraft = t.intersection([command('DiscardDraft', {}), t.partial({ reason: t.string })]);
/** Add from the stream's draft (details merged over it) or directly when the stream is new. */
export const AddOrder = t.intersection([
  command('AddOrder', { enteringAgencyOri: Ori }),
  t.partial({ details: DraftDetails, source: OrderSource }),
]);
/**
 * `orderedAt`: when the court made the change (the modification, renewal or termination), if
 * earlier than its entry; the DOJ deadline runs from it (Fam. Code 6380(a); docs/law/doj-deadlines.md).
 */
export const ModifyOrder = t.intersection([command('ModifyOrder', { changes: OrderChanges }), t.partial({ reason: t.string, orderedAt: IsoDateTime })]);
/** Renewal: the request must have been filed inside the renewal window (docs/law/durations.md). */
export const RenewOrder = t.intersection([
  command('RenewOrder', { requestFiledOn: OrderDate, expiration: ExpirationInput }),
  t.partial({ orderedAt: IsoDateTime }),
]);
export const RecordService = command('RecordService', { service: ServiceRecord });
export const CancelOrder = t.intersection([
  command('CancelOrder', { reason: CancelReason }),
  t.partial({ note: t.string, supersededBy: OrderId, orderedAt: IsoDateTime }),
]);
/** The firearm relinquishment receipt was filed (docs/law/firearms.md). */
export const RecordFirearmReceipt = command('RecordFirearmReceipt', { receipt: FirearmReceipt });
/** An emergency order was filed with the court (Pen. Code 18140(c) for gun violence emergency orders). */
export const RecordCourtFiling = command('RecordCourtFiling', { filedAt: IsoDateTime });
/**
 * Clone starts a new stream as a draft from an issued order's parties and terms. The handler
 * loads the source and puts what it needs into the command, so `decide` stays pure.
 */
export const CloneOrder = t.intersection([
  command('CloneOrder', {
    enteringAgencyOri: Ori,
    source: t.type({ orderId: OrderId, issued: t.boolean, details: DraftDetails }),
  }),
  t.partial({ form: FormNumber }),
]);
export const AttachImage = command('AttachImage', { image: ImageRef });
export const ReplaceImage = command('ReplaceImage', { previousSha256: t.string, image: ImageRef });
export const RemoveImage = command('RemoveImage', { sha256: t.string, reason: t.string });
/**
 * `deadlineIds`: the DOJ deadlines the acknowledged message met (the gateway knows which
 * obligations the message carried); without them the oldest pending deadline of the
 * transaction's kind is taken as met (ADR 0042).
 */
export const RecordDojAcknowledgement = t.intersection([
  command('RecordDojAcknowledgement', { transaction: DojTransaction, messageId: t.string, fcn: Fcn }),
  t.partial({ nic: Nic, deadlineIds: t.array(t.string) }),
]);
export const DojFieldError = t.intersection([t.type({ reason: t.string }), t.partial({ field: t.string })]);
export const RecordDojRejection = command('RecordDojRejection', {
  transaction: DojTransaction,
  messageId: t.string,
  errors: t.array(DojFieldError),
});

/** A CLETS-certified user confirms they reviewed a DOJ answer for accuracy (the CCPOR gateway's review step). */
export const DojReviewOutcome = t.keyof({ accurate: null, 'needs-correction': null }, 'DojReviewOutcome');
export const ReviewDojResponse = t.intersection([
  command('ReviewDojResponse', { messageId: t.string, outcome: DojReviewOutcome }),
  t.partial({ note: t.string }),
]);

export const OrderCommand = t.union([
  CreateDraft,
  UpdateDraft,
  DiscardDraft,
  AddOrder,
  ModifyOrder,
  RenewOrder,
  RecordService,
  CancelOrder,
  CloneOrder,
  AttachImage,
  ReplaceImage,
  RemoveImage,
  RecordDojAcknowledgement,
  RecordDojRejection,
  ReviewDojResponse,
  ApplyFormReading,
  ReviewReadFields,
  RecordFirearmReceipt,
  RecordCourtFiling,
]);
export type OrderCommand = t.TypeOf<typeof OrderCommand>;
export type OrderCommandType = OrderCommand['type'];

export { OrderDetails };
