import { loadConfig } from '../config/config';
import { createApp } from '../http/app';

/**
 * A stand-in for every service: any property read or call yields another stand-in, so the routes
 * can be registered (their handlers are never called) without opening a store, a port or a file.
 */
const inert = (): unknown =>
  new Proxy(function inertService() {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => 0 : key === 'then' ? undefined : inert()),
    apply: () => inert(),
    construct: () => inert() as object,
  });

/**
 * The OpenAPI document exactly as `serve` publishes it at /api/v1/openapi.json, built from the same
 * route declarations but without a store: what `ccpor openapi` prints and the web application's
 * typed client is generated from (ADR 0051).
 */
export const openApiDocumentWithoutStore = (): ReturnType<typeof createApp>['document'] => {
  // The configuration's defaults, not the environment's: the document does not depend on settings.
  const config = loadConfig({ CCPOR_STORE: 'memory' });
  const services = new Proxy(inert() as Parameters<typeof createApp>[0], { get: (target, key) => (key === 'config' ? config : Reflect.get(target, key)) });
  return createApp(services).document;
};
