import * as E from 'fp-ts/Either';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type * as t from 'io-ts';
import { decodeExact, decodeWith } from '@ccpor/domain';
import { fromDomainError, Problem } from './problem';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation<B = unknown, Q = unknown> {
  readonly method: Method;
  /** Express path under /api/v1, e.g. `/orders/:orderId`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** false for login and the public discovery routes. */
  readonly auth?: boolean;
  readonly body?: t.Type<B, unknown, unknown>;
  readonly query?: t.Type<Q, unknown, unknown>;
  /** Status codes this operation answers with besides problems. */
  readonly success: number;
  readonly headers?: readonly ('If-Match' | 'Idempotency-Key' | 'X-CCPOR-Wait-For' | 'Range' | 'If-Range' | 'If-None-Match')[];
  /** OpenAPI request content for a body that is not JSON (a multipart upload), read by the handler itself. */
  readonly requestContent?: Record<string, unknown>;
  /** OpenAPI content of the success response when it is not JSON (an image download), and other statuses it answers. */
  readonly responseContent?: Record<string, unknown>;
  readonly otherResponses?: Record<string, string>;
  readonly handler: (ctx: { req: Request; res: Response; body: B; query: Q }) => Promise<unknown> | unknown;
}

/**
 * Registers express routes and records each as an OpenAPI operation, so the document is built
 * from the same definitions (and io-ts codecs) that decode the requests.
 */
export class ApiRouter {
  readonly router: Router = express.Router();
  readonly operations: Operation<never, never>[] = [];

  add<B, Q>(op: Operation<B, Q>): void {
    this.operations.push(op as unknown as Operation<never, never>);
    this.router[op.method](op.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (op.auth !== false && res.locals.principal === undefined) throw new Problem(401, 'UNAUTHENTICATED', 'Not signed in', 'Sign in, or send an API key.');
        // Bodies exactly as documented: a property the codec does not declare, at any depth, is refused (ADR 0037).
        const body = op.body ? decodeOrThrow(op.body, req.body ?? {}, true) : (undefined as B);
        const query = op.query ? decodeOrThrow(op.query, { ...(req.query as object) }, false) : (undefined as Q);
        const result = await op.handler({ req, res, body, query });
        if (!res.headersSent) {
          if (result === undefined) res.status(op.success === 200 ? 204 : op.success).end();
          else res.status(res.statusCode !== 200 ? res.statusCode : op.success).json(result);
        }
      } catch (error) {
        next(error);
      }
    });
  }
}

const decodeOrThrow = <A>(codec: t.Type<A, unknown, unknown>, input: unknown, exact: boolean): A => {
  const r = (exact ? decodeExact(codec) : decodeWith(codec))(input);
  if (E.isLeft(r)) throw fromDomainError(r.left);
  return r.right;
};
