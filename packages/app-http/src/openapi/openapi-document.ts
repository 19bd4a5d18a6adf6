import type { Operation } from '../http/api-router';
import { toJsonSchema } from './io-ts-schema';

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable error code (DomainError code or an HTTP-level one)' },
    field: { type: 'string', description: 'The input at fault' },
    rule: { type: 'string', description: 'The rule and its source' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
    instance: { type: 'string' },
  },
};

const HEADER_DOCS: Record<string, { description: string; schema: Record<string, unknown> }> = {
  'If-Match': { description: 'The ETag (stream version) the change is based on; a mismatch answers 412.', schema: { type: 'string' } },
  'Idempotency-Key': { description: 'A unique key per intended change; a retry with the same key and body replays the first answer.', schema: { type: 'string', maxLength: 255 } },
  Range: { description: 'One byte range, e.g. `bytes=0-1023`, `bytes=1024-` or `bytes=-500` (RFC 9110 §14); answered 206, or 416 past the end.', schema: { type: 'string' } },
  'If-Range': { description: 'The ETag the client holds; the Range is honoured only if it still matches.', schema: { type: 'string' } },
  'If-None-Match': { description: 'The ETag the client holds; 304 when it matches.', schema: { type: 'string' } },
};

/** `/orders/:orderId` → `/orders/{orderId}` */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The OpenAPI 3.1 document, built from the operations the router registered. */
export const openApiDocument = (operations: readonly Operation<never, never>[], version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = `/api/v1${openApiPath(op.path)}`;
    const params = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const querySchema = op.query ? toJsonSchema(op.query as never) : undefined;
    const queryParams = querySchema?.properties
      ? Object.entries(querySchema.properties as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    const headerParams = (op.headers ?? []).map((h) => ({ name: h, in: 'header', required: false, ...HEADER_DOCS[h] }));
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[/:-]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(op.auth === false ? { security: [] } : {}),
      parameters: [...params, ...queryParams, ...headerParams],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(op.body as never) } } } } : {}),
      ...(op.requestContent ? { requestBody: { required: true, content: op.requestContent } } : {}),
      responses: {
        [String(op.success)]: { description: 'Success', ...(op.success === 204 ? {} : { content: op.responseContent ?? { 'application/json': { schema: {} } } }) },
        ...Object.fromEntries(Object.entries(op.otherResponses ?? {}).map(([status, description]) => [status, { description }])),
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CCPOR registry API',
      version,
      description: 'Statewide registry of protective orders. Errors are RFC 9457 problems; writes take If-Match and Idempotency-Key; see ADR 0030.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ccpor_session', description: 'Session cookie from POST /api/v1/session; writes also need X-CSRF-Token.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'API key `ccpor_<id>_<secret>` for CMS integrations.' },
      },
      schemas: { Problem: PROBLEM },
    },
    paths,
  };
};
