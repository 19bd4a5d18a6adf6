import { randomUUID } from 'node:crypto';
import { type Message, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { type IssuedOrder, type OrderState } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { defaultMessageKeys, type CarposMessageKeys } from './carpos-settings';
import { schemaSql } from './gateway-sql';
import { enterMessage, modifyMessage, retireMessage, retireTransaction, serviceMessage, serviceScreen, withRecordNumbers } from './order-message';
import { findOutboxEntry, type CarposStore, type OutboxEntry } from './queues';

/** What an operator may ask the gateway to send again, from the order as the registry now holds it. */
export type ResendTransaction = 'enter' | 'modify' | 'service' | 'cancel' | 'clear';

export type ResendRefusalCode =
  | 'ORDER_NOT_FOUND'
  | 'NOT_SUBMITTED_THROUGH_REGISTRY'
  | 'NOT_AT_DOJ'
  | 'ALREADY_NUMBERED'
  | 'NOT_CANCELED'
  | 'NO_SERVICE'
  | 'ALREADY_QUEUED';

export interface ResendRefusal {
  readonly code: ResendRefusalCode;
  readonly message: string;
  /** The open row that already carries this transaction. */
  readonly outboxId?: string;
}

export interface ResendRequest {
  readonly orderId: string;
  readonly transaction: ResendTransaction;
  /** Who asked (recorded on the row; the caller audits the decision). */
  readonly requestedBy: { readonly userId: string; readonly agencyOri: string; readonly kind: string };
  readonly codec: ProtocolCodec;
  readonly keys?: CarposMessageKeys;
  /** Why (a reconciliation run, say), kept with the row. */
  readonly reason?: string;
  /** The registry's clock: whether the order has expired (default: now). */
  readonly now?: string;
}

const PLACEHOLDER_FCN = '0000000000000';

const refuse = (code: ResendRefusalCode, message: string, outboxId?: string): E.Either<ResendRefusal, never> =>
  E.left({ code, message, ...(outboxId !== undefined ? { outboxId } : {}) });

const messageFor = (order: IssuedOrder, transaction: ResendTransaction, ori: string, keys: CarposMessageKeys, now: string): E.Either<ResendRefusal, { message: Message; screen: string | null }> => {
  switch (transaction) {
    case 'enter':
      return E.right({ message: enterMessage(order, ori, keys), screen: null });
    case 'modify':
      return E.right({ message: modifyMessage(order, ori, keys), screen: null });
    case 'service': {
      const service = order.services[order.services.length - 1];
      if (service === undefined) return refuse('NO_SERVICE', 'The order has no service to send.');
      return E.right({ message: serviceMessage(order, service, ori, keys), screen: serviceScreen(service, ori) });
    }
    case 'cancel':
    case 'clear': {
      const expired = order.canceled === undefined && order.expiresAt !== null && Date.parse(order.expiresAt) <= Date.parse(now);
      if (order.canceled === undefined && !(transaction === 'clear' && expired)) return refuse('NOT_CANCELED', `The order is not ${transaction === 'cancel' ? 'canceled' : 'canceled or expired'} in the registry.`);
      const at = order.canceled?.at ?? order.expiresAt ?? '';
      if (transaction === 'cancel' && retireTransaction(order.canceled?.reason ?? '') !== 'cancel') {
        return refuse('NOT_CANCELED', 'The order ended (it was not entered in error): DOJ clears it rather than cancels it.');
      }
      return E.right({ message: retireMessage(order, transaction, at, ori, keys, order.canceled?.note), screen: null });
    }
  }
};

/**
 * Queues a CARPOS transaction for an order outside the log's own flow (ADR 0013): the fix for a
 * reconciliation difference ("resend"). The row is built from the order as it now stands, goes
 * through the dispatcher like any other (in order after the order's earlier rows, once DOJ has
 * numbered the record when it needs the number) and carries who asked. An enter is only for an
 * order DOJ never numbered: taking a new FCN for a numbered order needs a domain rule not written.
 */
export const requestResend = async (store: CarposStore, request: ResendRequest): Promise<E.Either<ResendRefusal, OutboxEntry>> => {
  const q = schemaSql(store.schema);
  const keys = request.keys ?? defaultMessageKeys;
  const rows = await store.db.query<{ state: OrderState; state_version: number; submitted: boolean | null; submitter_ori: string | null; fcn: string | null }>(
    q(`SELECT s.state, s.state_version, r.submitted, r.submitter_ori, r.fcn
       FROM {{schema}}.carpos_order_state s LEFT JOIN {{schema}}.carpos_orders r ON r.order_id = s.order_id WHERE s.order_id = $1`),
    [request.orderId],
  );
  const row = rows.rows[0];
  if (row === undefined || row.state.status !== 'issued') return refuse('ORDER_NOT_FOUND', 'The gateway holds no issued order with this id.');
  const order = row.state;
  if (row.submitted !== true || row.submitter_ori === null) return refuse('NOT_SUBMITTED_THROUGH_REGISTRY', 'Its agency keys its orders into CLETS itself; the registry sends nothing for it.');
  const fcn = row.fcn ?? order.doj.fcn ?? null;
  if (request.transaction === 'enter' && fcn !== null) {
    return refuse('ALREADY_NUMBERED', `DOJ numbered this order ${fcn}; re-entering it would need the new FCN recorded on the order, which the registry cannot do yet. Re-enter it at a CLETS terminal.`);
  }
  if (request.transaction !== 'enter' && fcn === null) return refuse('NOT_AT_DOJ', 'DOJ has not numbered this order yet: send the entry first.');
  const open = await store.db.query<{ id: string }>(
    q(`SELECT id::text AS id FROM {{schema}}.carpos_outbox WHERE order_id = $1 AND transaction = $2 AND status IN ('awaiting-data', 'pending') ORDER BY id LIMIT 1`),
    [request.orderId, request.transaction],
  );
  const queued = open.rows[0];
  if (queued !== undefined) return refuse('ALREADY_QUEUED', `Message ${queued.id} already carries this ${request.transaction} and has not gone yet.`, queued.id);

  const built = messageFor(order, request.transaction, row.submitter_ori, keys, request.now ?? new Date().toISOString());
  if (E.isLeft(built)) return built;
  const { message, screen } = built.right;
  const checked = request.transaction === 'enter' ? message : withRecordNumbers(message, PLACEHOLDER_FCN, undefined);
  const missing = request.codec.validate(checked).map((e) => ({ field: e.field ?? '(message)', label: e.message }));
  const inserted = await store.db.query<{ id: string }>(
    q(`INSERT INTO {{schema}}.carpos_outbox
        (event_id, order_id, stream_version, transaction, screen, message, missing, status, event_recorded_at, requested_by, last_error)
      VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, now(), $9::jsonb, $10)
      RETURNING id::text AS id`),
    [
      `resend:${randomUUID()}`,
      request.orderId,
      Number(row.state_version),
      request.transaction,
      screen,
      JSON.stringify(message),
      missing.length > 0 ? JSON.stringify(missing) : null,
      missing.length > 0 ? 'awaiting-data' : 'pending',
      JSON.stringify({ ...request.requestedBy, ...(request.reason !== undefined ? { reason: request.reason } : {}) }),
      null,
    ],
  );
  const entry = await findOutboxEntry(store, String(inserted.rows[0]?.id));
  if (entry === undefined) throw new Error('the resend row vanished after it was written');
  return E.right(entry);
};

/** Who takes part in an order's CARPOS record: the agency that added it, and the one submitting it (a resend's scope). */
export const carposOrderFacts = async (
  store: CarposStore,
  orderId: string,
): Promise<{ readonly agencyOri: string | null; readonly submitterOri: string | null; readonly submitted: boolean | null } | undefined> => {
  const rows = await store.db.query<{ agency_ori: string | null; submitter_ori: string | null; submitted: boolean | null }>(
    schemaSql(store.schema)('SELECT agency_ori, submitter_ori, submitted FROM {{schema}}.carpos_orders WHERE order_id = $1'),
    [orderId],
  );
  const row = rows.rows[0];
  return row === undefined ? undefined : { agencyOri: row.agency_ori, submitterOri: row.submitter_ori, submitted: row.submitted };
};
