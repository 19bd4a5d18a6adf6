import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';
import { ApiProblem, type ProblemBody } from './problem';

/**
 * The one API client: typed by the registry's OpenAPI document (schema.gen.ts, generated), same
 * origin, session cookie sent by the browser. Changes carry the CSRF token the session gave; a 401
 * on any call but sign-in means the session ended, and the application goes back to sign-in.
 */
let csrfToken: string | undefined;
let sessionEnded: () => void = () => undefined;

export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

export const onSessionEnded = (listener: () => void): void => {
  sessionEnded = listener;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken !== undefined) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && path !== '/api/v1/session') sessionEnded();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost', credentials: 'same-origin' });
api.use(session);

/**
 * A change to an order, sent as the registry's conventions ask (ADR 0030, ADR 0055): the ETag the
 * clerk's page was read at as If-Match (so another user's change in between is a 412, never a
 * silent overwrite), an Idempotency-Key chosen once per intended change (a double click or a retry
 * after a lost connection replays the first answer instead of entering twice), and `?wait=true`
 * so the page read right after sees the change (read-your-writes).
 */
export interface ChangeAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly etag?: string;
  readonly position?: string;
}

export const sendChange = async <T = unknown>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { readonly body?: unknown; readonly form?: FormData; readonly ifMatch?: number; readonly idempotencyKey?: string; readonly wait?: boolean } = {},
): Promise<ChangeAnswer<T>> => {
  const headers: Record<string, string> = {};
  if (csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.form === undefined) headers['Content-Type'] = 'application/json';
  const url = `/api/v1${path}${options.wait === false ? '' : `${path.includes('?') ? '&' : '?'}wait=true`}`;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.form ?? JSON.stringify(options.body ?? {}),
  });
  if (response.status === 401) sessionEnded();
  const text = await response.text();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After') ?? NaN);
    throw new ApiProblem(response.status, (body ?? {}) as Partial<ProblemBody>, Number.isFinite(retry) ? retry : undefined);
  }
  const etag = /"(\d+)"/.exec(response.headers.get('ETag') ?? '')?.[1];
  const position = response.headers.get('X-CCPOR-Position') ?? undefined;
  return { status: response.status, body: body as T, ...(etag ? { etag } : {}), ...(position ? { position } : {}) };
};

/** A key for one intended change: made when the clerk starts it, kept across retries of it. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
