import * as E from 'fp-ts/Either';
import { MAX_DOCUMENT_BYTES, NIEM_MEDIA_TYPE } from '@ccpor/adapters';
import { OrderId, type Ori, type Clock, type IdGenerator, type CommandHandler } from '@ccpor/domain';
import type { Request } from 'express';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { actorOf } from '../http/principal';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { factsOf } from '../orders/order-facts';
import { orderView } from '../orders/order-view';
import { niemDocumentFor, readNiemDocument } from './niem-documents';

const TAG = 'niem';
const XML_TYPES = ['application/xml', 'text/xml', 'application/*+xml'];

const xmlContent = { 'application/xml': { schema: { type: 'string', description: 'A ccpor:ProtectionOrderExchange document (NIEM 5.2 Justice; docs/niem-protection-order-mapping.md)' } } };

const paramId = (req: Request): OrderId => {
  const r = OrderId.decode(req.params.orderId);
  if (E.isLeft(r)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
  return r.right;
};

/** The request body as text, when it is XML and not larger than a document may be. */
const readXml = async (req: Request): Promise<string> => {
  if (!req.is(XML_TYPES)) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the NIEM document as application/xml.', { field: 'Content-Type' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DOCUMENT_BYTES) throw new Problem(413, 'BODY_TOO_LARGE', 'Request body too large', `A NIEM document may be at most ${MAX_DOCUMENT_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** What the NIEM exchange routes read and write: orders through the command handler. */
export interface NiemRouteNeeds {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
}

/**
 * The NIEM protection-order exchange over HTTP (ADR 0070): an order's document with content
 * negotiation, import of a document as a draft, and validation without import.
 */
export const registerNiemRoutes = (api: ApiRouter, s: NiemRouteNeeds, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/orders/:orderId/niem',
    summary:
      'An order (and its service records) as a NIEM Justice protection-order document. `Accept: application/xml` (default) gives the document; `application/json` gives `{ orderId, version, document, redacted }`. Confidential and minor protected persons are redacted as in the order read',
    tag: TAG,
    success: 200,
    responseContent: { ...xmlContent, 'application/json': { schema: { type: 'object' } } },
    otherResponses: { '406': 'Neither application/xml nor application/json is acceptable' },
    handler: async ({ req, res }) => {
      const orderId = paramId(req);
      const loaded = await s.commands.load(orderId);
      if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
      const { state, version } = loaded.right;
      if (state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
      const p = guard.order(req, res, 'order.read', factsOf(state), orderId);
      const { xml, redacted } = niemDocumentFor(orderId, state, p);
      res.setHeader('ETag', `"${version}"`);
      res.setHeader('Vary', 'Accept');
      const type = req.accepts([NIEM_MEDIA_TYPE, 'application/json']);
      if (type === NIEM_MEDIA_TYPE) {
        if (redacted.length > 0) res.setHeader('X-CCPOR-Redacted', redacted.join(','));
        res.status(200).type(NIEM_MEDIA_TYPE).send(xml);
        return undefined;
      }
      if (type === 'application/json') return { orderId, version, document: xml, redacted };
      throw new Problem(406, 'NOT_ACCEPTABLE', 'Not acceptable', 'This route answers application/xml or application/json.', { field: 'Accept' });
    },
  });

  api.add({
    method: 'post',
    path: '/niem/drafts',
    summary:
      'Import a NIEM protection-order document (application/xml) as a new draft of your agency. Refused with 422 NIEM_DOCUMENT_INVALID listing every error with its XPath (`errors[].field`) and reason. Service records in the document are read and counted (`servicesNotApplied`) but not applied: a draft cannot be served',
    tag: TAG,
    success: 201,
    headers: ['Idempotency-Key'],
    requestContent: xmlContent,
    handler: async ({ req, res }) => {
      // Authorized before the body is read; a sealed draft needs a supervisor, checked once it is known.
      const allowed = guard.order(req, res, 'order.draft', { sealed: false });
      const imported = await readNiemDocument(await readXml(req));
      const p = imported.details.sealed === true ? guard.order(req, res, 'order.draft', { sealed: true }) : allowed;
      const orderId = s.ids.newId() as OrderId;
      const result = await s.commands.handle(
        { type: 'CreateDraft', orderId, enteringAgencyOri: p.agencyOri as Ori, details: imported.details },
        { actor: actorOf(p), correlationId: String(req.id), expectNewStream: true, extra: { source: 'niem-import', ...(imported.sourceOrderId !== undefined ? { sourceOrderId: imported.sourceOrderId } : {}) } },
      );
      if (E.isLeft(result)) throw fromHandlerError(result.left, false);
      const r = result.right;
      res.setHeader('ETag', `"${r.version}"`);
      res.setHeader('Location', `${req.baseUrl}/orders/${orderId}`);
      if (r.position) res.setHeader('X-CCPOR-Position', r.position);
      return {
        ...orderView(orderId, r.state, r.version, p, s.clock.now()),
        ...(imported.sourceOrderId !== undefined ? { sourceOrderId: imported.sourceOrderId } : {}),
        servicesNotApplied: imported.services.length,
      };
    },
  });

  api.add({
    method: 'post',
    path: '/niem/validations',
    summary: 'Check a NIEM protection-order document (application/xml) as the import would, without importing it: `{ valid, errors[] }`, each error with its XPath and reason',
    tag: TAG,
    success: 200,
    requestContent: xmlContent,
    handler: async ({ req, res }) => {
      guard.order(req, res, 'order.draft', { sealed: false });
      const xml = await readXml(req);
      try {
        await readNiemDocument(xml);
        return { valid: true, errors: [] };
      } catch (error) {
        if (error instanceof Problem && error.code === 'NIEM_DOCUMENT_INVALID') return { valid: false, errors: error.extra.errors };
        throw error;
      }
    },
  });
};
