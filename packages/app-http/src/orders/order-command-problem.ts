import type { OrderCommandError } from '../use-cases/orders/run-order-command';
import { fromHandlerError, NO_SUCH, Problem } from '../http/problem';

/** The problem document for an order command that was not written; `ifMatchSent`: a version conflict is 412, not 409 (ADR 0030). */
export const orderCommandProblem = (e: OrderCommandError<Problem>, ifMatchSent: boolean): Problem => {
  switch (e.kind) {
    case 'refused':
      return e.reason;
    case 'order-not-found':
      return NO_SUCH.order();
    case 'clone-source-not-issued':
      return new Problem(409, 'CLONE_SOURCE_NOT_ISSUED', 'Conflict', 'Only an order or a draft can be cloned.');
    case 'image-not-stored':
      return new Problem(422, 'IMAGE_NOT_STORED', 'Rule not met', 'The image store does not have these bytes; upload the file again.', { field: 'image.sha256' });
    case 'image-ref-mismatch':
      return new Problem(422, 'IMAGE_REF_MISMATCH', 'Rule not met', `The stored image has ${e.differs.map((k) => `${k} ${String(e.stored[k])}`).join(', ')}; the reference must say the same.`, {
        field: `image.${e.differs[0]}`,
      });
    default:
      return fromHandlerError(e, ifMatchSent);
  }
};
