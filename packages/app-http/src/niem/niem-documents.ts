import * as E from 'fp-ts/Either';
import { exportProtectionOrder, importProtectionOrder, NiemExportError, type ImportedOrder, type ImportProblem } from '@ccpor/adapters';
import { redactDetails, type OrderState, type Principal } from '@ccpor/domain';
import { factsOf } from '../orders/order-facts';
import { Problem } from '../http/problem';
import { niemValidator } from './niem-validator';

/** The NIEM document of an order as this caller may see it; `redacted` lists what was hidden. */
export const niemDocumentFor = (orderId: string, state: OrderState, p: Principal): { xml: string; redacted: readonly string[] } => {
  if (state.status !== 'draft' && state.status !== 'issued') {
    throw new Problem(409, 'NOT_EXPORTABLE', 'Conflict', `A ${state.status} order has no document to export.`, { field: 'orderId' });
  }
  // Confidential and minor protected persons are hidden from those the policy does not let see them (Fam. Code 6301.5).
  const redaction = redactDetails(state.details, p, factsOf(state));
  try {
    const xml = exportProtectionOrder({ orderId, state: { ...state, details: redaction.value } as typeof state });
    return { xml, redacted: redaction.redacted.map((r) => `details.${r}`) };
  } catch (error) {
    if (error instanceof NiemExportError) throw new Problem(422, error.code, 'Cannot export', error.message);
    throw error;
  }
};

/** Reads a document into a draft's details, or the problem listing every error with its XPath. */
export const readNiemDocument = async (xml: string): Promise<ImportedOrder> => {
  const r = await importProtectionOrder(xml, niemValidator());
  if (E.isLeft(r)) throw invalidDocument(r.left);
  return r.right;
};

export const invalidDocument = (problems: readonly ImportProblem[]): Problem =>
  new Problem(422, 'NIEM_DOCUMENT_INVALID', 'Invalid NIEM document', `The document has ${problems.length} error${problems.length === 1 ? '' : 's'}; each names its XPath.`, {
    errors: problems.map((p) => ({ field: p.xpath, reason: p.reason, ...(p.line !== undefined ? { line: p.line } : {}) })),
  });
