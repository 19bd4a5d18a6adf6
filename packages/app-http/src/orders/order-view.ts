import { computeOrderView, redactDetails, redactDoj, type OrderState, type Principal, type RecordedEvent } from '@ccpor/domain';
import { factsOf } from './order-facts';

/**
 * An order as a caller may see it: state plus computed fields, with confidential and minor
 * protected persons and CLETS data redacted by the domain policy; `redacted` lists what was hidden.
 */
export const orderView = (orderId: string, state: OrderState, version: number, p: Principal, at: string) => {
  const facts = factsOf(state);
  const redacted: string[] = [];
  let order: Record<string, unknown> = { ...state };
  // A draft's form reading holds what was read about the parties; it is served, redacted by the
  // same rule, only by GET …/form-reading to the draft's editors (form-reading/reading-view.ts).
  delete order.reading;
  if (state.status === 'draft' || state.status === 'issued') {
    const d = redactDetails(state.details, p, facts);
    redacted.push(...d.redacted.map((r) => `details.${r}`));
    order = { ...order, details: d.value };
  }
  if (state.status === 'issued') {
    const doj = redactDoj(state.doj, p);
    redacted.push(...doj.redacted);
    if (doj.value === undefined) delete order.doj;
  }
  return { orderId, version, computed: computeOrderView(state, at), order, redacted };
};

const DOJ_EVENTS = new Set(['DojAcknowledgementRecorded', 'DojRejectionRecorded', 'DojResponseReviewed']);

/**
 * The order's history: every event with its actor and time. Event data is shown only where the
 * caller may see everything it can contain: DOJ answers need CLETS certification, and orders with
 * confidential or minor protected persons show data only to those allowed to see them.
 */
export const historyView = (orderId: string, state: OrderState, events: readonly RecordedEvent[], p: Principal) => {
  const facts = factsOf(state);
  const hasConfidential = (state.status === 'draft' || state.status === 'issued') && redactDetails(state.details, p, facts).redacted.length > 0;
  return {
    orderId,
    version: events.length,
    events: events.map((e) => {
      const hide = hasConfidential || (DOJ_EVENTS.has(e.type) && !p.cletsCertified);
      return {
        version: e.streamVersion,
        type: e.type,
        recordedAt: e.metadata.recordedAt,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        hash: e.metadata.hash,
        ...(hide ? { redacted: ['data'] } : { data: e.data }),
      };
    }),
  };
};
