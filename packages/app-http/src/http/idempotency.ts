import type { NextFunction, Request, Response } from 'express';
import { sha256Hex } from '@ccpor/adapters';
import { canonicalJson, type IdempotencyRecords } from '@ccpor/domain';
import { Problem } from './problem';

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location', 'x-ccpor-position'];

export interface IdempotencySettings {
  /** How long an answer is kept and replayed (CCPOR_IDEMPOTENCY_RETENTION_HOURS). */
  readonly retentionMs: number;
  /** A claim older than this was left by a process that died mid-request; a retry takes it over. */
  readonly claimTimeoutMs: number;
  readonly now: () => number;
}

/**
 * Idempotency keys on POST (draft IETF httpapi-idempotency-key-header): the first response to a
 * key is kept and replayed for a retry with the same body; the same key with another body is 422,
 * and a retry while the first request is still running is 409. Keys are per caller and live in
 * the shared state (ADR 0060): on PostgreSQL every registry process sees them, so a retry that
 * the load balancer sends to another process gets the first answer; they are kept for the
 * retention period (default 24 hours).
 */
export class IdempotencyStore {
  constructor(
    private readonly records: IdempotencyRecords,
    private readonly settings: IdempotencySettings,
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
      const bodyHash = sha256Hex(canonicalJson(req.body ?? null));
      this.records
        .claim(scoped, bodyHash, { now: this.settings.now(), claimTimeoutMs: this.settings.claimTimeoutMs, retentionMs: this.settings.retentionMs })
        .then((claim) => {
          if (claim.kind !== 'claimed' && claim.bodyHash !== bodyHash)
            return next(new Problem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was used with a different request body.', { field: 'Idempotency-Key' }));
          if (claim.kind === 'in-progress')
            return next(new Problem(409, 'IDEMPOTENCY_KEY_IN_USE', 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', { field: 'Idempotency-Key' }));
          if (claim.kind === 'completed') {
            const { answer } = claim;
            for (const [h, v] of Object.entries(answer.headers)) res.setHeader(h, v);
            res.setHeader('Idempotent-Replayed', 'true');
            res
              .status(answer.status)
              .type(answer.status >= 400 ? 'application/problem+json' : 'application/json')
              .send(answer.body);
            return;
          }
          // The answer is stored before it is sent: a retry that reaches another process the moment
          // the client has the answer must find it there, not the claim still in progress.
          let stored = false;
          const json = res.json.bind(res);
          res.json = (value: unknown) => {
            if (res.statusCode >= 500) return json(value);
            stored = true;
            const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (res.getHeader(h) !== undefined ? [[h, String(res.getHeader(h))]] : [])));
            this.records
              .complete(scoped, { status: res.statusCode, headers, body: JSON.stringify(value) }, this.settings.now())
              .catch((err: unknown) => req.log?.error({ err }, 'idempotency answer not stored'))
              .finally(() => json(value));
            return res;
          };
          res.on('close', () => {
            // Server errors, aborted requests (and answers that were not JSON) are not kept: the client should be able to retry them.
            if (!stored) this.records.release(scoped).catch((err: unknown) => req.log?.error({ err }, 'idempotency key not released'));
          });
          next();
        })
        .catch(next);
    };
  }
}
