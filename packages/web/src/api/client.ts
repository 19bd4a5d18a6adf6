import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';

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
