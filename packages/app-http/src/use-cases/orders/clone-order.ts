import * as E from 'fp-ts/Either';
import type { CommandHandler, FormNumber, IdGenerator, OrderId, Ori } from '@ccpor/domain';
import { actorOf, afterWrite, authorizeOn, type OnOrderRequest, type OrderCommandOutcome, type WriteDeps } from './run-order-command';

export interface CloneOrderInput {
  /** The form of the new draft, when it is not the source's. */
  readonly form?: FormNumber;
  /** The id the caller chose for the new draft; else the registry picks one. */
  readonly orderId?: OrderId;
}

export interface CloneOrderDeps<R> extends WriteDeps<R> {
  readonly commands: Pick<CommandHandler, 'handle' | 'load'>;
  readonly ids: IdGenerator;
}

/**
 * Clone an order or a draft (`request.orderId`) into a new draft of the caller's agency. The
 * source is read once and the caller authorized on it as read; the clone goes to a new stream,
 * which no concurrent change can reach before it is written (ADR 0080).
 */
export const cloneOrder = async <R>(deps: CloneOrderDeps<R>, request: OnOrderRequest<CloneOrderInput>): Promise<OrderCommandOutcome<R>> => {
  const { orderId: sourceId, input, principal } = request;
  const loaded = await deps.commands.load(sourceId);
  if (E.isLeft(loaded)) return loaded;
  const authorized = await authorizeOn(deps.access, { action: 'order.clone' }, input, sourceId, loaded.right);
  if (E.isLeft(authorized)) return authorized;
  const source = authorized.right;
  const orderId = input.orderId ?? (deps.ids.newId() as OrderId);
  if (source.status !== 'issued' && source.status !== 'draft') return E.left({ kind: 'clone-source-not-issued' });
  const written = await deps.commands.handle(
    {
      type: 'CloneOrder',
      orderId,
      enteringAgencyOri: principal.agencyOri as Ori,
      source: { orderId: sourceId, issued: source.status === 'issued', details: source.details },
      ...(input.form ? { form: input.form } : {}),
    },
    // A new stream: nothing to read before deciding.
    { actor: actorOf(principal), correlationId: request.correlationId, expectNewStream: true },
  );
  if (E.isLeft(written)) return written;
  return E.right(await afterWrite(deps, request, written.right));
};
