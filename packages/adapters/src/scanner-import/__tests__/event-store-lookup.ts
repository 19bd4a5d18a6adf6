import { caseNumberKey, type EventStore, type GlobalPosition } from '@ccpor/domain';
import type { FindOrderByCaseAndForm } from '../order-lookup';

interface Known {
  caseKey?: string;
  form?: string;
  courtOri?: string;
}

/**
 * The lookup the search view will provide, built for tests straight from the event log: it
 * folds DraftCreated / DraftUpdated / OrderAdded details into case and form per order.
 */
export const eventStoreLookup = (store: EventStore): FindOrderByCaseAndForm => {
  const known = new Map<string, Known>();
  let after: GlobalPosition | undefined;
  const catchUp = async () => {
    for (;;) {
      const page = await store.readAll({ maxCount: 1000, ...(after !== undefined ? { after } : {}) });
      for (const e of page) {
        const orderId = e.streamId.replace(/^order-/, '');
        const data = e.data as { details?: { caseNumber?: string; form?: string; court?: { ori?: string } } };
        if (!['DraftCreated', 'DraftUpdated', 'OrderAdded'].includes(e.type) || !data.details) continue;
        const k = known.get(orderId) ?? {};
        if (data.details.caseNumber) k.caseKey = caseNumberKey(data.details.caseNumber);
        if (data.details.form) k.form = data.details.form;
        if (data.details.court?.ori) k.courtOri = data.details.court.ori;
        known.set(orderId, k);
      }
      const last = page[page.length - 1];
      if (last) after = last.globalPosition;
      if (page.length < 1000) return;
    }
  };
  return async ({ caseNumber, formNumber, courtOri }) => {
    await catchUp();
    const key = caseNumberKey(caseNumber);
    for (const [orderId, k] of known) {
      if (k.caseKey === key && k.form === formNumber && (courtOri === undefined || k.courtOri === undefined || k.courtOri === courtOri)) return orderId;
    }
    return undefined;
  };
};
