import { type Message, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { missingForDoj, type IssuedOrder, type OrderEvent, type OrderState } from '@ccpor/domain';
import { type CarposMessageKeys } from './carpos-settings';
import { enterMessage, modifyMessage, retireMessage, retireTransaction, serviceMessage, serviceScreen, withRecordNumbers, type ServiceScreen } from './order-message';

/** A DOJ-required field the order lacks, or a value DOJ's dictionary would refuse. */
export interface MissingData {
  readonly field: string;
  readonly label: string;
}


/** What one order event asks of the gateway, before the outbox's own state is considered. */
export type EventPlan =
  | { readonly kind: 'none' }
  /** OrderAdded: the first CARPOS transaction, possibly held for missing data. */
  | { readonly kind: 'enter'; readonly message: Message; readonly missing: readonly MissingData[] }
  /** OrderModified, OrderRenewed: a modify, plus the full enter in case the record does not exist yet. */
  | {
      readonly kind: 'change';
      readonly modify: Message;
      readonly modifyMissing: readonly MissingData[];
      readonly enter: Message;
      readonly enterMissing: readonly MissingData[];
    }
  | { readonly kind: 'service'; readonly message: Message; readonly screen: ServiceScreen; readonly missing: readonly MissingData[] }
  | { readonly kind: 'retire'; readonly transaction: 'cancel' | 'clear'; readonly message: Message; readonly missing: readonly MissingData[] };

/** Placeholder record numbers for validating a message before DOJ has numbered the record. */
const PLACEHOLDER_FCN = '0000000000000';

const problemsOf = (codec: ProtocolCodec, message: Message, numbered: boolean): MissingData[] =>
  codec
    .validate(numbered ? withRecordNumbers(message, PLACEHOLDER_FCN, undefined) : message)
    .map((e) => ({ field: e.field ?? '(message)', label: e.message }));

const enterProblems = (codec: ProtocolCodec, order: IssuedOrder, message: Message): MissingData[] => {
  const missing = missingForDoj(order.details);
  // The registry's own list names what a clerk must add; the dictionary adds what DOJ would refuse.
  return missing.length > 0 ? missing : problemsOf(codec, message, false);
};

const issued = (state: OrderState): IssuedOrder | undefined => (state.status === 'issued' ? state : undefined);

/**
 * Maps one order event to the CARPOS transaction it calls for. Pure: the order's state after
 * the event, the ORI the CARPOS record is entered under, and the dictionary's codec are all given.
 */
export const planEvent = (event: OrderEvent, after: OrderState, submitterOri: string, keys: CarposMessageKeys, codec: ProtocolCodec): EventPlan => {
  const order = issued(after);
  if (order === undefined) return { kind: 'none' };
  switch (event.type) {
    case 'OrderAdded': {
      const message = enterMessage(order, submitterOri, keys);
      return { kind: 'enter', message, missing: enterProblems(codec, order, message) };
    }
    case 'OrderModified':
    case 'OrderRenewed': {
      const modify = modifyMessage(order, submitterOri, keys);
      const enter = enterMessage(order, submitterOri, keys);
      return { kind: 'change', modify, modifyMissing: problemsOf(codec, modify, true), enter, enterMissing: enterProblems(codec, order, enter) };
    }
    case 'ServiceRecorded': {
      const message = serviceMessage(order, event.data.service, submitterOri, keys);
      return { kind: 'service', message, screen: serviceScreen(event.data.service, submitterOri), missing: problemsOf(codec, message, true) };
    }
    case 'OrderCanceled': {
      const transaction = retireTransaction(event.data.reason);
      const message = retireMessage(order, transaction, event.data.canceledAt, submitterOri, keys, event.data.note);
      return { kind: 'retire', transaction, message, missing: problemsOf(codec, message, true) };
    }
    // Not sent to CARPOS, on purpose: a relinquishment receipt is filed with the court and the
    // law-enforcement agency, not DOJ (Fam. Code 6389(c)(2)); an emergency order's filing with the
    // court (Pen. Code 18140(c)) changes nothing DOJ holds. Both stay on the order and its deadlines.
    case 'FirearmReceiptRecorded':
    case 'CourtFilingRecorded':
      return { kind: 'none' };
    // Registry-internal: drafts, images and DOJ's own answers.
    case 'DraftCreated':
    case 'DraftUpdated':
    case 'DraftDiscarded':
    case 'OrderCloned':
    case 'ImageAttached':
    case 'ImageReplaced':
    case 'ImageRemoved':
    case 'DojAcknowledgementRecorded':
    case 'DojRejectionRecorded':
    case 'DojResponseReviewed':
    case 'FormReadingApplied':
    case 'ReadFieldsReviewed':
      return { kind: 'none' };
  }
};
