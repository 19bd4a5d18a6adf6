import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem';

/** The deepest JSON a request body may nest: the API's own bodies go six levels deep. */
export const MAX_JSON_DEPTH = 32;

/** `100kb`, `1mb`, `512b` (the CCPOR_BODY_LIMIT format) in bytes. */
export const bytesOf = (limit: string): number => {
  const m = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!m) throw new Error(`not a size: ${limit}`);
  return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[m[2]!.toLowerCase() as 'b' | 'kb' | 'mb'];
};

/**
 * Answers a problem and closes the connection once the answer is out: a client still sending a
 * body we will not read must not keep the socket (the server would otherwise read and drop the
 * rest, for as long as the client cares to send).
 */
export const answerAndHangUp = (req: Request, res: Response, problem: Problem): void => {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.setHeader('Connection', 'close');
  res.on('finish', () => {
    // Half-close first so the answer reaches the client, then let go whatever it still sends.
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 1000).unref();
  });
  res.status(problem.status).type('application/problem+json').json(problem.body(String(req.id ?? '')));
};

export interface RequestLimits {
  /** Largest JSON body (CCPOR_BODY_LIMIT), in bytes. */
  readonly jsonBytes: number;
  /** A route that reads its own body (an image upload): the most it takes and how it refuses more; undefined when the route takes JSON. */
  readonly rawBody: (req: Request) => { readonly bytes: number; readonly tooLarge: (declared: string) => Problem } | undefined;
  /** Longest a client may take to send a JSON body. */
  readonly bodyTimeoutMs: number;
}

const hasBody = (req: Request): boolean => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Before anything else reads a request (authentication included): a declared Content-Length above
 * the largest body the route could accept is refused at once, 413, and the connection closed;
 * a JSON body that does not arrive within `bodyTimeoutMs` is answered 408 and the connection
 * closed, so neither a promised terabyte nor a client dribbling bytes holds a socket (ADR 0037).
 * Uploads, which may be large on slow links, are bounded by the server's requestTimeout instead.
 */
export const requestLimits =
  (limits: RequestLimits) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const raw = limits.rawBody(req);
    const largest = raw?.bytes ?? limits.jsonBytes;
    const declared = req.headers['content-length'];
    if (declared !== undefined && (!/^\d{1,20}$/.test(declared) || Number(declared) > largest)) {
      const problem =
        raw?.tooLarge(declared) ??
        new Problem(413, 'BODY_TOO_LARGE', 'Request body too large', `The request declares ${declared} bytes; this route accepts at most ${largest}.`, { rule: 'CCPOR_BODY_LIMIT', limitBytes: largest });
      answerAndHangUp(req, res, problem);
      return;
    }
    if (raw === undefined && hasBody(req)) {
      const timer = setTimeout(() => {
        answerAndHangUp(req, res, new Problem(408, 'BODY_TIMEOUT', 'Request body too slow', `The request body did not arrive within ${limits.bodyTimeoutMs} ms.`, { rule: 'CCPOR_BODY_TIMEOUT_MS' }));
      }, limits.bodyTimeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      req.once('end', clear);
      req.once('close', clear);
      res.once('finish', clear);
    }
    next();
  };

/**
 * The deepest nesting of a JSON text, found by one pass over its bytes (strings skipped), so a
 * body nested thousands of levels deep is refused before JSON.parse or any decoder recurses
 * into it. Returns as soon as `max` is passed.
 */
export const jsonDepthExceeds = (buf: Buffer, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
};

/** express.json's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH (answered 400 JSON_TOO_DEEP). */
export const refuseDeepJson = (_req: Request, _res: Response, buf: Buffer): void => {
  if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' });
  }
};
