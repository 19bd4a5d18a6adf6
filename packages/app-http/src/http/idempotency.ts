import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { canonicalJson } from '@ccpor/domain';
import { Problem } from './problem';

interface Saved {
  readonly bodyHash: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  readonly at: number;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location', 'x-ccpor-position'];

/**
 * Idempotency keys on POST (draft IETF httpapi-idempotency-key-header): the first response to a
 * key is kept and replayed for a retry with the same body; the same key with another body is 422,
 * and a retry while the first request is still running is 409. Keys are per caller, kept for
 * `ttlMs` in memory: a client retries within minutes, and a restart loses only the replay (the
 * command itself is guarded by If-Match or by the order's state).
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Saved>();

  constructor(
    private readonly ttlMs = 24 * 3600_000,
    private readonly maxEntries = 100_000,
  ) {}

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const key = req.get('idempotency-key');
      // A multipart upload has no JSON body to key the replay on; its retry is caught by the order
      // itself (IMAGE_ALREADY_ATTACHED), so the key is not used there (ADR 0024).
      if (req.method !== 'POST' || key === undefined || typeof req.is('multipart/form-data') === 'string') return next();
      if (!KEY.test(key)) return next(new Problem(400, 'INVALID_IDEMPOTENCY_KEY', 'Invalid request', 'Idempotency-Key must be 1–255 visible ASCII characters.', { field: 'Idempotency-Key' }));
      const principal = res.locals.principal as { userId: string; kind: string } | undefined;
      const scoped = `${principal?.kind}:${principal?.userId}:${req.method}:${req.originalUrl.split('?')[0]}:${key}`;
      const bodyHash = createHash('sha256').update(canonicalJson(req.body ?? null)).digest('hex');
      this.expire();
      const saved = this.entries.get(scoped);
      if (saved) {
        if (saved.bodyHash !== bodyHash)
          return next(new Problem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was used with a different request body.', { field: 'Idempotency-Key' }));
        if (saved.status === undefined)
          return next(new Problem(409, 'IDEMPOTENCY_KEY_IN_USE', 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', { field: 'Idempotency-Key' }));
        for (const [h, v] of Object.entries(saved.headers ?? {})) res.setHeader(h, v);
        res.setHeader('Idempotent-Replayed', 'true');
        return res
          .status(saved.status)
          .type(saved.status >= 400 ? 'application/problem+json' : 'application/json')
          .send(JSON.stringify(saved.body));
      }
      const entry: Saved = { bodyHash, at: Date.now() };
      this.entries.set(scoped, entry);
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        entry.body = body;
        return json(body);
      };
      res.on('finish', () => {
        // Server errors are not kept: the client should be able to retry them.
        if (res.statusCode >= 500 || entry.body === undefined) {
          this.entries.delete(scoped);
          return;
        }
        entry.status = res.statusCode;
        entry.headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (res.getHeader(h) !== undefined ? [[h, String(res.getHeader(h))]] : [])));
      });
      next();
    };
  }

  private expire(): void {
    const cutoff = Date.now() - this.ttlMs;
    for (const [k, v] of this.entries) {
      if (v.at >= cutoff && this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
  }
}
