import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { WebConfig } from './web-env';

/** Paths the registry answers itself; everything else that asks for a page is the web application's. */
const NOT_THE_APP = /^\/(api|docs|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the built web application (packages/web) at `/`, same origin as `/api/v1`, so the session
 * cookie and the CSRF token work unchanged (ADR 0050). Hashed assets are cached for a year; every
 * other page address (`/orders/<id>`, `/search?…`) gets `index.html`, so deep links and reloads
 * load the application, which routes in the browser. The content-security policy stays helmet's:
 * scripts from this origin only, none inline.
 */
export const serveWebApp = (app: Express, config: WebConfig, logger: Logger): boolean => {
  const dir = config.dir;
  const indexFile = dir === undefined ? undefined : path.join(dir, 'index.html');
  if (dir === undefined || indexFile === undefined || !existsSync(indexFile)) {
    if (dir !== undefined) logger.warn({ dir }, 'web application not built (no index.html): / shows the API docs; run `npm run build`');
    app.get('/', (_req, res) => {
      res.redirect('/docs/');
    });
    return false;
  }
  // Read once: the page is small and changes only with a new build (and a restart).
  const index = readFileSync(indexFile);
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (NOT_THE_APP.test(req.path) || path.extname(req.path) !== '') return next();
    // The page itself must never be cached: it names the current build's assets.
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(index);
  });
  return true;
};
