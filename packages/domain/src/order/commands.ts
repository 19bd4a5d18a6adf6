import * as t from 'io-ts';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { Fcn, Nic } from '../value-objects/doj-ids';
import { OrderId } from '../value-objects/order-id';
import { Ori } from '../value-objects/ori';
import { DraftDetails, ExpirationInput, ImageRef, OrderChanges, OrderDetails } from './order-details';
import { FormNumber } from './order-forms';
import { ServiceRecord } from './service';
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
export const ModifyOrder = t.intersection([command('ModifyOrder', { changes: OrderChanges }), t.partial({ reason: t.string })]);
/** Renewal: the request must have been filed inside the renewal window (domain-brief §3). */
export const RenewOrder = command('RenewOrder', { requestFiledOn: OrderDate, expiration: ExpirationInput });
export const RecordService = command('RecordService', { service: ServiceRecord });
export const CancelOrder = t.intersection([
  command('CancelOrder', { reason: CancelReason }),
  t.partial({ note: t.string, supersededBy: OrderId }),
]);
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
export const RecordDojAcknowledgement = t.intersection([
  command('RecordDojAcknowledgement', { transaction: DojTransaction, messageId: t.string, fcn: Fcn }),
  t.partial({ nic: Nic }),
]);
export const DojFieldError = t.intersection([t.type({ reason: t.string }), t.partial({ field: t.string })]);
export const RecordDojRejection = command('RecordDojRejection', {
  transaction: DojTransaction,
  messageId: t.string,
  errors: t.array(DojFieldError),
});

/** A CLETS-certified user confirms they reviewed a DOJ answer for accuracy (domain-brief §1.4 step 3). */
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
]);
export type OrderCommand = t.TypeOf<typeof OrderCommand>;
export type OrderCommandType = OrderCommand['type'];

export { OrderDetails };
